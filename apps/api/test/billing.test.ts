/**
 * Billing end to end on a real database: the demo's standards and runs, preview without writes, idempotent
 * and concurrent posting, a price change from a date, the counter (exactly once per key, two cashiers on one
 * charge, a stale total), prepayment offsetting the oldest charge, void by reversal, day close — and the SQL
 * ledger cross-checked against @pm/domain's fold.
 */
import { randomUUID } from 'node:crypto';
import { compare, foldLedger, type LedgerEntry, periodOf, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charges, ledgerEntries, orgNodes, units } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';
import { clockToNow } from './metering';

let s: Suite;
let manager: string;
let cashier: string;
let estateId: string;
const period = periodOf(new Date());
const unitId = (number: string) => s.db.select({ id: units.id }).from(units).where(eq(units.number, number)).then((r) => r[0]!.id);

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  cashier = await s.loginStaff('cashier');
  const [estate] = await s.db.select({ id: orgNodes.id }).from(orgNodes).where(eq(orgNodes.name, '翠湖花园'));
  estateId = estate!.id;
});
afterAll(async () => s?.close());

async function account(number: string) {
  const res = await s.call('GET', `/units/${await unitId(number)}/account`, { cookie: cashier });
  expect(res.status).toBe(200);
  return res.data;
}

async function pay(number: string, chargeIds: string[], extra: Record<string, unknown> = {}, cookie = cashier) {
  const acc = await account(number);
  const picked = acc.charges.filter((c: any) => chargeIds.includes(c.id));
  const expectedTotal = toMoneyString(sum([...picked.map((c: any) => c.owed), (extra.prepayment as string) ?? '0']));
  return s.call('POST', '/receipts', { cookie, json: { idempotencyKey: randomUUID(), unitId: acc.unit.id, method: 'cash', chargeIds, expectedTotal, ...extra } });
}

describe('the demo billing', () => {
  it('bills the last three months: area fee explained exactly, metered water with tiers, shared water per household', async () => {
    const acc = await account('1-102');
    const periods = new Set(acc.charges.map((c: any) => c.period));
    expect([...periods].sort()).toEqual([3, 2, 1].map((b) => shiftPeriod(period, -b)));
    const fee = acc.charges.find((c: any) => c.feeItemName === '物业服务费');
    // 1-102's area is 132.15 m² in the seed: 132.15 × 2.35 = 310.5525 → 310.55
    expect(fee).toMatchObject({ amount: '310.55', owed: '310.55', status: 'open' });
    expect(fee.explanation).toBe('132.15 m² × ¥2.35/m²·月 × 1 月 = ¥310.55');
    expect(acc.charges.some((c: any) => c.feeItemName === '水费' && c.explanation.includes('第1档'))).toBe(true);
    const shared = acc.charges.filter((c: any) => c.feeItemName === '公摊水费');
    expect(shared).toHaveLength(3);
    // Every one of 1栋's 84 homes pays a share; the shares of one month sum exactly to the meter's charge.
    const month = shiftPeriod(period, -1);
    const rows = await s.db
      .select({ amount: charges.amount, detail: charges.detail })
      .from(charges)
      .where(sql`${charges.period} = ${month} and ${charges.lineKey} <> '' and ${charges.detail}->>'kind' = 'shared'`);
    expect(rows).toHaveLength(84);
    const total = (rows[0]!.detail as { total: string }).total;
    expect(toMoneyString(sum(rows.map((r) => r.amount)))).toBe(total);
  });

  it('1-101 paid its oldest month at the counter; the rest is owed', async () => {
    const acc = await account('1-101');
    expect(acc.receipts).toHaveLength(1);
    const oldest = acc.charges.filter((c: any) => c.period === shiftPeriod(period, -3));
    expect(oldest.every((c: any) => c.status === 'settled' && c.owed === '0.00')).toBe(true);
    expect(acc.owed).toBe(toMoneyString(sum(acc.charges.map((c: any) => c.owed))));
  });
});

describe('billing runs', () => {
  it('preview writes nothing; posting twice (and twice at once) charges once', async () => {
    const before = await s.db.select({ n: sql<number>`count(*)::int` }).from(charges);
    const preview = await s.call('POST', '/billing-runs/preview', { cookie: manager, json: { estateId, period } });
    expect(preview.status).toBe(200);
    // This month has no approved readings yet: the metered fees are skipped with a reason, never guessed.
    expect(preview.data.skipped.some((x: any) => x.reason === 'missing_approved_reading' && x.count > 0)).toBe(true);
    expect(preview.data.lines).toBeGreaterThan(1008);
    expect(preview.data.byFeeItem.find((f: any) => f.feeItemName === '物业服务费').count).toBe(1008);
    expect(preview.data.samples[0].explanation).toMatch(/m² × ¥2\.35/);
    expect(await s.db.select({ n: sql<number>`count(*)::int` }).from(charges)).toEqual(before);

    const [a, b] = await Promise.all([
      s.call('POST', '/billing-runs', { cookie: manager, json: { estateId, period } }),
      s.call('POST', '/billing-runs', { cookie: manager, json: { estateId, period } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.data.run.inserted + b.data.run.inserted).toBe(preview.data.lines);
    const again = await s.call('POST', '/billing-runs', { cookie: manager, json: { estateId, period } });
    expect(again.data.run).toMatchObject({ inserted: 0, existing: preview.data.lines, total: '0.00' });
    const [{ n }] = (await s.db.select({ n: sql<number>`count(*)::int` }).from(charges).where(eq(charges.period, period))) as [{ n: number }];
    expect(n).toBe(preview.data.lines);
  });

  it('a price change from a date leaves posted charges alone and prices the next period', async () => {
    const list = await s.call('GET', `/fee-standards?estateId=${estateId}`, { cookie: manager });
    const area = list.data.items.find((x: any) => x.kind === 'area' && x.effectiveTo === null);
    const next = shiftPeriod(period, 1);
    const revised = await s.call('POST', `/fee-standards/${area.id}/revise`, { cookie: manager, json: { effectiveFrom: `${next}-01`, params: { unitPrice: '2.50', areaBasis: 'building_area' } } });
    expect(revised.status).toBe(200);
    expect(revised.data).toMatchObject({ previousId: area.id, effectiveFrom: `${next}-01`, assignments: [{ targetKind: 'estate', targetId: estateId }] });
    const acc = await account('1-102');
    expect(acc.charges.filter((c: any) => c.feeItemName === '物业服务费').every((c: any) => c.amount === '310.55')).toBe(true);
    const preview = await s.call('POST', '/billing-runs/preview', { cookie: manager, json: { estateId, period: next } });
    expect(preview.data.samples.find((x: any) => x.feeItemName === '物业服务费').explanation).toMatch(/¥2\.50/);
    // Revising the old version again is refused: only the newest one can change.
    const twice = await s.call('POST', `/fee-standards/${area.id}/revise`, { cookie: manager, json: { effectiveFrom: `${shiftPeriod(next, 1)}-01`, params: { unitPrice: '2.60', areaBasis: 'building_area' } } });
    expect(twice.status).toBe(400);
  });

  it('refuses params that do not fit the kind, and runs by a cashier', async () => {
    const items = await s.call('GET', `/fee-items?estateId=${estateId}`, { cookie: manager });
    const feeItemId = items.data.items[0].id;
    const bad = await s.call('POST', '/fee-standards', {
      cookie: manager,
      json: { estateId, feeItemId, name: 'x', kind: 'area', params: { amount: '10.00' }, effectiveFrom: '2026-01-01', assignments: [{ targetKind: 'estate', targetId: estateId }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe('validation_failed');
    expect((await s.call('POST', '/billing-runs', { cookie: cashier, json: { estateId, period } })).status).toBe(403);
  });
});

describe('the counter', () => {
  it('collects three charges once per key, with a numbered receipt and the total in capitals', async () => {
    const acc = await account('1-103');
    const three = acc.charges.filter((c: any) => c.status === 'open').slice(0, 3);
    const expectedTotal = toMoneyString(sum(three.map((c: any) => c.owed)));
    const body = { idempotencyKey: randomUUID(), unitId: acc.unit.id, method: 'cash', chargeIds: three.map((c: any) => c.id), expectedTotal, payer: '张三' };
    const first = await s.call('POST', '/receipts', { cookie: cashier, json: body });
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ total: expectedTotal, status: 'posted', payer: '张三', unitNumber: '1-103', estateName: '翠湖花园' });
    expect(first.data.number).toMatch(/^SK\d{8}$/);
    expect(first.data.totalInWords).toMatch(/元/);
    expect(first.data.lines).toHaveLength(3);
    const retry = await s.call('POST', '/receipts', { cookie: cashier, json: body });
    expect(retry.data.id).toBe(first.data.id);
    const after = await account('1-103');
    expect(after.receipts.filter((r: any) => r.id === first.data.id)).toHaveLength(1);
    expect(after.charges.filter((c: any) => body.chargeIds.includes(c.id)).every((c: any) => c.owed === '0.00')).toBe(true);
  });

  it('two cashiers on the same charge: one receipt, the other 409 charge_settled', async () => {
    const acc = await account('1-104');
    const charge = acc.charges.find((c: any) => c.status === 'open');
    const body = () => ({ idempotencyKey: randomUUID(), unitId: acc.unit.id, method: 'cash', chargeIds: [charge.id], expectedTotal: charge.owed });
    const results = await Promise.all([s.call('POST', '/receipts', { cookie: cashier, json: body() }), s.call('POST', '/receipts', { cookie: manager, json: body() })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.data.error).toMatchObject({ code: 'charge_settled', details: { chargeIds: [charge.id] } });
    const paid = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.chargeId, charge.id));
    expect(paid.filter((e) => e.kind === 'payment')).toHaveLength(1);
  });

  it('a stale total on the screen is 409 amount_changed, and nothing is posted', async () => {
    const acc = await account('1-201');
    const charge = acc.charges.find((c: any) => c.status === 'open');
    const res = await s.call('POST', '/receipts', { cookie: cashier, json: { idempotencyKey: randomUUID(), unitId: acc.unit.id, method: 'cash', chargeIds: [charge.id], expectedTotal: '0.01' } });
    expect(res.status).toBe(409);
    expect(res.data.error).toMatchObject({ code: 'amount_changed', details: { actualTotal: charge.owed } });
    expect((await account('1-201')).receipts).toHaveLength(0);
  });

  it('a prepayment offsets the oldest open charges at once, and the SQL ledger agrees with the domain fold', async () => {
    const acc = await account('1-202');
    const open = acc.charges.filter((c: any) => c.status === 'open');
    const res = await pay('1-202', [], { prepayment: '500.00', method: 'wechat' });
    expect(res.status).toBe(200);
    expect(res.data.offsets.length).toBeGreaterThan(0);
    const after = await account('1-202');
    // Oldest due first; charges due on the same day share in proportion (民法典 art. 560).
    const firstDue = open[0].dueDate;
    const owedOn = (list: any[], due: (d: string) => boolean) => toMoneyString(sum(list.filter((c: any) => due(c.dueDate)).map((c: any) => c.owed)));
    const groupBefore = owedOn(open, (d) => d === firstDue);
    expect(compare(groupBefore, '500.00')).toBe(1);
    expect(owedOn(after.charges, (d) => d === firstDue)).toBe(toMoneyString(sum([groupBefore, '-500.00'])));
    expect(owedOn(after.charges, (d) => d > firstDue)).toBe(owedOn(open, (d) => d > firstDue));
    expect(toMoneyString(sum([after.owed, `-${acc.owed}`, '500.00', `-${after.prepaid}`]))).toBe('0.00');

    // The same account folded by @pm/domain from the stored rows.
    const id = acc.unit.id;
    const chargeRows = await s.db.select().from(charges).where(eq(charges.unitId, id));
    const entries = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.unitId, id));
    const domain: LedgerEntry[] = [
      ...chargeRows.map((c) => ({ id: c.id, type: 'charge' as const, amount: c.amount, dueDate: c.dueDate })),
      ...entries.map((e) =>
        e.kind === 'prepayment' || e.kind === 'refund'
          ? { id: e.id, type: e.kind, amount: e.amount }
          : { id: e.id, type: e.kind as 'payment' | 'offset', amount: e.amount, chargeId: e.chargeId! },
      ),
    ];
    const folded = foldLedger(domain);
    expect(folded.prepaid).toBe(after.prepaid);
    expect(folded.owed).toBe(after.owed);
    for (const c of folded.charges) expect(after.charges.find((x: any) => x.id === c.chargeId).owed).toBe(c.owed);
  });

  it('voids today’s receipt by reversal (the charges are open again) until the day is closed', async () => {
    const acc = await account('1-203');
    const charge = acc.charges.find((c: any) => c.status === 'open');
    const paid = await pay('1-203', [charge.id]);
    const voided = await s.call('POST', `/receipts/${paid.data.id}/void`, { cookie: cashier, json: { reason: '收错房号' } });
    expect(voided.status).toBe(200);
    expect(voided.data).toMatchObject({ status: 'voided', voidReason: '收错房号' });
    expect((await account('1-203')).charges.find((c: any) => c.id === charge.id).owed).toBe(charge.owed);
    const reversals = await s.db.select().from(ledgerEntries).where(eq(ledgerEntries.kind, 'reversal'));
    expect(reversals.filter((r) => r.chargeId === charge.id)).toHaveLength(1);

    const again = await pay('1-203', [charge.id]);
    expect(again.status).toBe(200);
    const day = await s.call('GET', `/cashier/day?estateId=${estateId}`, { cookie: cashier });
    expect(day.data.closed).toBe(false);
    expect(day.data.receipts.map((r: any) => r.id)).toEqual(expect.arrayContaining([paid.data.id, again.data.id]));
    expect(day.data.totals.total).toBe(toMoneyString(sum(day.data.receipts.filter((r: any) => r.status === 'posted').map((r: any) => r.total))));
    expect(day.data.totals.byMethod.find((m: any) => m.method === 'cash')).toBeTruthy();

    const closed = await s.call('POST', '/cashier/day-close', { cookie: cashier, json: { estateId } });
    expect(closed.status).toBe(200);
    expect(closed.data.closed).toBe(true);
    expect((await s.call('POST', '/cashier/day-close', { cookie: cashier, json: { estateId } })).data.error.code).toBe('already_closed');
    const late = await s.call('POST', `/receipts/${again.data.id}/void`, { cookie: cashier, json: { reason: 'x' } });
    expect(late.status).toBe(409);
    expect(late.data.error.code).toBe('void_not_allowed');
  });

  it('is scoped: the other office cannot see the account; a resident cookie is not a staff session', async () => {
    const other = await s.loginStaff('manager2');
    expect((await s.call('GET', `/units/${await unitId('1-101')}/account`, { cookie: other })).status).toBe(404);
    const tech = await s.loginStaff('tech1');
    expect((await s.call('GET', `/units/${await unitId('1-101')}/account`, { cookie: tech })).status).toBe(404);
    expect((await s.call('GET', `/units/${await unitId('1-101')}/account`)).status).toBe(401);
  });
});
