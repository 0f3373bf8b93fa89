/**
 * The period's metering reports: progress (totals, routes, readers, missing meters), shared-meter usage 公摊
 * split exactly over the units, and the .xlsx export parsed back.
 */
import { formatDateTime, shiftPeriod } from '@pm/domain';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meters } from '../src/db/schema';
import { EXPORT_COLUMNS } from '../src/services/metering/export';
import { type Suite, setupSuite } from './harness';
import { clockToNow, currentPeriod, readerRoute, record } from './metering';

let s: Suite;
let manager: string;
let reader: string;
let route: any;
let activeMeters: number;
const period = currentPeriod();
const recorded: any[] = [];

const countActive = async () =>
  (await s.db.select({ n: sql<number>`count(*)::int` }).from(meters).where(and(eq(meters.estateId, s.ids.estate1), eq(meters.state, 'active'))))[0]!.n;

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  reader = await s.loginStaff('reader1');
  route = await readerRoute(s);
  activeMeters = await countActive();
});
afterAll(async () => s?.close());

const progress = (cookie: string, p = period) => s.call('GET', `/metering/progress?estateId=${s.ids.estate1}&period=${p}`, { cookie });
const shared = (cookie: string, basis: string, p = period) => s.call('GET', `/metering/shared-usage?estateId=${s.ids.estate1}&period=${p}&basis=${basis}`, { cookie });
/** Sum of 4-decimal strings, exactly (in 0.0001 steps). */
const sum4 = (xs: string[]) => xs.reduce((a, x) => a + BigInt(Number(x).toFixed(4).replace('.', '')), 0n);

describe('GET /metering/progress', () => {
  it('counts the active meters of the estate and the seeded reading waiting for review', async () => {
    const res = await progress(manager);
    expect(res.status, res.raw).toBe(200);
    expect(activeMeters).toBe(337); // 1栋 and 2栋 homes × water and electricity, and 1栋's shared meter
    expect(res.data).toMatchObject({
      estateId: s.ids.estate1,
      period,
      totals: { meters: 337, read: 1, approved: 0, pending: 1, sentBack: 0, flagged: 1, missing: 336 },
      routes: [{ id: route.route.id, name: '1栋 水电表', readerId: s.ids.staff.reader1, readerName: '赵抄表', meterCount: 168, read: 1, approved: 0, pending: 1, sentBack: 0, flagged: 1 }],
      readers: [{ readerId: s.ids.staff.reader1, readerName: '赵抄表', routes: 1, meterCount: 168, read: 1, flagged: 1 }],
      missingTotal: 336,
    });
    expect(res.data.missing).toHaveLength(336);
    // The shared meter has no unit: it comes first and is on no route; 1栋's meters are on the route, 2栋's not.
    expect(res.data.missing[0]).toMatchObject({ serial: 'W1-GQ', unitNumber: null, buildingName: null, routeId: null, routeName: null });
    expect(res.data.missing[1]).toMatchObject({ unitNumber: '1-101', buildingName: '1栋', type: 'cold_water', routeId: route.route.id, routeName: '1栋 水电表' });
    expect(res.data.missing.find((x: any) => x.unitNumber === '2-101')).toMatchObject({ routeId: null });
    expect(res.data.missing.some((x: any) => x.meterId === route.meters[route.meters.length - 1].id)).toBe(false);
  });

  it('follows the readings: approved, pending, sent back, flagged, missing', async () => {
    const m = route.meters;
    for (const i of [40, 41, 42]) recorded.push(await record(s, reader, route.route.id, m[i].id, String(Number(m[i].previous) + (m[i].type === 'cold_water' ? 9 : 150)), {}, 5));
    recorded.push(await record(s, reader, route.route.id, m[44].id, String(Number(m[44].previous) + 900), {}, 5));
    expect(recorded.map((x) => x.status)).toEqual(['approved', 'approved', 'approved', 'pending_review']);
    expect((await s.call('POST', `/readings/${recorded[0].id}/send-back`, { cookie: manager, json: { reason: '请复抄' } })).status).toBe(200);
    const res = await progress(reader);
    expect(res.status).toBe(200);
    expect(res.data.totals).toEqual({ meters: 337, read: 5, approved: 2, pending: 2, sentBack: 1, flagged: 2, missing: 332 });
    expect(res.data.routes[0]).toMatchObject({ read: 5, approved: 2, pending: 2, sentBack: 1, flagged: 2 });
    expect(res.data.readers[0]).toMatchObject({ read: 5, flagged: 2 });
    expect(res.data.missingTotal).toBe(332);
    expect(res.data.missing.some((x: any) => x.meterId === m[40].id)).toBe(false);
  });

  it('is for staff who may read the estate’s meters; others get 404', async () => {
    for (const who of ['cs', 'tech1', 'admin']) expect((await progress(await s.loginStaff(who))).status, who).toBe(200);
    for (const who of ['cashier', 'manager2']) expect((await progress(await s.loginStaff(who))).status, who).toBe(404);
    expect((await s.call('GET', `/metering/progress?estateId=${s.ids.estate1}&period=2026-13`, { cookie: manager })).status).toBe(400);
    expect((await s.call('GET', `/metering/progress?estateId=${s.ids.building1}&period=${period}`, { cookie: manager })).status).toBe(404);
  });
});

describe('GET /metering/shared-usage', () => {
  let meterId: string;
  let emptyId: string;

  it('splits an approved shared-meter usage over its units by area and by household, summing exactly', async () => {
    const created = await s.call('POST', '/meters', {
      cookie: manager,
      json: { estateId: s.ids.estate1, scope: 'shared', type: 'cold_water', serial: 'SHARED-T1', digits: 6, servedUnitIds: [s.ids.unitZhang, s.ids.unitOther, s.ids.unitLi] },
    });
    expect(created.status, created.raw).toBe(200);
    meterId = created.data.id;
    emptyId = (await s.call('POST', '/meters', { cookie: manager, json: { estateId: s.ids.estate1, scope: 'shared', type: 'cold_water', serial: 'SHARED-T2', digits: 6 } })).data.id;
    const reading = await record(s, manager, null, meterId, '100', {}, 5);
    expect(reading).toMatchObject({ status: 'approved', usage: '100.0000' });

    const byArea = await shared(manager, 'area');
    expect(byArea.status, byArea.raw).toBe(200);
    const item = byArea.data.items.find((x: any) => x.meterId === meterId);
    expect(item).toMatchObject({ serial: 'SHARED-T1', type: 'cold_water', readingId: reading.id, usage: '100.0000', basis: 'area' });
    expect(item.units.map((u: any) => [u.unitNumber, u.weight])).toEqual([
      ['1-101', '118.60'],
      ['1-102', '132.15'],
      ['2-101', '132.15'],
    ]);
    // 100 × 118.60 / 382.90 = 30.97414…, 100 × 132.15 / 382.90 = 34.51292… (twice): floors leave one 0.0001 step,
    // which goes to the largest remainder (1-101's).
    expect(item.units.map((u: any) => u.usage)).toEqual(['30.9742', '34.5129', '34.5129']);
    expect(sum4(item.units.map((u: any) => u.usage))).toBe(1_000_000n);

    const byHousehold = await shared(manager, 'household');
    const h = byHousehold.data.items.find((x: any) => x.meterId === meterId);
    expect(h.units.map((u: any) => u.weight)).toEqual(['1', '1', '1']);
    expect(h.units.map((u: any) => u.usage).sort()).toEqual(['33.3333', '33.3333', '33.3334']);
    expect(sum4(h.units.map((u: any) => u.usage))).toBe(1_000_000n);

    expect(byArea.data.skipped).toEqual(
      expect.arrayContaining([
        { meterId: emptyId, serial: 'SHARED-T2', reason: 'no_units' },
        expect.objectContaining({ serial: 'W1-GQ', reason: 'no_approved_reading' }),
      ]),
    );
  });

  it('uses only approved readings: last month’s seeded shared meter over 1栋’s 84 homes; a sent-back reading does not count', async () => {
    const last = await shared(manager, 'area', shiftPeriod(period, -1));
    const seeded = last.data.items.find((x: any) => x.serial === 'W1-GQ');
    expect(seeded.units).toHaveLength(84);
    expect(sum4(seeded.units.map((u: any) => u.usage))).toBe(BigInt(Number(seeded.usage).toFixed(4).replace('.', '')));

    const item = (await shared(manager, 'area')).data.items.find((x: any) => x.meterId === meterId);
    expect((await s.call('POST', `/readings/${item.readingId}/send-back`, { cookie: manager, json: { reason: '复核' } })).status).toBe(200);
    const after = await shared(manager, 'area');
    expect(after.data.items.some((x: any) => x.meterId === meterId)).toBe(false);
    expect(after.data.skipped).toContainEqual({ meterId, serial: 'SHARED-T1', reason: 'no_approved_reading' });
    expect((await shared(await s.loginStaff('manager2'), 'area')).status).toBe(404);
    expect((await shared(manager, 'volume')).status).toBe(400);
  });
});

describe('GET /metering/export', () => {
  it('is an .xlsx of the period: Chinese headers, numeric cells, the reader and Beijing time, and 未抄 rows', async () => {
    const res = await s.app.request(`/api/metering/export?estateId=${s.ids.estate1}&period=${period}`, { headers: { cookie: manager } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename="meter-readings-${period}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`翠湖花园-抄表记录-${period}.xlsx`)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(header).toEqual(['楼栋', '房号', '仪表类型', '表号', '倍率', '上次读数', '本次读数', '用量', '类型', '标记', '状态', '抄表员', '抄表时间', '备注']);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [];
    for (let i = 2; i <= ws.rowCount; i++) rows.push(ws.getRow(i));
    expect(rows).toHaveLength(await countActive());

    const m = route.meters[41];
    const read = rows.find((row) => row.getCell(col('表号')).value === m.serial)!;
    const stored = recorded[1];
    expect(read.getCell(col('楼栋')).value).toBe('1栋');
    expect(read.getCell(col('房号')).value).toBe(m.unitNumber);
    expect(read.getCell(col('仪表类型')).value).toBe('电表');
    expect(read.getCell(col('本次读数')).value).toBe(Number(stored.value));
    expect(read.getCell(col('上次读数')).value).toBe(Number(stored.previous));
    expect(read.getCell(col('用量')).value).toBe(Number(stored.usage));
    expect(read.getCell(col('用量')).numFmt).toBe('0');
    expect(read.getCell(col('倍率')).value).toBe(1);
    expect(read.getCell(col('类型')).value).toBe('正常');
    expect(read.getCell(col('状态')).value).toBe('已审核');
    expect(read.getCell(col('抄表员')).value).toBe('赵抄表');
    expect(read.getCell(col('抄表时间')).value).toBe(formatDateTime(stored.takenAt));

    const spike = rows.find((row) => row.getCell(col('表号')).value === route.meters[44].serial)!;
    expect(spike.getCell(col('标记')).value).toBe('用量突增');
    expect(spike.getCell(col('状态')).value).toBe('待审核');
    const sentBack = rows.find((row) => row.getCell(col('表号')).value === route.meters[40].serial)!;
    expect(sentBack.getCell(col('状态')).value).toBe('已退回');
    expect(sentBack.getCell(col('备注')).value).toBe('退回：请复抄');

    const missing = rows.find((row) => row.getCell(col('房号')).value === '2-101')!;
    expect(missing.getCell(col('状态')).value).toBe('未抄');
    expect(missing.getCell(col('本次读数')).value).toBeNull();
    expect(rows.find((row) => row.getCell(col('表号')).value === 'W1-GQ')!.getCell(col('房号')).value).toBe('公摊表');
    expect(rows.filter((row) => row.getCell(col('状态')).value === '未抄').length).toBe((await progress(manager)).data.missingTotal);

    // Finance can sum the usage column: numbers, adding up to the readings' usages.
    const usages = rows.map((row) => row.getCell(col('用量')).value).filter((v) => v !== null);
    expect(usages.every((v) => typeof v === 'number')).toBe(true);
    const expected = (await s.call('GET', `/readings?estateId=${s.ids.estate1}&period=${period}&pageSize=200`, { cookie: manager })).data.items
      .filter((i: any) => i.usage !== null)
      .reduce((a: number, i: any) => a + Number(i.usage), 0);
    expect((usages as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 4);
  });

  it('404 outside the office', async () => {
    const res = await s.app.request(`/api/metering/export?estateId=${s.ids.estate1}&period=${period}`, { headers: { cookie: await s.loginStaff('manager2') } });
    expect(res.status).toBe(404);
  });
});

describe('missing list cap', () => {
  it('lists at most 500 missing meters; the total stays exact', async () => {
    await s.db.insert(meters).values(
      Array.from({ length: 250 }, (_, i) => ({ estateId: s.ids.estate1, scope: 'master' as const, type: 'gas' as const, serial: `CAP-${String(i).padStart(3, '0')}`, digits: 6 })),
    );
    const res = await progress(manager);
    const total = (await countActive()) - res.data.totals.read;
    expect(total).toBeGreaterThan(500);
    expect(res.data.missingTotal).toBe(total);
    expect(res.data.totals.missing).toBe(total);
    expect(res.data.missing).toHaveLength(500);
  });
});
