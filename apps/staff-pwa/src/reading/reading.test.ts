import '../offline/test/idb-env';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb, listCommands, useSyncStore } from '../offline';
import { useSessionStore } from '../stores/session';
import { json, makeMe, mockFetch, networkDown } from '../test/fetch-mock';
import { useReadingStore } from './reading.store';
import { cachedRoute, cachedRoutes, forgetRoutesExcept, saveRoute } from './route-cache';
import { download } from './test-fixtures';

beforeEach(async () => {
  setActivePinia(createPinia());
  localStorage.clear();
  const db = getDb();
  await Promise.all([db.outbox.clear(), db.blobs.clear(), db.routes.clear(), db.routeMeters.clear()]);
});
afterEach(() => useSyncStore().stop());

describe('route cache', () => {
  it('stores a download, replaces it on the next one and forgets routes no longer assigned', async () => {
    const db = getDb();
    await saveRoute(db, download('r1', '2026-11', 3), 'reader-1');
    await saveRoute(db, download('r2', '2026-10', 1), 'reader-1');
    await saveRoute(db, download('r9', '2026-11', 1), 'someone-else');
    expect((await cachedRoutes(db, 'reader-1')).map((r) => r.id)).toEqual(['r1', 'r2']);

    await saveRoute(db, download('r1', '2026-11', 2), 'reader-1');
    const r1 = await cachedRoute(db, 'r1');
    expect(r1?.meters.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(r1?.readings.map((r) => r.id)).toEqual(['srv-1']);
    expect(r1?.route.meterCount).toBe(2);

    await forgetRoutesExcept(db, 'reader-1', new Set(['r1']));
    expect((await cachedRoutes(db, 'reader-1')).map((r) => r.id)).toEqual(['r1']);
    expect(await cachedRoute(db, 'r2')).toBeNull();
    expect(await cachedRoute(db, 'r9')).not.toBeNull();
  });
});

describe('useReadingStore', () => {
  it('refresh downloads my routes of this and last period; offline keeps the cache', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ id: 'reader-1' })),
      'GET /api/reading-routes': () =>
        json(200, {
          items: [
            { id: 'r1', estateId: 'e1', period: '2026-11', name: 'a', readerId: 'reader-1', meterCount: 2, readCount: 0 },
            { id: 'r0', estateId: 'e1', period: '2026-05', name: 'old', readerId: 'reader-1', meterCount: 2, readCount: 2 },
          ],
        }),
      'GET /api/reading-routes/r1/download': () => json(200, download('r1')),
    });
    await useSessionStore().load();
    const store = useReadingStore();
    expect(await store.refresh(new Date('2026-11-28T04:00:00Z'))).toBe(true);
    expect(calls.filter((c) => c.path.endsWith('/download')).map((c) => c.path)).toEqual(['/api/reading-routes/r1/download']);
    expect((await cachedRoutes(getDb(), 'reader-1')).map((r) => r.id)).toEqual(['r1']);

    mockFetch({ 'GET /api/reading-routes': () => networkDown() });
    expect(await store.refresh(new Date('2026-11-28T04:00:00Z'))).toBe(false);
    expect((await cachedRoutes(getDb(), 'reader-1')).map((r) => r.id)).toEqual(['r1']);
  });

  it('record saves the reading and its photo durably with the reader as owner, and replaces an earlier rejection of that meter', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ id: 'reader-1' })),
      'POST /api/sync/commands': () => networkDown(),
    });
    await useSessionStore().load();
    const db = getDb();
    await db.outbox.add({
      id: 'old',
      type: 'reading.record',
      payload: { meterId: 'm2', routeId: 'r1', period: '2026-11', value: '5' },
      at: '2026-11-20T00:00:00.000Z',
      createdAt: '2026-11-20T00:00:00.000Z',
      status: 'rejected',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      result: null,
      rejection: { code: 'reading_invalid', message: 'bad' },
      syncedAt: null,
      group: 'r1',
    });
    const id = await useReadingStore().record({ routeId: 'r1', period: '2026-11', meterId: 'm2', value: '123.5', note: ' 表盘模糊 ', photos: [new Blob(['jpeg'], { type: 'image/jpeg' })] });

    const all = await listCommands({}, db);
    expect(all.map((c) => c.id)).toEqual([id]);
    expect(all[0]).toMatchObject({ type: 'reading.record', group: 'r1', owner: 'reader-1', payload: { meterId: 'm2', routeId: 'r1', period: '2026-11', value: '123.5', note: '表盘模糊' } });
    expect(await db.blobs.where('commandId').equals(id).count()).toBe(1);
  });
});
