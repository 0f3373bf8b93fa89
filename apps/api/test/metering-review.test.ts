/**
 * The review queue: current readings only, flagged first; approve / send back / correct with their
 * transitions, idempotency and 409 on a superseded reading; the reader sees a sent-back meter on the route;
 * only approved current readings reach billing (approvedUsageForPeriod).
 */
import { randomUUID } from 'node:crypto';
import { currentReading } from '@pm/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, readings } from '../src/db/schema';
import { approvedUsageForPeriod } from '../src/services/metering/current';
import { type Suite, setupSuite } from './harness';
import { clockToNow, currentPeriod, readerRoute, record } from './metering';

let s: Suite;
let manager: string;
let cs: string;
let reader: string;
let route: any;
const period = currentPeriod();
const r: Record<'normal' | 'spike' | 'lower' | 'toSendBack' | 'toCorrect', any> = {} as never;
let photoId: string;

const plus = (m: any, n: number) => String(Number(m.previous) + n);

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  cs = await s.loginStaff('cs');
  reader = await s.loginStaff('reader1');
  route = await readerRoute(s);
  const m = route.meters;
  const id = route.route.id;
  r.normal = await record(s, reader, id, m[30].id, plus(m[30], 10), {}, 5);
  r.spike = await record(s, reader, id, m[32].id, plus(m[32], 500), { note: '家里漏水' }, 5);
  r.lower = await record(s, reader, id, m[34].id, String(Number(m[34].previous) - 5), {}, 5);
  r.toSendBack = await record(s, reader, id, m[36].id, plus(m[36], 400), {}, 5);
  r.toCorrect = await record(s, reader, id, m[38].id, plus(m[38], 300), {}, 5);
  photoId = randomUUID();
  const jpeg = new Uint8Array(64);
  jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
  const up = await s.call('PUT', `/sync/blobs/${photoId}?commandId=${r.spike.id}`, { cookie: reader, body: jpeg, headers: { 'content-type': 'image/jpeg' } });
  expect(up.status).toBe(200);
});
afterAll(async () => s?.close());

const list = (cookie: string, query: string) => s.call('GET', `/readings?estateId=${s.ids.estate1}&period=${period}&pageSize=200&${query}`, { cookie });
const act = (cookie: string, id: string, action: 'approve' | 'send-back' | 'correct', json: unknown = {}) => s.call('POST', `/readings/${id}/${action}`, { cookie, json });
const auditCount = async (id: string, action: string) =>
  (await s.db.select().from(auditLog).where(and(eq(auditLog.entity, 'reading'), eq(auditLog.entityId, id), eq(auditLog.action, action)))).length;

describe('GET /readings', () => {
  it('lists the pending readings with everything a reviewer needs, flagged first', async () => {
    expect(r.normal.status).toBe('approved');
    expect(r.spike).toMatchObject({ status: 'pending_review', flags: ['spike'] });
    expect(r.lower).toMatchObject({ status: 'pending_review', usage: null, flags: ['lower_than_previous'] });
    const res = await list(manager, 'status=pending_review');
    expect(res.status, res.raw).toBe(200);
    const ids = res.data.items.map((i: any) => i.id);
    for (const x of [r.spike, r.lower, r.toSendBack, r.toCorrect]) expect(ids).toContain(x.id);
    expect(res.data.total).toBe(5); // and the seeded flagged reading of the route's last meter
    const spike = res.data.items.find((i: any) => i.id === r.spike.id);
    const m = route.meters[32];
    expect(spike).toMatchObject({
      meterId: m.id,
      serial: m.serial,
      type: m.type,
      unitId: m.unitId,
      unitNumber: m.unitNumber,
      buildingName: '1栋',
      estateId: s.ids.estate1,
      routeId: route.route.id,
      routeName: '1栋 水电表',
      period,
      usage: '500.0000',
      kind: 'normal',
      flags: ['spike'],
      status: 'pending_review',
      note: '家里漏水',
      readerId: s.ids.staff.reader1,
      readerName: '赵抄表',
      supersedesId: null,
      reviewNote: null,
      reviewedBy: null,
      reviewedAt: null,
      isCurrent: true,
      photoIds: [photoId],
      history: m.history,
    });
    expect(spike.history).toHaveLength(3);
    expect(spike.takenAt).toMatch(/Z$/);
  });

  it('puts flagged readings first, then building/unit order; filters by flag, route and text', async () => {
    const all = await list(manager, '');
    const flags = all.data.items.map((i: any) => i.flags.length > 0);
    expect(flags.indexOf(false)).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf(false))).not.toContain(true);
    const flagged = all.data.items.filter((i: any) => i.flags.length > 0).map((i: any) => i.unitNumber);
    expect(flagged).toEqual([...[32, 34, 36, 38].map((i) => route.meters[i].unitNumber), route.meters[route.meters.length - 1].unitNumber]);
    expect(all.data.items.some((i: any) => i.id === r.normal.id)).toBe(true);

    expect((await list(manager, 'flagged=true')).data.total).toBe(5);
    expect((await list(manager, `routeId=${route.route.id}&status=approved`)).data.items.map((i: any) => i.id)).toEqual([r.normal.id]);
    const byUnit = await list(manager, `q=${encodeURIComponent(route.meters[32].unitNumber)}`);
    expect(byUnit.data.items.map((i: any) => i.id)).toEqual([r.spike.id]);
  });

  it('shows nothing to staff who may not review: readers, the cashier, the other office', async () => {
    for (const who of ['reader1', 'cashier', 'tech1', 'manager2']) {
      const res = await list(await s.loginStaff(who), '');
      expect(res.status).toBe(200);
      expect(res.data.total, who).toBe(0);
    }
    expect((await list(cs, 'status=pending_review')).data.total).toBe(5);
  });
});

describe('approve', () => {
  it('approves a pending reading once; again is 200 and writes nothing', async () => {
    const res = await act(manager, r.spike.id, 'approve', { note: '已电话核实' });
    expect(res.status, res.raw).toBe(200);
    expect(res.data).toMatchObject({ id: r.spike.id, status: 'approved', reviewNote: '已电话核实', reviewedBy: s.ids.staff.manager, reviewedByName: '陈经理' });
    expect(res.data.reviewedAt).toMatch(/Z$/);
    const again = await act(cs, r.spike.id, 'approve', {});
    expect(again.status).toBe(200);
    expect(again.data).toEqual(res.data);
    expect(await auditCount(r.spike.id, 'approve')).toBe(1);
  });

  it('403 for a reader, 404 for the cashier and the other office', async () => {
    expect((await act(reader, r.toCorrect.id, 'approve')).status).toBe(403);
    expect((await act(await s.loginStaff('cashier'), r.toCorrect.id, 'approve')).status).toBe(404);
    expect((await act(await s.loginStaff('manager2'), r.toCorrect.id, 'approve')).status).toBe(404);
    expect((await act(manager, randomUUID(), 'approve')).status).toBe(404);
  });

  it('refuses a reading without usage (lower than previous, unexplained): correct it instead', async () => {
    const res = await act(manager, r.lower.id, 'approve');
    expect(res.status).toBe(422);
    expect(res.data.error.code).toBe('needs_explanation');
    expect((await s.db.select().from(readings).where(eq(readings.id, r.lower.id)))[0]!.status).toBe('pending_review');
  });
});

describe('send back', () => {
  it('sends a reading back with a reason; the reader sees it on the route, re-reads, and the new reading counts', async () => {
    const res = await act(cs, r.toSendBack.id, 'send-back', { reason: '照片模糊，请重抄' });
    expect(res.status, res.raw).toBe(200);
    expect(res.data).toMatchObject({ status: 'sent_back', sentBackReason: '照片模糊，请重抄', reviewedByName: '林客服' });
    expect((await act(cs, r.toSendBack.id, 'send-back', { reason: '另一个原因' })).data.sentBackReason).toBe('照片模糊，请重抄');
    expect(await auditCount(r.toSendBack.id, 'send_back')).toBe(1);
    const approve = await act(manager, r.toSendBack.id, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.data.error).toMatchObject({ code: 'invalid_transition', details: { status: 'sent_back', to: 'approved' } });

    const m = route.meters[36];
    let download = await readerRoute(s);
    expect(download.meters.find((x: any) => x.id === m.id)).toMatchObject({ status: 'sent_back', sentBackReason: '照片模糊，请重抄', readingId: r.toSendBack.id });
    expect(download.meters.find((x: any) => x.id === route.meters[32].id).status).toBe('approved');
    expect(download.meters.find((x: any) => x.id === route.meters[34].id).status).toBe('pending_review');
    expect(download.meters.find((x: any) => x.id === route.meters[40].id)).toMatchObject({ status: 'unread', readingId: null });

    const reread = await record(s, reader, route.route.id, m.id, plus(m, 12), {}, 10);
    expect(reread).toMatchObject({ status: 'approved', supersedesId: r.toSendBack.id });
    download = await readerRoute(s);
    expect(download.meters.find((x: any) => x.id === m.id)).toMatchObject({ status: 'approved', sentBackReason: null, readingId: reread.id });

    // Only the current reading is listed, unless asked for the superseded ones too.
    const current = await list(manager, `meterId=${m.id}`);
    expect(current.data.items.map((i: any) => i.id)).toEqual([reread.id]);
    const both = await list(manager, `meterId=${m.id}&includeSuperseded=true`);
    // (flagged first: the sent-back reading was a spike)
    expect(both.data.items.map((i: any) => [i.id, i.isCurrent])).toEqual([
      [r.toSendBack.id, false],
      [reread.id, true],
    ]);
    // Acting on the superseded reading: 409 naming the current one.
    for (const action of ['approve', 'send-back'] as const) {
      const res2 = await act(manager, r.toSendBack.id, action, { reason: '再看看' });
      expect(res2.status).toBe(409);
      expect(res2.data.error).toMatchObject({ code: 'conflict', details: { currentId: reread.id } });
    }
  });

  it('sends back an approved reading too (a re-read before billing)', async () => {
    const res = await act(manager, r.normal.id, 'send-back', { reason: '与上月差异大，请复抄' });
    expect(res.status).toBe(200);
    expect(res.data.status).toBe('sent_back');
  });

  it('needs a reason of at most 200 characters', async () => {
    for (const json of [{}, { reason: '' }, { reason: 'x'.repeat(201) }, { reason: '<b>x</b>' }]) {
      const res = await act(manager, r.toCorrect.id, 'send-back', json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.data.error.code).toBe('validation_failed');
    }
    expect((await s.db.select().from(readings).where(eq(readings.id, r.toCorrect.id)))[0]!.status).toBe('pending_review');
  });
});

describe('correct', () => {
  it('records a new approved reading by the reviewer that supersedes the corrected one; the same id again answers the same', async () => {
    const m = route.meters[34];
    const json = { id: randomUUID(), value: plus(m, 6), note: '复核：抄错一位' };
    const res = await act(manager, r.lower.id, 'correct', json);
    expect(res.status, res.raw).toBe(200);
    expect(res.data).toMatchObject({
      id: json.id,
      meterId: m.id,
      period,
      routeId: route.route.id,
      previous: r.lower.previous,
      usage: '6.0000',
      kind: 'normal',
      flags: [],
      status: 'approved',
      note: '复核：抄错一位',
      reviewNote: '复核：抄错一位',
      readerId: s.ids.staff.manager,
      readerName: '陈经理',
      reviewedBy: s.ids.staff.manager,
      supersedesId: r.lower.id,
      isCurrent: true,
    });
    expect(new Date(res.data.takenAt).getTime()).toBeGreaterThan(new Date(r.lower.takenAt).getTime());
    const again = await act(manager, r.lower.id, 'correct', json);
    expect(again.status).toBe(200);
    expect(again.data).toEqual(res.data);
    expect(await s.db.select().from(readings).where(eq(readings.id, json.id))).toHaveLength(1);
    expect(await auditCount(json.id, 'correct')).toBe(1);

    const reused = await act(manager, r.lower.id, 'correct', { ...json, value: plus(m, 7) });
    expect(reused.status).toBe(409);
    // The corrected reading no longer counts.
    const stale = await act(manager, r.lower.id, 'correct', { ...json, id: randomUUID() });
    expect(stale.data.error).toMatchObject({ code: 'conflict', details: { currentId: json.id } });
    expect((await act(manager, r.lower.id, 'approve')).status).toBe(409);
    expect((await list(manager, `meterId=${m.id}`)).data.items.map((i: any) => i.id)).toEqual([json.id]);
  });

  it('runs the same rules as the phone: a value that is still wrong is 400 with the rejection', async () => {
    const m = route.meters[38];
    const lower = String(Number(m.previous) - 3);
    const cases: [Record<string, unknown>, string][] = [
      [{ value: '12345678' }, 'too_many_digits'],
      [{ value: 'abc' }, 'syntax'],
      [{ value: lower }, 'needs_explanation'],
      [{ value: lower, explanation: 'misread' }, 'misread'],
      [{ value: lower, explanation: 'replaced' }, 'replacement_required'],
    ];
    for (const [extra, rejection] of cases) {
      const res = await act(manager, r.toCorrect.id, 'correct', { id: randomUUID(), note: '更正', ...extra });
      expect(res.status, rejection).toBe(400);
      expect(res.data.error).toMatchObject({ code: 'reading_invalid', details: { rejection } });
    }
    const rollover = await act(cs, r.toCorrect.id, 'correct', { id: randomUUID(), value: lower, explanation: 'rollover', note: '表已翻转' });
    expect(rollover.status, rollover.raw).toBe(200);
    // 10^5 − previous + current on a 5-digit dial = 99997.
    expect(rollover.data).toMatchObject({ kind: 'rollover', usage: '99997.0000', status: 'approved', explanation: 'rollover' });
    expect(rollover.data.flags).toEqual(['lower_than_previous', 'rollover_suspicious']);
  });

  it('403 for a reader, 404 for the other office; bad bodies are 400', async () => {
    const target = (await list(manager, 'status=pending_review')).data.items[0].id;
    const json = { id: randomUUID(), value: '1', note: 'x' };
    expect((await act(reader, target, 'correct', json)).status).toBe(403);
    expect((await act(await s.loginStaff('manager2'), target, 'correct', json)).status).toBe(404);
    for (const bad of [{}, { ...json, note: '' }, { ...json, id: 'nope' }, { ...json, explanation: 'guess' }, { ...json, value: 12 }]) {
      expect((await act(manager, target, 'correct', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('approvedUsageForPeriod', () => {
  it('gives billing the current approved reading per meter, and nothing for pending or sent-back meters', async () => {
    const approved = await approvedUsageForPeriod({ tx: s.db, estateId: s.ids.estate1, period });
    const byMeter = new Map(approved.map((a) => [a.meterId, a]));
    const all = await s.db.select().from(readings).where(eq(readings.period, period));
    const groups = new Map<string, typeof all>();
    for (const row of all) groups.set(row.meterId, [...(groups.get(row.meterId) ?? []), row]);
    for (const [meterId, rows] of groups) {
      const cur = currentReading(rows.map((x) => ({ ...x, takenAt: x.takenAt.toISOString() })))!;
      if (cur.status === 'approved') expect(byMeter.get(meterId)).toMatchObject({ readingId: cur.id, usage: cur.usage });
      else expect(byMeter.has(meterId), meterId).toBe(false);
    }
    expect(byMeter.get(route.meters[32].id)?.readingId).toBe(r.spike.id); // approved
    expect(byMeter.has(route.meters[30].id)).toBe(false); // sent back
    expect(byMeter.get(route.meters[34].id)?.usage).toBe('6.0000'); // the correction, not the corrected
    expect(byMeter.has(route.meters[route.meters.length - 1].id)).toBe(false); // the seeded pending one
  });
});
