/**
 * Reconciliation against the sandbox's own records: lost notifications and late payments are applied (once),
 * differences are listed for finance — scoped to the estates each reader may report on — and the scheduled job
 * reconciles yesterday once.
 */
import { todayInShanghai } from '@pm/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, paymentOrders, reconciliationRuns } from '../src/db/schema';
import { endOrder } from '../src/services/payments/end-order';
import { runPaymentJobs } from '../src/services/payments/jobs';
import { paidTransaction, wechatNotification } from './payments-providers-fixtures';
import { type PaymentsWorld, paymentsWorld, toFen } from './payments-world';

let w: PaymentsWorld;
let day: string;
const orders: Record<string, { id: string; outTradeNo: string; amount: string }> = {};

beforeAll(async () => {
  w = await paymentsWorld();
  day = todayInShanghai(w.clock.now());
  const pay = (o: { outTradeNo: string }) => w.notify(w.sandbox.createNotification({ order: { outTradeNo: o.outTradeNo }, outcome: 'SUCCESS' }));
  // matched: paid and notified.
  orders.matched = (await w.prepayOrder('11.00')).order;
  await pay(orders.matched);
  // lost: paid at the provider, the notification never came.
  orders.lost = (await w.prepayOrder('12.00')).order;
  w.sandbox.createNotification({ order: { outTradeNo: orders.lost.outTradeNo }, outcome: 'SUCCESS' });
  // late: we expired it, but the payer's money arrived at the provider anyway.
  orders.late = (await w.prepayOrder('13.00')).order;
  await endOrder(w, orders.late.id, 'expired', 'test');
  w.sandbox.createNotification({ order: { outTradeNo: orders.late.outTradeNo }, outcome: 'SUCCESS' });
  // ghost: the provider holds a payment for an order number we never issued.
  w.sandbox.createNotification({ order: { outTradeNo: 'PMGHOST000000000001', amountFen: 500 }, outcome: 'SUCCESS' });
  // corrupted: paid, then its ledger no longer adds up.
  orders.corrupted = (await w.prepayOrder('14.00')).order;
  await pay(orders.corrupted);
  const corrupted = (await w.db.select().from(paymentOrders).where(eq(paymentOrders.id, orders.corrupted.id)))[0]!;
  await w.db.insert(ledgerEntries).values({ estateId: corrupted.estateId, unitId: corrupted.unitId, kind: 'prepayment', amount: '1.00', prepaidDelta: '1.00', receiptId: corrupted.receiptId, method: 'online' });
  // phantom: paid here on a notification the sandbox's books never saw (signed with its published keys by hand).
  orders.phantom = (await w.prepayOrder('15.00')).order;
  const keys = w.sandbox.keys;
  const n = wechatNotification({
    resource: paidTransaction({
      appid: keys.appid,
      mchid: keys.mchid,
      out_trade_no: orders.phantom.outTradeNo,
      transaction_id: '4200000000000000000000000099',
      success_time: `${day}T10:00:00+08:00`,
      amount: { total: Number(toFen('15.00')), currency: 'CNY' },
    }),
    apiV3Key: keys.apiV3Key,
    signingKey: keys.platformPrivateKey,
    serial: keys.publicKeyId,
    timestamp: Math.floor(w.clock.now().getTime() / 1000),
  });
  expect((await w.notify(n)).status).toBe(204);
});
afterAll(async () => w?.close());

describe('reconciliation of a day', () => {
  it('only report:read may run or read it; not a future day', async () => {
    expect((await w.call('POST', '/payments/reconciliation', { cookie: await w.loginStaff('cashier'), json: { day } })).status).toBe(403);
    expect((await w.call('GET', `/payments/reconciliation?day=${day}`, { cookie: await w.loginStaff('cs') })).status).toBe(403);
    expect((await w.call('POST', '/payments/reconciliation', { cookie: await w.loginStaff('admin'), json: { day: '2099-01-01' } })).status).toBe(400);
  });

  it('applies what the provider holds and lists every difference for finance', async () => {
    const res = await w.call('POST', '/payments/reconciliation', { cookie: await w.loginStaff('admin'), json: { day } });
    expect(res.status).toBe(200);
    const [run] = res.data.runs;
    expect(run).toMatchObject({ provider: 'sandbox', day, source: 'bill', status: 'done' });
    expect(run.summary).toMatchObject({ appliedFromQuery: 1, appliedNow: 1 });
    for (const key of ['lost', 'late', 'matched']) {
      const row = (await w.db.select().from(paymentOrders).where(eq(paymentOrders.id, orders[key]!.id)))[0]!;
      expect(row.state, key).toBe('paid');
    }
    const kinds = Object.fromEntries(res.data.mismatches.map((m: any) => [m.outTradeNo, m.kind]));
    expect(kinds).toEqual({
      PMGHOST000000000001: 'missing_order',
      [orders.corrupted!.outTradeNo]: 'ledger_mismatch',
      [orders.phantom!.outTradeNo]: 'missing_at_provider',
    });
    const ghost = res.data.mismatches.find((m: any) => m.kind === 'missing_order');
    expect(ghost).toMatchObject({ estateId: null, providerAmount: '5.00' });
    // Running it again finds the same differences and applies nothing twice.
    w.clock.advance(1);
    const again = await w.call('POST', '/payments/reconciliation', { cookie: await w.loginStaff('admin'), json: { day } });
    expect(again.data.runs[0].summary).toMatchObject({ appliedFromQuery: 0, appliedNow: 0 });
    expect(again.data.mismatches.map((m: any) => m.kind).sort()).toEqual(['ledger_mismatch', 'missing_at_provider', 'missing_order']);
  });

  it('each reader sees the mismatches of the estates they report on; the estate-less ones only at the group', async () => {
    const manager = await w.call('GET', `/payments/reconciliation?day=${day}`, { cookie: await w.loginStaff('manager') });
    expect(manager.status).toBe(200);
    expect(manager.data.mismatches.map((m: any) => m.kind).sort()).toEqual(['ledger_mismatch', 'missing_at_provider']);
    const other = await w.call('GET', `/payments/reconciliation?day=${day}`, { cookie: await w.loginStaff('manager2') });
    expect(other.status).toBe(200);
    expect(other.data.mismatches).toEqual([]);
    expect(other.data.runs).toHaveLength(1);
  });
});

describe('the scheduled job', () => {
  it('reconciles yesterday once', async () => {
    const yesterday = todayInShanghai(new Date(w.clock.now().getTime() - 86_400_000));
    await runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
    await runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
    const runs = await w.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.day, yesterday));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ provider: 'sandbox', status: 'done', createdBy: null });
  });
});
