/**
 * Ledger corrections on a real database: adjustments, discounts, refunds (each one append-only entry, its
 * effect on owed/prepaid cross-checked with @pm/domain's fold), the approval threshold with a second person,
 * idempotency by the client's id, late fees (the golden case below), waivers, the opening-balance import
 * (a bad row writes nothing; a good file is written once), scope and bad input.
 */
import { randomUUID } from 'node:crypto';
import { foldLedger, type LedgerEntry, periodOf, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, charges, ledgerApprovals, ledgerEntries, penaltyPostings, units } from '../src/db/schema';
import { OPENING_COLUMNS } from '../src/services/billing/corrections/opening-balances';
import { type Suite, setupSuite } from './harness';
import { clockToNow } from './metering';

let s: Suite;
let manager: string;
let admin: string;
let cashier: string;
let cs: string;
let manager2: string;
const period = periodOf(new Date());

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  admin = await s.loginStaff('admin');
  cashier = await s.loginStaff('cashier');
  cs = await s.loginStaff('cs');
  manager2 = await s.loginStaff('manager2');
});
afterAll(async () => s?.close());

const unitId = async (number: string, estateId = s.ids.estate1) =>
  (await s.db.select({ id: units.id }).from(units).where(and(eq(units.estateId, estateId), eq(units.number, number))))[0]!.id;

async function account(id: string, cookie = manager) {
  const res = await s.call('GET', `/units/${id}/account`, { cookie });
  expect(res.status, res.raw).toBe(200);
  return res.data;
}
const chargeOf = (acc: any, id: string) => acc.charges.find((c: any) => c.id === id);

/** Rows that a refused request must leave alone. */
async function counts() {
  const r = await s.db.execute(sql`select
    (select count(*) from charges) as charges, (select count(*) from ledger_entries) as ledger,
    (select count(*) from ledger_approvals) as approvals, (select count(*) from ledger_approvals where status = 'pending') as pending,
    (select count(*) from penalty_postings) as penalties, (select count(*) from opening_balance_imports) as imports,
    (select count(*) from audit_log where action <> 'login') as audit`);
  return JSON.stringify((r as unknown as { rows?: unknown[] }).rows ?? r);
}

const KIND_ORDER = ['prepayment', 'payment', 'adjustment', 'discount', 'waiver', 'offset', 'refund', 'reversal'];

/** The unit's stored charges and entries folded by @pm/domain, compared with what the API says. */
async function expectFoldAgrees(id: string, cookie = manager) {
  const acc = await account(id, cookie);
  const chargeRows = await s.db.select().from(charges).where(eq(charges.unitId, id));
  const entries = (await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.unitId, id))).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const domain: LedgerEntry[] = [
    ...chargeRows.filter((c) => c.source !== 'penalty').map((c) => ({ id: c.id, type: 'charge' as const, amount: c.amount, dueDate: c.dueDate })),
    ...chargeRows
      .filter((c) => c.source === 'penalty')
      .map((c) => ({ id: c.id, type: 'penalty' as const, amount: c.amount, dueDate: c.dueDate, chargeId: (c.detail as { baseChargeId: string }).baseChargeId })),
    ...entries.map((e): LedgerEntry => {
      if (e.kind === 'prepayment' || e.kind === 'refund') return { id: e.id, type: e.kind, amount: e.amount };
      return { id: e.id, type: e.kind as 'payment' | 'offset' | 'discount' | 'waiver' | 'adjustment', amount: e.amount, chargeId: e.chargeId! };
    }),
  ];
  const folded = foldLedger(domain);
  expect(folded.prepaid).toBe(acc.prepaid);
  expect(folded.owed).toBe(acc.owed);
  for (const c of folded.charges) expect(chargeOf(acc, c.chargeId).owed, c.chargeId).toBe(c.owed);
  return acc;
}

const adjust = (chargeId: string, body: Record<string, unknown>, cookie = manager) => s.call('POST', `/charges/${chargeId}/adjustments`, { cookie, json: body });
const discount = (chargeId: string, body: Record<string, unknown>, cookie = manager) => s.call('POST', `/charges/${chargeId}/discounts`, { cookie, json: body });
const refund = (unit: string, body: Record<string, unknown>, cookie = manager) => s.call('POST', `/units/${unit}/refunds`, { cookie, json: body });

async function openFee(number: string) {
  const acc = await account(await unitId(number));
  return acc.charges.find((c: any) => c.feeItemName === '物业服务费' && c.status === 'open');
}

describe('corrections at or below the threshold post at once', () => {
  it('an adjustment lowers or raises what a charge owes by one entry, with audit; the fold agrees', async () => {
    const u = await unitId('1-102');
    const fee = await openFee('1-102');
    expect(fee).toMatchObject({ amount: '310.55', owed: '310.55' });
    const id = randomUUID();
    const down = await adjust(fee.id, { id, amount: '-20.00', reason: '面积核减' });
    expect(down.status, down.raw).toBe(200);
    expect(down.data).toMatchObject({ id, kind: 'adjustment', status: 'posted', amount: '-20.00', chargeId: fee.id, unitNumber: '1-102', entryId: id, threshold: null, requestedByName: expect.any(String) });
    expect(chargeOf(await account(u), fee.id).owed).toBe('290.55');
    const [entry] = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
    expect(entry).toMatchObject({ kind: 'adjustment', amount: '-20.00', owedDelta: '-20.00', prepaidDelta: '0.00', reason: '面积核减', createdBy: s.ids.staff.manager, approvedBy: null });
    const audit = await s.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(['adjustment']);

    const up = await adjust(fee.id, { id: randomUUID(), amount: '15.00', reason: '补收' });
    expect(up.status).toBe(200);
    expect(chargeOf(await account(u), fee.id).owed).toBe('305.55');
    await expectFoldAgrees(u);
  });

  it('the same request again returns the same correction; another body under the same id is 409', async () => {
    const fee = await openFee('1-103');
    const body = { id: randomUUID(), amount: '-5.00', reason: '核减' };
    const first = await adjust(fee.id, body);
    const before = await counts();
    const again = await adjust(fee.id, body);
    expect(again.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await counts()).toBe(before);
    const other = await adjust(fee.id, { ...body, amount: '-6.00' });
    expect(other.status).toBe(409);
    expect(other.data.error).toMatchObject({ code: 'conflict', details: { code: 'idempotency_conflict' } });
    // The same id on another endpoint is another request too.
    expect((await discount(fee.id, { ...body, amount: '5.00' })).status).toBe(409);
    // Two at once: one entry.
    const twice = { id: randomUUID(), amount: '-1.00', reason: '并发' };
    const [a, b] = await Promise.all([adjust(fee.id, twice), adjust(fee.id, twice)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, twice.id))).toHaveLength(1);
    expect(await counts()).not.toBe(before);
    expect(chargeOf(await account(await unitId('1-103')), fee.id).owed).toBe(toMoneyString(sum([fee.owed, '-6.00'])));
  });

  it('never below 0 owed: 409 would_overpay, nothing written; 0 is 400', async () => {
    const fee = await openFee('1-104');
    const before = await counts();
    const tooMuch = await adjust(fee.id, { id: randomUUID(), amount: `-${toMoneyString(sum([fee.owed, '0.01']))}`, reason: '核减' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.data.error).toMatchObject({ code: 'would_overpay', details: { owed: fee.owed } });
    const overDiscount = await discount(fee.id, { id: randomUUID(), amount: toMoneyString(sum([fee.owed, '0.01'])), reason: '减免' });
    expect(overDiscount.status).toBe(409);
    expect(overDiscount.data.error.code).toBe('would_overpay');
    expect((await adjust(fee.id, { id: randomUUID(), amount: '0.00', reason: '零' })).status).toBe(400);
    // 1-101's oldest month was paid at the counter: nothing left to discount.
    const paid = (await account(s.ids.unitZhang)).charges.find((c: any) => c.status === 'settled');
    expect((await discount(paid.id, { id: randomUUID(), amount: '1.00', reason: '减免' })).data.error.code).toBe('would_overpay');
    expect(await counts()).toBe(before);
    // Down to exactly 0 is fine.
    const exact = await adjust(fee.id, { id: randomUUID(), amount: `-${fee.owed}`, reason: '全额核减' });
    expect(exact.status).toBe(200);
    expect(chargeOf(await account(await unitId('1-104')), fee.id)).toMatchObject({ owed: '0.00', status: 'settled' });
  });

  it('a discount lowers what is owed and moves nothing else', async () => {
    const u = await unitId('1-201');
    const before = await account(u);
    const water = before.charges.find((c: any) => c.status === 'open' && c.feeItemName !== '物业服务费');
    const res = await discount(water.id, { id: randomUUID(), amount: '0.50', reason: '困难户减免' });
    expect(res.status, res.raw).toBe(200);
    expect(res.data).toMatchObject({ kind: 'discount', status: 'posted', amount: '0.50', chargeLabel: `${water.period} ${water.feeItemName}` });
    const after = await expectFoldAgrees(u);
    expect(chargeOf(after, water.id).owed).toBe(toMoneyString(sum([water.owed, '-0.50'])));
    expect(after.owed).toBe(toMoneyString(sum([before.owed, '-0.50'])));
    expect(after.prepaid).toBe(before.prepaid);
  });

  it('a refund pays prepaid money back (at most the balance); raising a charge is offset from prepaid at once', async () => {
    const u = await unitId('1-202');
    const acc = await account(u);
    const open = acc.charges.filter((c: any) => c.status === 'open');
    const expectedTotal = toMoneyString(sum([...open.map((c: any) => c.owed), '300.00']));
    const paid = await s.call('POST', '/receipts', {
      cookie: cashier,
      json: { idempotencyKey: randomUUID(), unitId: u, method: 'cash', chargeIds: open.map((c: any) => c.id), prepayment: '300.00', expectedTotal },
    });
    expect(paid.status, paid.raw).toBe(200);
    expect((await account(u)).prepaid).toBe('300.00');

    const before = await counts();
    const tooMuch = await refund(u, { id: randomUUID(), amount: '300.01', method: 'cash', reason: '退预存' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.data.error).toMatchObject({ code: 'insufficient_prepaid', details: { prepaid: '300.00' } });
    expect(await counts()).toBe(before);

    const id = randomUUID();
    const ok = await refund(u, { id, amount: '100.00', method: 'bank', reason: '业主申请退还部分预存' });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.data).toMatchObject({ kind: 'refund', status: 'posted', chargeId: null, chargeLabel: null, method: 'bank', amount: '100.00' });
    const [entry] = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
    expect(entry).toMatchObject({ prepaidDelta: '-100.00', owedDelta: '0.00', chargeId: null, method: 'bank' });
    let now = await expectFoldAgrees(u);
    expect(now).toMatchObject({ prepaid: '200.00', owed: '0.00' });

    // +15.00 on a settled charge: owed again, and the prepaid money pays it at once.
    const settled = now.charges.find((c: any) => c.feeItemName === '物业服务费');
    expect((await adjust(settled.id, { id: randomUUID(), amount: '15.00', reason: '补收面积差' })).status).toBe(200);
    now = await expectFoldAgrees(u);
    expect(now).toMatchObject({ prepaid: '185.00', owed: '0.00' });
    const offsets = await s.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.chargeId, settled.id), eq(ledgerEntries.kind, 'offset')));
    expect(offsets.map((o) => o.amount)).toEqual(['15.00']);
  });
});

describe('above the threshold a second person approves', () => {
  it('+600.00 waits as pending; the requester cannot approve it, another manager can; then it posts once', async () => {
    const u = await unitId('1-203');
    const fee = await openFee('1-203');
    const before = await account(u);
    const id = randomUUID();
    const req = await adjust(fee.id, { id, amount: '600.00', reason: '补收装修垃圾清运' });
    expect(req.status, req.raw).toBe(200);
    expect(req.data).toMatchObject({ id, status: 'pending', threshold: '500.00', entryId: null, decidedBy: null });
    expect(await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, id))).toHaveLength(0);
    expect((await account(u)).owed).toBe(before.owed);

    const queue = await s.call('GET', `/ledger-approvals?estateId=${s.ids.estate1}&status=pending`, { cookie: admin });
    expect(queue.status).toBe(200);
    expect(queue.data.items.map((x: any) => x.id)).toContain(id);

    const self = await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: manager });
    expect(self.status).toBe(403);
    expect(self.data.error.code).toBe('same_person');
    expect((await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: cashier })).status).toBe(403);
    expect((await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: manager2 })).status).toBe(404);
    expect(await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, id))).toHaveLength(0);

    const [a, b] = await Promise.all([s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: admin }), s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: admin })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.data).toMatchObject({ status: 'approved', decidedBy: s.ids.staff.admin, entryId: id });
    const entries = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'adjustment', owedDelta: '600.00', createdBy: s.ids.staff.manager, approvedBy: s.ids.staff.admin });
    const after = await expectFoldAgrees(u);
    expect(chargeOf(after, fee.id).owed).toBe(toMoneyString(sum([fee.owed, '600.00'])));
    // The request again: the same (now approved) correction; rejecting it now is 409.
    expect((await adjust(fee.id, { id, amount: '600.00', reason: '补收装修垃圾清运' })).data).toMatchObject({ id, status: 'approved' });
    const late = await s.call('POST', `/ledger-approvals/${id}/reject`, { cookie: admin, json: { reason: '晚了' } });
    expect(late.status).toBe(409);
    expect(late.data.error).toMatchObject({ code: 'invalid_transition', details: { status: 'approved', to: 'rejected' } });
    const audit = await s.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((x) => x.action).sort()).toEqual(['approve', 'request']);
  });

  it('exactly the threshold posts at once; a rejected one posts nothing, and cannot be approved after', async () => {
    const fee = await openFee('1-203');
    const owed = chargeOf(await account(await unitId('1-203')), fee.id).owed;
    const atThreshold = await adjust(fee.id, { id: randomUUID(), amount: '-500.00', reason: '核减' });
    expect(atThreshold.data.status).toBe('posted');

    const id = randomUUID();
    const big = { id, amount: '400.01', reason: '一次性减免' };
    await s.call('PUT', `/billing-settings/${s.ids.estate1}`, { cookie: manager, json: { vacancyDiscountPct: '0', approvalThreshold: '400.00', penalty: null, prepayDiscount: null } });
    const pending = await discount(fee.id, big);
    expect(pending.data).toMatchObject({ status: 'pending', kind: 'discount', threshold: '400.00' });
    const ledgerBefore = await s.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries);
    const rejected = await s.call('POST', `/ledger-approvals/${id}/reject`, { cookie: admin, json: { reason: '依据不足' } });
    expect(rejected.status).toBe(200);
    expect(rejected.data).toMatchObject({ status: 'rejected', decisionReason: '依据不足', decidedBy: s.ids.staff.admin, entryId: null });
    expect(await s.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries)).toEqual(ledgerBefore);
    const approve = await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: admin });
    expect(approve.status).toBe(409);
    expect(approve.data.error.code).toBe('invalid_transition');
    expect((await discount(fee.id, big)).data.status).toBe('rejected');
    expect(chargeOf(await account(await unitId('1-203')), fee.id).owed).toBe(toMoneyString(sum([owed, '-500.00'])));
    const listed = await s.call('GET', `/ledger-approvals?estateId=${s.ids.estate1}&status=rejected`, { cookie: manager });
    expect(listed.data.items.map((x: any) => x.id)).toEqual([id]);
    expect((await s.call('GET', `/ledger-approvals/${id}`, { cookie: manager })).data.status).toBe('rejected');
  });

  it('a pending one is checked again when approved (409, still pending); a pending refund posts on approval', async () => {
    const u = await unitId('1-204');
    const acc = await account(u);
    const fee = acc.charges.find((c: any) => c.feeItemName === '物业服务费' && c.status === 'open');
    const id = randomUUID();
    // Threshold 400.00 from the test above; 1-204's property fee is a few hundred yuan.
    await adjust(fee.id, { id: randomUUID(), amount: '300.00', reason: '补收' });
    const owed = chargeOf(await account(u), fee.id).owed;
    expect((await discount(fee.id, { id, amount: owed, reason: '全额减免' })).data.status).toBe('pending');
    // Meanwhile the cashier collects it.
    const paid = await s.call('POST', '/receipts', { cookie: cashier, json: { idempotencyKey: randomUUID(), unitId: u, method: 'cash', chargeIds: [fee.id], expectedTotal: owed } });
    expect(paid.status).toBe(200);
    const late = await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: admin });
    expect(late.status).toBe(409);
    expect(late.data.error.code).toBe('would_overpay');
    expect((await s.call('GET', `/ledger-approvals/${id}`, { cookie: admin })).data.status).toBe('pending');

    // A big prepayment, then a refund above the threshold: pending until approved.
    const u2 = await unitId('1-301');
    const open = (await account(u2)).charges.filter((c: any) => c.status === 'open');
    const total = toMoneyString(sum([...open.map((c: any) => c.owed), '1000.00']));
    await s.call('POST', '/receipts', { cookie: cashier, json: { idempotencyKey: randomUUID(), unitId: u2, method: 'wechat', chargeIds: open.map((c: any) => c.id), prepayment: '1000.00', expectedTotal: total } });
    const rid = randomUUID();
    const pendingRefund = await refund(u2, { id: rid, amount: '800.00', method: 'wechat', reason: '房屋出售，退还预存' }, admin);
    expect(pendingRefund.data).toMatchObject({ status: 'pending', kind: 'refund' });
    expect((await account(u2)).prepaid).toBe('1000.00');
    const ok = await s.call('POST', `/ledger-approvals/${rid}/approve`, { cookie: manager });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.data).toMatchObject({ status: 'approved', requestedBy: s.ids.staff.admin, decidedBy: s.ids.staff.manager });
    expect((await expectFoldAgrees(u2)).prepaid).toBe('200.00');
    await s.call('PUT', `/billing-settings/${s.ids.estate1}`, { cookie: manager, json: { vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: null, prepayDiscount: null } });
  });
});

async function openingFile(rows: (string | number | Date)[][], headers: string[] = OPENING_COLUMNS.map((c) => c.header)): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初欠费');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const upload = (path: string, file: Uint8Array, cookie = manager) => s.call('POST', path, { cookie, body: file, headers: { 'content-type': 'application/octet-stream' } });

describe('opening balances 期初', () => {
  it('downloads a template with the columns', async () => {
    const res = await s.app.request('/api/billing/opening-balances/template', { headers: { cookie: cashier } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(OPENING_COLUMNS.map((c) => c.header));
  });

  it('a file with bad rows: per-row errors in the preview, 422 on commit and nothing written', async () => {
    const seeded = shiftPeriod(period, -1);
    const file = await openingFile([
      ['2栋', '2-101', '物业服务费', '2025-10', '120.00', '2025-10-31', '上线前欠费'],
      ['9栋', '9-999', '物业服务费', '2025-10', '120.00', '2025-10-31', ''],
      ['2栋', '2-102', '物业服务费', '2025-13', 'abc', '2025-02-30', ''],
      ['2栋', '2-101', '物业服务费', '2025-10', '99.00', '2025-10-31', ''],
      ['2栋', '2-103', '宽带费', '2025-10', '-5', '2025-10-31', ''],
      ['1栋', '1-101', '物业服务费', seeded, '10.00', '2025-10-31', ''],
      ['2栋', '2-104', '物业服务费', '2099-01', '10.123', '2099-01-31', ''],
    ]);
    const before = await counts();
    const preview = await upload(`/billing/opening-balances/preview?estateId=${s.ids.estate1}`, file);
    expect(preview.status, preview.raw).toBe(200);
    expect(preview.data).toMatchObject({ ok: false, alreadyImported: false, summary: { rows: 7, valid: 1, invalid: 6, total: '120.00' } });
    const errors = Object.fromEntries(preview.data.rows.map((r: any) => [r.row, r.errors]));
    expect(errors[2]).toEqual([]);
    expect(errors[3]).toEqual(['本项目中没有该房屋']);
    expect(errors[4]).toEqual(['期间应为 YYYY-MM', '金额应为正数，最多两位小数', '到期日应为 YYYY-MM-DD 的有效日期']);
    expect(errors[5]).toEqual(['与第 2 行重复']);
    expect(errors[6]).toEqual(['金额应为正数，最多两位小数', '收费项目不存在或未启用']);
    expect(errors[7]).toEqual(['该房屋该收费项目该期间已有应收']);
    expect(errors[8]).toEqual(['期间不能晚于本月', '金额应为正数，最多两位小数']);
    const commit = await upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, file);
    expect(commit.status).toBe(422);
    expect(commit.data.error.code).toBe('import_invalid');
    expect(commit.data.error.details.rows).toHaveLength(6);
    expect(await counts()).toBe(before);
    // Not a spreadsheet, or a missing column: 400, nothing written.
    expect((await upload(`/billing/opening-balances/preview?estateId=${s.ids.estate1}`, new TextEncoder().encode('hello'))).status).toBe(400);
    const noAmount = await upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, await openingFile([['2栋', '2-101']], ['楼栋', '房号', '收费项目', '期间', '到期日', '说明']));
    expect(noAmount.status).toBe(400);
    expect(noAmount.data.error.details).toEqual({ missingColumn: '金额(元)' });
    expect(await counts()).toBe(before);
  });

  it('a good file is written once, as opening charges in one go; committing it again changes nothing', async () => {
    const u = await unitId('2-101');
    const file = await openingFile([
      ['2栋', '2-101', '物业服务费', '2025-10', '120.00', '2025-10-31', '上线前欠费'],
      ['2栋', '2-101', '物业服务费', new Date(Date.UTC(2025, 10, 1)), 130.5, new Date(Date.UTC(2025, 10, 30)), ''],
      ['2栋', '2-102', '水费', '2025-11', '45.50', '2025-11-30', '旧系统结转'],
    ]);
    const preview = await upload(`/billing/opening-balances/preview?estateId=${s.ids.estate1}`, file);
    expect(preview.data).toMatchObject({ ok: true, summary: { rows: 3, valid: 3, invalid: 0, total: '296.00', units: 2 } });
    expect(preview.data.rows[1]).toMatchObject({ period: '2025-11', amount: '130.50', dueDate: '2025-11-30' });
    const before = await account(u);
    const [a, b] = await Promise.all([
      upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, file),
      upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, file),
    ]);
    expect([a.status, b.status], a.raw + b.raw).toEqual([200, 200]);
    expect(a.data.importId).toBe(b.data.importId);
    expect([a.data.alreadyImported, b.data.alreadyImported].sort()).toEqual([false, true]);
    expect(a.data.summary).toMatchObject({ rows: 3, total: '296.00' });
    const opening = await s.db.select().from(charges).where(eq(charges.source, 'opening'));
    expect(opening).toHaveLength(3);
    const after = await expectFoldAgrees(u);
    expect(after.owed).toBe(toMoneyString(sum([before.owed, '250.50'])));
    expect(after.charges.find((c: any) => c.period === '2025-10')).toMatchObject({ amount: '120.00', explanation: '期初欠费：上线前欠费', dueDate: '2025-10-31', status: 'open' });
    const countsAfter = await counts();
    const again = await upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, file);
    expect(again.data).toMatchObject({ importId: a.data.importId, alreadyImported: true });
    expect(await counts()).toBe(countsAfter);
    expect((await upload(`/billing/opening-balances/preview?estateId=${s.ids.estate1}`, file)).data).toMatchObject({ ok: true, alreadyImported: true, rows: [] });
    // A re-saved copy (other bytes, same rows) is refused row by row.
    const copy = await openingFile([['2栋', '2-101', '物业服务费', '2025-10', '120.00', '2025-10-31', '再次导入']]);
    const dup = await upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, copy);
    expect(dup.status).toBe(422);
    expect(dup.data.error.details.rows[0].errors).toEqual(['该房屋该收费项目该期间已有应收']);
  });

  it('takes the file as multipart too', async () => {
    const form = new FormData();
    form.append('file', new Blob([await openingFile([['3栋', '3-101', '物业服务费', '2025-09', '88.00', '2025-09-30', '']])]), 'opening.xlsx');
    const res = await s.app.request(`/api/billing/opening-balances/preview?estateId=${s.ids.estate1}`, { method: 'POST', headers: { cookie: manager }, body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, summary: { rows: 1, total: '88.00' } });
  });
});

describe('late fees 违约金', () => {
  it('are off by default: the preview says so (with the legal note); posting is 409 penalty_disabled', async () => {
    const preview = await s.call('POST', '/billing/penalties/preview', { cookie: manager, json: { estateId: s.ids.estate1, asOf: '2026-11-27' } });
    expect(preview.status).toBe(200);
    expect(preview.data).toMatchObject({ enabled: false, lines: 0, total: '0.00', items: [] });
    expect(preview.data.legalNote).toContain('不得采取停止供水、供电');
    expect(preview.data.legalNote).toContain('never cut off');
    const before = await counts();
    const post = await s.call('POST', '/billing/penalties', { cookie: manager, json: { estateId: s.ids.estate1, asOf: '2026-11-27' } });
    expect(post.status).toBe(409);
    expect(post.data.error.code).toBe('penalty_disabled');
    expect(await counts()).toBe(before);
  });

  /**
   * The golden case, in 华悦中心 (no other charges): an opening charge of ¥1,000.00 due 2025-01-31, late fees
   * at 0.0003/day with 10 grace days, capped at 100% of the principal.
   * - as of 2025-03-02: 30 days overdue, 20 charged → 1000 × 0.0003 × 20 = ¥6.00;
   * - as of 2025-03-31 (same month): nothing more;
   * - as of 2025-04-01: 60 overdue, 50 charged → ¥15.00 in all, ¥9.00 now (¥6.00 already levied);
   * - as of 2025-05-01, posted twice at once: 90/80 → ¥24.00 in all, ¥9.00 now, once.
   * The account then owes 1000 + 6 + 9 + 9 = ¥1,024.00; waiving the first one leaves ¥1,018.00.
   */
  it('the golden case: computed with latePenalty, posted once per month, explained, waived by a discount', async () => {
    const estate = s.ids.estate2;
    const u = s.ids.unitTower;
    const settings = { vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: { dailyRate: '0.0003', graceDays: 10, cap: { kind: 'percent', percent: '100' } }, prepayDiscount: null };
    expect((await s.call('PUT', `/billing-settings/${estate}`, { cookie: manager2, json: settings })).status).toBe(200);
    const imported = await upload(`/billing/opening-balances/commit?estateId=${estate}`, await openingFile([['A座', '301', '物业服务费', '2025-01', '1000.00', '2025-01-31', '']]), manager2);
    expect(imported.status, imported.raw).toBe(200);
    const [base] = await s.db.select().from(charges).where(and(eq(charges.unitId, u), eq(charges.source, 'opening')));

    const before = await counts();
    const preview = await s.call('POST', '/billing/penalties/preview', { cookie: manager2, json: { estateId: estate, asOf: '2025-03-02' } });
    expect(preview.status, preview.raw).toBe(200);
    expect(preview.data).toMatchObject({ enabled: true, period: '2025-03', lines: 1, total: '6.00', alreadyPosted: 0 });
    expect(preview.data.items[0]).toMatchObject({ baseChargeId: base!.id, principal: '1000.00', daysOverdue: 30, daysCharged: 20, capped: false, previous: '0.00', amount: '6.00' });
    expect(preview.data.items[0].explanation).toBe('¥1,000.00 × 0.0003/天 × 20 天 = ¥6.00（2025-01-31 到期，宽限 10 天，自 2025-02-11 起计至 2025-03-02）');
    expect(await counts()).toBe(before);

    const march = await s.call('POST', '/billing/penalties', { cookie: manager2, json: { estateId: estate, asOf: '2025-03-02' } });
    expect(march.status, march.raw).toBe(200);
    expect(march.data).toMatchObject({ lines: 1, total: '6.00', posted: { inserted: 1, total: '6.00' } });
    const [first] = await s.db.select().from(charges).where(and(eq(charges.unitId, u), eq(charges.source, 'penalty')));
    expect(first).toMatchObject({ amount: '6.00', period: '2025-03', dueDate: '2025-03-02', feeItemId: base!.feeItemId, standardId: null });
    expect(first!.detail).toMatchObject({ baseChargeId: base!.id, principal: '1000.00', daysCharged: 20 });
    expect(first!.explanation).toBe('违约金（2025-01 物业服务费）¥1,000.00 × 0.0003/天 × 20 天 = ¥6.00（2025-01-31 到期，宽限 10 天，自 2025-02-11 起计至 2025-03-02）');

    const sameMonth = await s.call('POST', '/billing/penalties', { cookie: manager2, json: { estateId: estate, asOf: '2025-03-31' } });
    expect(sameMonth.data).toMatchObject({ lines: 0, alreadyPosted: 1, posted: { inserted: 0, total: '0.00' } });

    const april = await s.call('POST', '/billing/penalties', { cookie: manager2, json: { estateId: estate, asOf: '2025-04-01' } });
    expect(april.data).toMatchObject({ lines: 1, total: '9.00' });
    expect(april.data.items[0]).toMatchObject({ daysOverdue: 60, daysCharged: 50, previous: '6.00', amount: '9.00' });
    expect(april.data.items[0].explanation).toBe(
      '¥1,000.00 × 0.0003/天 × 50 天 = ¥15.00（2025-01-31 到期，宽限 10 天，自 2025-02-11 起计至 2025-04-01）；已计违约金 ¥6.00，本次 ¥9.00',
    );

    const [m1, m2] = await Promise.all([
      s.call('POST', '/billing/penalties', { cookie: manager2, json: { estateId: estate, asOf: '2025-05-01' } }),
      s.call('POST', '/billing/penalties', { cookie: admin, json: { estateId: estate, asOf: '2025-05-01' } }),
    ]);
    expect([m1.status, m2.status]).toEqual([200, 200]);
    expect(m1.data.posted.inserted + m2.data.posted.inserted).toBe(1);
    const postings = await s.db.select().from(penaltyPostings).where(eq(penaltyPostings.baseChargeId, base!.id));
    expect(postings.map((p) => [p.period, p.amount]).sort()).toEqual([
      ['2025-03', '6.00'],
      ['2025-04', '9.00'],
      ['2025-05', '9.00'],
    ]);
    expect((await expectFoldAgrees(u, manager2)).owed).toBe('1024.00');

    // 减免违约金: a discount on the penalty charge is a waiver entry, with its reason.
    const over = await discount(first!.id, { id: randomUUID(), amount: '6.01', reason: '首次逾期' }, manager2);
    expect(over.data.error.code).toBe('would_overpay');
    const waiver = await discount(first!.id, { id: randomUUID(), amount: '6.00', reason: '首次逾期，经理同意减免' }, manager2);
    expect(waiver.status, waiver.raw).toBe(200);
    expect(waiver.data).toMatchObject({ kind: 'waiver', status: 'posted', amount: '6.00' });
    const acc = await expectFoldAgrees(u, manager2);
    expect(acc.owed).toBe('1018.00');
    expect(chargeOf(acc, first!.id)).toMatchObject({ owed: '0.00', status: 'settled' });
    // Posting again later does not levy the waived penalty a second time.
    const june = await s.call('POST', '/billing/penalties/preview', { cookie: manager2, json: { estateId: estate, asOf: '2025-06-01' } });
    expect(june.data.items[0]).toMatchObject({ previous: '24.00', amount: '9.30' });
  });

  it('refuses a date after today, a bad date, and other estates', async () => {
    const before = await counts();
    const future = await s.call('POST', '/billing/penalties', { cookie: manager2, json: { estateId: s.ids.estate2, asOf: '2999-01-01' } });
    expect(future.status).toBe(400);
    expect((await s.call('POST', '/billing/penalties/preview', { cookie: manager, json: { estateId: s.ids.estate1, asOf: '2025-02-30' } })).status).toBe(400);
    expect((await s.call('POST', '/billing/penalties/preview', { cookie: manager, json: { estateId: s.ids.estate2, asOf: '2025-03-01' } })).status).toBe(404);
    expect((await s.call('POST', '/billing/penalties', { cookie: cashier, json: { estateId: s.ids.estate1, asOf: '2025-03-01' } })).status).toBe(403);
    expect(await counts()).toBe(before);
  });
});

describe('scope and bad input', () => {
  it('the other office gets 404, the cashier and customer service 403; nothing written', async () => {
    const fee = await openFee('1-302');
    const u = await unitId('1-302');
    const before = await counts();
    const body = () => ({ id: randomUUID(), amount: '-1.00', reason: '核减' });
    expect((await adjust(fee.id, body(), manager2)).status).toBe(404);
    expect((await adjust(fee.id, body(), cashier)).status).toBe(403);
    expect((await adjust(fee.id, body(), cs)).status).toBe(403);
    expect((await discount(fee.id, { ...body(), amount: '1.00' }, cashier)).status).toBe(403);
    expect((await refund(u, { ...body(), amount: '1.00', method: 'cash' }, manager2)).status).toBe(404);
    expect((await s.call('GET', `/ledger-approvals?estateId=${s.ids.estate1}`, { cookie: cashier })).status).toBe(403);
    expect((await s.call('GET', `/ledger-approvals?estateId=${s.ids.estate1}`, { cookie: manager2 })).status).toBe(404);
    expect((await upload(`/billing/opening-balances/preview?estateId=${s.ids.estate1}`, await openingFile([['1栋', '1-302', '物业服务费', '2025-01', '1.00', '2025-01-31', '']]), cashier)).status).toBe(403);
    expect((await upload(`/billing/opening-balances/commit?estateId=${s.ids.estate1}`, await openingFile([['1栋', '1-302', '物业服务费', '2025-01', '1.00', '2025-01-31', '']]), manager2)).status).toBe(404);
    const [pending] = await s.db.select().from(ledgerApprovals).where(eq(ledgerApprovals.status, 'pending'));
    expect((await s.call('POST', `/ledger-approvals/${pending!.id}/approve`, { cookie: manager2 })).status).toBe(404);
    expect((await s.call('POST', `/ledger-approvals/${pending!.id}/reject`, { cookie: cashier, json: { reason: '不行' } })).status).toBe(403);
    expect(await counts()).toBe(before);
  });

  it('bad bodies are 4xx and write nothing', async () => {
    const fee = await openFee('1-302');
    const u = await unitId('1-302');
    const before = await counts();
    const id = randomUUID();
    const cases: [string, string, unknown][] = [
      [`/charges/${fee.id}/adjustments`, 'missing reason', { id, amount: '-1.00' }],
      [`/charges/${fee.id}/adjustments`, 'empty reason', { id, amount: '-1.00', reason: '  ' }],
      [`/charges/${fee.id}/adjustments`, 'html reason', { id, amount: '-1.00', reason: '<b>x</b>' }],
      [`/charges/${fee.id}/adjustments`, 'amount as number', { id, amount: -1, reason: '核减' }],
      [`/charges/${fee.id}/adjustments`, 'three decimals', { id, amount: '-1.001', reason: '核减' }],
      [`/charges/${fee.id}/adjustments`, 'exponent', { id, amount: '1e3', reason: '核减' }],
      [`/charges/${fee.id}/adjustments`, 'bad id', { id: 'x', amount: '-1.00', reason: '核减' }],
      [`/charges/${fee.id}/discounts`, 'negative discount', { id, amount: '-1.00', reason: '减免' }],
      [`/charges/${fee.id}/discounts`, 'zero discount', { id, amount: '0', reason: '减免' }],
      [`/charges/${u}/discounts`, 'a unit id as the charge', { id, amount: '1.00', reason: '减免' }],
      [`/units/${u}/refunds`, 'unknown method', { id, amount: '1.00', method: 'barter', reason: '退款' }],
      [`/units/${u}/refunds`, 'more than prepaid', { id, amount: '1.00', method: 'cash', reason: '退款' }],
      [`/ledger-approvals/${id}/reject`, 'unknown approval', { reason: '不行' }],
      ['/billing/penalties', 'missing asOf', { estateId: s.ids.estate1 }],
    ];
    for (const [path, label, body] of cases) {
      const res = await s.call('POST', path, { cookie: manager, json: body });
      expect(res.status, `${label}: ${res.raw}`).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect(res.data.error.code, label).toBeTypeOf('string');
    }
    expect((await s.call('POST', `/ledger-approvals/${id}/approve`, { cookie: manager })).status).toBe(404);
    expect(await counts()).toBe(before);
  });
});
