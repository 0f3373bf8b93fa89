/**
 * Meter replacement 换表: the metering point keeps its id and takes the new dial; the next reading's usage is
 * the old dial's part plus the new dial's, on the server and on the phone (from the route download) alike.
 */
import { randomUUID } from 'node:crypto';
import { checkReading, todayInShanghai } from '@pm/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, meterReplacements, meters } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';
import { clockToNow, push, readerRoute, readingCommand, record } from './metering';

let s: Suite;
let manager: string;
let reader: string;
let route: any;
let m: any;
let body: any;

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  reader = await s.loginStaff('reader1');
  route = await readerRoute(s);
  m = route.meters[20];
  body = {
    id: randomUUID(),
    replacedOn: todayInShanghai(s.clock.now()),
    oldFinal: String(Number(m.previous) + 7),
    newSerial: 'W-NEW-0001',
    newInitial: '0',
    newMultiplier: '2',
    newDigits: 6,
    note: '旧表损坏',
  };
});
afterAll(async () => s?.close());

const replace = (cookie: string, meterId: string, json: unknown) => s.call('POST', `/meters/${meterId}/replacements`, { cookie, json });
const countFor = async (meterId: string) => (await s.db.select().from(meterReplacements).where(eq(meterReplacements.meterId, meterId))).length;

describe('POST /meters/:id/replacements', () => {
  it('moves the meter to the new dial, keeping its id and code; the same request again changes nothing', async () => {
    const first = await replace(manager, m.id, body);
    expect(first.status, first.raw).toBe(200);
    expect(first.data.replacement).toMatchObject({
      id: body.id,
      meterId: m.id,
      replacedOn: body.replacedOn,
      oldSerial: m.serial,
      oldCode: m.code,
      oldFinal: `${body.oldFinal}.000`,
      oldMultiplier: '1.0000',
      oldDigits: m.digits,
      newSerial: 'W-NEW-0001',
      newCode: m.code,
      newInitial: '0.000',
      newMultiplier: '2.0000',
      newDigits: 6,
      note: '旧表损坏',
      createdByName: '陈经理',
    });
    expect(first.data.meter).toMatchObject({ id: m.id, serial: 'W-NEW-0001', code: m.code, multiplier: '2.0000', digits: 6, initialReading: '0.000', installDate: body.replacedOn, state: 'active' });

    const again = await replace(manager, m.id, body);
    expect(again.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await countFor(m.id)).toBe(1);
    const audits = await s.db.select().from(auditLog).where(and(eq(auditLog.entity, 'meter'), eq(auditLog.action, 'replace'), eq(auditLog.entityId, m.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toMatchObject({ serial: m.serial, digits: m.digits });

    const other = await replace(manager, m.id, { ...body, oldFinal: String(Number(body.oldFinal) + 1) });
    expect(other.status).toBe(409);
    expect(other.data.error.code).toBe('conflict');
    expect(await countFor(m.id)).toBe(1);
  });

  it('lists the replacements of a meter, newest first', async () => {
    const res = await s.call('GET', `/meters/${m.id}/replacements`, { cookie: reader });
    expect(res.status).toBe(200);
    expect(res.data.items.map((r: any) => r.id)).toEqual([body.id]);
    expect(res.data.items[0].createdAt).toMatch(/Z$/);
  });

  it('gives the replacement to the phone with the route, and the next reading is old part + new part', async () => {
    const download = await readerRoute(s);
    const dm = download.meters.find((x: any) => x.id === m.id);
    expect(dm).toMatchObject({ digits: 6, multiplier: '2.0000', previous: m.previous, status: 'unread', sentBackReason: null });
    expect(dm.replacement).toMatchObject({ oldFinal: `${body.oldFinal}.000`, newInitial: '0.000', newMultiplier: '2.0000', newDigits: 6, replacedOn: body.replacedOn, oldMultiplier: '1.0000', oldDigits: m.digits });
    // Other meters have none.
    expect(download.meters[0].replacement).toBeNull();

    // The phone: the same domain rule with the downloaded data (the old dial from the replacement).
    const r = dm.replacement;
    const onPhone = checkReading({
      meter: { id: dm.id, type: dm.type, digits: r.oldDigits, multiplier: r.oldMultiplier, initialReading: dm.initialReading },
      previous: dm.previous,
      current: '5',
      history: dm.history.map((h: any) => h.usage),
      explanation: 'replaced',
      replacement: { oldFinal: r.oldFinal, newInitial: r.newInitial, newMultiplier: r.newMultiplier, newDigits: r.newDigits },
    });
    expect(onPhone).toMatchObject({ ok: true, usage: '17', kind: 'replaced' });

    // The server: the reader sends only the value; the recorded replacement is applied: 7 × 1 + 5 × 2 = 17.
    const row = await record(s, reader, download.route.id, m.id, '5', {}, 5);
    expect(row).toMatchObject({ kind: 'replaced', usage: '17.0000', value: '5.000', status: 'pending_review' });
    expect(row.flags).toContain('meter_replaced');
    expect(Number(row.previous)).toBe(Number(m.previous));

    // A reader who says they misread still withdraws the reading.
    const [misread] = await push(s, reader, [readingCommand(download.route.id, m.id, '4', { explanation: 'misread' }, 6)]);
    expect(misread).toMatchObject({ status: 'rejected', reason: { code: 'reading_invalid', details: { rejection: 'misread' } } });
  });

  it('refuses a second replacement until the meter has an approved reading after the first', async () => {
    const second = { ...body, id: randomUUID(), oldFinal: '10', newSerial: 'W-NEW-0002' };
    const refused = await replace(manager, m.id, second);
    expect(refused.status).toBe(409);
    expect(refused.data.error).toMatchObject({ code: 'replacement_unread', details: { replacementId: body.id } });

    const list = await s.call('GET', `/readings?meterId=${m.id}&status=pending_review`, { cookie: manager });
    expect((await s.call('POST', `/readings/${list.data.items[0].id}/approve`, { cookie: manager, json: {} })).status).toBe(200);
    s.clock.advance(2); // still before the approved reading (taken 5 s ahead), after the first replacement
    const now = await replace(manager, m.id, second);
    expect(now.status, now.raw).toBe(200);
    expect(now.data.replacement).toMatchObject({ oldSerial: 'W-NEW-0001', oldMultiplier: '2.0000', oldDigits: 6, oldFinal: '10.000' });
    const items = (await s.call('GET', `/meters/${m.id}/replacements`, { cookie: manager })).data.items;
    expect(items.map((r: any) => r.id)).toEqual([second.id, body.id]);
  });

  it('checks the final and initial readings against the dials, and writes nothing when they are wrong', async () => {
    const target = route.meters[22];
    const base = { ...body, id: randomUUID(), newSerial: 'W-NEW-0100', oldFinal: String(Number(target.previous) + 1) };
    const before = await s.db.select().from(meters).where(eq(meters.id, target.id));
    const cases: [unknown, number, string][] = [
      [{ ...base, oldFinal: String(Math.max(0, Number(target.previous) - 1)) }, 400, 'replacement_old_final_below_previous'],
      [{ ...base, oldFinal: '1234567' }, 400, 'replacement_old_final_invalid'],
      [{ ...base, newInitial: '1234567', newDigits: 6 }, 400, 'replacement_new_initial_invalid'],
      [{ ...base, replacedOn: '2999-01-01' }, 400, 'validation_failed'],
      [{ ...base, newMultiplier: '0' }, 400, 'validation_failed'],
      [{ ...base, newDigits: 11 }, 400, 'validation_failed'],
      [{ ...base, newSerial: route.meters[24].serial }, 409, 'conflict'],
    ];
    for (const [json, status, code] of cases) {
      const res = await replace(manager, target.id, json);
      expect(res.status, `${code}: ${res.raw}`).toBe(status);
      expect(res.data.error.code).toBe(code);
    }
    const below = await replace(manager, target.id, cases[0]![0]);
    expect(below.data.error.details.previous).toBe(target.previous);
    expect(await countFor(target.id)).toBe(0);
    expect(await s.db.select().from(meters).where(eq(meters.id, target.id))).toEqual(before);
  });

  it('403 for a reader (may read meters, not change them), 404 outside the office', async () => {
    const target = route.meters[26];
    const json = { ...body, id: randomUUID(), newSerial: 'W-NEW-0200', oldFinal: String(Number(target.previous) + 1) };
    expect((await replace(reader, target.id, json)).status).toBe(403);
    expect((await replace(await s.loginStaff('manager2'), target.id, json)).status).toBe(404);
    expect((await s.call('GET', `/meters/${target.id}/replacements`, { cookie: await s.loginStaff('manager2') })).status).toBe(404);
    expect(await countFor(target.id)).toBe(0);
  });
});

describe('a replaced meter without an approved reading before it', () => {
  it('starts the new dial at its initial reading: previous = newInitial, a normal usage', async () => {
    const created = await s.call('POST', '/meters', {
      cookie: manager,
      json: { estateId: s.ids.estate1, scope: 'master', type: 'cold_water', serial: 'MASTER-1', digits: 5, initialReading: '10' },
    });
    expect(created.status, created.raw).toBe(200);
    const meterId = created.data.id;
    const res = await replace(manager, meterId, { id: randomUUID(), replacedOn: body.replacedOn, oldFinal: '20', newSerial: 'MASTER-2', newCode: 'PM-MASTER-2', newInitial: '3', newMultiplier: '1', newDigits: 5 });
    expect(res.status, res.raw).toBe(200);
    expect(res.data.meter).toMatchObject({ serial: 'MASTER-2', code: 'PM-MASTER-2', initialReading: '3.000' });
    // The manager may record without a route.
    const row = await record(s, manager, null, meterId, '8', {}, 5);
    expect(row).toMatchObject({ kind: 'normal', previous: '3.000', usage: '5.0000', status: 'approved' });
  });
});

describe('reading.record payload', () => {
  it('refuses replacement data without the explanation replaced (rejected, not a server error)', async () => {
    const target = route.meters[28];
    const [res] = await push(s, reader, [readingCommand(route.route.id, target.id, '1', { replacement: { oldFinal: '1', newInitial: '0', newMultiplier: '1', newDigits: 5 } })]);
    expect(res).toMatchObject({ status: 'rejected', reason: { code: 'invalid_command' } });
    const n = await s.db.execute(sql`select count(*)::int as n from readings where meter_id = ${target.id} and period = ${route.route.period}`);
    expect(((n as any).rows ?? n)[0].n).toBe(0);
  });
});
