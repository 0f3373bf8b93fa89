/**
 * The meter reader's work: download my routes while online (pull), and record readings offline through
 * the outbox. A download replaces only the cached server state; the reader's own readings live in the
 * outbox until the server confirms them, so a pull never overwrites a pending reading.
 */
import { type MeterReplacement, periodOf, type ReadingExplanation, shiftPeriod } from '@pm/domain';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { downloadRoute, listMyRoutes } from '../api/reading';
import { getDb, listCommands, newId, type StaffDb, useSyncStore } from '../offline';
import { useSessionStore } from '../stores/session';
import { forgetRoutesExcept, saveRoute } from './route-cache';
import { READING_COMMAND, type ReadingPayload } from './types';

export interface RecordInput {
  routeId: string;
  period: string;
  meterId: string;
  value: string;
  explanation?: ReadingExplanation | undefined;
  replacement?: MeterReplacement | undefined;
  note?: string | undefined;
  photos?: Blob[] | undefined;
  /** When it was read (defaults to now). */
  at?: Date | undefined;
}

export const useReadingStore = defineStore('reading', () => {
  const refreshing = ref(false);
  const lastError = ref<unknown>(null);
  let db: StaffDb | null = null;
  const database = () => {
    db ??= getDb();
    return db;
  };

  /** Tests bind their own database. */
  function configure(options: { db?: StaffDb }) {
    db = options.db ?? null;
  }

  /**
   * Downloads my routes of the current and the previous period (a reader may still finish last month's)
   * and forgets routes no longer assigned to me. Returns false (keeping the cache) when offline or refused.
   */
  async function refresh(today = new Date()): Promise<boolean> {
    const session = useSessionStore();
    const owner = session.me?.id;
    if (!owner || refreshing.value) return false;
    refreshing.value = true;
    try {
      const current = periodOf(today);
      const periods = new Set([current, shiftPeriod(current, -1)]);
      const { items } = await listMyRoutes();
      const wanted = items.filter((r) => periods.has(r.period) && r.readerId === owner);
      for (const r of wanted) await saveRoute(database(), await downloadRoute(r.id), owner, today);
      await forgetRoutesExcept(database(), owner, new Set(wanted.map((r) => r.id)));
      lastError.value = null;
      return true;
    } catch (e) {
      lastError.value = e;
      return false;
    } finally {
      refreshing.value = false;
    }
  }

  /**
   * Saves a reading on the phone (durably, with its photos) and lets the outbox send it. An earlier
   * rejected reading of the same meter and period is dismissed: the new one is how the reader dealt with it.
   */
  async function record(input: RecordInput): Promise<string> {
    const session = useSessionStore();
    const sync = useSyncStore();
    const id = newId();
    const payload: ReadingPayload = { meterId: input.meterId, routeId: input.routeId, period: input.period, value: input.value };
    if (input.explanation) payload.explanation = input.explanation;
    if (input.replacement) payload.replacement = input.replacement;
    if (input.note?.trim()) payload.note = input.note.trim();
    await sync.enqueue({
      id,
      type: READING_COMMAND,
      payload,
      at: input.at ?? new Date(),
      group: input.routeId,
      ...(session.me?.id && { owner: session.me.id }),
      blobs: (input.photos ?? []).map((blob) => ({ blob })),
    });
    const rejected = await listCommands({ status: 'rejected', group: input.routeId }, database());
    for (const c of rejected) {
      const p = c.payload as ReadingPayload;
      if (c.type === READING_COMMAND && p.meterId === input.meterId && p.period === input.period) await sync.dismiss(c.id);
    }
    return id;
  }

  return { refreshing, lastError, configure, refresh, record };
});

