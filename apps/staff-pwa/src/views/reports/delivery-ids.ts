/**
 * The client-made ids of the `notice` reminders recorded when a printed batch of 催缴通知书 is marked as
 * delivered, one per unit, kept on this device per batch. Pressing "mark delivered" again — after a
 * failure, a lost answer, a reload — sends the same ids, and the API answers the stored reminder for an id
 * it has seen: a retry never records a delivery twice. Batches older than two weeks are forgotten.
 */
import { newIdempotencyKey } from '../cashier/pay';

const PREFIX = 'pm.reminders.delivery:';
const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

interface StoredBatch {
  /** ms since the epoch, for forgetting old batches. */
  at: number;
  /** unitId → reminder id */
  ids: Record<string, string>;
  /** Units whose reminder the server has confirmed. */
  done: string[];
}

/** One printed batch: the node, the filters, the dates and the page of the notices. */
export function batchKey(parts: readonly (string | number | undefined)[]): string {
  return PREFIX + parts.map((p) => (p === undefined ? '' : String(p))).join('|');
}

function read(key: string): StoredBatch | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredBatch>) : null;
    if (!parsed || typeof parsed.ids !== 'object' || parsed.ids === null || !Array.isArray(parsed.done)) return null;
    return { at: typeof parsed.at === 'number' ? parsed.at : 0, ids: parsed.ids, done: parsed.done };
  } catch {
    return null;
  }
}

function write(key: string, batch: StoredBatch): void {
  try {
    localStorage.setItem(key, JSON.stringify(batch));
  } catch {
    // storage full or disabled: the ids still hold for this page's life
  }
}

function forgetOld(now: number): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const b = read(k);
      if (!b || now - b.at > MAX_AGE_MS) localStorage.removeItem(k);
    }
  } catch {
    // nothing to tidy
  }
}

/** The batch's ids for these units: the stored ones, and new ones (stored at once) for the others. */
export function deliveryIds(key: string, unitIds: readonly string[], now = Date.now()): { ids: Record<string, string>; done: Set<string> } {
  forgetOld(now);
  const batch = read(key) ?? { at: now, ids: {}, done: [] };
  for (const unitId of unitIds) batch.ids[unitId] ??= newIdempotencyKey();
  write(key, batch);
  return { ids: { ...batch.ids }, done: new Set(batch.done) };
}

/** The server confirmed the unit's reminder. */
export function markDelivered(key: string, unitId: string): void {
  const batch = read(key);
  if (!batch || batch.done.includes(unitId)) return;
  batch.done.push(unitId);
  write(key, batch);
}
