import './test/idb-env';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffDb } from './db';
import { enqueue } from './outbox';
import { backoffDelay, createSyncEngine, LOCK_NAME, type SyncEngineOptions, type SyncState } from './sync';
import { createFakeSyncServer, type FakeSyncServer, freshDb, manualClock, photo } from './test/fake-sync-server';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function setup(options: Partial<SyncEngineOptions> & { server?: FakeSyncServer } = {}) {
  const db = freshDb();
  cleanup.push(() => db.delete());
  const server = options.server ?? createFakeSyncServer();
  const clock = manualClock();
  const engine = createSyncEngine({
    db,
    fetch: server.fetch,
    deviceId: 'device-1',
    now: clock.now,
    random: () => 0.5, // jitter ×1
    locks: null,
    ...options,
  });
  cleanup.push(() => engine.stop());
  const add = (payload: unknown, extra: { group?: string; blobs?: { blob: Blob }[]; id?: string } = {}) => {
    const command = enqueue({ type: 'reading.record', payload, ...extra }, { db, now: clock.now });
    clock.advance(1); // distinct createdAt, so "oldest first" is observable
    return command;
  };
  return { db, server, clock, engine, add };
}

async function statusOf(db: StaffDb) {
  return (await db.outbox.orderBy('createdAt').toArray()).map((c) => c.status);
}

describe('sync engine', () => {
  it('sends due commands oldest first in batches and marks them synced with the stored row', async () => {
    const { db, server, engine, add } = setup({ batchSize: 2 });
    const ids = [];
    for (let i = 1; i <= 5; i++) ids.push((await add({ value: i }, { group: 'route-1' })).id);

    const report = await engine.flush();

    expect(report).toMatchObject({ sent: 5, synced: 5, rejected: 0, retrying: 0, authRequired: false, error: null });
    expect(server.commandRequests.map((r) => r.ids)).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    const first = server.commandRequests[0]!;
    expect(first.deviceId).toBe('device-1');
    expect(first.init).toMatchObject({ method: 'POST', credentials: 'same-origin', cache: 'no-store' });
    expect(new Headers(first.init.headers).get('content-type')).toBe('application/json');
    const wire = JSON.parse(String(first.init.body));
    expect(Object.keys(wire.commands[0]).sort()).toEqual(['at', 'id', 'payload', 'type']);
    expect(wire.commands[0]).toMatchObject({ id: ids[0], type: 'reading.record', payload: { value: 1 } });

    expect(await statusOf(db)).toEqual(['synced', 'synced', 'synced', 'synced', 'synced']);
    const stored = await db.outbox.get(ids[0]!);
    expect(stored?.result).toEqual(server.rows.get(ids[0]!));
    expect(stored?.syncedAt).not.toBeNull();
    expect(engine.getState()).toMatchObject({ flushing: false, lastError: null, authRequired: false });
    expect(engine.getState().lastSyncAt).not.toBeNull();

    // nothing left: the next flush sends nothing
    await engine.flush();
    expect(server.commandRequests).toHaveLength(3);
  });

  it('on a shared phone, sends only the signed-in person\'s commands, and nothing while nobody is signed in', async () => {
    let who: string | null = null;
    const { db, server, engine, clock } = setup({ owner: () => who });
    const mine = await enqueue({ type: 'reading.record', payload: 'a', owner: 'staff-a', blobs: [{ blob: photo('pa') }] }, { db, now: clock.now });
    const theirs = await enqueue({ type: 'reading.record', payload: 'b', owner: 'staff-b' }, { db, now: clock.now });
    const legacy = await enqueue({ type: 'reading.record', payload: 'c' }, { db, now: clock.now });

    await engine.flush();
    expect(server.commandRequests).toHaveLength(0);

    who = 'staff-a';
    await engine.flush();
    expect(server.commandRequests.flatMap((r) => r.ids).sort()).toEqual([mine.id, legacy.id].sort());
    expect((await db.outbox.get(theirs.id))?.status).toBe('pending');
    expect((await db.blobs.where('commandId').equals(mine.id).first())?.uploadedAt).not.toBeNull();

    who = 'staff-b';
    await engine.flush();
    expect(server.commandRequests.at(-1)?.ids).toEqual([theirs.id]);
    expect(await statusOf(db)).toEqual(['synced', 'synced', 'synced']);
  });

  it('a duplicate answer is synced with the row the server already had', async () => {
    const { db, server, engine, add } = setup();
    const c = await add({ value: 7 });
    const earlier = { id: c.id, type: 'reading.record', at: c.at, payload: { value: 7 }, seq: 41 };
    server.rows.set(c.id, earlier);

    await engine.flush();

    expect(await db.outbox.get(c.id)).toMatchObject({ status: 'synced', result: earlier });
    expect(server.applications).toBe(0);
  });

  it('a rejected command keeps the reason and the current state and is never sent again', async () => {
    const server = createFakeSyncServer({
      reject: (c) => (c.payload.value < 0
          ? { code: 'reading_below_last', message: '读数小于上次', details: { field: 'value' }, current: { last: 100 } }
          : null),
    });
    const { db, engine, add, clock } = setup({ server });
    const bad = await add({ value: -1 });
    const good = await add({ value: 5 });

    const report = await engine.flush();
    expect(report).toMatchObject({ synced: 1, rejected: 1 });
    expect(await db.outbox.get(bad.id)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'reading_below_last', message: '读数小于上次', details: { field: 'value' }, current: { last: 100 } },
    });
    expect(await db.outbox.get(good.id)).toMatchObject({ status: 'synced' });

    clock.advance(3_600_000);
    await engine.flush();
    expect(server.sentIds().filter((id) => id === bad.id)).toHaveLength(1);
    expect((await db.outbox.get(bad.id))?.status).toBe('rejected');
  });

  it('a network error puts the batch back to pending with jittered backoff, then resends it', async () => {
    const { db, server, engine, add, clock } = setup({ random: () => 0.9 });
    const c = await add({ value: 1 });
    server.failNext('network');
    const t0 = clock.now();

    const report = await engine.flush();

    expect(report).toMatchObject({ sent: 1, synced: 0, retrying: 1 });
    const after = (await db.outbox.get(c.id))!;
    expect(after).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after.lastError).toMatch(/network/);
    // first retry: 2 s × 2^0 × jitter(0.5…1.5)
    expect(after.nextAttemptAt).toBeGreaterThanOrEqual(t0 + 1_000);
    expect(after.nextAttemptAt).toBeLessThanOrEqual(t0 + 3_000);
    expect(after.nextAttemptAt).toBe(t0 + 2_800);
    expect(engine.getState()).toMatchObject({ online: false, flushing: false });

    // not due yet: nothing is sent
    await engine.flush();
    expect(server.commandRequests).toHaveLength(1);

    clock.advance(3_000);
    await engine.flush();
    expect(server.commandRequests).toHaveLength(2);
    expect(await db.outbox.get(c.id)).toMatchObject({ status: 'synced', lastError: null });
    expect(engine.getState()).toMatchObject({ online: true, lastError: null });
  });

  it('backoff doubles per attempt, is capped at 5 minutes and jittered by 0.5…1.5', () => {
    expect(backoffDelay(0, () => 0)).toBe(1_000);
    expect(backoffDelay(0, () => 0.999_999)).toBe(3_000);
    expect(backoffDelay(3, () => 0.5)).toBe(16_000);
    expect(backoffDelay(20, () => 0.5)).toBe(300_000);
    expect(backoffDelay(20, () => 0)).toBe(150_000);
    expect(backoffDelay(1000, () => 0.999_999)).toBe(450_000);
  });

  it('5xx, 409 and 429 are retried (429 honours Retry-After); attempts grow the backoff', async () => {
    const { db, server, engine, add, clock } = setup();
    const c = await add({ value: 1 });
    server.failNext({ status: 503, code: 'unavailable' });
    await engine.flush();
    let row = (await db.outbox.get(c.id))!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 2_000 });
    expect(row.lastError).toMatch(/503 unavailable/);

    clock.advance(2_000);
    server.failNext({ status: 409, code: 'busy' });
    await engine.flush();
    row = (await db.outbox.get(c.id))!;
    expect(row).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: clock.now() + 4_000 });

    clock.advance(4_000);
    server.failNext({ status: 429, code: 'rate_limited', headers: { 'Retry-After': '60' } });
    await engine.flush();
    row = (await db.outbox.get(c.id))!;
    expect(row).toMatchObject({ status: 'pending', attempts: 3, nextAttemptAt: clock.now() + 60_000 });

    clock.advance(60_000);
    await engine.flush();
    expect((await db.outbox.get(c.id))?.status).toBe('synced');
  });

  it('an answer lost after the server applied the batch: the resend is a duplicate, applied exactly once', async () => {
    const { db, server, engine, add, clock } = setup();
    const a = await add({ value: 1 });
    const b = await add({ value: 2 });
    server.failNext('drop-after-commit');

    await engine.flush();
    expect(server.applications).toBe(2);
    expect(await statusOf(db)).toEqual(['pending', 'pending']);

    clock.advance(5_000);
    await engine.flush();

    expect(server.sentIds()).toEqual([a.id, b.id, a.id, b.id]);
    expect(server.applications).toBe(2); // one application per command, not four
    expect(await statusOf(db)).toEqual(['synced', 'synced']);
    expect((await db.outbox.get(a.id))?.result).toEqual(server.rows.get(a.id));
  });

  it('two concurrent flush() calls send each command once', async () => {
    const { db, server, engine, add } = setup();
    const ids = [(await add(1)).id, (await add(2)).id, (await add(3)).id];

    const [r1, r2] = await Promise.all([engine.flush(), engine.flush()]);

    expect(server.sentIds()).toEqual(ids);
    expect(server.applications).toBe(3);
    expect(r1.sent + r2.sent).toBe(3);
    expect(await statusOf(db)).toEqual(['synced', 'synced', 'synced']);
  });

  it('a command enqueued while a flush is in flight goes out with the follow-up flush', async () => {
    const { server, engine, add } = setup();
    const first = await add(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    server.onCommandRequest(() => gate);
    const running = engine.flush();
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(1));
    const second = await add(2);
    const again = engine.flush();
    const third = engine.flush(); // shares the queued follow-up
    server.onCommandRequest(null);
    release();
    await Promise.all([running, again, third]);
    expect(server.sentIds()).toEqual([first.id, second.id]);
  });

  it('commands left "syncing" by a crash are reset and sent when the engine starts', async () => {
    const { db, server, engine, add } = setup();
    const c = await add(1);
    await db.outbox.update(c.id, { status: 'syncing' }); // the tab died mid-request

    engine.start();
    await vi.waitFor(async () => expect((await db.outbox.get(c.id))?.status).toBe('synced'));
    expect(server.sentIds()).toEqual([c.id]);
  });

  it('401 stops the flush, leaves the commands untouched and sets authRequired; a later success clears it', async () => {
    const { db, server, engine, add } = setup({ batchSize: 1 });
    const a = await add(1, { blobs: [{ blob: photo('p') }] });
    const b = await add(2);
    const states: SyncState[] = [];
    engine.subscribe((s) => states.push(s));
    server.failNext({ status: 401, code: 'unauthenticated', message: '请先登录' });

    const report = await engine.flush();

    expect(report.authRequired).toBe(true);
    expect(server.commandRequests).toHaveLength(1); // stopped after the first batch
    expect(server.blobRequests).toHaveLength(0);
    expect(await db.outbox.get(a.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(await db.outbox.get(b.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(engine.getState()).toMatchObject({ authRequired: true, flushing: false });
    expect(engine.getState().lastError).toMatch(/unauthenticated/);
    expect(states.some((s) => s.flushing)).toBe(true);

    // signed in again: the next flush goes through
    await engine.flush();
    expect(await statusOf(db)).toEqual(['synced', 'synced']);
    expect(engine.getState().authRequired).toBe(false);
    expect(server.blobs.size).toBe(1);
  });

  it('a 4xx for the whole batch rejects the batch with the server error', async () => {
    const { db, server, engine, add } = setup();
    await add(1);
    await add(2);
    server.failNext({ status: 422, code: 'invalid_batch', message: 'unknown command type' });
    const report = await engine.flush();
    expect(report.rejected).toBe(2);
    const rows = await db.outbox.toArray();
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'rejected', rejection: { code: 'invalid_batch', message: 'unknown command type' } });
    }
    await engine.flush();
    expect(server.commandRequests).toHaveLength(1);
  });

  it('an unreadable 200 (a captive portal page) and a missing result are retried', async () => {
    const { db, server, engine, add, clock } = setup();
    const c = await add(1);
    server.failNext('html');
    await engine.flush();
    expect(await db.outbox.get(c.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(engine.getState().lastError).toMatch(/unreadable/);
    clock.advance(10_000);
    await engine.flush();
    expect((await db.outbox.get(c.id))?.status).toBe('synced');
  });

  it('photos upload after their command is synced, and failures are retried with backoff', async () => {
    const { db, server, engine, add, clock } = setup();
    const c = await add({ value: 1 }, { blobs: [{ blob: photo('photo-1') }, { blob: photo('photo-2', 'image/png') }] });
    const blobIds = (await db.blobs.where('commandId').equals(c.id).toArray()).map((b) => b.id);
    server.failNextBlob('network');

    const report = await engine.flush();

    expect(report).toMatchObject({ synced: 1, blobsUploaded: 0, blobsFailed: 1 });
    // the command went first; the first photo failed (offline), the second was not tried
    expect(server.fetchMock.mock.calls.map(([, init]) => init?.method)).toEqual(['POST', 'PUT']);
    const failed = (await db.blobs.get(server.blobRequests[0]!.id))!;
    expect(failed).toMatchObject({ uploadedAt: null, attempts: 1, nextAttemptAt: clock.now() + 2_000 });
    expect(failed.lastError).toMatch(/network/);

    clock.advance(2_000);
    const second = await engine.flush();
    expect(second).toMatchObject({ sent: 0, blobsUploaded: 2 });
    expect(server.commandRequests).toHaveLength(1);
    const put = server.blobRequests.at(-1)!;
    expect(put.commandId).toBe(c.id);
    expect(blobIds).toContain(put.id);
    expect([...server.blobs.values()].map((b) => [b.text, b.contentType]).sort()).toEqual([
      ['photo-1', 'image/jpeg'],
      ['photo-2', 'image/png'],
    ]);
    for (const b of await db.blobs.toArray()) expect(b.uploadedAt).not.toBeNull();

    await engine.flush();
    expect(server.blobRequests).toHaveLength(3); // nothing more to upload
  });

  it('a server error on a photo backs it off without stopping the others; a rejected command keeps its photos local', async () => {
    const server = createFakeSyncServer({ reject: (c) => (c.payload === 'bad' ? { code: 'no', message: 'no' } : null) });
    const { db, engine, add } = setup({ server });
    await add('ok', { blobs: [{ blob: photo('a') }, { blob: photo('b') }] });
    const bad = await add('bad', { blobs: [{ blob: photo('c') }] });
    server.failNextBlob({ status: 500, code: 'disk_full' });

    const report = await engine.flush();
    expect(report).toMatchObject({ blobsUploaded: 1, blobsFailed: 1 });
    expect(server.blobRequests).toHaveLength(2);
    expect(server.blobRequests.every((r) => r.commandId !== bad.id)).toBe(true);
    const left = await db.blobs.filter((b) => b.uploadedAt === null).toArray();
    expect(left).toHaveLength(2);
    expect(left.find((b) => b.commandId !== bad.id)?.lastError).toMatch(/500 disk_full/);
  });

  it('uses a custom uploader when given one', async () => {
    const uploaded: string[] = [];
    const { engine, add } = setup({
      uploadBlob: async (b) => {
        uploaded.push(await b.blob.text());
      },
    });
    await add(1, { blobs: [{ blob: photo('x') }] });
    await engine.flush();
    expect(uploaded).toEqual(['x']);
  });

  it('holds the cross-tab lock while flushing, and still flushes when the lock manager fails', async () => {
    const names: string[] = [];
    const locks = {
      request: vi.fn(async (name: string, cb: () => Promise<never>) => {
        names.push(name);
        return cb();
      }),
    };
    const { server, engine, add } = setup({ locks });
    await add(1);
    await engine.flush();
    expect(names).toEqual([LOCK_NAME]);
    expect(server.commandRequests).toHaveLength(1);

    const broken = { request: vi.fn(async () => Promise.reject(new Error('SecurityError'))) };
    const other = setup({ locks: broken });
    await other.add(2);
    await other.engine.flush();
    expect(other.server.commandRequests).toHaveLength(1);
  });

  it('start() flushes at once, on online and on becoming visible, asks for persistent storage once; stop() detaches', async () => {
    const persist = vi.fn(async () => true);
    Object.defineProperty(navigator, 'storage', { value: { persist }, configurable: true });
    cleanup.push(() => Reflect.deleteProperty(navigator, 'storage'));
    const { server, engine, add } = setup();
    await add(1);
    engine.start();
    engine.start(); // idempotent
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(1));
    expect(persist).toHaveBeenCalledTimes(1);

    await add(2);
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(2));

    await add(3);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(3));

    engine.stop();
    await add(4);
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.commandRequests).toHaveLength(3);
  });

  it('retries on the timer when the backoff ends while started', async () => {
    const { server, engine, add, clock } = setup({ pollMs: 30_000, baseDelayMs: 1 });
    await add(1);
    server.failNext('network');
    engine.start();
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(1));
    clock.advance(5); // backoff (1 ms) over; the timer fires after its 1 s floor
    await vi.waitFor(() => expect(server.commandRequests).toHaveLength(2), { timeout: 3_000 });
  });
});
