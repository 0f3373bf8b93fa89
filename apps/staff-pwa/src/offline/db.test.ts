import './test/idb-env';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { StaffDb } from './db';
import { photo } from './test/fake-sync-server';

/** The database as a phone running the meter-reading release has it (schema version 2). */
function versionTwo(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({ outbox: 'id, status, type, group, createdAt, [status+createdAt], [group+status]', blobs: 'id, commandId' });
  db.version(2).stores({
    outbox: 'id, status, type, group, createdAt, [status+createdAt], [group+status]',
    blobs: 'id, commandId',
    routes: 'id, period, owner',
    routeMeters: '[routeId+meterId], routeId',
  });
  return db;
}

describe('StaffDb schema', () => {
  it('version 3 adds the work-order tables and keeps every row of version 2 (readings waiting to sync, their photos, routes)', async () => {
    const name = `pm-staff-upgrade-${Math.random().toString(36).slice(2)}`;
    const old = versionTwo(name);
    await old.table('outbox').add({ id: 'c1', type: 'reading.record', payload: { value: '12' }, at: '2026-11-01T00:00:00.000Z', createdAt: '2026-11-01T00:00:00.000Z', status: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, result: null, rejection: null, syncedAt: null, group: 'r1', owner: 'reader-1' });
    await old.table('blobs').add({ id: 'b1', commandId: 'c1', blob: photo('dial'), contentType: 'image/jpeg', uploadedAt: null, attempts: 0, nextAttemptAt: 0, lastError: null });
    await old.table('routes').add({ id: 'r1', estateId: 'e1', period: '2026-11', name: '1栋', readerId: 'reader-1', meterCount: 1, downloadedAt: '2026-11-01T00:00:00.000Z', owner: 'reader-1' });
    await old.table('routeMeters').add({ routeId: 'r1', meterId: 'm1', position: 1, data: { meter: { id: 'm1' } } });
    old.close();

    const db = new StaffDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.outbox.where('[status+createdAt]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).primaryKeys()).toEqual(['c1']);
    expect(await (await db.blobs.get('b1'))!.blob.text()).toBe('dial');
    expect(await db.routes.where('owner').equals('reader-1').count()).toBe(1);
    expect(await db.routeMeters.where('routeId').equals('r1').count()).toBe(1);

    await db.workOrders.put({ owner: 'tech-1', id: 'wo-1', list: 'job', order: { id: 'wo-1' }, storedAt: '2026-11-28T00:00:00.000Z' });
    await db.workOrders.put({ owner: 'tech-2', id: 'wo-1', list: 'pool', order: { id: 'wo-1' }, storedAt: '2026-11-28T00:00:00.000Z' });
    await db.workOrderDownloads.put({ owner: 'tech-1', downloadedAt: '2026-11-28T00:00:00.000Z', serverTime: '2026-11-28T00:00:00.000Z', settings: {} });
    await db.workOrderPhotos.put({ id: 'p1', blob: photo('report'), contentType: 'image/jpeg', cachedAt: '2026-11-28T00:00:00.000Z' });
    // One row per technician and order: two people on one phone each keep their own copy.
    expect(await db.workOrders.where('id').equals('wo-1').count()).toBe(2);
    expect((await db.workOrders.get(['tech-2', 'wo-1']))?.list).toBe('pool');
    db.close();
  });
});
