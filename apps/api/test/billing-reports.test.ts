/**
 * Billing reports on a real database: arrears aged into buckets against a hand-computed case (payments,
 * a discount, a voided receipt, a prepayment offset), cross-checked with @pm/domain `arrears`; the
 * collection rate and back arrears of a small controlled estate; receivables by fee item; the node filter
 * and scope (other office, cashier); the .xlsx exports read back; payment-reminder notices and records.
 */
import { randomUUID } from 'node:crypto';
import { AGING_BUCKETS, arrears, periodOf, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, charges, feeItems, ledgerEntries } from '../src/db/schema';
import { YUAN_FORMAT } from '../src/services/billing/reports/export';
import { type Suite, setupSuite } from './harness';
import { clockToNow } from './metering';

let s: Suite;
let manager: string;
let cashier: string;
let cs: string;
const ASOF = '2026-11-28';
/** The real current period: back-arrears collection is counted by when money came in (now). */
const P = periodOf(new Date());
const ids: Record<string, string> = {};
const feeItem: Record<string, string> = {};

async function ok(res: Awaited<ReturnType<Suite['call']>>) {
  if (res.status !== 200) throw new Error(`${res.status} ${res.raw}`);
  return res.data;
}

/** An estate of office 1 with one building and the given units (each with an owner). */
async function makeEstate(name: string, numbers: string[]) {
  const estate = await ok(await s.call('POST', '/estates', { cookie: manager, json: { officeId: s.ids.office1, name, kind: 'residential', address: '' } }));
  const building = await ok(await s.call('POST', '/buildings', { cookie: manager, json: { estateId: estate.id, name: 'A栋', floors: 6 } }));
  const units: Record<string, string> = {};
  for (const [i, number] of numbers.entries()) {
    const unit = await ok(await s.call('POST', '/units', { cookie: manager, json: { buildingId: building.id, number, floor: 1, buildingArea: '90.00', type: 'residential', state: 'occupied' } }));
    const party = await ok(await s.call('POST', '/parties', { cookie: manager, json: { kind: 'person', name: `业主${name.slice(0, 2)}${i + 1}`, orgNodeId: s.ids.office1 } }));
    await ok(await s.call('POST', '/occupancies', { cookie: manager, json: { unitId: unit.id, partyId: party.id, relation: 'owner', startDate: '2020-01-01' } }));
    units[number] = unit.id;
  }
  return { estateId: estate.id as string, buildingId: building.id as string, units };
}

async function charge(estateId: string, unitId: string, o: { period: string; due: string; amount: string; item?: string }) {
  const [row] = await s.db
    .insert(charges)
    .values({ estateId, unitId, feeItemId: feeItem[o.item ?? '物业服务费']!, period: o.period, amount: o.amount, explanation: `测试 ${o.amount}`, dueDate: o.due, source: 'manual' })
    .returning();
  return row!.id;
}

async function pay(unitId: string, chargeIds: string[], extra: Record<string, unknown> = {}) {
  const acc = await ok(await s.call('GET', `/units/${unitId}/account`, { cookie: cashier }));
  const picked = acc.charges.filter((c: any) => chargeIds.includes(c.id));
  const expectedTotal = toMoneyString(sum([...picked.map((c: any) => c.owed), (extra.prepayment as string) ?? '0']));
  return ok(await s.call('POST', '/receipts', { cookie: cashier, json: { idempotencyKey: randomUUID(), unitId, method: 'cash', chargeIds, expectedTotal, ...extra } }));
}

async function discount(estateId: string, unitId: string, chargeId: string, amount: string, createdAt?: Date) {
  await s.db.insert(ledgerEntries).values({ estateId, unitId, kind: 'discount', amount, owedDelta: `-${amount}`, chargeId, reason: '测试减免', ...(createdAt && { createdAt }) });
}

const get = async (path: string, cookie = manager) => ok(await s.call('GET', path, { cookie }));

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  cashier = await s.loginStaff('cashier');
  cs = await s.loginStaff('cs');
  for (const name of ['物业服务费', '停车管理费']) feeItem[name] = (await s.db.select().from(feeItems).where(eq(feeItems.name, name)))[0]!.id;

  // ---- The aging case (asOf 2026-11-28), days past due in brackets ----
  const a = await makeEstate('账龄测试小区', ['A-101', 'A-102', 'A-103']);
  Object.assign(ids, { agingEstate: a.estateId, agingBuilding: a.buildingId, a101: a.units['A-101']!, a102: a.units['A-102']!, a103: a.units['A-103']! });
  const e = a.estateId;
  await charge(e, ids.a101!, { period: '2025-10', due: '2025-11-10', amount: '100.00' }); // 383 → 365+
  await charge(e, ids.a101!, { period: '2026-05', due: '2026-05-31', amount: '200.00' }); // 181 → 181-365
  await charge(e, ids.a101!, { period: '2026-06', due: '2026-08-29', amount: '50.00' }); // 91 → 91-180
  await charge(e, ids.a101!, { period: '2026-08', due: '2026-08-30', amount: '300.00' }); // 90 → 31-90
  await charge(e, ids.a101!, { period: '2026-10', due: '2026-10-29', amount: '400.00' }); // 30 → 0-30
  await charge(e, ids.a101!, { period: '2026-11', due: '2026-11-28', amount: '500.00' }); // 0: not past due
  const paid = await charge(e, ids.a102!, { period: '2026-10', due: '2026-10-29', amount: '80.00' }); // paid: not listed
  const discounted = await charge(e, ids.a102!, { period: '2026-09', due: '2026-09-01', amount: '120.00' }); // 88, 100.00 after a 20.00 discount
  const voided = await charge(e, ids.a102!, { period: '2026-10', due: '2026-10-01', amount: '60.00' }); // 58, paid then voided: still owed
  await charge(e, ids.a103!, { period: '2026-11', due: '2026-11-27', amount: '10.00' }); // settled from prepaid money
  await charge(e, ids.a103!, { period: '2026-12', due: '2026-12-31', amount: '30.00' });
  await pay(ids.a102!, [paid]);
  await discount(e, ids.a102!, discounted, '20.00');
  const receipt = await pay(ids.a102!, [voided]);
  await ok(await s.call('POST', `/receipts/${receipt.id}/void`, { cookie: cashier, json: { reason: '测试作废' } }));
  await pay(ids.a103!, [], { prepayment: '10.00' });
});
afterAll(async () => s?.close());

describe('GET /reports/arrears', () => {
  it('ages what is owed past due into the buckets, per unit, building and estate (hand-computed)', async () => {
    const byUnit = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=${ASOF}&groupBy=unit`);
    expect(byUnit).toMatchObject({
      asOf: ASOF,
      groupBy: 'unit',
      nodeName: '账龄测试小区',
      total: '1210.00',
      buckets: { '0-30': '400.00', '31-90': '460.00', '91-180': '50.00', '181-365': '200.00', '365+': '100.00' },
      totalRows: 2,
      page: 1,
      pageSize: 20,
    });
    expect(byUnit.rows).toEqual([
      {
        key: ids.a101,
        estateId: ids.agingEstate,
        estateName: '账龄测试小区',
        buildingId: ids.agingBuilding,
        buildingName: 'A栋',
        unitId: ids.a101,
        unitNumber: 'A-101',
        ownerName: '业主账龄1',
        owed: '1050.00',
        buckets: { '0-30': '400.00', '31-90': '300.00', '91-180': '50.00', '181-365': '200.00', '365+': '100.00' },
        charges: 5,
        oldestDueDate: '2025-11-10',
      },
      {
        key: ids.a102,
        estateId: ids.agingEstate,
        estateName: '账龄测试小区',
        buildingId: ids.agingBuilding,
        buildingName: 'A栋',
        unitId: ids.a102,
        unitNumber: 'A-102',
        ownerName: '业主账龄2',
        owed: '160.00',
        buckets: { '0-30': '0.00', '31-90': '160.00', '91-180': '0.00', '181-365': '0.00', '365+': '0.00' },
        charges: 2,
        oldestDueDate: '2026-09-01',
      },
    ]);
    const byBuilding = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=${ASOF}&groupBy=building`);
    expect(byBuilding.rows).toEqual([
      { key: ids.agingBuilding, estateId: ids.agingEstate, estateName: '账龄测试小区', buildingId: ids.agingBuilding, buildingName: 'A栋', owed: '1210.00', buckets: byUnit.buckets, charges: 7, oldestDueDate: '2025-11-10' },
    ]);
    const byEstate = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=${ASOF}`);
    expect(byEstate.groupBy).toBe('estate');
    expect(byEstate.rows).toEqual([{ key: ids.agingEstate, estateId: ids.agingEstate, estateName: '账龄测试小区', owed: '1210.00', buckets: byUnit.buckets, charges: 7, oldestDueDate: '2025-11-10' }]);
  });

  it('drills a building down to its units (buildingId): the unit rows sum to the building row; another building’s id shows nothing of it', async () => {
    const buildings = await get(`/reports/arrears?nodeId=${s.ids.estate1}&groupBy=building&pageSize=200`);
    expect(buildings.rows.length).toBeGreaterThan(0);
    for (const b of buildings.rows) {
      const units = await get(`/reports/arrears?nodeId=${s.ids.estate1}&groupBy=unit&buildingId=${b.buildingId}&pageSize=200`);
      expect(units.rows.every((u: any) => u.buildingId === b.buildingId)).toBe(true);
      expect(units.total).toBe(b.owed);
      expect(units.buckets).toEqual(b.buckets);
    }
    const elsewhere = await get(`/reports/arrears?nodeId=${ids.agingEstate}&groupBy=unit&buildingId=${buildings.rows[0].buildingId}`);
    expect(elsewhere).toMatchObject({ total: '0.00', totalRows: 0, rows: [] });
  });

  it('moves charges across bucket edges with asOf, and pages with the totals of every row', async () => {
    // One day later: 30 → 31 days (0-30 → 31-90), 90 → 91, 181 → 182, and 2026-11-28's charge falls due (1 day).
    const later = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=2026-11-29&groupBy=unit`);
    expect(later.rows[0]).toMatchObject({
      unitNumber: 'A-101',
      owed: '1550.00',
      buckets: { '0-30': '500.00', '31-90': '400.00', '91-180': '350.00', '181-365': '200.00', '365+': '100.00' },
      charges: 6,
    });
    // A-103's 2026-11-27 charge was settled from prepaid money; its December charge is not due: never listed.
    expect(later.rows.map((r: any) => r.unitNumber)).toEqual(['A-101', 'A-102']);
    const second = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=${ASOF}&groupBy=unit&page=2&pageSize=1`);
    expect(second).toMatchObject({ total: '1210.00', totalRows: 2, page: 2, pageSize: 1 });
    expect(second.rows.map((r: any) => r.unitNumber)).toEqual(['A-102']);
    const beyond = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=${ASOF}&groupBy=unit&page=5&pageSize=1`);
    expect(beyond).toMatchObject({ total: '1210.00', totalRows: 2, rows: [] });
    const before = await get(`/reports/arrears?nodeId=${ids.agingEstate}&asOf=2025-11-10`);
    expect(before).toMatchObject({ total: '0.00', totalRows: 0, rows: [] });
  });

  it('agrees with @pm/domain `arrears` over the demo accounts of 翠湖花园 (1-101 paid its oldest month)', async () => {
    const asOf = ASOF;
    const rows: any[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`/reports/arrears?nodeId=${s.ids.estate1}&asOf=${asOf}&groupBy=unit&page=${page}&pageSize=200`);
      rows.push(...res.rows);
      if (rows.length >= res.totalRows) break;
    }
    const owed = rows.map((r) => r.owed);
    expect([...owed].sort((x, y) => Number(y) - Number(x))).toEqual(owed);
    for (const unitId of [s.ids.unitZhang, s.ids.unitOther, s.ids.unitLi]) {
      const acc = await get(`/units/${unitId}/account`);
      const domain = arrears(
        acc.charges.map((c: any) => ({ chargeId: c.id, owed: c.owed, dueDate: c.dueDate })),
        asOf,
      );
      const row = rows.find((r) => r.unitId === unitId);
      if (domain.total === '0.00') expect(row).toBeUndefined();
      else expect(row).toMatchObject({ owed: domain.total, buckets: domain.buckets, charges: domain.items.length, unitNumber: acc.unit.number, ownerName: acc.unit.ownerName });
    }
    const estate = await get(`/reports/arrears?nodeId=${s.ids.estate1}&asOf=${asOf}`);
    expect(estate.rows).toHaveLength(1);
    expect(estate.total).toBe(toMoneyString(sum(owed)));
    for (const b of AGING_BUCKETS) expect(estate.buckets[b]).toBe(toMoneyString(sum(rows.map((r) => r.buckets[b]))));
  });

  it('is scoped: the node filter narrows, the other office sees none of office 1, a cashier none at all', async () => {
    const all = await get(`/reports/arrears?asOf=${ASOF}`);
    const names = all.rows.map((r: any) => r.estateName);
    expect(names).toEqual(expect.arrayContaining(['翠湖花园', '账龄测试小区']));
    // The company above the manager's office narrows nothing.
    expect((await get(`/reports/arrears?asOf=${ASOF}&nodeId=${s.ids.company}`)).total).toBe(all.total);
    expect((await get(`/reports/arrears?asOf=${ASOF}&nodeId=${s.ids.office1}`)).total).toBe(all.total);

    const other = await s.loginStaff('manager2');
    const theirs = await get(`/reports/arrears?asOf=${ASOF}`, other);
    expect(theirs.rows.some((r: any) => r.estateName === '翠湖花园' || r.estateName === '账龄测试小区')).toBe(false);
    expect((await s.call('GET', `/reports/arrears?nodeId=${s.ids.estate1}`, { cookie: other })).status).toBe(404);
    expect((await s.call('GET', `/reports/arrears?nodeId=${s.ids.office1}`, { cookie: other })).status).toBe(404);
    // An admin of the group sees both offices: everything office 1 has is in it.
    const admin = await get(`/reports/arrears?asOf=${ASOF}`, await s.loginStaff('admin'));
    expect(admin.rows.map((r: any) => r.estateName)).toEqual(expect.arrayContaining(names));

    expect((await s.call('GET', '/reports/arrears', { cookie: cashier })).status).toBe(403);
    expect((await s.call('GET', `/reports/arrears?nodeId=${s.ids.estate1}`, { cookie: cashier })).status).toBe(403);
    expect((await s.call('GET', `/reports/arrears?nodeId=${randomUUID()}`)).status).toBe(401);
    expect((await s.call('GET', `/reports/arrears?nodeId=${randomUUID()}`, { cookie: manager })).status).toBe(404);
    expect((await s.call('GET', `/reports/arrears?nodeId=${s.ids.building1}`, { cookie: manager })).status).toBe(404);
    const bad = await s.call('GET', '/reports/arrears?groupBy=floor&asOf=2026-02-30', { cookie: manager });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe('validation_failed');
  });
});

describe('GET /reports/collection-rate and /reports/receivables', () => {
  beforeAll(async () => {
    const c = await makeEstate('收缴测试小区', ['B-101', 'B-102', 'B-103']);
    Object.assign(ids, { rateEstate: c.estateId, b101: c.units['B-101']!, b102: c.units['B-102']!, b103: c.units['B-103']! });
    const e = c.estateId;
    const due = (p: string) => `${p}-28`;
    const b101now = await charge(e, ids.b101!, { period: P, due: due(P), amount: '100.00' });
    const b101back = await charge(e, ids.b101!, { period: shiftPeriod(P, -1), due: due(shiftPeriod(P, -1)), amount: '50.00' });
    const b102now = await charge(e, ids.b102!, { period: P, due: due(P), amount: '200.00', item: '停车管理费' });
    await charge(e, ids.b103!, { period: P, due: due(P), amount: '300.00' });
    const b103paidEarlier = await charge(e, ids.b103!, { period: shiftPeriod(P, -2), due: due(shiftPeriod(P, -2)), amount: '70.00' });
    await charge(e, ids.b103!, { period: shiftPeriod(P, -3), due: due(shiftPeriod(P, -3)), amount: '40.00' });
    // B-103 paid its P−2 charge before this period began: no back arrears from it.
    const before = new Date(new Date(`${P}-01T00:00:00+08:00`).getTime() - 10 * 86_400_000);
    await s.db.insert(ledgerEntries).values({ estateId: e, unitId: ids.b103!, kind: 'payment', amount: '70.00', owedDelta: '-70.00', chargeId: b103paidEarlier, method: 'cash', createdAt: before });
    await pay(ids.b101!, [b101now, b101back]);
    await discount(e, ids.b102!, b102now, '20.00');
    // 120.00 prepaid: offsets B-103's oldest open charge first (P−3, 40.00), then 80.00 of this period's.
    await pay(ids.b103!, [], { prepayment: '120.00' });
  });

  it('rate = collected ÷ (billed − discounts + adjustments), and back arrears collected during the period', async () => {
    const r = await get(`/reports/collection-rate?nodeId=${ids.rateEstate}&period=${P}`);
    expect(r).toMatchObject({ period: P, nodeName: '收缴测试小区' });
    expect(r.rows).toHaveLength(1);
    const current = { charges: 3, billed: '600.00', reduced: '20.00', adjusted: '0.00', receivable: '580.00', collected: '180.00', outstanding: '400.00', rate: '31.03' };
    // Back arrears: B-101's P−1 50.00 (paid now) and B-103's P−3 40.00 (offset now); B-103's P−2 was paid before.
    const back = { charges: 2, opening: '90.00', collected: '90.00', outstanding: '0.00', rate: '100.00' };
    expect(r.rows[0]).toEqual({ estateId: ids.rateEstate, estateName: '收缴测试小区', current, backArrears: back });
    expect(r.total).toEqual({ current, backArrears: back });

    // The period before: its back arrears are what was open on its first day (P−2's 70.00 was paid during it,
    // P−3's 40.00 only after it ended); its own charge counts what was collected up to asOf (today).
    const prev = await get(`/reports/collection-rate?nodeId=${ids.rateEstate}&period=${shiftPeriod(P, -1)}`);
    expect(prev.total.current).toMatchObject({ billed: '50.00', collected: '50.00', rate: '100.00' });
    expect(prev.total.backArrears).toEqual({ charges: 2, opening: '110.00', collected: '70.00', outstanding: '40.00', rate: '63.64' });
    // A period without charges has no rate.
    const empty = await get(`/reports/collection-rate?nodeId=${ids.rateEstate}&period=${shiftPeriod(P, 6)}`);
    expect(empty.total.current).toMatchObject({ billed: '0.00', rate: null });
  });

  it('collection rate over office 1 sums the estates; the other office sees none of them', async () => {
    const r = await get(`/reports/collection-rate?period=${shiftPeriod(P, -1)}`);
    const names = r.rows.map((x: any) => x.estateName);
    expect(names).toEqual(expect.arrayContaining(['翠湖花园', '收缴测试小区']));
    expect(r.total.current.billed).toBe(toMoneyString(sum(r.rows.map((x: any) => x.current.billed))));
    const cuihu = r.rows.find((x: any) => x.estateName === '翠湖花园');
    const [{ billed }] = (await s.db
      .select({ billed: charges.amount })
      .from(charges)
      .where(and(eq(charges.estateId, s.ids.estate1), eq(charges.period, shiftPeriod(P, -1))))
      .then((rows) => [{ billed: toMoneyString(sum(rows.map((x) => x.billed))) }])) as [{ billed: string }];
    expect(cuihu.current.billed).toBe(billed);
    const other = await get(`/reports/collection-rate?period=${shiftPeriod(P, -1)}`, await s.loginStaff('manager2'));
    expect(other.rows.some((x: any) => x.estateName === '翠湖花园')).toBe(false);
    expect((await s.call('GET', `/reports/collection-rate?period=${P}`, { cookie: cs })).status).toBe(403);
  });

  it('receivables per fee item: billed, reduced, settled, outstanding = what the charges still owe', async () => {
    const r = await get(`/reports/receivables?nodeId=${ids.rateEstate}&from=${shiftPeriod(P, -3)}&to=${P}`);
    expect(r.rows).toEqual([
      { feeItemId: feeItem['物业服务费'], feeItemName: '物业服务费', category: 'service', charges: 5, billed: '560.00', reduced: '0.00', adjusted: '0.00', settled: '340.00', outstanding: '220.00' },
      { feeItemId: feeItem['停车管理费'], feeItemName: '停车管理费', category: 'parking', charges: 1, billed: '200.00', reduced: '20.00', adjusted: '0.00', settled: '0.00', outstanding: '180.00' },
    ]);
    expect(r.totals).toEqual({ charges: 6, billed: '760.00', reduced: '20.00', adjusted: '0.00', settled: '340.00', outstanding: '400.00' });
    let owed = '0';
    for (const u of [ids.b101, ids.b102, ids.b103]) owed = toMoneyString(sum([owed, (await get(`/units/${u}/account`)).owed]));
    expect(r.totals.outstanding).toBe(owed);
    const one = await get(`/reports/receivables?nodeId=${ids.rateEstate}&from=${P}&to=${P}`);
    expect(one.totals).toMatchObject({ charges: 3, billed: '600.00' });
    expect((await s.call('GET', `/reports/receivables?from=${P}&to=${shiftPeriod(P, -1)}`, { cookie: manager })).status).toBe(400);
  });
});

async function xlsx(path: string) {
  const res = await s.app.request(`/api${path}`, { headers: { cookie: manager } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.Row[] = [];
  for (let i = 2; i <= ws.rowCount; i++) rows.push(ws.getRow(i));
  return { disposition: res.headers.get('content-disposition')!, header: (ws.getRow(1).values as unknown[]).slice(1), rows };
}

describe('exports (.xlsx)', () => {
  it('arrears per unit: Chinese headers, amounts as ¥ numbers, a 合计 row, a UTF-8 file name', async () => {
    const { disposition, header, rows } = await xlsx(`/reports/arrears/export?nodeId=${ids.agingEstate}&asOf=${ASOF}&groupBy=unit`);
    expect(disposition).toContain(`filename="arrears-unit-${ASOF}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`欠费账龄-账龄测试小区-按房屋-${ASOF}.xlsx`)}`);
    expect(header).toEqual(['项目', '楼栋', '房号', '业主', '欠费合计', '30 天以内', '31–90 天', '91–180 天', '181–365 天', '一年以上', '欠费笔数', '最早应缴日期']);
    expect(rows).toHaveLength(3);
    const col = (name: string) => header.indexOf(name) + 1;
    const [first, , total] = rows;
    expect(first!.getCell(col('房号')).value).toBe('A-101');
    expect(first!.getCell(col('业主')).value).toBe('业主账龄1');
    expect(first!.getCell(col('欠费合计')).value).toBe(1050);
    expect(first!.getCell(col('欠费合计')).numFmt).toBe(YUAN_FORMAT);
    expect(first!.getCell(col('一年以上')).value).toBe(100);
    expect(first!.getCell(col('欠费笔数')).value).toBe(5);
    expect(first!.getCell(col('最早应缴日期')).value).toBe('2025-11-10');
    expect(total!.getCell(1).value).toBe('合计');
    expect(total!.getCell(col('欠费合计')).value).toBe(1210);
    expect(total!.getCell(col('31–90 天')).value).toBe(460);
  });

  it('collection rate and receivables', async () => {
    const rate = await xlsx(`/reports/collection-rate/export?nodeId=${ids.rateEstate}&period=${P}`);
    expect(rate.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`收缴率-收缴测试小区-${P}.xlsx`)}`);
    expect(rate.header).toEqual(['项目', '当期应收', '减免', '调整', '应收净额', '当期实收', '当期未收', '当期收缴率', '期初往期欠费', '往期欠费收回', '往期欠费余额', '往期欠费收回率']);
    const row = rate.rows[0]!;
    expect(row.getCell(1).value).toBe('收缴测试小区');
    expect(row.getCell(2).value).toBe(600);
    expect(row.getCell(8).value).toBe(31.03);
    expect(row.getCell(8).numFmt).toBe('0.00"%"');
    expect(rate.rows[1]!.getCell(1).value).toBe('合计');

    const rec = await xlsx(`/reports/receivables/export?nodeId=${ids.rateEstate}&from=${shiftPeriod(P, -3)}&to=${P}`);
    expect(rec.header).toEqual(['收费项目', '笔数', '应收', '减免', '调整', '实收', '未收']);
    expect(rec.rows.map((r) => r.getCell(1).value)).toEqual(['物业服务费', '停车管理费', '合计']);
    expect(rec.rows[2]!.getCell(7).value).toBe(400);
    expect(rec.rows[2]!.getCell(7).numFmt).toBe(YUAN_FORMAT);
  });
});

describe('payment reminders 催缴', () => {
  it('notices: the units in arrears in walking order, their overdue charges and a polite text without threats', async () => {
    const res = await ok(await s.call('POST', '/reports/reminders/notices', { cookie: cs, json: { nodeId: ids.agingEstate, asOf: ASOF } }));
    expect(res).toMatchObject({ asOf: ASOF, payBy: '2026-12-13', total: 2 });
    expect(res.items.map((i: any) => [i.unitNumber, i.owed])).toEqual([
      ['A-101', '1050.00'],
      ['A-102', '160.00'],
    ]);
    const a101 = res.items[0];
    expect(a101).toMatchObject({ unitId: ids.a101, estateName: '账龄测试小区', buildingName: 'A栋', ownerName: '业主账龄1' });
    expect(a101.charges.map((c: any) => [c.period, c.owed, c.dueDate])).toEqual([
      ['2025-10', '100.00', '2025-11-10'],
      ['2026-05', '200.00', '2026-05-31'],
      ['2026-06', '50.00', '2026-08-29'],
      ['2026-08', '300.00', '2026-08-30'],
      ['2026-10', '400.00', '2026-10-29'],
    ]);
    expect(a101.text).toContain('尊敬的业主账龄1 业主/住户');
    expect(a101.text).toContain('¥1,050.00');
    expect(a101.text).toContain('壹仟零伍拾元整');
    expect(a101.text).toContain('2026年12月13日前');
    expect(a101.text).toContain('不会以停水停电方式催缴');
    expect(a101.text).not.toMatch(/将(停水|停电|断水|断电)/);

    const big = await ok(await s.call('POST', '/reports/reminders/notices', { cookie: cs, json: { nodeId: ids.agingEstate, asOf: ASOF, minOwed: '500.00', payBy: '2026-12-31' } }));
    expect(big.items.map((i: any) => i.unitNumber)).toEqual(['A-101']);
    expect(big.items[0].text).toContain('2026年12月31日前');
    const old = await ok(await s.call('POST', '/reports/reminders/notices', { cookie: cs, json: { nodeId: ids.agingEstate, asOf: ASOF, minDays: 100 } }));
    expect(old.items.map((i: any) => [i.unitNumber, i.owed, i.charges.length])).toEqual([['A-101', '300.00', 2]]);
    expect((await s.call('POST', '/reports/reminders/notices', { cookie: await s.loginStaff('manager2'), json: { nodeId: ids.agingEstate } })).status).toBe(404);
    expect((await s.call('POST', '/reports/reminders/notices', { cookie: await s.loginStaff('tech1'), json: { nodeId: s.ids.estate1 } })).status).toBe(403);
  });

  it('records reminders on a unit (with what it owed past due then), once per id, audited, listed newest first', async () => {
    const id = randomUUID();
    const body = { id, kind: 'phone', note: '已电话联系，业主答应月底前缴清', at: '2026-11-28T04:00:00Z' };
    const first = await ok(await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: cs, json: body }));
    expect(first).toMatchObject({ id, unitId: ids.a101, estateId: ids.agingEstate, kind: 'phone', note: body.note, owedAtTime: '1050.00', at: '2026-11-28T04:00:00.000Z', createdByName: '林客服' });
    const again = await ok(await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: cs, json: body }));
    expect(again).toEqual(first);
    expect((await s.call('POST', `/units/${ids.a102}/reminders`, { cookie: cs, json: body })).status).toBe(409);
    const notice = await ok(await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: cashier, json: { kind: 'notice', note: '' } }));
    expect(notice.kind).toBe('notice');

    const list = await ok(await s.call('GET', `/units/${ids.a101}/reminders`, { cookie: cs }));
    expect(list.items.map((r: any) => r.id)).toEqual([notice.id, id]);
    const audits = await s.db.select().from(auditLog).where(and(eq(auditLog.entity, 'payment_reminder'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.action).toBe('record');

    const future = await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: cs, json: { kind: 'visit', note: 'x', at: '2099-01-01T00:00:00Z' } });
    expect(future.status).toBe(400);
    expect((await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: cs, json: { kind: 'fax', note: 'x' } })).status).toBe(400);
    expect((await s.call('GET', `/units/${ids.a101}/reminders`, { cookie: await s.loginStaff('manager2') })).status).toBe(404);
    expect((await s.call('POST', `/units/${ids.a101}/reminders`, { cookie: await s.loginStaff('tech1'), json: { kind: 'phone', note: 'x' } })).status).toBe(404);
  });
});
