/**
 * The technician's downloaded work orders in IndexedDB (schema v3: `workOrders`, `workOrderDownloads`,
 * `workOrderPhotos`). Only the server's side lives here; what the technician did lives in the outbox, so
 * a fresh download replaces these rows without ever touching a step waiting to sync.
 */
import type { CachedWorkOrder, StaffDb, WorkOrderDownload } from '../offline/db';
import type { MyWorkOrdersDownload, WorkOrderDetail } from './types';

/** A cached order, typed. */
export interface CachedOrder {
  list: CachedWorkOrder['list'];
  order: WorkOrderDetail;
  storedAt: string;
}

/**
 * The server's version of an order copy: the time (ms) it last received something for it — the newest
 * event's `receivedAt`. Every command writes an event, so of two copies of one order the one with the
 * later event is the later state, whichever way it reached the phone (download, sync answer, rejection).
 */
export function serverVersion(order: Pick<WorkOrderDetail, 'events' | 'submittedAt'>): number {
  let v = Date.parse(order.submittedAt);
  for (const e of order.events ?? []) {
    const t = Date.parse(e.receivedAt);
    if (t > v) v = t;
  }
  return Number.isNaN(v) ? 0 : v;
}

/**
 * Stores a download for `owner` in one transaction: its jobs and pool replace the previous download.
 * Orders no longer listed are dropped unless `keep` names them (a step of this person still waits to
 * sync or to be seen: the screen must still show what it was about).
 */
export async function saveDownload(
  db: StaffDb,
  owner: string,
  download: MyWorkOrdersDownload,
  options: { keep?: ReadonlySet<string>; settings?: Record<string, unknown>; now?: Date } = {},
): Promise<void> {
  const storedAt = (options.now ?? new Date()).toISOString();
  const rows: CachedWorkOrder[] = [
    ...download.jobs.map((order) => ({ owner, id: order.id, list: 'job' as const, order, storedAt })),
    // An order both assigned to me and in the pool cannot be; if the server ever sent it twice, the job wins.
    ...download.pool.filter((p) => !download.jobs.some((j) => j.id === p.id)).map((order) => ({ owner, id: order.id, list: 'pool' as const, order, storedAt })),
  ];
  const listed = new Set(rows.map((r) => r.id));
  await db.transaction('rw', db.workOrders, db.workOrderDownloads, async () => {
    const previous = await db.workOrders.where('owner').equals(owner).toArray();
    const drop = previous.filter((r) => !listed.has(r.id) && !options.keep?.has(r.id)).map((r) => [owner, r.id] as [string, string]);
    await db.workOrders.bulkDelete(drop);
    const kept = previous.filter((r) => !listed.has(r.id) && options.keep?.has(r.id)).map((r) => ({ ...r, list: 'kept' as const }));
    await db.workOrders.bulkPut([...rows, ...kept]);
    const before = await db.workOrderDownloads.get(owner);
    const meta: WorkOrderDownload = {
      owner,
      downloadedAt: storedAt,
      serverTime: download.serverTime,
      // Settings the server would not give this time (offline half-way, no permission) stay as last known.
      settings: { ...before?.settings, ...options.settings },
    };
    await db.workOrderDownloads.put(meta);
  });
}

/**
 * Puts a copy of an order the server sent outside a download (a sync answer, a rejection's current
 * state) into the cache, if it is newer than the cached one. A rejected step is then gone from the
 * outbox once the technician has seen it, and the server's state it came back with stays on screen.
 */
export async function absorbServerCopy(db: StaffDb, owner: string, order: WorkOrderDetail, now = new Date()): Promise<boolean> {
  return db.transaction('rw', db.workOrders, async () => {
    const cached = await db.workOrders.get([owner, order.id]);
    if (cached && serverVersion(cached.order as WorkOrderDetail) > serverVersion(order)) return false;
    await db.workOrders.put({ owner, id: order.id, list: cached?.list ?? 'kept', order, storedAt: now.toISOString() });
    return true;
  });
}

/** This person's cached orders. */
export async function cachedOrders(db: StaffDb, owner: string): Promise<CachedOrder[]> {
  const rows = await db.workOrders.where('owner').equals(owner).toArray();
  return rows.map((r) => ({ list: r.list, order: r.order as WorkOrderDetail, storedAt: r.storedAt }));
}

/** One cached order of this person, or null. */
export async function cachedOrder(db: StaffDb, owner: string, id: string): Promise<CachedOrder | null> {
  const r = await db.workOrders.get([owner, id]);
  return r ? { list: r.list, order: r.order as WorkOrderDetail, storedAt: r.storedAt } : null;
}

export function lastDownload(db: StaffDb, owner: string): Promise<WorkOrderDownload | undefined> {
  return db.workOrderDownloads.get(owner);
}

// ---- report photos -----------------------------------------------------------------------------------

/**
 * At most this many report photos are kept per download: residents' photos are compressed on their phone
 * (a few hundred KB each), so this is some 10–20 MB — enough for a day's jobs, not the whole estate's pool.
 */
export const MAX_CACHED_PHOTOS = 60;

/** The report photos worth keeping: my open jobs' first, most urgent deadline first, up to the limit. */
export function photosToCache(download: MyWorkOrdersDownload, limit = MAX_CACHED_PHOTOS): string[] {
  const jobs = [...download.jobs].sort((a, b) => Date.parse(a.completeDueAt) - Date.parse(b.completeDueAt));
  const ids: string[] = [];
  for (const job of jobs) {
    for (const p of job.photos?.report ?? []) {
      if (ids.length >= limit) return ids;
      if (!ids.includes(p.id)) ids.push(p.id);
    }
  }
  return ids;
}

/**
 * Fetches the photos not cached yet (a photo id always names the same bytes) and forgets cached photos no
 * cached order of anyone on this phone refers to any more. A photo that fails to download is skipped: it
 * shows online only. Returns how many were fetched.
 */
export async function cachePhotos(db: StaffDb, wanted: readonly string[], fetchPhoto: (id: string) => Promise<Blob>, now = new Date()): Promise<number> {
  const have = new Set((await db.workOrderPhotos.bulkGet([...wanted])).filter((p) => p !== undefined).map((p) => p.id));
  let fetched = 0;
  for (const id of wanted) {
    if (have.has(id)) continue;
    let blob: Blob;
    try {
      blob = await fetchPhoto(id);
    } catch {
      continue;
    }
    await db.workOrderPhotos.put({ id, blob, contentType: blob.type || 'image/jpeg', cachedAt: now.toISOString() });
    fetched += 1;
  }
  await db.transaction('rw', db.workOrders, db.workOrderPhotos, async () => {
    const referenced = new Set<string>(wanted);
    await db.workOrders.each((r) => {
      for (const p of (r.order as WorkOrderDetail).photos?.report ?? []) referenced.add(p.id);
    });
    const stale = (await db.workOrderPhotos.toCollection().primaryKeys()).filter((id) => !referenced.has(id));
    await db.workOrderPhotos.bulkDelete(stale);
  });
  return fetched;
}

/** The cached photos among `ids` (id → blob). */
export async function cachedPhotos(db: StaffDb, ids: readonly string[]): Promise<Map<string, Blob>> {
  const rows = await db.workOrderPhotos.bulkGet([...ids]);
  return new Map(rows.filter((r) => r !== undefined).map((r) => [r.id, r.blob]));
}
