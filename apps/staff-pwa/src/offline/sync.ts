/**
 * The sync engine: sends the outbox to the server in batches and uploads the photos of synced commands.
 * Protocol and states: README.md beside this file.
 *
 * - Only one flush runs at a time: in this tab (a promise chain) and across tabs (`navigator.locks`
 *   'pm-outbox-flush' when the browser has it; without it a second tab may resend a command, which the
 *   server answers 'duplicate' — harmless, ids are idempotency keys).
 * - Per command: applied / duplicate → 'synced' (with the server's row), rejected → 'rejected' (never
 *   resent). Network error, 5xx, 408, 409, 429 or an unreadable answer → back to 'pending' with capped,
 *   jittered backoff. 401/403 → nothing changes, `authRequired` is set, the flush stops. Any other 4xx → the
 *   whole batch is rejected with the server's error.
 * - Photos go after their command is synced (so the server can check the command exists and owns the
 *   photo), one `PUT` each, idempotent on the blob id; failures back off like commands.
 */
import Dexie from 'dexie';
import type { OutboxBlob, OutboxCommand, Rejection, StaffDb } from './db';

export interface SyncState {
  /** The browser's idea (online/offline events), corrected by the last request's outcome. */
  online: boolean;
  flushing: boolean;
  /** ISO time of the last answer from the server that was understood. */
  lastSyncAt: string | null;
  lastError: string | null;
  /** The server said 401/403: nothing is sent until the user signs in again (then call flush()). */
  authRequired: boolean;
}

export interface FlushReport {
  sent: number;
  synced: number;
  rejected: number;
  /** Commands put back to wait (network error, 5xx, missing result). */
  retrying: number;
  blobsUploaded: number;
  blobsFailed: number;
  authRequired: boolean;
  /** An unexpected local failure (IndexedDB), if any. */
  error: string | null;
}

/** A non-2xx answer. Thrown by blob uploaders (a custom `uploadBlob` should throw it too). */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncResult {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected';
  result?: unknown;
  reason?: { code: string; message: string; details?: unknown };
  current?: unknown;
}

interface LockRequester {
  request(name: string, callback: () => Promise<FlushReport>): Promise<FlushReport>;
}

export interface SyncEngineOptions {
  db: StaffDb;
  /** Defaults to the global fetch (looked up at call time). */
  fetch?: typeof fetch;
  endpoint?: string;
  /** Photos go to `${blobEndpoint}/{blobId}?commandId=…`. */
  blobEndpoint?: string;
  deviceId: string;
  batchSize?: number;
  now?: () => number;
  /** 0 ≤ x < 1, for the jitter. */
  random?: () => number;
  /** Replaces the default PUT. Throw (a SyncHttpError for an HTTP answer) to have it retried. */
  uploadBlob?: (blob: OutboxBlob) => Promise<void>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** While something waits, flush at least this often (ms). */
  pollMs?: number;
  /** `navigator.locks` by default; null to not use cross-tab locking. */
  locks?: LockRequester | null;
  /**
   * Who is signed in (staff id), or null when nobody is. When given, only commands made by that person
   * (or with no owner) are sent; nothing is sent while it returns null.
   */
  owner?: () => string | null;
}

export interface SyncEngine {
  /**
   * Sends what is due now (`now`: and what waits for a backoff). Never rejects; concurrent calls are
   * serialised (a call made during a flush runs once it ends).
   */
  flush(options?: { now?: boolean }): Promise<FlushReport>;
  /** Flushes now and on `online`, on becoming visible and on a timer while anything waits. */
  start(): void;
  stop(): void;
  getState(): SyncState;
  /** Called at once with the current state, then on every change. Returns the unsubscribe function. */
  subscribe(listener: (state: SyncState) => void): () => void;
}

export const LOCK_NAME = 'pm-outbox-flush';
const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);

/** Backoff before the next try after `attempts` earlier failures: min(max, base·2^attempts) × (0.5…1.5). */
export function backoffDelay(attempts: number, random: () => number, baseDelayMs = 2_000, maxDelayMs = 300_000): number {
  const raw = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts, 30));
  return Math.round(raw * (0.5 + random()));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** The API's one error shape: `{ error: { code, message, details } }`. */
function apiErrorOf(body: unknown, status: number): Rejection {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const out: Rejection = {
    code: typeof err?.code === 'string' ? err.code : `http_${status}`,
    message: typeof err?.message === 'string' ? err.message : `HTTP ${status}`,
  };
  if (err?.details !== undefined) out.details = err.details;
  return out;
}

function retryAfterMs(res: Response, nowMs: number): number {
  const header = res.headers.get('Retry-After');
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - nowMs);
}

function isResults(body: unknown): body is { results: SyncResult[] } {
  const results = (body as { results?: unknown } | null)?.results;
  return Array.isArray(results) && results.every((r) => typeof (r as SyncResult | null)?.id === 'string');
}

type Outcome = 'ok' | 'retry' | 'auth';

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const db = options.db;
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const endpoint = options.endpoint ?? '/api/sync/commands';
  const blobEndpoint = options.blobEndpoint ?? '/api/sync/blobs';
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseDelayMs = options.baseDelayMs ?? 2_000;
  const maxDelayMs = options.maxDelayMs ?? 300_000;
  const pollMs = options.pollMs ?? 30_000;
  const nav = typeof navigator === 'undefined' ? undefined : navigator;

  let state: SyncState = {
    online: nav?.onLine ?? true,
    flushing: false,
    lastSyncAt: null,
    lastError: null,
    authRequired: false,
  };
  const listeners = new Set<(state: SyncState) => void>();
  function setState(patch: Partial<SyncState>) {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  }

  const iso = () => new Date(now()).toISOString();
  const delay = (attempts: number) => backoffDelay(attempts, random, baseDelayMs, maxDelayMs);

  // ---- commands ---------------------------------------------------------------------------------------

  /** Under the flush lock nothing else is sending, so any 'syncing' row was left by a crash or reload. */
  async function resetLeftovers() {
    await db.outbox.where('status').equals('syncing').modify({ status: 'pending' });
  }

  /** Commands the signed-in person may send (see SyncEngineOptions.owner). */
  function sendable(c: OutboxCommand | undefined): boolean {
    if (!options.owner || !c) return true;
    const who = options.owner();
    return who !== null && (c.owner === undefined || c.owner === who);
  }

  /**
   * The next commands to send, oldest first. Within a group (a job, a route) order matters — a work order's
   * "start" must never reach the server before its "accept" — so once a command of a group is waiting for
   * its backoff, the later ones of that group wait with it.
   */
  async function claimBatch(): Promise<OutboxCommand[]> {
    return db.transaction('rw', db.outbox, async () => {
      const t = now();
      const waiting = new Set<string>();
      const due: OutboxCommand[] = [];
      await db.outbox
        .where('[status+createdAt]')
        .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
        .until(() => due.length >= batchSize)
        .each((c) => {
          if (!sendable(c)) return;
          const group = c.group ?? '';
          if (waiting.has(group)) return;
          if (c.nextAttemptAt > t) {
            waiting.add(group);
            return;
          }
          due.push(c);
        });
      if (due.length > 0) {
        await db.outbox.bulkUpdate(due.map((c) => ({ key: c.id, changes: { status: 'syncing' as const } })));
      }
      return due;
    });
  }

  async function retryLater(batch: OutboxCommand[], error: string, minDelayMs = 0) {
    const t = now();
    await db.transaction('rw', db.outbox, async () => {
      for (const c of batch) {
        await db.outbox.update(c.id, {
          status: 'pending',
          attempts: c.attempts + 1,
          nextAttemptAt: t + Math.max(delay(c.attempts), minDelayMs),
          lastError: error,
        });
      }
    });
  }

  async function release(batch: OutboxCommand[]) {
    await db.outbox.bulkUpdate(batch.map((c) => ({ key: c.id, changes: { status: 'pending' as const } })));
  }

  async function sendBatch(batch: OutboxCommand[], report: FlushReport): Promise<Outcome> {
    report.sent += batch.length;
    const body = {
      deviceId: options.deviceId,
      commands: batch.map((c) => ({ id: c.id, type: c.type, at: c.at, payload: c.payload })),
    };
    let res: Response;
    try {
      res = await fetchFn(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (e) {
      const error = `network: ${errorText(e)}`;
      await retryLater(batch, error);
      report.retrying += batch.length;
      setState({ online: false, lastError: error });
      return 'retry';
    }

    if (res.status === 401 || res.status === 403) {
      const err = apiErrorOf(await readJson(res), res.status);
      await release(batch);
      report.authRequired = true;
      setState({ online: true, authRequired: true, lastError: `${err.code}: ${err.message}` });
      return 'auth';
    }
    if (res.status >= 500 || RETRYABLE_STATUS.has(res.status)) {
      const err = apiErrorOf(await readJson(res), res.status);
      const error = `${res.status} ${err.code}: ${err.message}`;
      await retryLater(batch, error, retryAfterMs(res, now()));
      report.retrying += batch.length;
      setState({ online: true, lastError: error });
      return 'retry';
    }
    if (!res.ok) {
      // The whole batch was refused (malformed envelope, unknown command type…): resending it as it is
      // would be refused again, so it is shown to the user instead.
      const rejection = apiErrorOf(await readJson(res), res.status);
      await db.outbox.bulkUpdate(
        batch.map((c) => ({ key: c.id, changes: { status: 'rejected' as const, rejection, lastError: null } })),
      );
      report.rejected += batch.length;
      setState({ online: true, lastSyncAt: iso(), lastError: `${res.status} ${rejection.code}: ${rejection.message}` });
      return 'ok';
    }

    const answer = await readJson(res);
    if (!isResults(answer)) {
      // A captive portal's HTML page or a proxy's answer: not the server. Try again later.
      const error = `unreadable answer (HTTP ${res.status})`;
      await retryLater(batch, error);
      report.retrying += batch.length;
      setState({ lastError: error });
      return 'retry';
    }

    const byId = new Map(answer.results.map((r) => [r.id, r]));
    const t = now();
    const syncedAt = new Date(t).toISOString();
    let missing = 0;
    await db.transaction('rw', db.outbox, async () => {
      for (const c of batch) {
        const r = byId.get(c.id);
        if (r?.status === 'applied' || r?.status === 'duplicate') {
          await db.outbox.update(c.id, { status: 'synced', result: r.result ?? null, syncedAt, lastError: null, rejection: null });
          report.synced += 1;
        } else if (r?.status === 'rejected') {
          const rejection: Rejection = {
            code: typeof r.reason?.code === 'string' ? r.reason.code : 'rejected',
            message: typeof r.reason?.message === 'string' ? r.reason.message : '',
          };
          if (r.current !== undefined) rejection.current = r.current;
          if (r.reason?.details !== undefined) rejection.details = r.reason.details;
          await db.outbox.update(c.id, { status: 'rejected', rejection, lastError: null });
          report.rejected += 1;
        } else {
          // No (understandable) answer for this one: the server may not have seen it. Send it again later.
          missing += 1;
          await db.outbox.update(c.id, {
            status: 'pending',
            attempts: c.attempts + 1,
            nextAttemptAt: t + delay(c.attempts),
            lastError: 'no result for this command',
          });
          report.retrying += 1;
        }
      }
    });
    setState({
      online: true,
      authRequired: false,
      lastSyncAt: syncedAt,
      lastError: missing > 0 ? `${missing} command(s) without a result` : null,
    });
    return 'ok';
  }

  // ---- photos -----------------------------------------------------------------------------------------

  async function defaultUpload(blob: OutboxBlob): Promise<void> {
    const url = `${blobEndpoint}/${encodeURIComponent(blob.id)}?commandId=${encodeURIComponent(blob.commandId)}`;
    const res = await fetchFn(url, {
      method: 'PUT',
      headers: { 'Content-Type': blob.contentType },
      body: blob.blob,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!res.ok) {
      const body = await readJson(res);
      const err = apiErrorOf(body, res.status);
      throw new SyncHttpError(res.status, `${res.status} ${err.code}: ${err.message}`, body);
    }
  }
  const upload = options.uploadBlob ?? defaultUpload;

  /** Photos waiting whose command is synced (a rejected command's photos are never sent). */
  async function waitingBlobs(): Promise<OutboxBlob[]> {
    const waiting = await db.blobs.filter((b) => b.uploadedAt === null).toArray();
    if (waiting.length === 0) return [];
    const ids = [...new Set(waiting.map((b) => b.commandId))];
    const commands = await db.outbox.bulkGet(ids);
    const synced = new Set(commands.filter((c) => c?.status === 'synced' && sendable(c)).map((c) => c!.id));
    return waiting.filter((b) => synced.has(b.commandId));
  }

  async function uploadBlobs(report: FlushReport): Promise<Outcome> {
    const t = now();
    const due = (await waitingBlobs()).filter((b) => b.nextAttemptAt <= t);
    for (const b of due) {
      try {
        await upload(b);
        await db.blobs.update(b.id, { uploadedAt: iso(), lastError: null });
        report.blobsUploaded += 1;
      } catch (e) {
        if (e instanceof SyncHttpError && (e.status === 401 || e.status === 403)) {
          report.authRequired = true;
          setState({ authRequired: true, lastError: e.message });
          return 'auth';
        }
        const error = e instanceof SyncHttpError ? e.message : `network: ${errorText(e)}`;
        await db.blobs.update(b.id, { attempts: b.attempts + 1, nextAttemptAt: now() + delay(b.attempts), lastError: error });
        report.blobsFailed += 1;
        setState(e instanceof SyncHttpError ? { lastError: error } : { online: false, lastError: error });
        // Offline: the other photos would fail the same way.
        if (!(e instanceof SyncHttpError)) return 'retry';
      }
    }
    return 'ok';
  }

  // ---- one flush --------------------------------------------------------------------------------------

  async function runFlush(): Promise<FlushReport> {
    const report: FlushReport = {
      sent: 0,
      synced: 0,
      rejected: 0,
      retrying: 0,
      blobsUploaded: 0,
      blobsFailed: 0,
      authRequired: false,
      error: null,
    };
    setState({ flushing: true });
    try {
      await resetLeftovers();
      let outcome: Outcome = 'ok';
      for (let round = 0; round < 10_000 && outcome === 'ok'; round++) {
        const batch = await claimBatch();
        if (batch.length === 0) break;
        outcome = await sendBatch(batch, report);
      }
      if (outcome === 'ok') await uploadBlobs(report);
    } catch (e) {
      report.error = errorText(e);
      setState({ lastError: report.error });
    } finally {
      setState({ flushing: false });
    }
    return report;
  }

  const locks: LockRequester | null =
    options.locks === undefined ? ((nav as { locks?: LockRequester } | undefined)?.locks ?? null) : options.locks;

  function runLocked(): Promise<FlushReport> {
    if (!locks) return runFlush();
    try {
      // runFlush never rejects, so a rejection here is the lock manager's (e.g. an opaque origin).
      return locks.request(LOCK_NAME, runFlush).catch(() => runFlush());
    } catch {
      return runFlush();
    }
  }

  let current: Promise<FlushReport> | null = null;
  let queued: Promise<FlushReport> | null = null;

  /** The network is back, or the person asked: what waits for a backoff is tried now. */
  async function retryNow() {
    const t = now();
    await db.transaction('rw', db.outbox, db.blobs, async () => {
      await db.outbox
        .where('status')
        .equals('pending')
        .filter((c) => c.nextAttemptAt > t)
        .modify({ nextAttemptAt: t });
      await db.blobs.filter((b) => b.uploadedAt === null && b.nextAttemptAt > t).modify({ nextAttemptAt: t });
    });
  }

  function flush(options: { now?: boolean } = {}): Promise<FlushReport> {
    if (options.now) return retryNow().then(() => flush());
    if (!current) {
      current = runLocked().finally(() => {
        current = null;
        void schedule();
      });
      return current;
    }
    // A flush is running; what was enqueued since it picked its batch goes in one more run after it.
    queued ??= current.then(() => {
      queued = null;
      return flush();
    });
    return queued;
  }

  // ---- triggers ---------------------------------------------------------------------------------------

  let started = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let persistAsked = false;

  async function nextDue(): Promise<number | null> {
    let earliest: number | null = null;
    await db.outbox
      .where('status')
      .equals('pending')
      .each((c) => {
        if (!sendable(c)) return;
        if (earliest === null || c.nextAttemptAt < earliest) earliest = c.nextAttemptAt;
      });
    for (const b of await waitingBlobs()) {
      if (earliest === null || b.nextAttemptAt < earliest) earliest = b.nextAttemptAt;
    }
    return earliest;
  }

  async function schedule() {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = null;
    let due: number | null;
    try {
      due = await nextDue();
    } catch {
      due = now() + pollMs;
    }
    if (!started || due === null || current) return;
    // A retry comes when its backoff ends, at least every pollMs; not in a tight loop while signed out.
    const wait = state.authRequired ? pollMs : Math.min(pollMs, Math.max(1_000, due - now()));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, wait);
  }

  const onOnline = () => {
    setState({ online: true });
    void flush({ now: true });
  };
  const onOffline = () => setState({ online: false });
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') void flush();
  };

  function requestPersist() {
    if (persistAsked) return;
    persistAsked = true;
    try {
      const storage = (nav as { storage?: { persist?: () => Promise<boolean> } } | undefined)?.storage;
      void storage?.persist?.().catch(() => undefined);
    } catch {
      // not offered here; the data may be evicted under storage pressure, nothing else to do
    }
  }

  function start() {
    if (started) return;
    started = true;
    requestPersist();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
    }
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
    void flush();
  }

  function stop() {
    started = false;
    if (timer) clearTimeout(timer);
    timer = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    }
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  }

  return {
    flush,
    start,
    stop,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
  };
}
