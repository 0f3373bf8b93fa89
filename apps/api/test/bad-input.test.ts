/**
 * Bad input on every write endpoint: missing fields, wrong types, huge strings, negative areas, SQL and
 * HTML in text fields, malformed ids and JSON. Each must get a 4xx in the one error shape — never a 500 —
 * and must write nothing (row counts and the audit log are unchanged).
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meters, readings } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';

let s: Suite;
let admin: string;
let resident: string;
/** A meter with approved readings (1-101's water meter) and the seeded reading waiting for review. */
const target: { meter?: string; meterSerialTaken?: string; reading?: string } = {};
beforeAll(async () => {
  s = await setupSuite();
  admin = await s.loginStaff('admin');
  resident = await s.loginResident('13800138000');
  target.meter = (await s.db.select().from(meters).where(eq(meters.code, 'PM-W-1-101')))[0]!.id;
  target.meterSerialTaken = (await s.db.select().from(meters).where(eq(meters.code, 'PM-W-1-102')))[0]!.serial;
  target.reading = (await s.db.select().from(readings).where(eq(readings.status, 'pending_review')))[0]!.id;
});
afterAll(async () => s?.close());

const HUGE = '楼'.repeat(10_000);
const SQLI = "'; DROP TABLE units; --";
const HTML = '<script>alert(1)</script>';

async function counts() {
  const r = await s.db.execute(sql`select
    (select count(*) from org_nodes) as nodes, (select count(*) from buildings) as buildings,
    (select count(*) from units) as units, (select count(*) from parties) as parties,
    (select count(*) from occupancies) as occ, (select count(*) from staff_accounts) as staff,
    (select count(*) from grants) as grants, (select count(*) from resident_bindings) as bindings,
    (select count(*) from unit_invites) as invites, (select count(*) from audit_log where action <> 'login') as audit,
    (select count(*) from meters) as meters, (select count(*) from meter_replacements) as replacements,
    (select count(*) from readings) as readings, (select count(*) from readings where status = 'pending_review') as pending,
    (select count(*) from fee_items) as fee_items, (select count(*) from fee_standards) as standards, (select count(*) from charges) as charges,
    (select count(*) from ledger_entries) as ledger, (select count(*) from receipts) as receipts`);
  return JSON.stringify((r as unknown as { rows?: unknown[] }).rows ?? r);
}

type Case = [label: string, body: unknown];
const endpoints: { method: 'POST' | 'PATCH' | 'PUT'; path: (s: Suite) => string; who?: 'resident'; cases: (s: Suite) => Case[] }[] = [
  {
    method: 'POST',
    path: () => '/org/nodes',
    cases: (s) => [
      ['missing fields', {}],
      ['wrong kind', { parentId: s.ids.company, kind: 'planet', name: 'x' }],
      ['huge name', { parentId: s.ids.company, kind: 'office', name: HUGE }],
      ['html name', { parentId: s.ids.company, kind: 'office', name: HTML }],
      ['sql name', { parentId: s.ids.company, kind: 'office', name: SQLI }],
      ['sql id', { parentId: SQLI, kind: 'office', name: '办' }],
      ['wrong shape of tree', { parentId: s.ids.company, kind: 'company', name: '子公司' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/estates',
    cases: (s) => [
      ['missing fields', {}],
      ['number as name', { officeId: s.ids.office1, name: 42, kind: 'residential' }],
      ['estate under a company', { officeId: s.ids.company, name: '错位', kind: 'residential' }],
      ['huge address', { officeId: s.ids.office1, name: '新', kind: 'mixed', address: HUGE }],
      ['html address', { officeId: s.ids.office1, name: '新', kind: 'mixed', address: HTML }],
    ],
  },
  {
    method: 'POST',
    path: () => '/buildings',
    cases: (s) => [
      ['missing fields', {}],
      ['negative floors', { estateId: s.ids.estate1, name: '新楼', floors: -3 }],
      ['fractional floors', { estateId: s.ids.estate1, name: '新楼', floors: 2.5 }],
      ['floors as string', { estateId: s.ids.estate1, name: '新楼', floors: '6' }],
      ['duplicate name', { estateId: s.ids.estate1, name: '1栋', floors: 6 }],
    ],
  },
  {
    method: 'POST',
    path: () => '/units',
    cases: (s) => {
      const base = { buildingId: s.ids.building1, number: 'N-1', floor: 1, buildingArea: '80.00', type: 'residential' };
      return [
        ['missing fields', {}],
        ['negative area', { ...base, buildingArea: '-80.00' }],
        ['zero area', { ...base, buildingArea: '0' }],
        ['area as number', { ...base, buildingArea: 80 }],
        ['area with 3 decimals', { ...base, buildingArea: '80.123' }],
        ['area in exponent form', { ...base, buildingArea: '8e1' }],
        ['unknown type', { ...base, type: 'castle' }],
        ['huge number', { ...base, number: HUGE }],
        ['sql number', { ...base, number: SQLI }],
        ['duplicate unit number', { ...base, number: '1-101' }],
        ['unknown building', { ...base, buildingId: '00000000-0000-4000-8000-000000000000' }],
      ];
    },
  },
  {
    method: 'PATCH',
    path: (s) => `/units/${s.ids.unitOther}`,
    cases: () => [
      ['negative inside area', { insideArea: '-1' }],
      ['unknown state', { state: 'demolished' }],
      ['floor as text', { floor: 'third' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/parties',
    cases: (s) => [
      ['missing fields', {}],
      ['html name', { name: HTML, orgNodeId: s.ids.office1 }],
      ['bad phone', { name: '客户', phone: 'call me', orgNodeId: s.ids.office1 }],
      ['bad id number', { name: '客户', idNumber: "1' or '1'='1", orgNodeId: s.ids.office1 }],
    ],
  },
  {
    method: 'POST',
    path: () => '/occupancies',
    cases: (s) => [
      ['missing fields', {}],
      ['impossible date', { unitId: s.ids.unitOther, partyId: s.ids.partyZhang, relation: 'owner', startDate: '2026-02-30' }],
      ['end before start', { unitId: s.ids.unitOther, partyId: s.ids.partyZhang, relation: 'owner', startDate: '2026-02-01', endDate: '2025-01-01' }],
      ['unknown relation', { unitId: s.ids.unitOther, partyId: s.ids.partyZhang, relation: 'landlord', startDate: '2026-02-01' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/staff',
    cases: (s) => [
      ['missing fields', {}],
      ['short password', { username: 'newbie', name: '新人', password: 'short', homeNodeId: s.ids.office1 }],
      ['bad username', { username: '张三', name: '新人', password: 'longenough1', homeNodeId: s.ids.office1 }],
      ['taken username', { username: 'manager', name: '新人', password: 'longenough1', homeNodeId: s.ids.office1 }],
    ],
  },
  {
    method: 'POST',
    path: () => '/grants',
    cases: (s) => [
      ['unknown role', { staffId: s.ids.staff.tech1, role: 'emperor', nodeId: s.ids.estate1 }],
      ['duplicate grant', { staffId: s.ids.staff.tech1, role: 'technician', nodeId: s.ids.estate1 }],
    ],
  },
  {
    method: 'POST',
    path: (s) => `/units/${s.ids.unitOther}/invites`,
    cases: () => [['unknown relation', { relation: 'cousin' }]],
  },
  {
    method: 'POST',
    path: () => `/meters/${target.meter ?? ':id'}/replacements`,
    cases: () => {
      const base = { id: randomUUID(), replacedOn: '2026-11-01', oldFinal: '99999', newSerial: 'W-NEW', newInitial: '0', newMultiplier: '1', newDigits: 5 };
      return [
        ['missing fields', {}],
        ['bad id', { ...base, id: 'not-a-uuid' }],
        ['old final as number', { ...base, oldFinal: 99999 }],
        ['old final in exponent form', { ...base, oldFinal: '1e5' }],
        ['old final with 4 decimals', { ...base, oldFinal: '99999.1234' }],
        ['old final below the last approved reading', { ...base, oldFinal: '0' }],
        ['old final too long for the old dial', { ...base, oldFinal: '123456' }],
        ['new initial too long for the new dial', { ...base, newInitial: '123456' }],
        ['negative multiplier', { ...base, newMultiplier: '-1' }],
        ['zero multiplier', { ...base, newMultiplier: '0' }],
        ['digits out of range', { ...base, newDigits: 11 }],
        ['digits as text', { ...base, newDigits: '5' }],
        ['impossible date', { ...base, replacedOn: '2026-02-30' }],
        ['future date', { ...base, replacedOn: '2999-01-01' }],
        ['html serial', { ...base, newSerial: HTML }],
        ['sql code', { ...base, newCode: SQLI }],
        ['huge note', { ...base, note: HUGE }],
        ['serial of another meter', { ...base, newSerial: target.meterSerialTaken }],
      ];
    },
  },
  {
    method: 'POST',
    path: () => `/readings/${target.reading ?? ':id'}/approve`,
    cases: () => [
      ['note as number', { note: 5 }],
      ['html note', { note: HTML }],
      ['huge note', { note: HUGE }],
    ],
  },
  {
    method: 'POST',
    path: () => `/readings/${target.reading ?? ':id'}/send-back`,
    cases: () => [
      ['missing reason', {}],
      ['empty reason', { reason: '   ' }],
      ['huge reason', { reason: HUGE }],
      ['sql reason', { reason: SQLI }],
    ],
  },
  {
    method: 'POST',
    path: () => `/readings/${target.reading ?? ':id'}/correct`,
    cases: () => {
      const base = { id: randomUUID(), value: '9000', note: '更正' };
      return [
        ['missing fields', {}],
        ['bad id', { ...base, id: SQLI }],
        ['value as number', { ...base, value: 9000 }],
        ['value not a reading', { ...base, value: HTML }],
        ['value too long for the dial', { ...base, value: '1234567' }],
        ['unknown explanation', { ...base, explanation: 'guess' }],
        ['missing note', { id: base.id, value: base.value }],
        ['huge note', { ...base, note: HUGE }],
      ];
    },
  },
  {
    method: 'POST',
    path: () => '/fee-items',
    cases: (s) => [
      ['missing fields', {}],
      ['unknown category', { nodeId: s.ids.company, name: '停车', category: 'casino' }],
      ['html name', { nodeId: s.ids.company, name: HTML, category: 'other' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/fee-standards',
    cases: (s) => {
      const base = { estateId: s.ids.estate1, feeItemId: s.ids.estate1, name: '标准', kind: 'area', params: { unitPrice: '2.35', areaBasis: 'building_area' }, effectiveFrom: '2026-01-01', assignments: [{ targetKind: 'estate', targetId: s.ids.estate1 }] };
      return [
        ['missing fields', {}],
        ['price as number', { ...base, params: { unitPrice: 2.35, areaBasis: 'building_area' } }],
        ['negative price', { ...base, params: { unitPrice: '-1', areaBasis: 'building_area' } }],
        ['params of another kind', { ...base, kind: 'fixed' }],
        ['unknown fee item', base],
        ['no assignment', { ...base, assignments: [] }],
        ['tiers out of order', { ...base, kind: 'metered', params: { meterType: 'cold_water', tiers: [{ upTo: '300', price: '3' }, { upTo: '100', price: '4' }] } }],
      ];
    },
  },
  {
    method: 'PUT',
    path: (s) => `/billing-settings/${s.ids.estate1}`,
    cases: () => [
      ['missing fields', {}],
      ['vacancy over 100%', { vacancyDiscountPct: '150', approvalThreshold: '500.00', penalty: null, prepayDiscount: null }],
      ['threshold as number', { vacancyDiscountPct: '0', approvalThreshold: 500, penalty: null, prepayDiscount: null }],
    ],
  },
  {
    method: 'POST',
    path: () => '/billing-runs',
    cases: (s) => [
      ['missing fields', {}],
      ['bad period', { estateId: s.ids.estate1, period: '2026-13' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/receipts',
    cases: (s) => {
      const base = { idempotencyKey: randomUUID(), unitId: s.ids.unitOther, method: 'cash', chargeIds: [], prepayment: '10.00', expectedTotal: '10.00' };
      return [
        ['missing fields', {}],
        ['amount as number', { ...base, prepayment: 10, expectedTotal: 10 }],
        ['three decimals', { ...base, prepayment: '10.001', expectedTotal: '10.001' }],
        ['negative', { ...base, prepayment: '-10.00', expectedTotal: '-10.00' }],
        ['unknown method', { ...base, method: 'barter' }],
        ['nothing to collect', { ...base, prepayment: undefined, expectedTotal: '0.00' }],
        ['a charge id that is not a charge', { ...base, chargeIds: [s.ids.unitOther] }],
        ['wrong total', { ...base, expectedTotal: '9.99' }],
        ['html payer', { ...base, payer: HTML }],
        ['advance: unknown fee standard', { ...base, prepayment: undefined, advance: { standardId: randomUUID(), months: 12, from: '2026-01' }, expectedTotal: '1.00' }],
        ['advance: months as text', { ...base, prepayment: undefined, advance: { standardId: randomUUID(), months: '12', from: '2026-01' }, expectedTotal: '1.00' }],
        ['advance: no first month', { ...base, prepayment: undefined, advance: { standardId: randomUUID(), months: 12 }, expectedTotal: '1.00' }],
      ];
    },
  },
  {
    method: 'POST',
    path: (s) => `/units/${s.ids.unitOther}/refunds`,
    cases: () => {
      const base = { id: randomUUID(), amount: '1.00', method: 'cash', reason: '退预存' };
      return [
        ['missing fields', {}],
        ['bad id', { ...base, id: SQLI }],
        ['amount as number', { ...base, amount: 1 }],
        ['negative', { ...base, amount: '-1.00' }],
        ['zero', { ...base, amount: '0.00' }],
        ['three decimals', { ...base, amount: '1.001' }],
        ['exponent', { ...base, amount: '1e3' }],
        ['unknown method', { ...base, method: 'barter' }],
        ['missing reason', { ...base, reason: undefined }],
        ['html reason', { ...base, reason: HTML }],
        ['sql reason', { ...base, reason: SQLI }],
        ['huge reason', { ...base, reason: HUGE }],
        ['more than the prepaid balance', base],
      ];
    },
  },
  {
    method: 'POST',
    // A unit id where a charge id belongs: bodies the schema accepts are 404; the rest 400.
    path: (s) => `/charges/${s.ids.unitOther}/adjustments`,
    cases: () => {
      const base = { id: randomUUID(), amount: '-1.00', reason: '核减' };
      return [
        ['missing fields', {}],
        ['amount as number', { ...base, amount: -1 }],
        ['amount with a plus sign', { ...base, amount: '+1.00' }],
        ['empty reason', { ...base, reason: '  ' }],
        ['not a charge', base],
      ];
    },
  },
  {
    method: 'POST',
    path: (s) => `/charges/${s.ids.unitOther}/discounts`,
    cases: () => [
      ['negative', { id: randomUUID(), amount: '-1.00', reason: '减免' }],
      ['not a charge', { id: randomUUID(), amount: '1.00', reason: '减免' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/billing/penalties',
    cases: (s) => [
      ['missing fields', {}],
      ['impossible date', { estateId: s.ids.estate1, asOf: '2026-02-30' }],
      ['date as number', { estateId: s.ids.estate1, asOf: 20260201 }],
      ['after today', { estateId: s.ids.estate1, asOf: '2999-01-01' }],
      ['late fees off', { estateId: s.ids.estate1, asOf: '2026-11-01' }],
      ['a unit id as the estate', { estateId: s.ids.unitOther, asOf: '2026-11-01' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/billing/penalties/preview',
    cases: (s) => [['impossible date', { estateId: s.ids.estate1, asOf: '2026-13-01' }]],
  },
  {
    method: 'POST',
    path: () => '/ledger-approvals/00000000-0000-4000-8000-000000000000/reject',
    cases: () => [
      ['missing reason', {}],
      ['html reason', { reason: HTML }],
      ['unknown approval', { reason: '依据不足' }],
    ],
  },
  {
    method: 'POST',
    path: (s) => `/billing/opening-balances/commit?estateId=${s.ids.estate1}`,
    cases: () => [['JSON instead of an .xlsx file', { rows: [] }]],
  },
  {
    method: 'POST',
    path: () => '/notices',
    cases: (s) => {
      const base = { estateId: s.ids.estate1, title: '停水通知', body: '正文', targets: [{ kind: 'estate' }] };
      return [
        ['missing fields', {}],
        ['missing body', { ...base, body: undefined }],
        ['empty title', { ...base, title: '   ' }],
        ['huge title', { ...base, title: HUGE }],
        ['html title', { ...base, title: HTML }],
        ['sql title', { ...base, title: SQLI }],
        ['huge body', { ...base, body: HUGE }],
        ['html body', { ...base, body: HTML }],
        ['control characters in the body', { ...base, body: '正文\u0000' }],
        ['pinned as text', { ...base, pinned: 'yes' }],
        ['expiry not a time', { ...base, expiresAt: '明天' }],
        ['expiry without an offset', { ...base, expiresAt: '2030-01-01T00:00:00' }],
        ['expiry in the past', { ...base, expiresAt: '2020-01-01T00:00:00+08:00' }],
        ['targets not a list', { ...base, targets: { kind: 'estate' } }],
        ['unknown target kind', { ...base, targets: [{ kind: 'city' }] }],
        ['building target without its id', { ...base, targets: [{ kind: 'building' }] }],
        ['sql as a unit id', { ...base, targets: [{ kind: 'unit', unitId: SQLI }] }],
        ['a building of another estate', { ...base, targets: [{ kind: 'building', buildingId: s.ids.buildingTower }] }],
        ['a unit of another estate', { ...base, targets: [{ kind: 'unit', unitId: s.ids.unitTower }] }],
        ['the whole estate and a unit', { ...base, targets: [{ kind: 'estate' }, { kind: 'unit', unitId: s.ids.unitOther }] }],
        ['a unit id as the estate', { ...base, estateId: s.ids.unitOther }],
        ['bad id', { ...base, id: 'not-a-uuid' }],
      ];
    },
  },
  {
    method: 'PATCH',
    // An id that is no notice: bodies the schema accepts are 404; the rest 400.
    path: () => '/notices/00000000-0000-4000-8000-000000000000',
    cases: (s) => [
      ['html title', { title: HTML }],
      ['huge body', { body: HUGE }],
      ['pinned as a number', { pinned: 1 }],
      ['expiry in the past', { expiresAt: '2020-01-01T00:00:00+08:00' }],
      ['unknown target kind', { targets: [{ kind: 'street' }] }],
      ['unknown notice', { pinned: true, targets: [{ kind: 'building', buildingId: s.ids.building1 }] }],
    ],
  },
  {
    method: 'POST',
    path: () => '/notices/00000000-0000-4000-8000-000000000000/publish',
    cases: () => [
      ['publication time not a time', { publishAt: 'now' }],
      ['publication time in the past', { publishAt: '2020-01-01T00:00:00+08:00' }],
      ['unknown notice', {}],
    ],
  },
  {
    method: 'POST',
    path: () => '/notices/00000000-0000-4000-8000-000000000000/withdraw',
    cases: () => [
      ['huge reason', { reason: HUGE }],
      ['html reason', { reason: HTML }],
      ['unknown notice', {}],
    ],
  },
  {
    method: 'PUT',
    path: () => '/notices/00000000-0000-4000-8000-000000000000/attachments/00000000-0000-4000-8000-000000000001',
    cases: () => [['JSON instead of a PDF or image', { file: 'x' }]],
  },
  {
    method: 'POST',
    path: () => '/work-orders',
    cases: (s) => {
      const base = { id: randomUUID(), estateId: s.ids.estate1, kind: 'repair', category: 'public_facilities', location: 'common_area', description: '路灯不亮' };
      return [
        ['missing fields', {}],
        ['bad id', { ...base, id: SQLI }],
        ['unknown kind', { ...base, kind: 'magic' }],
        ['unknown category', { ...base, category: 'nope' }],
        ['category of another kind', { ...base, category: 'noise' }],
        ['html description', { ...base, description: HTML }],
        ['huge description', { ...base, description: HUGE }],
        ['unit of another estate', { ...base, location: 'unit', unitId: s.ids.unitTower }],
        ['appointment without an offset', { ...base, appointmentAt: '2030-01-01T09:00:00' }],
        ['too many photos', { ...base, reportPhotos: Array.from({ length: 7 }, () => randomUUID()) }],
        ['photos never uploaded', { ...base, reportPhotos: [randomUUID()] }],
        ['anonymous repair', { ...base, anonymous: true }],
        ['unknown priority', { ...base, priority: 'asap' }],
      ];
    },
  },
  {
    method: 'POST',
    // An id that is no work order: bodies the schema accepts are 404; the rest 400.
    path: () => '/work-orders/00000000-0000-4000-8000-000000000000/commands',
    cases: () => [
      ['missing fields', {}],
      ['unknown command', { id: randomUUID(), command: 'explode', input: {} }],
      ['unknown input field', { id: randomUUID(), command: 'dispatch', input: { nonsense: 1 } }],
      ['satisfaction out of range', { id: randomUUID(), command: 'answer_survey', input: { satisfaction: 9 } }],
      ['charge with three decimals', { id: randomUUID(), command: 'complete', input: { chargeAmount: '1.001' } }],
      ['negative labour', { id: randomUUID(), command: 'complete', input: { labourMinutes: -5 } }],
      ['bad command id', { id: SQLI, command: 'accept', input: {} }],
    ],
  },
  {
    method: 'POST',
    path: () => '/resident/work-orders',
    who: 'resident',
    cases: (s) => {
      const base = { id: randomUUID(), unitId: s.ids.unitZhang, kind: 'repair', category: 'water_electric', location: 'unit', description: '漏水' };
      return [
        ['missing fields', {}],
        ['another unit', { ...base, unitId: s.ids.unitOther }],
        ['an internal job', { ...base, kind: 'internal' }],
        ['a priority (staff only)', { ...base, priority: 'urgent' }],
        ['huge description', { ...base, description: HUGE }],
        ['seven photos', { ...base, reportPhotos: Array.from({ length: 7 }, () => randomUUID()) }],
      ];
    },
  },
  {
    method: 'POST',
    path: () => '/resident/payment-orders',
    who: 'resident',
    cases: (s) => {
      const base = { idempotencyKey: randomUUID(), unitId: s.ids.unitZhang, chargeIds: [], prepayment: '10.00', channel: 'sandbox', expectedTotal: '10.00' };
      return [
        ['missing fields', {}],
        ['bad key', { ...base, idempotencyKey: SQLI }],
        ['amount as number', { ...base, prepayment: 10, expectedTotal: 10 }],
        ['three decimals', { ...base, prepayment: '10.001', expectedTotal: '10.001' }],
        ['negative prepayment', { ...base, prepayment: '-10.00', expectedTotal: '-10.00' }],
        ['exponent', { ...base, prepayment: '1e3', expectedTotal: '1e3' }],
        ['unknown channel', { ...base, channel: 'cash' }],
        ['nothing to pay', { ...base, prepayment: undefined, expectedTotal: '0.00' }],
        ['wrong total (amount_changed)', { ...base, expectedTotal: '9.99' }],
        ['prepayment above the limit', { ...base, prepayment: '50000.01', expectedTotal: '50000.01' }],
        ['a charge id that is not a charge', { ...base, chargeIds: [s.ids.unitOther], expectedTotal: '10.00' }],
        ['charge ids not a list', { ...base, chargeIds: s.ids.unitOther }],
        ['a unit that is not theirs', { ...base, unitId: s.ids.unitOther }],
        ['a return URL elsewhere', { ...base, returnUrl: 'https://evil.example/pay' }],
        ['a protocol-relative return URL', { ...base, returnUrl: '//evil.example/pay' }],
        ['html in the return URL', { ...base, returnUrl: `/resident/${HTML}` }],
        ['huge return URL', { ...base, returnUrl: `/${'a'.repeat(2000)}` }],
      ];
    },
  },
  {
    method: 'POST',
    path: () => '/resident/payment-orders/not-a-uuid/close',
    who: 'resident',
    cases: () => [['malformed order id', {}]],
  },
  {
    method: 'POST',
    path: () => '/resident/payment-orders/00000000-0000-4000-8000-000000000000/close',
    who: 'resident',
    cases: () => [['unknown order', {}]],
  },
  {
    method: 'POST',
    // An id that is no payment order: bodies the schema accepts are 404; the rest 400.
    path: () => '/payment-orders/00000000-0000-4000-8000-000000000000/refunds',
    cases: () => {
      const base = { id: randomUUID(), amount: '1.00', reason: '多缴退回' };
      return [
        ['missing fields', {}],
        ['bad id', { ...base, id: SQLI }],
        ['amount as number', { ...base, amount: 1 }],
        ['zero', { ...base, amount: '0.00' }],
        ['negative', { ...base, amount: '-1.00' }],
        ['three decimals', { ...base, amount: '1.001' }],
        ['missing reason', { ...base, reason: undefined }],
        ['html reason', { ...base, reason: HTML }],
        ['sql reason', { ...base, reason: SQLI }],
        ['huge reason', { ...base, reason: HUGE }],
        ['unknown order', base],
      ];
    },
  },
  {
    method: 'POST',
    path: () => '/payments/reconciliation',
    cases: () => [
      ['missing day', {}],
      ['impossible day', { day: '2026-02-30' }],
      ['day as number', { day: 20260201 }],
      ['a future day', { day: '2999-01-01' }],
      ['unknown provider', { day: '2026-11-01', provider: 'paypal' }],
    ],
  },
  {
    method: 'POST',
    path: () => '/resident/bindings/invite',
    who: 'resident',
    cases: () => [
      ['missing code', {}],
      ['huge code', { code: HUGE }],
    ],
  },
  {
    method: 'POST',
    path: () => '/resident/bindings/match',
    who: 'resident',
    cases: () => [
      ['missing fields', {}],
      ['html owner name', { estateId: '00000000-0000-4000-8000-000000000000', buildingName: '1栋', unitNumber: '1', ownerName: HTML }],
    ],
  },
];

describe('bad input is refused with the error shape and writes nothing', () => {
  for (const ep of endpoints) {
    describe(`${ep.method} ${ep.path({ ids: { unitOther: ':id' } } as unknown as Suite)}`, () => {
      it('every bad body → 4xx, nothing written', async () => {
        for (const [label, body] of ep.cases(s)) {
          const before = await counts();
          const res = await s.call(ep.method, ep.path(s), { cookie: ep.who === 'resident' ? resident : admin, json: body });
          expect(res.status, `${label}: ${res.raw}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${label}: ${res.raw}`).toBeLessThan(500);
          expect(res.data.error, label).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(await counts(), label).toBe(before);
        }
      });
    });
  }

  it('malformed JSON, a wrong content type and a malformed id are 400s', async () => {
    const bad = await s.call('POST', '/units', { cookie: admin, body: '{"buildingId":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe('validation_failed');
    const id = await s.call('GET', `/units/${encodeURIComponent(SQLI)}`, { cookie: admin });
    expect(id.status).toBe(400);
  });

  it('search text with SQL in it is only text', async () => {
    const before = await counts();
    const res = await s.call('GET', `/units?q=${encodeURIComponent(SQLI)}`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.data.total).toBe(0);
    const wildcard = await s.call('GET', `/units?q=${encodeURIComponent('%')}`, { cookie: admin });
    expect(wildcard.data.total).toBe(0);
    expect(await counts()).toBe(before);
  });

  it('out-of-range paging is refused', async () => {
    expect((await s.call('GET', '/units?pageSize=100000', { cookie: admin })).status).toBe(400);
    expect((await s.call('GET', '/units?page=0', { cookie: admin })).status).toBe(400);
  });

  it('a body over 1 MB is refused with 413', async () => {
    const res = await s.call('POST', '/parties', { cookie: admin, json: { name: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.data.error.code).toBe('payload_too_large');
  });
});
