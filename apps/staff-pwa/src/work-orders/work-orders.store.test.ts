import '../offline/test/idb-env';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, listCommands, useSyncStore } from '../offline';
import { createFakeSyncServer, photo } from '../offline/test/fake-sync-server';
import { useSessionStore } from '../stores/session';
import { json, makeMe, mockFetch, networkDown } from '../test/fetch-mock';
import { cachedOrder, cachedOrders, cachedPhotos, lastDownload, saveDownload } from './cache';
import { jobViews } from './merge';
import { detail, download, moved, OTHER_TECH, poolOrder, TECH } from './test-fixtures';
import type { WorkOrderDetail, WorkOrderSettings } from './types';
import { stepTime, useTechWorkOrdersStore, workOrderGroup } from './work-orders.store';

const NOW = new Date('2026-11-28T02:00:00.000Z');

const SETTINGS: WorkOrderSettings = {
  estateId: 'e1',
  categories: [],
  slas: {
    urgent: { responseMinutes: 30, completeMinutes: 240 },
    high: { responseMinutes: 60, completeMinutes: 1440 },
    normal: { responseMinutes: 120, completeMinutes: 2880 },
    low: { responseMinutes: 480, completeMinutes: 4320 },
  },
  atRiskShare: 0.25,
  surveyDays: 7,
  reopenWindowDays: 7,
  allowGrab: true,
  completionPhotosRequired: true,
  priceList: [{ code: 'visit', name: '上门费', price: '30.00', unit: '次' }],
};

async function signIn(id = TECH) {
  mockFetch({ 'GET /api/me': () => json(200, makeMe({ id, permissions: ['work_order:work'] })), 'POST /api/sync/commands': () => networkDown() });
  await useSessionStore().load();
}

async function views(me = TECH) {
  const db = getDb();
  const meta = await lastDownload(db, me);
  return jobViews({ cached: await cachedOrders(db, me), commands: await listCommands({}, db), me, now: NOW, settings: meta?.settings ?? {} });
}

beforeEach(async () => {
  setActivePinia(createPinia());
  localStorage.clear();
  const db = getDb();
  await Promise.all([db.outbox.clear(), db.blobs.clear(), db.workOrders.clear(), db.workOrderDownloads.clear(), db.workOrderPhotos.clear()]);
});
// A step's enqueue starts a flush it does not wait for: let it end (against this test's fetch mock) first.
afterEach(async () => {
  await useSyncStore().flushNow();
  useSyncStore().stop();
});

describe('refresh', () => {
  it('caches my jobs, the pool, the estates’ settings and my jobs’ report photos; offline keeps the cache', async () => {
    const job = detail({ reportPhotos: ['p1', 'p2'], photos: { report: [{ id: 'p1', url: '/api/work-order-photos/p1' }, { id: 'p2', url: '/api/work-order-photos/p2' }], completion: [] } });
    const pool = poolOrder({ reportPhotos: ['p3'], photos: { report: [{ id: 'p3', url: '/api/work-order-photos/p3' }], completion: [] } });
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ id: TECH, permissions: ['work_order:work'] })),
      'GET /api/work-orders/mine': () => json(200, download([job], [pool])),
      'GET /api/work-order-settings/e1': () => json(200, SETTINGS),
      'GET /api/work-order-photos/p1': () => new Response(new Blob(['jpeg-1'], { type: 'image/jpeg' })),
      'GET /api/work-order-photos/p2': () => networkDown(),
    });
    await useSessionStore().load();
    const store = useTechWorkOrdersStore();
    expect(await store.refresh(NOW)).toBe(true);

    const db = getDb();
    expect((await cachedOrders(db, TECH)).map((c) => [c.order.id, c.list])).toEqual([
      ['wo-1', 'job'],
      ['wo-2', 'pool'],
    ]);
    expect((await lastDownload(db, TECH))?.settings.e1).toMatchObject({ completionPhotosRequired: true });
    // Only my jobs' photos are kept (the pool's show online only); one that failed is simply not cached.
    expect([...(await cachedPhotos(db, ['p1', 'p2', 'p3'])).keys()]).toEqual(['p1']);
    expect(calls.some((c) => c.path === '/api/work-order-photos/p3')).toBe(false);
    // The estate's policy reaches the rules: completing needs a photo here.
    const [v] = await views();
    expect(v!.policy.completionPhotosRequired).toBe(true);

    mockFetch({ 'GET /api/work-orders/mine': () => networkDown() });
    expect(await store.refresh(NOW)).toBe(false);
    expect(await cachedOrders(db, TECH)).toHaveLength(2);
  });

  it('a job no longer listed is forgotten, unless one of my steps on it still waits', async () => {
    await signIn();
    const db = getDb();
    await saveDownload(db, TECH, download([detail(), detail({ id: 'wo-3', number: 'GD2611280003' })], []));
    const store = useTechWorkOrdersStore();
    const v = (await views()).find((x) => x.id === 'wo-3')!;
    expect((await store.act(v, 'accept', { at: NOW })).ok).toBe(true);
    await useSyncStore().flushNow();

    mockFetch({ 'GET /api/work-orders/mine': () => json(200, download([], [])), 'GET /api/me': () => json(200, makeMe({ id: TECH })) });
    expect(await store.refresh(NOW)).toBe(true);
    expect(await cachedOrder(db, TECH, 'wo-1')).toBeNull();
    expect((await cachedOrder(db, TECH, 'wo-3'))?.list).toBe('kept');
  });
});

describe('act', () => {
  it('saves the step as a work_order.command with the phone’s time, the state seen, the owner — and the screen moves at once', async () => {
    await signIn();
    const db = getDb();
    await saveDownload(db, TECH, download());
    const store = useTechWorkOrdersStore();
    const [job] = await views();
    const result = await store.act(job!, 'accept', { at: new Date('2026-11-28T01:45:00.000Z') });
    expect(result.ok).toBe(true);

    const [saved] = await listCommands({}, db);
    expect(saved).toMatchObject({
      type: 'work_order.command',
      at: '2026-11-28T01:45:00.000Z',
      owner: TECH,
      group: workOrderGroup(TECH),
      status: 'pending',
      payload: { workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} },
    });
    const [moved] = await views();
    expect(moved!.order.state).toBe('accepted');
    expect(moved!.pending).toBe(1);
  });

  it('complete: required fields are enforced before anything is saved; photos are queued as blobs named in the input', async () => {
    await signIn();
    const db = getDb();
    await saveDownload(db, TECH, download([detail({ kind: 'paid_service', category: 'appliance', state: 'in_progress', acceptedAt: minutesIn(5), startedAt: minutesIn(10), respondedAt: minutesIn(5) })], []), {
      settings: { e1: SETTINGS },
    });
    const store = useTechWorkOrdersStore();
    const [job] = await views();

    const missing = await store.act(job!, 'complete', { input: { completionNotes: '已更换压缩机电容' }, at: NOW });
    expect(missing).toMatchObject({ ok: false, refusal: { code: 'missing_fields', details: { fields: ['chargeAmount', 'completionPhotos'] } } });
    const bad = await store.act(job!, 'complete', { input: { completionNotes: '已更换', chargeAmount: '12.345' }, photos: [photo('jpeg')], at: NOW });
    expect(bad).toMatchObject({ ok: false, refusal: { code: 'invalid_fields', details: { fields: [{ field: 'chargeAmount', reason: 'not_an_amount' }] } } });
    expect(await listCommands({}, db)).toHaveLength(0);

    const ok = await store.act(job!, 'complete', {
      input: { completionNotes: '已更换压缩机电容', chargeAmount: '80', materials: [{ name: '电容', quantity: '1', unit: '个' }], labourMinutes: 45 },
      photos: [photo('jpeg-a'), photo('jpeg-b')],
      at: NOW,
    });
    expect(ok.ok).toBe(true);
    const [saved] = await listCommands({}, db);
    const blobs = await db.blobs.where('commandId').equals(saved!.id).toArray();
    expect(blobs).toHaveLength(2);
    const named = (saved!.payload as { input: { completionPhotos: string[] } }).input.completionPhotos;
    expect(new Set(named)).toEqual(new Set(blobs.map((b) => b.id)));
    const [done] = await views();
    expect(done!.order).toMatchObject({ state: 'completed', chargeAmount: '80.00', labourMinutes: 45, completedAt: NOW.toISOString() });
  });

  it('steps go out in the order they were made, even within one millisecond or after the clock was set back', async () => {
    await signIn();
    const db = getDb();
    await saveDownload(db, TECH, download([detail()], []));
    const store = useTechWorkOrdersStore();
    vi.setSystemTime(NOW);
    await store.act((await views())[0]!, 'accept');
    await store.act((await views())[0]!, 'start');
    vi.setSystemTime(new Date(NOW.getTime() - 3_600_000));
    await store.act((await views())[0]!, 'hold', { input: { reason: '等配件' } });
    vi.useRealTimers();

    const sent = await db.outbox.orderBy('[status+createdAt]').toArray();
    expect(sent.map((c) => (c.payload as { command: string }).command)).toEqual(['accept', 'start', 'hold']);
    expect(new Set(sent.map((c) => c.createdAt)).size).toBe(3);
    // Not held back until the clock catches up again.
    expect(sent[2]!.nextAttemptAt).toBeLessThanOrEqual(Date.now());
    expect((await views())[0]!.order.state).toBe('on_hold');
  });

  it('a phone clock behind the server’s never dates a step before the order existed', () => {
    const order = { submittedAt: '2026-11-28T01:00:00.000Z' };
    expect(stepTime(order, new Date('2026-11-28T00:59:58.000Z')).toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect(stepTime(order, NOW)).toBe(NOW);
  });
});

describe('sync', () => {
  it('after sync the server’s copy is shown and the completion photos go up after their command', async () => {
    await signIn();
    const db = getDb();
    const server = createFakeSyncServer();
    useSyncStore().configure({ db, fetch: server.fetch, locks: null, random: () => 0.5 });
    const order = detail({ state: 'in_progress', acceptedAt: minutesIn(5), startedAt: minutesIn(10), respondedAt: minutesIn(5) });
    await saveDownload(db, TECH, download([order], []));
    const store = useTechWorkOrdersStore();
    const [job] = await views();
    await store.act(job!, 'complete', { input: { completionNotes: '已更换水龙头' }, photos: [photo('jpeg')], at: NOW });
    await useSyncStore().flushNow();

    const [sent] = server.rows.values();
    expect(sent).toMatchObject({ type: 'work_order.command', at: NOW.toISOString(), payload: { workOrderId: 'wo-1', command: 'complete', from: 'in_progress' } });
    expect(server.blobs.size).toBe(1);
    expect([...server.blobs.values()][0]!.commandId).toBe(sent!.id);
    const [v] = await views();
    expect(v!.pending).toBe(0);
    expect(v!.synced).toBe(1);
  });

  it('a rejected grab shows why and the server’s state; once seen, that state stays (the cache takes it)', async () => {
    await signIn();
    const db = getDb();
    const taken = moved(poolOrder(), { state: 'assigned', assigneeId: OTHER_TECH, assigneeName: '王师傅', assignedVia: 'grab' }, { id: 'ev-other', command: 'grab', fromState: 'submitted', toState: 'assigned', receivedAt: '2026-11-28T01:59:00.000Z' });
    const server = createFakeSyncServer({
      reject: () => ({ code: 'invalid_transition', message: 'grab was made on a submitted order that is now assigned', details: { state: 'assigned', reason: 'stale_state' }, current: taken }),
    });
    useSyncStore().configure({ db, fetch: server.fetch, locks: null, random: () => 0.5 });
    await saveDownload(db, TECH, download([], [poolOrder()]));
    const store = useTechWorkOrdersStore();
    const [pool] = await views();
    await store.act(pool!, 'grab', { at: NOW });
    expect((await views())[0]!.mine).toBe(true);
    await useSyncStore().flushNow();

    const [v] = await views();
    expect(v!.mine).toBe(false);
    expect(v!.order.assigneeId).toBe(OTHER_TECH);
    expect(v!.rejected[0]!.rejection).toMatchObject({ code: 'invalid_transition', details: { state: 'assigned' } });

    expect(await store.dismiss(v!.rejected[0]!)).toBe(true);
    expect(await listCommands({}, db)).toHaveLength(0);
    expect(((await cachedOrder(db, TECH, 'wo-2'))!.order as WorkOrderDetail).assigneeId).toBe(OTHER_TECH);
    const [seen] = await views();
    expect(seen!.rejected).toHaveLength(0);
    expect(seen!.order.state).toBe('assigned');
  });

  it('on a shared phone, another technician’s cache and steps stay theirs', async () => {
    await signIn(OTHER_TECH);
    const db = getDb();
    await saveDownload(db, OTHER_TECH, download([detail({ assigneeId: OTHER_TECH })], []));
    const [theirs] = await views(OTHER_TECH);
    await useTechWorkOrdersStore().act(theirs!, 'accept', { at: NOW });
    await useSyncStore().flushNow();
    useSyncStore().stop();

    setActivePinia(createPinia());
    await signIn(TECH);
    expect(await views(TECH)).toEqual([]);
    await saveDownload(db, TECH, download([], [poolOrder()]));
    const mine = await views(TECH);
    expect(mine.map((v) => v.id)).toEqual(['wo-2']);
    expect(mine[0]!.steps).toHaveLength(0);
    expect((await views(OTHER_TECH))[0]!.order.state).toBe('accepted');
  });
});

/** An instant `minutes` after the fixtures' submission time. */
function minutesIn(minutes: number): string {
  return new Date(Date.parse('2026-11-28T01:00:00.000Z') + minutes * 60_000).toISOString();
}
