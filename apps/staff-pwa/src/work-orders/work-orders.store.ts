/**
 * The technician's work orders: download my jobs and the pool while online (pull), and make every step —
 * grab, accept, decline, start, hold, resume, complete — an outbox command (push, through ../offline), so it
 * works with no signal. A download replaces only the cached server copies; the steps stay in the outbox
 * until the server answers, so a pull never overwrites a step waiting to sync.
 */
import { decideTransition, type TransitionRefusal, type WorkOrderCommand } from '@pm/domain';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../api/client';
import { downloadMyWorkOrders, fetchWorkOrderPhoto, getWorkOrderSettings } from '../api/work-orders-tech';
import { enqueue, getDb, listCommands, newId, type StaffDb, useSyncStore } from '../offline';
import { useSessionStore } from '../stores/session';
import { absorbServerCopy, cachePhotos, photosToCache, saveDownload } from './cache';
import { commandsOf, type JobStep, type JobView, technicianOn } from './merge';
import { WORK_ORDER_COMMAND_TYPE, type WorkOrderCommandPayload, type WorkOrderDetail } from './types';

/** The outbox group of one technician's steps: the sync bar counts them apart from readings and from a colleague's. */
export function workOrderGroup(owner: string): string {
  return `work-orders:${owner}`;
}

/**
 * The time of a step: the phone's clock, but never before the order was submitted — a phone whose clock
 * runs behind the server's would otherwise make a step the rules refuse (`before_submitted`) for a job
 * grabbed the minute it came in.
 */
export function stepTime(order: Pick<WorkOrderDetail, 'submittedAt'>, now: Date): Date {
  const submitted = Date.parse(order.submittedAt);
  return Number.isFinite(submitted) && now.getTime() < submitted ? new Date(submitted) : now;
}

export interface ActInput {
  /** The command's fields (reason, completion notes, materials…), without `at`, `from` and photo ids. */
  input?: Record<string, unknown>;
  /** Completion photos taken on the phone (already downscaled): stored with the command, uploaded after it syncs. */
  photos?: Blob[];
  /** When it was done (defaults to now). */
  at?: Date;
}

export type ActResult = { ok: true; commandId: string } | { ok: false; refusal: TransitionRefusal };

export const useTechWorkOrdersStore = defineStore('work-orders-tech', () => {
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

  async function settingsOf(estateIds: readonly string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const estateId of estateIds) {
      try {
        out[estateId] = await getWorkOrderSettings(estateId);
      } catch (e) {
        // Refused (the role may not read settings) or gone: the last known settings stay, if any.
        if (e instanceof ApiError && e.isNetwork) throw e;
      }
    }
    return out;
  }

  /**
   * Downloads my jobs and the pool, the settings of their estates (price list, policy) and the report
   * photos of my jobs. Returns false (keeping the cache) when offline or refused.
   */
  async function refresh(now = new Date()): Promise<boolean> {
    const session = useSessionStore();
    const owner = session.me?.id;
    if (!owner || refreshing.value) return false;
    refreshing.value = true;
    try {
      const download = await downloadMyWorkOrders();
      const d = database();
      // Orders my waiting or rejected steps are about stay on the phone even when no longer listed.
      const keep = new Set(
        commandsOf(await listCommands({ type: WORK_ORDER_COMMAND_TYPE }, d), owner)
          .filter((c) => c.status !== 'synced')
          .map((c) => c.payload.workOrderId),
      );
      const estates = [...new Set([...download.jobs, ...download.pool].map((o) => o.estateId))];
      let settings: Record<string, unknown> = {};
      try {
        settings = await settingsOf(estates);
      } catch {
        // The network went half-way through: the orders are worth keeping without new settings.
      }
      await saveDownload(d, owner, download, { keep, settings, now });
      await cachePhotos(d, photosToCache(download), fetchWorkOrderPhoto, now);
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
   * One step on a job, checked with the same rule the server runs (`decideTransition` on the order as the
   * phone shows it), then saved durably in the outbox with its photos. A refusal (a required field missing,
   * a value the rules refuse) is returned for the form to show; nothing is saved then.
   */
  async function act(view: JobView, command: WorkOrderCommand, options: ActInput = {}): Promise<ActResult> {
    const session = useSessionStore();
    const owner = session.me?.id;
    if (!owner) throw new Error('not signed in');
    const at = stepTime(view.order, options.at ?? new Date());
    const photos = (options.photos ?? []).map((blob) => ({ id: newId(), blob }));
    const input: Record<string, unknown> = { ...options.input };
    if (photos.length > 0) input.completionPhotos = [...((input.completionPhotos as string[] | undefined) ?? []), ...photos.map((p) => p.id)];
    const decision = decideTransition(view.order, command, technicianOn(view.order, owner), { ...input, at: at.toISOString(), from: view.order.state }, view.policy);
    if (!decision.ok) return { ok: false, refusal: decision };
    const payload: WorkOrderCommandPayload = { workOrderId: view.id, command, from: view.order.state, input };
    const d = database();
    // Steps on a job only make sense in the order they were made (accept before start), and the outbox sends
    // by `createdAt`: never give a step a time at or before the last one's — two taps in one millisecond, or a
    // clock set back, would otherwise let the later step overtake the earlier and be refused as stale.
    const last = await d.outbox.orderBy('createdAt').last();
    const created = Math.max(Date.now(), last ? Date.parse(last.createdAt) + 1 : 0);
    const saved = await enqueue({ type: WORK_ORDER_COMMAND_TYPE, payload, at, group: workOrderGroup(owner), owner, blobs: photos }, { db: d, now: () => created });
    // …but it may go out now, not only once the clock has caught up with that time.
    if (saved.nextAttemptAt > Date.now()) await d.outbox.update(saved.id, { nextAttemptAt: Date.now() });
    void useSyncStore().flushNow();
    return { ok: true, commandId: saved.id };
  }

  /**
   * The technician has seen a rejected step: the server's state it came back with is kept as the cached
   * copy (if newer), then the step and its photos leave the outbox.
   */
  async function dismiss(step: JobStep): Promise<boolean> {
    const owner = useSessionStore().me?.id;
    const current = step.rejection?.current as WorkOrderDetail | undefined;
    if (owner && typeof current?.id === 'string' && typeof current.state === 'string') await absorbServerCopy(database(), owner, current);
    return useSyncStore().dismiss(step.commandId);
  }

  return { refreshing, lastError, configure, refresh, act, dismiss };
});
