/**
 * 预交 at the counter on a real database: a quote prices the unit's next cycles as the run would, with the
 * estate's prepayment discount rounded once and spread so the lines sum exactly; collecting posts the cycles
 * as charges with their discount and payment (once per key, once under two counters at once), the billing run
 * then skips them, and a void reverses the payment and the discount.
 */
import { randomUUID } from 'node:crypto';
import { periodOf, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charges, ledgerEntries, orgNodes, units } from '../src/db/schema';
import { type Suite, setupSuite } from './harness';
import { clockToNow } from './metering';

let s: Suite;
let manager: string;
let cashier: string;
let estateId: string;
let feeStandardId: string;
const period = periodOf(new Date());
const unitId = (number: string) => s.db.select({ id: units.id }).from(units).where(eq(units.number, number)).then((r) => r[0]!.id);

beforeAll(async () => {
  s = await setupSuite();
  clockToNow(s);
  manager = await s.loginStaff('manager');
  cashier = await s.loginStaff('cashier');
  const [estate] = await s.db.select({ id: orgNodes.id }).from(orgNodes).where(eq(orgNodes.name, '翠湖花园'));
  estateId = estate!.id;
  const settings = await s.call('GET', `/billing-settings/${estateId}`, { cookie: manager });
  const put = await s.call('PUT', `/billing-settings/${estateId}`, {
    cookie: manager,
    json: { ...settings.data, estateId: undefined, prepayDiscount: [{ minMonths: 6, percentOff: '5' }, { minMonths: 12, percentOff: '10' }] },
  });
  expect(put.status, put.raw).toBe(200);
});
afterAll(async () => s?.close());

const options = async (id: string, query = '') => s.call('GET', `/units/${id}/advance${query}`, { cookie: cashier });

async function payAhead(id: string, months: number, key = randomUUID()) {
  const q = (await options(id, `?standardId=${feeStandardId}&months=${months}`)).data.quote;
  return s.call('POST', '/receipts', { cookie: cashier, json: { idempotencyKey: key, unitId: id, method: 'wechat', chargeIds: [], advance: { standardId: feeStandardId, months, from: q.from }, expectedTotal: q.payable } });
}

describe('预交 quotes', () => {
  it('offers the area fee that bills the unit with the estate’s discount rules; parking only where it applies', async () => {
    const res = await options(await unitId('1-102'));
    expect(res.status, res.raw).toBe(200);
    expect(res.data.rules).toEqual([
      { minMonths: 6, percentOff: '5' },
      { minMonths: 12, percentOff: '10' },
    ]);
    const names = res.data.standards.map((x: any) => x.feeItemName);
    expect(names).toContain('物业服务费');
    expect(names.every((n: string) => n !== '水费' && n !== '公摊水费')).toBe(true);
    feeStandardId = res.data.standards.find((x: any) => x.feeItemName === '物业服务费').id;
    expect(res.data.quote).toBeNull();
  });

  it('12 months of 132.15 m² × ¥2.35 from this month: ¥3,726.60, 10% off rounded once, shares summing exactly', async () => {
    const res = await options(await unitId('1-102'), `?standardId=${feeStandardId}&months=12`);
    const q = res.data.quote;
    expect(q).toMatchObject({ months: 12, from: period, to: shiftPeriod(period, 11), gross: '3726.60', discount: '372.66', payable: '3353.94' });
    expect(q.explanation).toContain('满 12 个月优惠 10%');
    expect(q.lines).toHaveLength(12);
    expect(q.lines.every((l: any) => l.amount === '310.55' && l.explanation === '132.15 m² × ¥2.35/m²·月 × 1 月 = ¥310.55')).toBe(true);
    expect(toMoneyString(sum(q.lines.map((l: any) => l.discount)))).toBe('372.66');
    expect(toMoneyString(sum(q.lines.map((l: any) => l.payable)))).toBe('3353.94');
    // 5 months reach no rule: nothing off.
    const five = (await options(await unitId('1-102'), `?standardId=${feeStandardId}&months=5`)).data.quote;
    expect(five).toMatchObject({ gross: '1552.75', discount: '0.00', payable: '1552.75' });
  });

  it('refuses what cannot be paid ahead (400) and other offices’ units (404)', async () => {
    const id = await unitId('1-102');
    expect((await options(id, `?standardId=${randomUUID()}&months=12`)).status).toBe(400);
    expect((await options(id, `?standardId=${feeStandardId}&months=40`)).status).toBe(400);
    const elsewhere = await s.loginStaff('manager2');
    expect((await s.call('GET', `/units/${id}/advance`, { cookie: elsewhere })).status).toBe(404);
  });
});

describe('collecting 预交', () => {
  it('posts the cycles paid, discounted and settled; the same key again is the same receipt; the run skips them', async () => {
    const id = await unitId('1-103');
    const key = randomUUID();
    const res = await payAhead(id, 12, key);
    expect(res.status, res.raw).toBe(200);
    expect(res.data.lines).toHaveLength(12);
    expect(res.data.discounts).toHaveLength(12);
    expect(toMoneyString(sum(res.data.lines.map((l: any) => l.amount)))).toBe(res.data.total);
    expect(toMoneyString(sum([res.data.total, ...res.data.discounts.map((d: any) => d.amount)]))).toBe(
      toMoneyString(sum((await s.db.select().from(charges).where(and(eq(charges.unitId, id), eq(charges.source, 'advance')))).map((c) => c.amount))),
    );
    const again = await payAhead(id, 12, key);
    expect(again.data.id).toBe(res.data.id);

    const acc = (await s.call('GET', `/units/${id}/account`, { cookie: cashier })).data;
    const ahead = acc.charges.filter((c: any) => c.period >= period && c.feeItemName === '物业服务费');
    expect(ahead).toHaveLength(12);
    expect(ahead.every((c: any) => c.status === 'settled')).toBe(true);

    const run = await s.call('POST', '/billing-runs', { cookie: manager, json: { estateId, period } });
    expect(run.status, run.raw).toBe(200);
    const [row] = await s.db
      .select({ n: sql<number>`count(*)::int` })
      .from(charges)
      .where(and(eq(charges.unitId, id), eq(charges.period, period), eq(charges.standardId, feeStandardId)));
    expect(row!.n).toBe(1);

    // The next quote starts after the cycles paid.
    const next = (await options(id, `?standardId=${feeStandardId}&months=6`)).data.quote;
    expect(next.from).toBe(shiftPeriod(period, 12));
  });

  it('two counters paying the same months ahead at once: one receipt, the other 409 amount_changed', async () => {
    const id = await unitId('1-104');
    const q = (await options(id, `?standardId=${feeStandardId}&months=6`)).data.quote;
    const body = () => ({ idempotencyKey: randomUUID(), unitId: id, method: 'cash', chargeIds: [], advance: { standardId: feeStandardId, months: 6, from: q.from }, expectedTotal: q.payable });
    const results = await Promise.all([s.call('POST', '/receipts', { cookie: cashier, json: body() }), s.call('POST', '/receipts', { cookie: cashier, json: body() })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.data.error.code).toBe('amount_changed');
    const [row] = await s.db.select({ n: sql<number>`count(*)::int` }).from(charges).where(and(eq(charges.unitId, id), eq(charges.source, 'advance')));
    expect(row!.n).toBe(6);
  });

  it('a void reverses the payments and the discounts: the cycles are owed in full', async () => {
    const id = await unitId('1-201');
    const res = await payAhead(id, 6);
    expect(res.status, res.raw).toBe(200);
    expect(res.data.total).toBe(toMoneyString(sum(res.data.lines.map((l: any) => l.amount))));
    const voided = await s.call('POST', `/receipts/${res.data.id}/void`, { cookie: cashier, json: { reason: '客户改为月缴' } });
    expect(voided.status, voided.raw).toBe(200);
    const acc = (await s.call('GET', `/units/${id}/account`, { cookie: cashier })).data;
    const paid = new Set(res.data.lines.map((l: any) => l.chargeId));
    const ahead = acc.charges.filter((c: any) => paid.has(c.id));
    expect(ahead).toHaveLength(6);
    expect(ahead.every((c: any) => c.owed === c.amount)).toBe(true);
    const reversals = await s.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.unitId, id), eq(ledgerEntries.kind, 'reversal')));
    expect(reversals).toHaveLength(res.data.lines.length + res.data.discounts.length);
  });

  it('a stale quote (a price the counter did not show) is refused and writes nothing', async () => {
    const id = await unitId('1-202');
    const before = await s.db.select({ n: sql<number>`count(*)::int` }).from(charges);
    const res = await s.call('POST', '/receipts', {
      cookie: cashier,
      json: { idempotencyKey: randomUUID(), unitId: id, method: 'cash', chargeIds: [], advance: { standardId: feeStandardId, months: 12, from: period }, expectedTotal: '1.00' },
    });
    expect(res.status).toBe(409);
    expect(res.data.error.code).toBe('amount_changed');
    expect(await s.db.select({ n: sql<number>`count(*)::int` }).from(charges)).toEqual(before);
  });
});
