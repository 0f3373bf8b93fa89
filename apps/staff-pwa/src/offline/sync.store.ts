/**
 * The outbox for screens: live counts (overall and per group), the engine's state, and the actions a
 * screen needs. main.ts calls `useSyncStore().start()` once; screens enqueue through `enqueue()` so the
 * command is sent right away when the network is there.
 */
import { liveQuery, type Subscription } from 'dexie';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getDb, type OutboxCommand, type StaffDb } from './db';
import { getDeviceId } from './device';
import {
  counts as readCounts,
  dismissRejected,
  type EnqueueInput,
  emptyCounts,
  enqueue as enqueueCommand,
  type OutboxCounts,
  retryRejected,
  type StatusCounts,
} from './outbox';
import { createSyncEngine, type FlushReport, type SyncEngine, type SyncEngineOptions } from './sync';

export type SyncStoreOptions = Partial<SyncEngineOptions>;

export const useSyncStore = defineStore('sync', () => {
  const counts = shallowRef<OutboxCounts>({ total: emptyCounts(), byGroup: {}, blobsPending: 0 });
  const online = ref(true);
  const flushing = ref(false);
  const lastSyncAt = ref<string | null>(null);
  const lastError = ref<string | null>(null);
  const authRequired = ref(false);

  const pending = computed(() => counts.value.total.pending);
  const syncing = computed(() => counts.value.total.syncing);
  const synced = computed(() => counts.value.total.synced);
  const rejected = computed(() => counts.value.total.rejected);
  /** Not yet confirmed by the server (pending + syncing). */
  const waiting = computed(() => pending.value + syncing.value);
  const blobsPending = computed(() => counts.value.blobsPending);

  let db: StaffDb | null = null;
  let engine: SyncEngine | null = null;
  let unsubscribeState: (() => void) | null = null;
  let countsSubscription: Subscription | null = null;

  function groupCounts(group: string): StatusCounts {
    return counts.value.byGroup[group] ?? emptyCounts();
  }

  function teardown() {
    engine?.stop();
    unsubscribeState?.();
    countsSubscription?.unsubscribe();
    engine = null;
    unsubscribeState = null;
    countsSubscription = null;
  }

  /** Binds the store to a database and engine (defaults: the app's db, global fetch, this device's id). */
  function configure(options: SyncStoreOptions = {}): SyncEngine {
    teardown();
    const boundDb = options.db ?? getDb();
    db = boundDb;
    const next = createSyncEngine({ ...options, db: boundDb, deviceId: options.deviceId ?? getDeviceId() });
    engine = next;
    unsubscribeState = next.subscribe((s) => {
      online.value = s.online;
      flushing.value = s.flushing;
      lastSyncAt.value = s.lastSyncAt;
      lastError.value = s.lastError;
      authRequired.value = s.authRequired;
    });
    countsSubscription = liveQuery(() => readCounts(boundDb)).subscribe({
      next: (value) => {
        counts.value = value;
      },
      error: (e: unknown) => {
        lastError.value = e instanceof Error ? e.message : String(e);
      },
    });
    return next;
  }

  function ensure(): { engine: SyncEngine; db: StaffDb } {
    const e = engine ?? configure();
    return { engine: e, db: db! };
  }

  /** Starts syncing (flush now, on online/visible, on a timer). Pass options to rebind (tests). */
  function start(options?: SyncStoreOptions) {
    const e = options || !engine ? configure(options) : engine;
    e.start();
  }

  function stop() {
    teardown();
  }

  /** The person asked to sync: what waits for a backoff is tried now too. */
  function flushNow(): Promise<FlushReport> {
    return ensure().engine.flush({ now: true });
  }

  /** Durably adds a command, then tries to send it (without waiting for the network). */
  async function enqueue<P>(input: EnqueueInput<P>): Promise<OutboxCommand<P>> {
    const { engine: e, db: d } = ensure();
    const command = await enqueueCommand(input, { db: d });
    void e.flush();
    return command;
  }

  /** The user dealt with a rejected command: it is deleted with its photos. */
  function dismiss(id: string): Promise<boolean> {
    return dismissRejected(id, ensure().db);
  }

  /** Sends a rejected command again unchanged (see retryRejected for when that makes sense). */
  async function retry(id: string): Promise<boolean> {
    const { engine: e, db: d } = ensure();
    const moved = await retryRejected(id, d);
    if (moved) void e.flush();
    return moved;
  }

  return {
    counts,
    pending,
    syncing,
    synced,
    rejected,
    waiting,
    blobsPending,
    online,
    flushing,
    lastSyncAt,
    lastError,
    authRequired,
    groupCounts,
    configure,
    start,
    stop,
    flushNow,
    enqueue,
    dismiss,
    retry,
  };
});
