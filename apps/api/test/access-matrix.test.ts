/**
 * The role × resource access matrix. Each row is one endpoint and what each actor gets from it:
 * an HTTP status, or for lists 'some' / 'none' (200 with or without the probe record in the result).
 * A new endpoint is one new row. Actors: anonymous, a resident (bound to a different unit), every staff
 * role of 西湖管理处 (office 1), and the office manager of the other office (滨江管理处).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { feeItems, meters, readingRoutes, readings, routeMeters, workOrders } from '../src/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplateWorkbook } from './xlsx';
import { makeStaff } from './factories';
import { type Suite, setupSuite } from './harness';

const ACTORS = ['anonymous', 'resident', 'admin', 'manager', 'cs', 'cashier', 'tech1', 'reader1', 'manager2'] as const;
type ActorName = (typeof ACTORS)[number];
type Expect = number | 'some' | 'none';

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (ids: Suite['ids']) => string;
  body?: (s: Suite, actor: ActorName) => unknown | Promise<unknown>;
  raw?: () => Promise<Uint8Array>;
  /** For lists: which result counts as "sees the probe record". */
  probe?: (data: any) => boolean;
  expect: Partial<Record<ActorName, Expect>> & { default: Expect };
}

// Staff endpoints answer 401 to anyone without a staff session, residents included.
const STAFF_ONLY = { anonymous: 401, resident: 401 } as const;
let seq = 0;

/**
 * Records some rows act on, looked up or made before the row's request: `body` runs before `path`, so a
 * body may make a fresh record and leave its id here for the path.
 */
const fx: Record<string, string> = {};
/** A meter of estate 1 with one pending (flagged) reading of the seeded route's period, made directly. */
async function pendingReading(s: Suite) {
  const [meter] = await s.db
    .insert(meters)
    .values({ estateId: s.ids.estate1, scope: 'master', type: 'gas', serial: `AM-${++seq}`, digits: 6 })
    .returning();
  const id = randomUUID();
  await s.db.insert(readings).values({
    id,
    meterId: meter!.id,
    period: fx.period!,
    value: '10',
    previous: '0',
    usage: '10',
    kind: 'normal',
    flags: ['spike'],
    status: 'pending_review',
    readerId: s.ids.staff.reader1!,
    takenAt: new Date(),
  });
  return { meterId: meter!.id, readingId: id };
}
/** A receipt of a 1.00 prepayment for 1-102, taken by the cashier. */
async function prepaidReceipt(s: Suite): Promise<{ id: string }> {
  const res = await s.call('POST', '/receipts', {
    cookie: await s.loginStaff('cashier'),
    json: { idempotencyKey: randomUUID(), unitId: s.ids.unitOther, method: 'cash', chargeIds: [], prepayment: '1.00', expectedTotal: '1.00' },
  });
  if (res.status !== 200) throw new Error(res.raw);
  return res.data;
}
const estatePeriod = (i: Suite['ids']) => `estateId=${i.estate1}&period=${fx.period}`;

/** The first open charge of a unit, through the API (as admin). */
async function openChargeOf(s: Suite, unitId: string): Promise<string> {
  const acc = await s.call('GET', `/units/${unitId}/account`, { cookie: await s.loginStaff('admin') });
  return acc.data.charges.find((c: any) => c.status === 'open').id;
}
/** Pays every open charge of the unit and leaves ¥100.00 prepaid on it (nothing open to offset it). */
async function settledWithPrepaid(s: Suite, unitId: string): Promise<string> {
  const admin = await s.loginStaff('admin');
  const acc = await s.call('GET', `/units/${unitId}/account`, { cookie: admin });
  const open = acc.data.charges.filter((c: any) => c.status === 'open');
  const fen = open.reduce((t: bigint, c: any) => t + BigInt(c.owed.replace('.', '')), 10000n);
  const expectedTotal = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
  const res = await s.call('POST', '/receipts', {
    cookie: admin,
    json: { idempotencyKey: randomUUID(), unitId, method: 'cash', chargeIds: open.map((c: any) => c.id), prepayment: '100.00', expectedTotal },
  });
  if (res.status !== 200) throw new Error(res.raw);
  return unitId;
}
/** A correction above the default threshold (¥500.00), requested by the office manager: pending. */
async function pendingCorrection(s: Suite, chargeId: string): Promise<string> {
  const res = await s.call('POST', `/charges/${chargeId}/adjustments`, { cookie: await s.loginStaff('manager'), json: { id: randomUUID(), amount: '600.00', reason: '补收' } });
  if (res.data?.status !== 'pending') throw new Error(res.raw);
  return res.data.id;
}
/** The opening-balance template, downloaded: its one example row is a valid row for 翠湖花园 1-101. */
/**
 * The opening-balance template, fetched once: "the same file" must be the same bytes (a workbook built again
 * carries a new timestamp, so a call that crossed a second boundary would upload a different file).
 */
let openingFile: Uint8Array | undefined;
async function openingTemplate(): Promise<Uint8Array> {
  if (!openingFile) {
    const res = await s.app.request('/api/billing/opening-balances/template', { headers: { cookie: await s.loginStaff('admin') } });
    openingFile = new Uint8Array(await res.arrayBuffer());
  }
  return openingFile;
}

/** A ¥1.00 prepay-only payment order on 1-101 by the demo resident (a fresh key), paid at the sandbox cashier if asked. */
async function residentOrder(s: Suite, pay = false): Promise<{ id: string; outTradeNo: string; receiptId: string | null }> {
  const res = await s.call('POST', '/resident/payment-orders', {
    cookie: cookies.get('resident'),
    json: { idempotencyKey: randomUUID(), unitId: s.ids.unitZhang, chargeIds: [], prepayment: '1.00', channel: 'sandbox', expectedTotal: '1.00' },
  });
  if (res.status !== 200) throw new Error(res.raw);
  if (!pay) return res.data.order;
  const paid = await s.call('POST', `/payments/sandbox/cashier/succeed?order=${res.data.order.outTradeNo}`);
  if (paid.status !== 303) throw new Error(paid.raw);
  return (await s.call('GET', `/resident/payment-orders/${res.data.order.id}`, { cookie: cookies.get('resident') })).data;
}
const ROWS: Row[] = [
  {
    name: 'list org nodes (probe: 西湖管理处)',
    method: 'GET',
    path: () => '/org/nodes?pageSize=200',
    probe: (d) => d.items.some((n: any) => n.name === '西湖管理处'),
    expect: { ...STAFF_ONLY, default: 'some', tech1: 'none', reader1: 'none', manager2: 'none' },
  },
  {
    name: 'read office 1',
    method: 'GET',
    path: (i) => `/org/nodes/${i.office1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'create an office under the company',
    method: 'POST',
    path: () => '/org/nodes',
    body: (s, a) => ({ parentId: s.ids.company, kind: 'office', name: `新管理处${a}${++seq}` }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200 },
  },
  {
    name: 'rename office 1',
    method: 'PATCH',
    path: (i) => `/org/nodes/${i.office1}`,
    body: () => ({ name: '西湖管理处' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'list estates (probe: 翠湖花园)',
    method: 'GET',
    path: () => '/estates',
    probe: (d) => d.items.some((e: any) => e.name === '翠湖花园'),
    expect: { ...STAFF_ONLY, default: 'some', manager2: 'none' },
  },
  { name: 'read estate 1', method: 'GET', path: (i) => `/estates/${i.estate1}`, expect: { ...STAFF_ONLY, default: 200, manager2: 404 } },
  {
    name: 'create an estate in office 1',
    method: 'POST',
    path: () => '/estates',
    body: (s, a) => ({ officeId: s.ids.office1, name: `新小区${a}${++seq}`, kind: 'residential', address: '' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'update estate 1',
    method: 'PATCH',
    path: (i) => `/estates/${i.estate1}`,
    body: () => ({ address: '杭州市西湖区文三路 88 号' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'list buildings of estate 1',
    method: 'GET',
    path: (i) => `/buildings?estateId=${i.estate1}`,
    probe: (d) => d.total > 0,
    expect: { ...STAFF_ONLY, default: 'some', manager2: 'none' },
  },
  { name: 'read building 1', method: 'GET', path: (i) => `/buildings/${i.building1}`, expect: { ...STAFF_ONLY, default: 200, manager2: 404 } },
  {
    name: 'create a building in estate 1',
    method: 'POST',
    path: () => '/buildings',
    body: (s, a) => ({ estateId: s.ids.estate1, name: `新楼${a}${++seq}`, floors: 6 }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'list units (probe: unit 1-102 of estate 1)',
    method: 'GET',
    path: () => '/units?q=1-102',
    probe: (d) => d.items.some((u: any) => u.number === '1-102' && u.estateName === '翠湖花园'),
    expect: { ...STAFF_ONLY, default: 'some', manager2: 'none' },
  },
  { name: 'read unit 1-102', method: 'GET', path: (i) => `/units/${i.unitOther}`, expect: { ...STAFF_ONLY, default: 200, manager2: 404 } },
  { name: 'read a unit of the other office', method: 'GET', path: (i) => `/units/${i.unitTower}`, expect: { ...STAFF_ONLY, default: 404, admin: 200, manager2: 200 } },
  {
    name: 'create a unit in building 1',
    method: 'POST',
    path: () => '/units',
    body: (s, a) => ({ buildingId: s.ids.building1, number: `X-${a}-${++seq}`, floor: 1, buildingArea: '50.00', type: 'storage' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'update unit 1-102',
    method: 'PATCH',
    path: (i) => `/units/${i.unitOther}`,
    body: () => ({ state: 'occupied' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'issue an invite code for unit 1-102',
    method: 'POST',
    path: (i) => `/units/${i.unitOther}/invites`,
    body: () => ({ relation: 'tenant' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, manager2: 404 },
  },
  {
    name: 'list bindings of unit 1-101',
    method: 'GET',
    path: (i) => `/units/${i.unitZhang}/bindings`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, manager2: 404 },
  },
  {
    name: 'search parties (probe: 张伟 by phone)',
    method: 'GET',
    path: () => '/parties?q=13800138000',
    probe: (d) => d.total === 1,
    expect: { ...STAFF_ONLY, default: 'some', tech1: 'none', reader1: 'none', manager2: 'none' },
  },
  {
    name: 'read party 张伟',
    method: 'GET',
    path: (i) => `/parties/${i.partyZhang}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'create a party in office 1',
    method: 'POST',
    path: () => '/parties',
    body: (s) => ({ kind: 'person', name: '测试客户', phone: '13900000000', orgNodeId: s.ids.office1 }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'update party 张伟',
    method: 'PATCH',
    path: (i) => `/parties/${i.partyZhang}`,
    body: () => ({ name: '张伟' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'list occupancies of unit 1-101',
    method: 'GET',
    path: (i) => `/occupancies?unitId=${i.unitZhang}`,
    expect: { ...STAFF_ONLY, default: 200, manager2: 404 },
  },
  {
    name: 'add an occupancy to unit 1-102',
    method: 'POST',
    path: () => '/occupancies',
    body: (s) => ({ unitId: s.ids.unitOther, partyId: s.ids.partyZhang, relation: 'family', startDate: '2026-01-01' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, manager2: 404 },
  },
  {
    name: 'list staff (probe: tech1)',
    method: 'GET',
    path: () => '/staff?q=tech1',
    probe: (d) => d.total === 1,
    expect: { ...STAFF_ONLY, default: 'none', admin: 'some', manager: 'some' },
  },
  {
    name: 'read staff tech1',
    method: 'GET',
    path: (i) => `/staff/${i.staff.tech1}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200 },
  },
  {
    name: 'create a staff account in office 1',
    method: 'POST',
    path: () => '/staff',
    body: (s, a) => ({ username: `new${a}${++seq}`, name: '新员工', password: 'longenough1', homeNodeId: s.ids.office1 }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'update staff tech1',
    method: 'PATCH',
    path: (i) => `/staff/${i.staff.tech1}`,
    body: () => ({ phone: '13605710004' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200 },
  },
  {
    name: 'grant cashier on estate 1 to a new office-1 account',
    method: 'POST',
    path: () => '/grants',
    body: async (s) => {
      // A new account per call, so every allowed actor creates the grant afresh.
      const target = await makeStaff(s.db, { homeNodeId: s.ids.office1 });
      return { staffId: target.id, role: 'cashier', nodeId: s.ids.estate1 };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200 },
  },
  {
    name: 'grant group admin on office 1 (above an office manager)',
    method: 'POST',
    path: () => '/grants',
    body: async (s) => ({ staffId: (await makeStaff(s.db, { homeNodeId: s.ids.office1 })).id, role: 'group_admin', nodeId: s.ids.office1 }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 403 },
  },
  {
    name: 'import preview into office 1',
    method: 'POST',
    path: (i) => `/imports/units/preview?officeId=${i.office1}`,
    raw: () => buildTemplateWorkbook([['翠湖花园', '住宅', '', '99栋', '99-101', 1, 88.5, '', '住宅', '空置', '', '', '']]),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'list meters (probe: 1-101 water meter)',
    method: 'GET',
    path: () => '/meters?code=PM-W-1-101',
    probe: (d) => d.total === 1,
    expect: { ...STAFF_ONLY, default: 'some', cashier: 'none', manager2: 'none' },
  },
  {
    name: 'register a meter in estate 1',
    method: 'POST',
    path: () => '/meters',
    body: (s, a) => ({ estateId: s.ids.estate1, scope: 'master', type: 'electricity', serial: `M-${a}-${++seq}`, digits: 6 }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'assign a reading route in estate 1',
    method: 'POST',
    path: () => '/reading-routes',
    body: (s, a) => ({ estateId: s.ids.estate1, period: '2026-12', name: `路线${a}${++seq}`, readerId: s.ids.staff.reader1, buildingIds: [s.ids.building1] }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'list reading routes (probe: reader1’s seeded route)',
    method: 'GET',
    path: () => '/reading-routes',
    probe: (d) => d.items.some((r: any) => r.name === '1栋 水电表'),
    expect: { ...STAFF_ONLY, default: 'some', cashier: 'none', manager2: 'none' },
  },
  {
    name: 'push a reading on reader1’s route (others: rejected per command, never applied)',
    method: 'POST',
    path: () => '/sync/commands',
    body: async (s) => {
      const [r] = await s.db
        .select({ meterId: routeMeters.meterId, routeId: readingRoutes.id, period: readingRoutes.period })
        .from(routeMeters)
        .innerJoin(readingRoutes, eq(readingRoutes.id, routeMeters.routeId))
        .where(eq(readingRoutes.name, '1栋 水电表'))
        .limit(1);
      const payload = { meterId: r!.meterId, routeId: r!.routeId, period: r!.period, value: '1' };
      return { deviceId: 'matrix', commands: [{ id: randomUUID(), type: 'reading.record', at: new Date().toISOString(), payload }] };
    },
    probe: (d) => d.results[0].status === 'applied',
    expect: { ...STAFF_ONLY, default: 'none', reader1: 'some' },
  },
  {
    name: 'list the replacements of the 1-101 water meter',
    method: 'GET',
    path: () => `/meters/${fx.meter}/replacements`,
    expect: { ...STAFF_ONLY, default: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'replace a meter of estate 1 (a fresh meter per call)',
    method: 'POST',
    path: () => `/meters/${fx.replaceTarget}/replacements`,
    body: async (s, a) => {
      fx.replaceTarget = (await pendingReading(s)).meterId;
      return { id: randomUUID(), replacedOn: '2026-11-01', oldFinal: '10', newSerial: `NEW-${a}-${++seq}`, newInitial: '0', newMultiplier: '1', newDigits: 6 };
    },
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'review queue of estate 1 (probe: any reading)',
    method: 'GET',
    path: (i) => `/readings?estateId=${i.estate1}`,
    probe: (d) => d.total > 0,
    expect: { ...STAFF_ONLY, default: 'none', admin: 'some', manager: 'some', cs: 'some' },
  },
  {
    name: 'approve a pending reading (the same one: again is 200)',
    method: 'POST',
    path: () => `/readings/${fx.toApprove}/approve`,
    body: async (s) => {
      fx.toApprove ??= (await pendingReading(s)).readingId;
      return { note: '核实' };
    },
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'send back a pending reading (the same one: again is 200)',
    method: 'POST',
    path: () => `/readings/${fx.toSendBack}/send-back`,
    body: async (s) => {
      fx.toSendBack ??= (await pendingReading(s)).readingId;
      return { reason: '请复抄' };
    },
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'correct a reading (a fresh reading per call)',
    method: 'POST',
    path: () => `/readings/${fx.toCorrect}/correct`,
    body: async (s) => {
      fx.toCorrect = (await pendingReading(s)).readingId;
      return { id: randomUUID(), value: '12', note: '更正' };
    },
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'metering progress of estate 1',
    method: 'GET',
    path: (i) => `/metering/progress?${estatePeriod(i)}`,
    expect: { ...STAFF_ONLY, default: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'shared-meter usage of estate 1',
    method: 'GET',
    path: (i) => `/metering/shared-usage?${estatePeriod(i)}&basis=area`,
    expect: { ...STAFF_ONLY, default: 200, cashier: 404, manager2: 404 },
  },
  {
    name: 'readings export (.xlsx) of estate 1',
    method: 'GET',
    path: (i) => `/metering/export?${estatePeriod(i)}`,
    expect: { ...STAFF_ONLY, default: 200, cashier: 404, manager2: 404 },
  },
  // ---- billing ----
  {
    name: 'fee items of estate 1 (probe: 物业服务费)',
    method: 'GET',
    path: (i) => `/fee-items?estateId=${i.estate1}`,
    probe: (d) => d.items.some((x: any) => x.name === '物业服务费'),
    expect: { ...STAFF_ONLY, default: 'some', tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'create a fee item on office 1',
    method: 'POST',
    path: () => '/fee-items',
    body: (s) => ({ nodeId: s.ids.office1, name: `项目${++seq}`, category: 'other' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'fee standards of estate 1',
    method: 'GET',
    path: (i) => `/fee-standards?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'create a fee standard in estate 1',
    method: 'POST',
    path: () => '/fee-standards',
    body: (s) => ({
      estateId: s.ids.estate1,
      feeItemId: fx.feeItem,
      name: `标准${++seq}`,
      kind: 'fixed',
      params: { amount: '10.00' },
      effectiveFrom: '2030-01-01',
      assignments: [{ targetKind: 'unit', targetId: s.ids.unitOther }],
    }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'billing settings of estate 1',
    method: 'GET',
    path: (i) => `/billing-settings/${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'change the billing settings of estate 1',
    method: 'PUT',
    path: (i) => `/billing-settings/${i.estate1}`,
    body: () => ({ vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: null, prepayDiscount: null }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'preview the billing run of estate 1',
    method: 'POST',
    path: () => '/billing-runs/preview',
    body: (s) => ({ estateId: s.ids.estate1, period: fx.period }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'post the billing run of estate 1',
    method: 'POST',
    path: () => '/billing-runs',
    body: (s) => ({ estateId: s.ids.estate1, period: fx.period }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'billing runs of estate 1',
    method: 'GET',
    path: (i) => `/billing-runs?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'the account of 1-101',
    method: 'GET',
    path: (i) => `/units/${i.unitZhang}/account`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'collect a prepayment for 1-102 (a fresh key per call)',
    method: 'POST',
    path: () => '/receipts',
    body: (s) => ({ idempotencyKey: randomUUID(), unitId: s.ids.unitOther, method: 'cash', chargeIds: [], prepayment: '1.00', expectedTotal: '1.00' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cashier: 200, cs: 403 },
  },
  {
    name: 'what 1-101 can pay ahead 预交 (fees, discount rules)',
    method: 'GET',
    path: (i) => `/units/${i.unitZhang}/advance`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cashier: 200, cs: 403 },
  },
  {
    name: 'read a receipt of estate 1',
    method: 'GET',
    path: () => `/receipts/${fx.receipt}`,
    body: async (s) => {
      fx.receipt ??= (await prepaidReceipt(s)).id;
      return undefined;
    },
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'void a receipt of estate 1 (a fresh one per call)',
    method: 'POST',
    path: () => `/receipts/${fx.toVoid}`,
    body: async (s) => {
      fx.toVoid = `${(await prepaidReceipt(s)).id}/void`;
      return { reason: '收错' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cashier: 200, cs: 403 },
  },
  {
    name: 'my day at the counter of estate 1',
    method: 'GET',
    path: (i) => `/cashier/day?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cashier: 200, cs: 403 },
  },
  {
    name: 'close my day at estate 1',
    method: 'POST',
    path: () => '/cashier/day-close',
    body: (s) => ({ estateId: s.ids.estate1 }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cashier: 200, cs: 403 },
  },
  // ---- billing reports (report:read) and payment reminders (charge:read) ----
  {
    name: 'arrears report of estate 1',
    method: 'GET',
    path: (i) => `/reports/arrears?nodeId=${i.estate1}&groupBy=unit`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'arrears report of all I may see (probe: 翠湖花园)',
    method: 'GET',
    path: () => '/reports/arrears',
    probe: (d) => d.rows.some((r: any) => r.estateName === '翠湖花园'),
    expect: { ...STAFF_ONLY, default: 403, admin: 'some', manager: 'some', manager2: 'none' },
  },
  {
    name: 'arrears export (.xlsx) of estate 1',
    method: 'GET',
    path: (i) => `/reports/arrears/export?nodeId=${i.estate1}&groupBy=building`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'collection rate of estate 1',
    method: 'GET',
    path: (i) => `/reports/collection-rate?nodeId=${i.estate1}&period=${fx.period}`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'collection rate export (.xlsx) of estate 1',
    method: 'GET',
    path: (i) => `/reports/collection-rate/export?nodeId=${i.estate1}&period=${fx.period}`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'receivables of estate 1',
    method: 'GET',
    path: (i) => `/reports/receivables?nodeId=${i.estate1}&from=2026-01&to=${fx.period}`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'receivables export (.xlsx) of estate 1',
    method: 'GET',
    path: (i) => `/reports/receivables/export?nodeId=${i.estate1}&from=2026-01&to=${fx.period}`,
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 404 },
  },
  {
    name: 'payment-reminder notices of estate 1',
    method: 'POST',
    path: () => '/reports/reminders/notices',
    body: (s) => ({ nodeId: s.ids.estate1, pageSize: 5 }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, cashier: 200, manager2: 404 },
  },
  {
    name: 'record a payment reminder on 1-102',
    method: 'POST',
    path: (i) => `/units/${i.unitOther}/reminders`,
    body: () => ({ kind: 'phone', note: '电话催缴' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200, cashier: 200 },
  },
  {
    name: 'payment reminders of 1-101',
    method: 'GET',
    path: (i) => `/units/${i.unitZhang}/reminders`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200, cashier: 200 },
  },
  // ---- ledger corrections, late fees, opening balances (ledger:adjust / ledger:approve / billing:run) ----
  {
    name: 'adjust a charge of 1-102 (a fresh id per call)',
    method: 'POST',
    path: () => `/charges/${fx.charge}/adjustments`,
    body: async (s) => {
      fx.charge ??= await openChargeOf(s, s.ids.unitOther);
      return { id: randomUUID(), amount: '-0.01', reason: '核减' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'discount a charge of 1-102 (a fresh id per call)',
    method: 'POST',
    path: () => `/charges/${fx.charge}/discounts`,
    body: async (s) => {
      fx.charge ??= await openChargeOf(s, s.ids.unitOther);
      return { id: randomUUID(), amount: '0.01', reason: '减免' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'refund prepaid money of 2-101 (a fresh id per call)',
    method: 'POST',
    path: (i) => `/units/${i.unitLi}/refunds`,
    body: async (s) => {
      fx.refundable ??= await settledWithPrepaid(s, s.ids.unitLi);
      return { id: randomUUID(), amount: '1.00', method: 'cash', reason: '退预存' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'the approval queue of estate 1',
    method: 'GET',
    path: (i) => `/ledger-approvals?estateId=${i.estate1}&status=pending`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'approve the manager’s pending correction (a fresh one per call; the manager: 403 same_person)',
    method: 'POST',
    path: () => `/ledger-approvals/${fx.toApprove}/approve`,
    body: async (s) => {
      fx.charge ??= await openChargeOf(s, s.ids.unitOther);
      fx.toApprove = await pendingCorrection(s, fx.charge);
      return undefined;
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 403, cs: 403, cashier: 403 },
  },
  {
    name: 'reject the manager’s pending correction (a fresh one per call; the requester may withdraw it)',
    method: 'POST',
    path: () => `/ledger-approvals/${fx.toReject}/reject`,
    body: async (s) => {
      fx.charge ??= await openChargeOf(s, s.ids.unitOther);
      fx.toReject = await pendingCorrection(s, fx.charge);
      return { reason: '依据不足' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'preview the late fees of estate 1',
    method: 'POST',
    path: () => '/billing/penalties/preview',
    body: (s) => ({ estateId: s.ids.estate1, asOf: '2026-11-01' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'post the late fees of estate 1 (off by default: 409 penalty_disabled once allowed)',
    method: 'POST',
    path: () => '/billing/penalties',
    body: (s) => ({ estateId: s.ids.estate1, asOf: '2026-11-01' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 409, manager: 409, cs: 403, cashier: 403 },
  },
  {
    name: 'the opening-balance template',
    method: 'GET',
    path: () => '/billing/opening-balances/template',
    expect: { ...STAFF_ONLY, default: 200 },
  },
  {
    name: 'preview an opening-balance file for estate 1 (the template’s example row)',
    method: 'POST',
    path: (i) => `/billing/opening-balances/preview?estateId=${i.estate1}`,
    raw: () => openingTemplate(),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'commit an opening-balance file for estate 1 (the same file: written once, then 200 again)',
    method: 'POST',
    path: (i) => `/billing/opening-balances/commit?estateId=${i.estate1}`,
    raw: () => openingTemplate(),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  // ---- notices 公告 (notice:write: customer service and managers; reading also estate:read, published ones only) ----
  {
    name: 'notices of estate 1 (probe: a published notice; this row makes the notice fixtures)',
    method: 'GET',
    path: (i) => `/notices?estateId=${i.estate1}&pageSize=200`,
    body: async (s) => {
      if (fx.notice) return undefined;
      const admin = await s.loginStaff('admin');
      const draft = async (estateId: string, title: string) =>
        (await s.call('POST', '/notices', { cookie: admin, json: { estateId, title, body: '正文', targets: [{ kind: 'estate' }] } })).data.id as string;
      const publish = (id: string) => s.call('POST', `/notices/${id}/publish`, { cookie: admin, json: {} });
      fx.noticeDraft = await draft(s.ids.estate1, '矩阵草稿');
      fx.noticeDraft2 = await draft(s.ids.estate1, '矩阵草稿二');
      fx.notice = await draft(s.ids.estate1, '矩阵公告');
      fx.noticeFile = randomUUID();
      const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
      await s.call('PUT', `/notices/${fx.notice}/attachments/${fx.noticeFile}?name=a.pdf`, { cookie: admin, body: pdf, headers: { 'content-type': 'application/pdf' } });
      await publish(fx.notice);
      fx.noticeTower = await draft(s.ids.estate2, '矩阵他处公告');
      await publish(fx.noticeTower);
      return undefined;
    },
    probe: (d) => d.items.some((n: any) => n.id === fx.notice),
    expect: { ...STAFF_ONLY, default: 'some', manager2: 404 },
  },
  {
    name: 'draft notices I may see (probe: a draft of estate 1)',
    method: 'GET',
    path: () => '/notices?status=draft&pageSize=200',
    probe: (d) => d.items.some((n: any) => n.id === fx.noticeDraft),
    expect: { ...STAFF_ONLY, default: 'none', admin: 'some', manager: 'some', cs: 'some' },
  },
  { name: 'read a published notice of estate 1', method: 'GET', path: () => `/notices/${fx.notice}`, expect: { ...STAFF_ONLY, default: 200, manager2: 404 } },
  {
    name: 'read a draft notice of estate 1',
    method: 'GET',
    path: () => `/notices/${fx.noticeDraft}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'write a notice in estate 1',
    method: 'POST',
    path: () => '/notices',
    body: (s) => ({ estateId: s.ids.estate1, title: `公告${++seq}`, body: '正文', targets: [{ kind: 'building', buildingId: s.ids.building1 }] }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, manager2: 404 },
  },
  {
    name: 'edit a draft notice of estate 1',
    method: 'PATCH',
    path: () => `/notices/${fx.noticeDraft}`,
    body: () => ({ pinned: true }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'publish a draft notice of estate 1 (a fresh one per call)',
    method: 'POST',
    path: () => `/notices/${fx.toPublish}/publish`,
    body: async (s) => {
      const res = await s.call('POST', '/notices', { cookie: await s.loginStaff('admin'), json: { estateId: s.ids.estate1, title: `待发布${++seq}`, body: '正文', targets: [{ kind: 'estate' }] } });
      fx.toPublish = res.data.id;
      return {};
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'withdraw a published notice of estate 1 (a fresh one per call)',
    method: 'POST',
    path: () => `/notices/${fx.toWithdraw}/withdraw`,
    body: async (s) => {
      const admin = await s.loginStaff('admin');
      const res = await s.call('POST', '/notices', { cookie: admin, json: { estateId: s.ids.estate1, title: `待撤回${++seq}`, body: '正文', targets: [{ kind: 'estate' }] } });
      await s.call('POST', `/notices/${res.data.id}/publish`, { cookie: admin, json: {} });
      fx.toWithdraw = res.data.id;
      return { reason: '撤回' };
    },
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, cs: 200, manager2: 404 },
  },
  {
    name: 'attach a file to a draft notice of estate 1 (a fresh id per call)',
    method: 'PUT',
    path: () => `/notices/${fx.noticeDraft}/attachments/${fx.noticeUpload}?name=plan.png`,
    body: () => {
      fx.noticeUpload = randomUUID();
      return undefined;
    },
    raw: async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'download the file of a published notice of estate 1',
    method: 'GET',
    path: () => `/notices/${fx.notice}/attachments/${fx.noticeFile}`,
    expect: { ...STAFF_ONLY, default: 200, manager2: 404 },
  },
  {
    name: 'remove a file from a draft notice of estate 1 (a fresh one per call)',
    method: 'DELETE',
    path: () => `/notices/${fx.noticeDraft2}/attachments/${fx.toRemove}`,
    body: async (s) => {
      fx.toRemove = randomUUID();
      await s.call('PUT', `/notices/${fx.noticeDraft2}/attachments/${fx.toRemove}`, {
        cookie: await s.loginStaff('admin'),
        body: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
        headers: { 'content-type': 'application/pdf' },
      });
      return undefined;
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'resident: my notices (probe: the published notice of my estate)',
    method: 'GET',
    path: () => '/resident/notices?pageSize=100',
    probe: (d) => d.items.some((n: any) => n.id === fx.notice) && !d.items.some((n: any) => n.id === fx.noticeTower || n.id === fx.noticeDraft),
    expect: { default: 401, resident: 'some' },
  },
  { name: 'resident: a notice of my estate', method: 'GET', path: () => `/resident/notices/${fx.notice}`, expect: { default: 401, resident: 200 } },
  { name: 'resident: a notice of another estate', method: 'GET', path: () => `/resident/notices/${fx.noticeTower}`, expect: { default: 401, resident: 404 } },
  { name: 'resident: a draft notice of my estate', method: 'GET', path: () => `/resident/notices/${fx.noticeDraft}`, expect: { default: 401, resident: 404 } },
  {
    name: 'resident: the file of a notice of my estate',
    method: 'GET',
    path: () => `/resident/notices/${fx.notice}/attachments/${fx.noticeFile}`,
    expect: { default: 401, resident: 200 },
  },
  { name: 'resident: unread notices count', method: 'GET', path: () => '/resident/notices/unread-count', expect: { default: 401, resident: 200 } },
  { name: 'resident: mark all notices read', method: 'POST', path: () => '/resident/notices/read-all', expect: { default: 401, resident: 200 } },
  { name: 'resident: payment reminders of my units', method: 'GET', path: () => '/resident/notices/reminders', expect: { default: 401, resident: 200 } },
  // ---- online payments (issue 6): the resident's side (only 1-101 is theirs), staff, the sandbox cashier ----
  { name: 'resident: the account of 1-101', method: 'GET', path: (i) => `/resident/units/${i.unitZhang}/account`, expect: { default: 401, resident: 200 } },
  { name: 'resident: the account of 1-102 (not theirs)', method: 'GET', path: (i) => `/resident/units/${i.unitOther}/account`, expect: { default: 401, resident: 404 } },
  { name: 'resident: payment channels', method: 'GET', path: () => '/resident/payment-channels', expect: { default: 401, resident: 200 } },
  {
    name: 'resident: open a payment order for 1-101 (a fresh key per call)',
    method: 'POST',
    path: () => '/resident/payment-orders',
    body: (s) => ({ idempotencyKey: randomUUID(), unitId: s.ids.unitZhang, chargeIds: [], prepayment: '1.00', channel: 'sandbox', expectedTotal: '1.00' }),
    expect: { default: 401, resident: 200 },
  },
  {
    name: 'resident: open a payment order for 1-102 (not theirs)',
    method: 'POST',
    path: () => '/resident/payment-orders',
    body: (s) => ({ idempotencyKey: randomUUID(), unitId: s.ids.unitOther, chargeIds: [], prepayment: '1.00', channel: 'sandbox', expectedTotal: '1.00' }),
    expect: { default: 401, resident: 404 },
  },
  {
    name: 'resident: read a payment order of 1-101',
    method: 'GET',
    path: () => `/resident/payment-orders/${fx.residentOrder}`,
    body: async (s) => {
      fx.residentOrder ??= (await residentOrder(s)).id;
      return undefined;
    },
    expect: { default: 401, resident: 200 },
  },
  {
    name: 'resident: close a payment order of 1-101 (a fresh one per call)',
    method: 'POST',
    path: () => `/resident/payment-orders/${fx.toClose}/close`,
    body: async (s) => {
      fx.toClose = (await residentOrder(s)).id;
      return undefined;
    },
    expect: { default: 401, resident: 200 },
  },
  {
    name: 'resident: an e-receipt of 1-101 (paid online)',
    method: 'GET',
    path: () => `/resident/receipts/${fx.onlineReceipt}`,
    body: async (s) => {
      fx.onlineReceipt ??= (await residentOrder(s, true)).receiptId!;
      return undefined;
    },
    expect: { default: 401, resident: 200 },
  },
  {
    name: 'resident: a receipt of 1-102 (not theirs)',
    method: 'GET',
    path: () => `/resident/receipts/${fx.receipt}`,
    body: async (s) => {
      fx.receipt ??= (await prepaidReceipt(s)).id;
      return undefined;
    },
    expect: { default: 401, resident: 404 },
  },
  { name: 'resident: payment history of 1-101', method: 'GET', path: (i) => `/resident/payments?unitId=${i.unitZhang}`, expect: { default: 401, resident: 200 } },
  { name: 'resident: payment history of 1-102 (not theirs)', method: 'GET', path: (i) => `/resident/payments?unitId=${i.unitOther}`, expect: { default: 401, resident: 404 } },
  { name: 'resident: WeChat OAuth (not configured: 404)', method: 'GET', path: () => '/resident/wechat/oauth', expect: { default: 401, resident: 404 } },
  {
    name: 'the sandbox cashier page of an order (public, like the provider’s page)',
    method: 'GET',
    path: () => `/payments/sandbox/cashier?order=${fx.cashierOrder}`,
    body: async (s) => {
      fx.cashierOrder ??= (await residentOrder(s)).outTradeNo;
      return undefined;
    },
    expect: { default: 200 },
  },
  {
    name: 'pay at the sandbox cashier (public; a fresh order per call) → back to the app',
    method: 'POST',
    path: () => `/payments/sandbox/cashier/succeed?order=${fx.toPay}`,
    body: async (s) => {
      fx.toPay = (await residentOrder(s)).outTradeNo;
      return undefined;
    },
    expect: { default: 303 },
  },
  {
    name: 'fail at the sandbox cashier (public; a fresh order per call) → back to the app',
    method: 'POST',
    path: () => `/payments/sandbox/cashier/fail?order=${fx.toFail}`,
    body: async (s) => {
      fx.toFail = (await residentOrder(s)).outTradeNo;
      return undefined;
    },
    expect: { default: 303 },
  },
  {
    name: 'payment orders of estate 1',
    method: 'GET',
    path: (i) => `/payment-orders?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'payment orders I may see (probe: one of 1-101)',
    method: 'GET',
    path: () => '/payment-orders?pageSize=200',
    body: async (s) => {
      fx.residentOrder ??= (await residentOrder(s)).id;
      return undefined;
    },
    probe: (d) => d.items.some((o: any) => o.unitNumber === '1-101'),
    expect: { ...STAFF_ONLY, default: 'some', tech1: 'none', reader1: 'none', manager2: 'none' },
  },
  {
    name: 'a payment order of estate 1 with its refunds',
    method: 'GET',
    path: () => `/payment-orders/${fx.paidOrder}`,
    body: async (s) => {
      fx.paidOrder ??= (await residentOrder(s, true)).id;
      return undefined;
    },
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'refund ¥0.01 of a paid online order of estate 1 (ledger:adjust; a fresh id per call)',
    method: 'POST',
    path: () => `/payment-orders/${fx.paidOrder}/refunds`,
    body: async (s) => {
      fx.paidOrder ??= (await residentOrder(s, true)).id;
      return { id: randomUUID(), amount: '0.01', reason: '多缴退回' };
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403, cashier: 403 },
  },
  {
    name: 'the online payments of estate 1’s day (the counter’s day report)',
    method: 'GET',
    path: (i) => `/payments/day?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 200, tech1: 404, reader1: 404, manager2: 404 },
  },
  {
    name: 'reconciliation results of a past day',
    method: 'GET',
    path: () => '/payments/reconciliation?day=2026-11-01',
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 200 },
  },
  {
    name: 'run the reconciliation of a past day',
    method: 'POST',
    path: () => '/payments/reconciliation',
    body: () => ({ day: '2026-11-01' }),
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 200 },
  },
  // ---- work orders 工单 (demo orders of 翠湖花园: a resident's noise complaint, a hall light job assigned to tech1) ----
  {
    name: 'work orders: the list (probe: the resident’s complaint)',
    method: 'GET',
    path: () => '/work-orders?view=all&pageSize=100',
    probe: (d) => d.items.some((o: any) => o.id === fx.woComplaint),
    expect: { ...STAFF_ONLY, default: 'none', admin: 'some', manager: 'some', cs: 'some' },
  },
  {
    name: 'work orders: a complaint of estate 1',
    method: 'GET',
    path: () => `/work-orders/${fx.woComplaint}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'work orders: a job assigned to tech1',
    method: 'GET',
    path: () => `/work-orders/${fx.woHall}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200, tech1: 200 },
  },
  {
    name: 'work orders: the dispatch board of estate 1',
    method: 'GET',
    path: (i) => `/work-orders/board?estateId=${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  { name: 'work orders: my jobs and pool (download)', method: 'GET', path: () => '/work-orders/mine', expect: { ...STAFF_ONLY, default: 200 } },
  {
    name: 'work orders: intake of a common-area repair in estate 1',
    method: 'POST',
    path: () => '/work-orders',
    body: (s) => ({ id: randomUUID(), estateId: s.ids.estate1, kind: 'repair', category: 'public_facilities', location: 'common_area', description: '矩阵测试：路灯不亮' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200, tech1: 403 },
  },
  {
    name: 'work orders: comment on the complaint',
    method: 'POST',
    path: () => `/work-orders/${fx.woComplaint}/comments`,
    body: () => ({ id: randomUUID(), text: '已联系业主' }),
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200 },
  },
  {
    name: 'work orders: KPIs (report:read)',
    method: 'GET',
    path: () => '/work-orders/kpis?from=2026-01-01&to=2026-12-31',
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 200 },
  },
  {
    name: 'work orders: KPIs as .xlsx (report:read)',
    method: 'GET',
    path: () => '/work-orders/kpis/export?from=2026-01-01&to=2026-12-31',
    expect: { ...STAFF_ONLY, default: 403, admin: 200, manager: 200, manager2: 200 },
  },
  {
    name: 'work orders: settings of estate 1',
    method: 'GET',
    path: (i) => `/work-order-settings/${i.estate1}`,
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 200, tech1: 200 },
  },
  {
    name: 'work orders: change the settings of estate 1',
    method: 'PUT',
    path: (i) => `/work-order-settings/${i.estate1}`,
    body: async (s) => {
      const { estateId: _e, ...settings } = (await s.call('GET', `/work-order-settings/${s.ids.estate1}`, { cookie: cookies.get('admin') })).data;
      return settings;
    },
    expect: { ...STAFF_ONLY, default: 404, admin: 200, manager: 200, cs: 403 },
  },
  { name: 'notifications (staff)', method: 'GET', path: () => '/notifications', expect: { ...STAFF_ONLY, default: 200 } },
  {
    name: 'resident: my work orders (probe: my complaint)',
    method: 'GET',
    path: () => '/resident/work-orders',
    probe: (d) => d.items.some((o: any) => o.id === fx.woComplaint),
    expect: { default: 401, resident: 'some' },
  },
  { name: 'resident: my complaint', method: 'GET', path: () => `/resident/work-orders/${fx.woComplaint}`, expect: { default: 401, resident: 200 } },
  { name: 'resident: a common-area job of staff', method: 'GET', path: () => `/resident/work-orders/${fx.woHall}`, expect: { default: 401, resident: 404 } },
  { name: 'resident: WeChat JS-SDK config (not configured: 404)', method: 'GET', path: () => '/resident/wechat/jssdk-config?url=http://localhost/resident/', expect: { default: 401, resident: 404 } },
  { name: 'resident: my notifications', method: 'GET', path: () => '/resident/notifications', expect: { default: 401, resident: 200 } },
  { name: 'resident: me', method: 'GET', path: () => '/resident/me', expect: { default: 401, resident: 200 } },
  {
    name: 'resident: my units (probe: only 1-101)',
    method: 'GET',
    path: () => '/resident/units',
    probe: (d) => d.items.length === 1 && d.items[0].number === '1-101',
    expect: { default: 401, resident: 'some' },
  },
];

let s: Suite;
const cookies = new Map<ActorName, string | undefined>();

beforeAll(async () => {
  s = await setupSuite();
  cookies.set('anonymous', undefined);
  cookies.set('resident', await s.loginResident('13800138000'));
  for (const a of ACTORS) if (a !== 'anonymous' && a !== 'resident') cookies.set(a, await s.loginStaff(a));
  const [route] = await s.db.select().from(readingRoutes).where(eq(readingRoutes.name, '1栋 水电表'));
  fx.period = route!.period;
  fx.meter = (await s.db.select().from(meters).where(eq(meters.code, 'PM-W-1-101')))[0]!.id;
  fx.feeItem = (await s.db.select().from(feeItems).where(eq(feeItems.name, '物业服务费')))[0]!.id;
  fx.woComplaint = (await s.db.select().from(workOrders).where(eq(workOrders.description, '晚上十点后楼上仍在装修，噪音很大')))[0]!.id;
  fx.woHall = (await s.db.select().from(workOrders).where(eq(workOrders.description, '2栋3楼楼道灯不亮')))[0]!.id;
});
afterAll(async () => s?.close());

describe('access matrix', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      for (const actor of ACTORS) {
        const expected = row.expect[actor] ?? row.expect.default;
        it(`${actor} → ${expected}`, async () => {
          const body = row.body ? await row.body(s, actor) : undefined;
          const raw = row.raw ? await row.raw() : undefined;
          const res = await s.call(row.method, row.path(s.ids), {
            cookie: cookies.get(actor),
            json: body,
            ...(raw && { body: raw, headers: { 'content-type': 'application/octet-stream' } }),
          });
          if (typeof expected === 'number') {
            expect(res.status, res.raw).toBe(expected);
            if (expected >= 400) expect(res.data.error.code).toBeTypeOf('string');
          } else {
            expect(res.status, res.raw).toBe(200);
            expect(row.probe!(res.data), JSON.stringify(res.data).slice(0, 300)).toBe(expected === 'some');
          }
        });
      }
    });
  }
});
