/**
 * Work orders end to end on a real database: a resident files a repair with a photo, customer service
 * dispatches it, the technician works it through the offline sync (phone time kept beside the sync time,
 * replays change nothing), the resident rates it "not fixed" and it reopens; a paid service is grabbed from
 * the pool and its completion posts one charge on the unit; refusals name the current state; scope (other
 * units, other offices, a technician outside their jobs and pool) is 404; timers close unanswered surveys and
 * escalate late orders once; the KPI SQL agrees with @pm/domain's `workOrderKpis` on the same orders.
 */
import { randomUUID } from 'node:crypto';
import { todayInShanghai, workOrderKpis } from '@pm/domain';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charges, notifications, workOrderEvents, workOrders } from '../src/db/schema';
import { toDomain } from '../src/services/work-orders/row';
import { runWorkOrderTimers } from '../src/services/work-orders/timers';
import { type Suite, setupSuite } from './harness';
import { clockToNow } from './metering';

let s: Suite;
let cs: string;
let tech: string;
let manager: string;
let manager2: string;
let resident: string;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 0xff, 0xd9]);

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  cs = await s.loginStaff('cs');
  tech = await s.loginStaff('tech1');
  manager = await s.loginStaff('manager');
  manager2 = await s.loginStaff('manager2');
  resident = await s.loginResident('13800138000');
});
afterAll(async () => s?.close());

const push = (commands: unknown[], cookie = tech) => s.call('POST', '/sync/commands', { cookie, json: { deviceId: 'tech-phone', commands } });
const wo = (workOrderId: string, command: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'work_order.command',
  at: s.clock.now().toISOString(),
  payload: { workOrderId, command, input, ...extra },
});

async function uploadResidentPhoto() {
  const id = randomUUID();
  const res = await s.app.request(`/api/resident/work-order-photos/${id}`, { method: 'PUT', headers: { cookie: resident, 'content-type': 'image/jpeg' }, body: JPEG });
  expect(res.status).toBe(200);
  return id;
}

async function residentFiles(body: Record<string, unknown>) {
  const res = await s.call('POST', '/resident/work-orders', { cookie: resident, json: { id: randomUUID(), unitId: s.ids.unitZhang, description: '厨房水管漏水', ...body } });
  expect(res.status, res.raw).toBe(200);
  return res.data;
}

describe('a repair from the resident to the technician and back', () => {
  let orderId: string;

  it('the resident files a repair with a photo; the same id again is the same order', async () => {
    const photo = await uploadResidentPhoto();
    const id = randomUUID();
    const body = { id, unitId: s.ids.unitZhang, kind: 'repair', category: 'water_electric', location: 'unit', description: '厨房水管漏水', reportPhotos: [photo] };
    const first = await s.call('POST', '/resident/work-orders', { cookie: resident, json: body });
    expect(first.status, first.raw).toBe(200);
    expect(first.data).toMatchObject({ kind: 'repair', state: 'submitted', priority: 'normal', unitLabel: '1栋 1-101', allowed: expect.arrayContaining(['cancel']) });
    expect(first.data.number).toMatch(/^GD\d{6}\d{4}$/);
    expect(first.data.photos.report).toEqual([{ id: photo, url: `/api/resident/work-order-photos/${photo}` }]);
    // 2 hours to respond, 48 to complete for a normal repair
    expect(new Date(first.data.responseDueAt).getTime() - new Date(first.data.submittedAt).getTime()).toBe(120 * 60_000);
    const again = await s.call('POST', '/resident/work-orders', { cookie: resident, json: body });
    expect(again.data.id).toBe(id);
    expect(await s.db.select().from(workOrders).where(eq(workOrders.id, id))).toHaveLength(1);
    orderId = id;
    // staff see the photo too
    const img = await s.app.request(`/api/work-order-photos/${photo}`, { headers: { cookie: cs } });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
  });

  it('customer service sees it unassigned on the board and dispatches it to the technician', async () => {
    const board = await s.call('GET', `/work-orders/board?estateId=${s.ids.estate1}`, { cookie: cs });
    expect(board.status, board.raw).toBe(200);
    expect(board.data.counts.unassigned).toBeGreaterThanOrEqual(1);
    expect(board.data.technicians.map((t: any) => t.id)).toContain(s.ids.staff.tech1);
    const list = await s.call('GET', `/work-orders?estateId=${s.ids.estate1}&view=unassigned`, { cookie: cs });
    expect(list.data.items.map((i: any) => i.id)).toContain(orderId);
    const detail = await s.call('GET', `/work-orders/${orderId}`, { cookie: cs });
    expect(detail.data.allowed).toContain('dispatch');
    expect(detail.data.forms.dispatch.requires).toEqual(['assigneeId']);
    const dispatched = await s.call('POST', `/work-orders/${orderId}/commands`, { cookie: cs, json: { id: randomUUID(), command: 'dispatch', input: { assigneeId: s.ids.staff.tech1 } } });
    expect(dispatched.status, dispatched.raw).toBe(200);
    expect(dispatched.data).toMatchObject({ state: 'assigned', assigneeId: s.ids.staff.tech1, assigneeName: '王师傅' });
    const notes = await s.db.select().from(notifications).where(and(eq(notifications.staffId, s.ids.staff.tech1!), eq(notifications.kind, 'assigned'), eq(notifications.workOrderId, orderId)));
    expect(notes).toHaveLength(1);
  });

  it('the technician downloads it and works it offline: phone times kept, a replayed batch changes nothing', async () => {
    const mine = await s.call('GET', '/work-orders/mine', { cookie: tech });
    expect(mine.status, mine.raw).toBe(200);
    const job = mine.data.jobs.find((j: any) => j.id === orderId);
    expect(job.allowed).toEqual(expect.arrayContaining(['accept']));
    s.clock.advance(90 * 60);
    const phoneTime = new Date(s.clock.now().getTime() - 30 * 60_000).toISOString(); // done 30 min ago, in a basement
    const batch = [
      { ...wo(orderId, 'accept', {}, { from: 'assigned' }), at: phoneTime },
      { ...wo(orderId, 'start', {}, { from: 'accepted' }), at: phoneTime },
      wo(orderId, 'complete', { completionNotes: '更换三通阀', materials: [{ name: '三通阀', quantity: '1', unit: '个' }], labourMinutes: 40 }, { from: 'in_progress' }),
    ];
    const res = await push(batch);
    expect(res.status, res.raw).toBe(200);
    expect(res.data.results.map((r: any) => r.status), JSON.stringify(res.data.results.map((r: any) => r.reason))).toEqual(['applied', 'applied', 'applied']);
    expect(res.data.results[2].result).toMatchObject({ state: 'completed', completionNotes: '更换三通阀', labourMinutes: 40 });
    const replay = await push(batch);
    expect(replay.data.results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const events = await s.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, orderId));
    expect(events.map((e) => e.command).sort()).toEqual(['accept', 'complete', 'dispatch', 'start', 'submit']);
    const accept = events.find((e) => e.command === 'accept')!;
    expect(accept.at.toISOString()).toBe(phoneTime);
    expect(accept.receivedAt.getTime()).toBeGreaterThan(accept.at.getTime());
    const [row] = await s.db.select().from(workOrders).where(eq(workOrders.id, orderId));
    expect(row!.respondedAt!.toISOString()).toBe(phoneTime); // the response time is when it was done, not synced
  });

  it('a command the order no longer allows is rejected with the current state, never applied', async () => {
    const res = await push([wo(orderId, 'start', {}, { from: 'accepted' })]);
    expect(res.data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'invalid_transition', details: { state: 'completed' } } });
    expect(res.data.results[0].current).toMatchObject({ id: orderId, state: 'completed' });
  });

  it('the resident sees it completed, rates it 2 and says not fixed: it reopens', async () => {
    const detail = await s.call('GET', `/resident/work-orders/${orderId}`, { cookie: resident });
    expect(detail.data.state).toBe('completed');
    expect(detail.data.allowed).toContain('answer_survey');
    expect(detail.data.events.every((e: any) => e.data === null)).toBe(true);
    const [survey] = await s.db.select().from(notifications).where(and(eq(notifications.workOrderId, orderId), eq(notifications.kind, 'survey')));
    expect(survey?.residentId).toBeTruthy();
    const rated = await s.call('POST', `/resident/work-orders/${orderId}/commands`, {
      cookie: resident,
      json: { id: randomUUID(), command: 'answer_survey', input: { satisfaction: 2, fixed: false, comment: '还在漏' } },
    });
    expect(rated.status, rated.raw).toBe(200);
    expect(rated.data).toMatchObject({ state: 'submitted', reopenCount: 1, assigneeId: null });
  });

  it('the resident cannot act as staff: 409 not_allowed with the state', async () => {
    const res = await s.call('POST', `/resident/work-orders/${orderId}/commands`, {
      cookie: resident,
      json: { id: randomUUID(), command: 'dispatch', input: { assigneeId: s.ids.staff.tech1 } },
    });
    expect(res.status).toBe(409);
    expect(res.data.error).toMatchObject({ code: 'not_allowed', details: { state: 'submitted' } });
  });

  it('comments from both sides land on the timeline once per id', async () => {
    const id = randomUUID();
    const a = await s.call('POST', `/resident/work-orders/${orderId}/comments`, { cookie: resident, json: { id, text: '下午在家' } });
    const b = await s.call('POST', `/resident/work-orders/${orderId}/comments`, { cookie: resident, json: { id, text: '下午在家' } });
    expect(a.status, a.raw).toBe(200);
    expect(b.data.events.filter((e: any) => e.command === 'comment')).toHaveLength(1);
  });
});

describe('editing an order', () => {
  it('customer service books an appointment and a contact, then clears both with null', async () => {
    const opened = await s.call('POST', '/work-orders', {
      cookie: cs,
      json: { id: randomUUID(), estateId: s.ids.estate1, kind: 'repair', category: 'water_electric', location: 'unit', unitId: s.ids.unitZhang, description: '卫生间地漏堵塞' },
    });
    expect(opened.status, opened.raw).toBe(200);
    const edit = (input: Record<string, unknown>) => s.call('POST', `/work-orders/${opened.data.id}/commands`, { cookie: cs, json: { id: randomUUID(), command: 'edit', input } });
    const booked = await edit({ contactName: '张伟（家人）', contactPhone: '13900139000', appointmentAt: '2026-11-28T14:00:00+08:00' });
    expect(booked.status, booked.raw).toBe(200);
    expect(booked.data).toMatchObject({ contactName: '张伟（家人）', contactPhone: '13900139000', appointmentAt: '2026-11-28T06:00:00.000Z' });
    const cleared = await edit({ contactName: null, appointmentAt: null });
    expect(cleared.status, cleared.raw).toBe(200);
    expect(cleared.data).toMatchObject({ contactName: null, contactPhone: '13900139000', appointmentAt: null });
    // null is "clear it" only where the domain allows it: a description cannot be cleared.
    const refused = await edit({ description: null });
    expect(refused.status).toBe(400);
  });
});

describe('paid service grabbed from the pool', () => {
  it('a grab from the pool, a second grab rejected, completion posts one charge on the unit', async () => {
    const order = await residentFiles({ kind: 'paid_service', category: 'pipes', description: '卫生间下水道疏通' });
    const pool = await s.call('GET', '/work-orders/mine', { cookie: tech });
    expect(pool.data.pool.map((p: any) => p.id)).toContain(order.id);
    const grab = wo(order.id, 'grab', {}, { from: 'submitted' });
    const [first, second] = [(await push([grab])).data.results[0], (await push([wo(order.id, 'grab', {}, { from: 'submitted' })])).data.results[0]];
    expect(first.status).toBe('applied');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'invalid_transition', details: { state: 'assigned' } } });
    const done = await push([
      wo(order.id, 'accept'),
      wo(order.id, 'start'),
      wo(order.id, 'complete', { completionNotes: '疏通完成', chargeAmount: '80.00' }),
    ]);
    expect(done.data.results.map((r: any) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const rows = await s.db.select().from(charges).where(and(eq(charges.unitId, s.ids.unitZhang), eq(charges.source, 'service')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: '80.00' });
    expect(rows[0]!.explanation).toContain('疏通完成');
    const detail = await s.call('GET', `/resident/work-orders/${order.id}`, { cookie: resident });
    expect(detail.data).toMatchObject({ chargeId: rows[0]!.id, chargeOwed: '80.00' });
    // A paid service without a charge is refused by the rules
    const other = await residentFiles({ kind: 'paid_service', category: 'pipes', description: '再疏通一次' });
    await push([wo(other.id, 'grab'), wo(other.id, 'accept'), wo(other.id, 'start')]);
    const refused = await push([wo(other.id, 'complete', { completionNotes: '好了' })]);
    expect(refused.data.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'missing_fields' } });
  });
});

describe('photos taken offline', () => {
  it('a completion names photos that arrive after the command (sync blobs); they are served once uploaded', async () => {
    const order = await residentFiles({ kind: 'repair', category: 'water_electric', location: 'unit', description: '卫生间灯不亮' });
    await s.call('POST', `/work-orders/${order.id}/commands`, { cookie: cs, json: { id: randomUUID(), command: 'dispatch', input: { assigneeId: s.ids.staff.tech1 } } });
    const photo = randomUUID();
    const complete = wo(order.id, 'complete', { completionNotes: '更换灯泡', completionPhotos: [photo] });
    const res = await push([wo(order.id, 'accept'), wo(order.id, 'start'), complete]);
    expect(res.data.results.map((r: any) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await s.app.request(`/api/work-order-photos/${photo}`, { headers: { cookie: cs } })).status).toBe(404);
    const up = await s.app.request(`/api/sync/blobs/${photo}?commandId=${complete.id}`, { method: 'PUT', headers: { cookie: tech, 'content-type': 'image/jpeg' }, body: JPEG });
    expect(up.status).toBe(200);
    const seen = await s.app.request(`/api/work-order-photos/${photo}`, { headers: { cookie: cs } });
    expect(seen.status).toBe(200);
    const mine = await s.app.request(`/api/resident/work-order-photos/${photo}`, { headers: { cookie: resident } });
    expect(mine.status).toBe(200);
  });
});

describe('scope', () => {
  it('another office, an unrelated technician view and a resident of another unit see nothing (404)', async () => {
    const order = await residentFiles({ kind: 'complaint', category: 'noise', description: '楼上装修噪音', anonymous: true });
    expect((await s.call('GET', `/work-orders/${order.id}`, { cookie: manager2 })).status).toBe(404);
    // a complaint is never in a technician's pool
    expect((await s.call('GET', `/work-orders/${order.id}`, { cookie: tech })).status).toBe(404);
    // customer service sees it without the anonymous reporter's name — nor their account id, which a unit's
    // bindings (residentId + phone) would give away; the manager sees both
    expect(order.reporterId).toEqual(expect.any(String));
    const seen = await s.call('GET', `/work-orders/${order.id}`, { cookie: cs });
    expect(seen.data).toMatchObject({ anonymous: true, reporterName: null, reporterId: null });
    const byManager = await s.call('GET', `/work-orders/${order.id}`, { cookie: manager });
    expect(byManager.data.reporterName).not.toBeNull();
    expect(byManager.data.reporterId).toBe(order.reporterId);
    const list = await s.call('GET', '/work-orders?view=all', { cookie: manager2 });
    expect(list.data.items.map((i: any) => i.id)).not.toContain(order.id);
  });

  it('bad input is a 4xx, never a 500', async () => {
    const bad = await s.call('POST', '/resident/work-orders', { cookie: resident, json: { id: randomUUID(), unitId: s.ids.unitOther, kind: 'repair', category: 'water_electric', description: 'x' } });
    expect(bad.status).toBe(404); // not their unit
    const unknown = await s.call('POST', '/resident/work-orders', { cookie: resident, json: { id: randomUUID(), unitId: s.ids.unitZhang, kind: 'repair', category: 'nope', location: 'unit', description: 'x' } });
    expect(unknown.status).toBe(400);
    const badInput = await s.call('POST', `/work-orders/${randomUUID()}/commands`, { cookie: cs, json: { id: randomUUID(), command: 'dispatch', input: { nonsense: 1 } } });
    expect(badInput.status).toBe(400);
  });
});

describe('KPIs', () => {
  it('the SQL figures equal @pm/domain workOrderKpis over the same orders, per estate and in total', async () => {
    const today = todayInShanghai(s.clock.now());
    const from = `${today.slice(0, 4)}-01-01`;
    const res = await s.call('GET', `/work-orders/kpis?from=${from}&to=${today}&groupBy=estate`, { cookie: manager });
    expect(res.status, res.raw).toBe(200);
    const rows = await s.db.select().from(workOrders);
    // Answers given before a reopen stay in the figures (the order's answer_survey events).
    const answers = await s.db.select().from(workOrderEvents).where(eq(workOrderEvents.command, 'answer_survey'));
    const earlier = (id: string, survey: { answeredAt: string } | null) =>
      answers
        .filter((e) => e.workOrderId === id && e.at.toISOString() !== survey?.answeredAt)
        .map((e) => ({ satisfaction: (e.data as { satisfaction: number }).satisfaction, answeredAt: e.at.toISOString() }));
    const orders = rows.map((r) => ({ ...toDomain(r), earlierAnswers: earlier(r.id, r.survey as { answeredAt: string } | null) }));
    expect(orders.some((o) => o.earlierAnswers.length > 0)).toBe(true); // the 2-star "not fixed" of the first suite
    const expected = workOrderKpis(orders, { from, to: today, now: s.clock.now() });
    const { from: _f, to: _t, ...figures } = expected;
    expect(res.data.total).toEqual(figures);
    const estate = res.data.rows.find((r: any) => r.key === s.ids.estate1);
    expect(estate.label).toBe('翠湖花园');
    // Drill-down: the orders behind the completion figure
    const behind = await s.call('GET', `/work-orders/kpis/orders?from=${from}&to=${today}&metric=completionOnTime&outcome=miss&pageSize=100`, { cookie: manager });
    const misses = res.data.total.completionOnTime.base - res.data.total.completionOnTime.count;
    expect(behind.data.items).toHaveLength(Math.min(misses, 100));
    expect(misses).toBeGreaterThan(0);
    // The .xlsx: a row per estate and the 合计 row, with the rates as numbers
    const file = await s.app.request(`/api/work-orders/kpis/export?from=${from}&to=${today}`, { headers: { cookie: manager } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`work-order-kpis-${from}-${today}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const sheet = book.getWorksheet('工单指标')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('项目');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(2).value).toBe(res.data.total.submitted);
    // Customer service has no report:read
    expect((await s.call('GET', `/work-orders/kpis?from=${from}&to=${today}`, { cookie: cs })).status).toBe(403);
  });

  it('counts every order once across groupings', async () => {
    const today = todayInShanghai(s.clock.now());
    const from = `${today.slice(0, 4)}-01-01`;
    for (const groupBy of ['technician', 'category']) {
      const res = await s.call('GET', `/work-orders/kpis?from=${from}&to=${today}&groupBy=${groupBy}`, { cookie: manager });
      const sum = res.data.rows.reduce((n: number, r: any) => n + r.submitted, 0);
      expect(sum).toBe(res.data.total.submitted);
    }
    const [n] = await s.db.select({ n: sql<number>`count(*)::int` }).from(workOrders);
    expect(n!.n).toBeGreaterThan(3);
  });
});

describe('timers', () => {
  it('a late order escalates once (managers notified); an unanswered survey closes as no_response after the window', async () => {
    const late = await s.call('POST', '/work-orders', {
      cookie: cs,
      json: { id: randomUUID(), estateId: s.ids.estate1, kind: 'repair', category: 'elevator', location: 'common_area', description: '3号电梯异响', priority: 'urgent' },
    });
    expect(late.status, late.raw).toBe(200);
    s.clock.advance(31 * 60); // past the 30-minute response deadline
    const first = await runWorkOrderTimers(s.db, s.clock.now());
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const again = await runWorkOrderTimers(s.db, s.clock.now());
    expect(again.escalated).toBe(0);
    const [row] = await s.db.select().from(workOrders).where(eq(workOrders.id, late.data.id));
    expect(row!.escalationLevel).toBe(1);
    const notes = await s.db.select().from(notifications).where(and(eq(notifications.workOrderId, late.data.id), eq(notifications.kind, 'escalated')));
    expect(notes.map((n) => n.staffId)).toContain(s.ids.staff.manager);

    // complete it and let the survey wait 8 days
    await s.call('POST', `/work-orders/${late.data.id}/commands`, { cookie: cs, json: { id: randomUUID(), command: 'dispatch', input: { assigneeId: s.ids.staff.tech1 } } });
    await push([wo(late.data.id, 'accept'), wo(late.data.id, 'start'), wo(late.data.id, 'complete', { completionNotes: '更换导轨' })]);
    s.clock.advance(8 * 86_400);
    await runWorkOrderTimers(s.db, s.clock.now());
    const [closed] = await s.db.select().from(workOrders).where(eq(workOrders.id, late.data.id));
    expect(closed).toMatchObject({ state: 'closed', closeReason: 'no_response' });
  });
});
