import './test/idb-env';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffDb } from './db';
import { blobsOf, counts, dismissRejected, enqueue, listCommands, pruneSynced, retryRejected } from './outbox';
import { freshDb, manualClock, photo } from './test/fake-sync-server';

const opened: StaffDb[] = [];
function track(db: StaffDb): StaffDb {
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('outbox', () => {
  it('enqueue is durable: the command and its photos are there after reopening the database', async () => {
    const db = freshDb(); // closed below; the reopened one is deleted after the test
    const clock = manualClock();
    const command = await enqueue(
      {
        type: 'reading.record',
        payload: { meterId: 'm1', value: 1234.5 },
        at: '2025-03-01T07:59:00.000Z',
        group: 'route-1',
        blobs: [{ id: 'b1', blob: photo('jpeg-bytes') }, { blob: photo('png', 'image/png') }],
      },
      { db, now: clock.now },
    );
    expect(command.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(command).toMatchObject({
      status: 'pending',
      attempts: 0,
      at: '2025-03-01T07:59:00.000Z',
      createdAt: '2025-03-01T08:00:00.000Z',
      nextAttemptAt: clock.now(),
      group: 'route-1',
    });
    const name = db.name;
    db.close();

    const again = track(new StaffDb(name));
    expect(await again.outbox.get(command.id)).toEqual(command);
    const blobs = await blobsOf(command.id, again);
    expect(blobs.map((b) => [b.contentType, b.uploadedAt]).sort()).toEqual([
      ['image/jpeg', null],
      ['image/png', null],
    ]);
    expect(blobs.find((b) => b.id === 'b1')).toBeDefined();
    expect(await blobs.find((b) => b.id === 'b1')!.blob.text()).toBe('jpeg-bytes');
  });

  it('stores a command and its photos in one transaction: all or nothing', async () => {
    const db = track(freshDb());
    await enqueue({ type: 'x', payload: {}, blobs: [{ id: 'same', blob: photo('a') }] }, { db });
    // a photo id used twice fails the second enqueue, which must leave no command behind
    await expect(
      enqueue({ id: 'c2', type: 'x', payload: {}, blobs: [{ id: 'same', blob: photo('b') }] }, { db }),
    ).rejects.toThrow();
    expect(await db.outbox.get('c2')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('counts by status overall and per group, and lists with filters oldest first', async () => {
    const db = track(freshDb());
    const clock = manualClock();
    const a = await enqueue({ type: 'reading.record', payload: 1, group: 'r1' }, { db, now: clock.now });
    clock.advance(1000);
    const b = await enqueue({ type: 'reading.record', payload: 2, group: 'r1' }, { db, now: clock.now });
    clock.advance(1000);
    const c = await enqueue({ type: 'workorder.transition', payload: 3, group: 'r2' }, { db, now: clock.now });
    clock.advance(1000);
    await enqueue({ type: 'reading.record', payload: 4 }, { db, now: clock.now });
    await db.outbox.update(b.id, { status: 'synced' });
    await db.outbox.update(c.id, { status: 'rejected' });

    const n = await counts(db);
    expect(n.total).toEqual({ pending: 2, syncing: 0, synced: 1, rejected: 1 });
    expect(n.byGroup).toEqual({
      r1: { pending: 1, syncing: 0, synced: 1, rejected: 0 },
      r2: { pending: 0, syncing: 0, synced: 0, rejected: 1 },
    });

    expect((await listCommands({}, db)).map((x) => x.payload)).toEqual([1, 2, 3, 4]);
    expect((await listCommands({ status: 'pending' }, db)).map((x) => x.payload)).toEqual([1, 4]);
    expect((await listCommands({ group: 'r1' }, db)).map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await listCommands({ type: 'reading.record', status: 'pending' }, db)).map((x) => x.payload)).toEqual([1, 4]);
    expect((await listCommands({ group: 'r1', status: 'synced' }, db)).map((x) => x.id)).toEqual([b.id]);
  });

  it('dismissRejected deletes a rejected command with its photos, and nothing else', async () => {
    const db = track(freshDb());
    const c = await enqueue({ type: 'x', payload: {}, blobs: [{ blob: photo('p') }] }, { db });
    expect(await dismissRejected(c.id, db)).toBe(false); // still pending
    await db.outbox.update(c.id, { status: 'rejected', rejection: { code: 'bad', message: 'no' } });
    expect(await dismissRejected(c.id, db)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect(await dismissRejected('missing', db)).toBe(false);
  });

  it('retryRejected puts a rejected command back to pending, unchanged', async () => {
    const db = track(freshDb());
    const clock = manualClock();
    const c = await enqueue({ type: 'x', payload: { v: 1 } }, { db, now: clock.now });
    await db.outbox.update(c.id, { status: 'rejected', attempts: 3, rejection: { code: 'forbidden_type', message: 'no' } });
    clock.advance(60_000);
    expect(await retryRejected(c.id, db, clock.now)).toBe(true);
    expect(await db.outbox.get(c.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      rejection: null,
      nextAttemptAt: clock.now(),
      payload: { v: 1 },
    });
    expect(await retryRejected(c.id, db)).toBe(false); // not rejected any more
  });

  it('pruneSynced drops old synced commands whose photos are uploaded', async () => {
    const db = track(freshDb());
    const old = await enqueue({ type: 'x', payload: 1 }, { db });
    const withPhoto = await enqueue({ type: 'x', payload: 2, blobs: [{ blob: photo('p') }] }, { db });
    const recent = await enqueue({ type: 'x', payload: 3 }, { db });
    const pending = await enqueue({ type: 'x', payload: 4 }, { db });
    await db.outbox.update(old.id, { status: 'synced', syncedAt: '2025-01-01T00:00:00.000Z' });
    await db.outbox.update(withPhoto.id, { status: 'synced', syncedAt: '2025-01-01T00:00:00.000Z' });
    await db.outbox.update(recent.id, { status: 'synced', syncedAt: '2025-03-01T00:00:00.000Z' });
    expect(await pruneSynced(Date.parse('2025-02-01T00:00:00.000Z'), db)).toBe(1);
    expect((await db.outbox.toArray()).map((c) => c.id).sort()).toEqual([withPhoto.id, recent.id, pending.id].sort());
  });
});
