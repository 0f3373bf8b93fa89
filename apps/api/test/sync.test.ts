/**
 * Meter reading through the offline sync endpoint: the reader's route download, exactly-once application
 * (replays, concurrent pushes), route and scope rejections, flagged readings kept for review.
 */
import { randomUUID } from 'node:crypto';
import { periodOf } from '@pm/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photos, readings } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';

let s: Suite;
let reader: string;
let route: any;
let offRouteMeter: string;
const period = periodOf(new Date());

beforeAll(async () => {
  s = await setupSuite();
  reader = await s.loginStaff('reader1');
  const routes = await s.call('GET', `/reading-routes?mine=true&period=${period}`, { cookie: reader });
  const download = await s.call('GET', `/reading-routes/${routes.data.items[0].id}/download`, { cookie: reader });
  route = download.data;
  const manager = await s.loginStaff('manager');
  const twoBuilding = await s.call('GET', `/meters?q=2-101`, { cookie: manager });
  offRouteMeter = twoBuilding.data.items[0].id;
});
afterAll(async () => s?.close());

const command = (meterId: string, value: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'reading.record',
  at: new Date().toISOString(),
  payload: { meterId, routeId: route.route.id, period, value, ...extra },
});
const push = (cookie: string, commands: unknown[]) => s.call('POST', '/sync/commands', { cookie, json: { deviceId: 'test-device', commands } });
const rowsWithId = async (id: string) => (await s.db.select().from(readings).where(eq(readings.id, id))).length;

describe('reading route summary', () => {
  it('counts the route\'s meters and the meters read on it', async () => {
    const before = (await s.call('GET', `/reading-routes?mine=true&period=${period}`, { cookie: reader })).data.items[0];
    const m = route.meters[5];
    const res = await push(reader, [command(m.id, String(Number(m.previous) + 1))]);
    expect(res.data.results[0].status).toBe('applied');
    const after = (await s.call('GET', `/reading-routes?mine=true&period=${period}`, { cookie: reader })).data.items[0];
    expect(after.meterCount).toBe(168);
    expect(after.readCount).toBe(before.readCount + 1);
  });
});

describe('reading route download', () => {
  it('gives the reader their route with previous readings and usage history, in walking order', async () => {
    expect(route.route.period).toBe(period);
    expect(route.meters).toHaveLength(168);
    expect(route.meters[0]).toMatchObject({ unitNumber: '1-101', position: 1 });
    expect(route.meters[0].previous).toMatch(/^\d+(\.\d+)?$/);
    expect(route.meters[0].history).toHaveLength(3);
  });

  it('is not visible to staff of the other office', async () => {
    const other = await s.loginStaff('manager2');
    expect((await s.call('GET', `/reading-routes/${route.route.id}/download`, { cookie: other })).status).toBe(404);
  });
});

describe('POST /sync/commands', () => {
  it('applies a reading once; the same command 10 times answers duplicate with the same row', async () => {
    const m = route.meters[0];
    const value = String(Number(m.previous) + 12);
    const cmd = command(m.id, value);
    const first = await push(reader, [cmd]);
    expect(first.status).toBe(200);
    expect(first.data.results[0]).toMatchObject({ id: cmd.id, status: 'applied', result: { id: cmd.id, usage: '12.0000', status: 'approved' } });
    for (let i = 0; i < 10; i++) {
      const again = await push(reader, [cmd]);
      expect(again.data.results[0].status).toBe('duplicate');
      expect(again.data.results[0].result).toEqual(first.data.results[0].result);
    }
    expect(await rowsWithId(cmd.id)).toBe(1);
  });

  it('10 concurrent pushes of one command make one reading', async () => {
    const m = route.meters[1];
    const cmd = command(m.id, String(Number(m.previous) + 5));
    const answers = await Promise.all(Array.from({ length: 10 }, () => push(reader, [cmd])));
    const statuses = answers.map((a) => a.data.results[0].status).sort();
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(9);
    expect(await rowsWithId(cmd.id)).toBe(1);
  });

  it('applies each command of a batch on its own: a bad one is rejected, the others land', async () => {
    const good1 = command(route.meters[2].id, String(Number(route.meters[2].previous) + 3));
    const offRoute = command(offRouteMeter, '100');
    const good2 = command(route.meters[3].id, String(Number(route.meters[3].previous) + 4));
    const res = await push(reader, [good1, offRoute, good2]);
    expect(res.data.results.map((r: any) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(res.data.results[1].reason.code).toBe('not_on_route');
    // The rejection is remembered: a replay gets the same answer and still writes nothing.
    const replay = await push(reader, [offRoute]);
    expect(replay.data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'not_on_route' } });
    expect(await rowsWithId(offRoute.id)).toBe(0);
  });

  it('rejects readings of meters outside the actor’s org scope', async () => {
    const other = await s.loginStaff('manager2');
    const cmd = command(route.meters[4].id, '10', { routeId: null });
    const res = await push(other, [cmd]);
    expect(res.data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'meter_not_allowed' } });
    expect(await rowsWithId(cmd.id)).toBe(0);
  });

  it('a route belongs to its reader', async () => {
    const tech = await s.loginStaff('tech1');
    const res = await push(tech, [command(route.meters[5].id, '10')]);
    expect(res.data.results[0].reason.code).toBe('not_your_route');
  });

  it('keeps flagged readings for review, never drops them; a declared misread is rejected', async () => {
    const m = route.meters[6];
    const lower = command(m.id, String(Math.max(0, Number(m.previous) - 5)));
    const res = await push(reader, [lower]);
    expect(res.data.results[0]).toMatchObject({ status: 'applied', result: { status: 'pending_review', usage: null } });
    expect(res.data.results[0].result.flags).toContain('lower_than_previous');
    const tooLong = command(route.meters[7].id, '12345678');
    const spiked = await push(reader, [tooLong]);
    expect(spiked.data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'reading_invalid', details: { rejection: 'too_many_digits' } } });
    const big = command(route.meters[8].id, String(Number(route.meters[8].previous) + 5000));
    const flagged = await push(reader, [big]);
    expect(flagged.data.results[0].result.flags).toContain('spike');
    const misread = command(route.meters[9].id, '1', { explanation: 'misread' });
    expect((await push(reader, [misread])).data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'reading_invalid' } });
  });

  it('a second reading of a meter in the period supersedes the first; both are kept', async () => {
    const m = route.meters[10];
    const a = command(m.id, String(Number(m.previous) + 7));
    const b = { ...command(m.id, String(Number(m.previous) + 8)), at: new Date(Date.now() + 60_000).toISOString() };
    await push(reader, [a, b]);
    const rows = await s.db.select().from(readings).where(eq(readings.meterId, m.id));
    const second = rows.find((r) => r.id === b.id)!;
    expect(second.supersedesId).toBe(a.id);
    expect(rows.some((r) => r.id === a.id)).toBe(true);
  });

  it('bad input gets the 4xx error shape and writes nothing', async () => {
    const before = (await s.db.execute(sql`select count(*)::int as n from readings`)) as any;
    const count = () => (before.rows ?? before)[0].n;
    for (const body of [
      {},
      { deviceId: 'd', commands: [] },
      { deviceId: 'd', commands: [{ ...command(route.meters[0].id, '1'), id: 'not-a-uuid' }] },
      { deviceId: 'd', commands: [{ ...command(route.meters[0].id, '1'), at: 'yesterday' }] },
    ]) {
      const res = await s.call('POST', '/sync/commands', { cookie: reader, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toBe('validation_failed');
    }
    const after = (await s.db.execute(sql`select count(*)::int as n from readings`)) as any;
    expect((after.rows ?? after)[0].n).toBe(count());
    expect((await s.call('POST', '/sync/commands', { json: { deviceId: 'd', commands: [command(route.meters[0].id, '1')] } })).status).toBe(401);
  });

  it('a command with a bad payload or an unknown type is rejected on its own; the rest of the batch lands', async () => {
    const unknownType = { ...command(route.meters[11].id, '1'), type: 'reading.delete' };
    const badPeriod = command(route.meters[11].id, '1', { period: '2026-13' });
    const htmlValue = command(route.meters[11].id, '<b>1</b>');
    const good = command(route.meters[12].id, String(Number(route.meters[12].previous) + 2));
    const res = await push(reader, [unknownType, badPeriod, htmlValue, good]);
    expect(res.status).toBe(200);
    expect(res.data.results.map((r: any) => r.reason?.code ?? r.status)).toEqual(['unknown_command_type', 'invalid_command', 'reading_invalid', 'applied']);
    expect(res.data.results[1].reason.details[0].path).toBe('period');
    for (const c of [unknownType, badPeriod, htmlValue]) expect(await rowsWithId(c.id)).toBe(0);
  });
});

describe('photos of synced commands', () => {
  const jpeg = (size: number) => {
    const b = new Uint8Array(size);
    b.set([0xff, 0xd8, 0xff, 0xe0]);
    return b;
  };
  const put = (cookie: string, id: string, commandId: string, body: Uint8Array, type = 'image/jpeg') =>
    s.call('PUT', `/sync/blobs/${id}?commandId=${commandId}`, { cookie, body, headers: { 'content-type': type } });

  it('uploads once per photo id (2 MB passes the JSON body limit), and only for the uploader’s applied command', async () => {
    const m = route.meters[13];
    const cmd = command(m.id, String(Number(m.previous) + 6));
    expect((await push(reader, [cmd])).data.results[0].status).toBe('applied');
    const photoId = randomUUID();
    const big = jpeg(2 * 1024 * 1024);
    const first = await put(reader, photoId, cmd.id, big);
    expect(first.status, first.raw).toBe(200);
    expect(first.data).toMatchObject({ id: photoId, size: big.byteLength, contentType: 'image/jpeg' });
    expect((await put(reader, photoId, cmd.id, big)).status).toBe(200);
    const count = await s.db.select().from(photos).where(eq(photos.id, photoId));
    expect(count).toHaveLength(1);

    const other = command(route.meters[14].id, String(Number(route.meters[14].previous) + 1));
    await push(reader, [other]);
    expect((await put(reader, photoId, other.id, big)).status).toBe(409);
    expect((await put(reader, randomUUID(), randomUUID(), big)).status).toBe(404);
    const manager = await s.loginStaff('manager');
    expect((await put(manager, randomUUID(), cmd.id, big)).status).toBe(404);
    expect((await put(reader, randomUUID(), cmd.id, big, 'text/html')).status).toBe(415);
    expect((await put(reader, randomUUID(), cmd.id, jpeg(6 * 1024 * 1024))).status).toBe(413);

    const mine = await s.app.request(`/api/photos/${photoId}`, { headers: { cookie: reader } });
    expect(mine.status).toBe(200);
    expect((await mine.arrayBuffer()).byteLength).toBe(big.byteLength);
    expect((await s.app.request(`/api/photos/${photoId}`, { headers: { cookie: manager } })).status).toBe(200);
    const other2 = await s.loginStaff('manager2');
    expect((await s.app.request(`/api/photos/${photoId}`, { headers: { cookie: other2 } })).status).toBe(404);
  });
});
