/**
 * Refunds of online payments through the provider: who may, full and partial, never more than was paid,
 * idempotent, the ledger (charges reopened / prepaid money paid back), and refunds settled later by their own
 * notification — a failed one undoes its entries.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, paymentRefunds } from '../src/db/schema';
import { wechatNotification } from './payments-providers-fixtures';
import { type PaymentsWorld, paymentsWorld, sumMoney } from './payments-world';

/** Pays an order at the sandbox (via the notify endpoint) and returns it. */
async function paid(w: PaymentsWorld, o: Parameters<PaymentsWorld['openOrder']>[0] = {}) {
  const { order } = await w.openOrder(o);
  const res = await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }));
  if (res.status !== 204) throw new Error(`notify ${res.status} ${res.raw}`);
  return order;
}

const refund = (w: PaymentsWorld, orderId: string, body: { id?: string; amount: string; reason?: string }, cookie: string) =>
  w.call('POST', `/payment-orders/${orderId}/refunds`, { cookie, json: { id: body.id ?? randomUUID(), amount: body.amount, reason: body.reason ?? '业主多缴' } });

describe('refunds answered at once (the sandbox’s default)', () => {
  let w: PaymentsWorld;
  let manager: string;
  beforeAll(async () => {
    w = await paymentsWorld();
    manager = await w.loginStaff('manager');
  });
  afterAll(async () => w?.close());

  it('needs ledger:adjust on the estate: cashier 403, another office 404', async () => {
    const order = await paid(w, { unitId: w.ids.unitZhang });
    const cashier = await refund(w, order.id, { amount: '0.01' }, await w.loginStaff('cashier'));
    expect(cashier.status).toBe(403);
    const other = await refund(w, order.id, { amount: '0.01' }, await w.loginStaff('manager2'));
    expect(other.status).toBe(404);
    // Staff read the order (charge:read): the cashier may, the other office may not.
    expect((await w.call('GET', `/payment-orders/${order.id}`, { cookie: await w.loginStaff('cashier') })).status).toBe(200);
    expect((await w.call('GET', `/payment-orders/${order.id}`, { cookie: await w.loginStaff('manager2') })).status).toBe(404);
  });

  it('a full refund reopens the charges it paid, through the provider, once', async () => {
    const acc = await w.account();
    const two = acc.charges.filter((c) => c.status === 'open' && !c.lockedByOrderId).slice(0, 2);
    const before = await w.ledger();
    const order = await paid(w, { chargeIds: two.map((c) => c.id) });
    const afterPay = await w.ledger();
    expect(afterPay.owed).toBe(sumMoney([before.owed, `-${order.amount}`]));
    const id = randomUUID();
    const res = await refund(w, order.id, { id, amount: order.amount }, manager);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ id, orderId: order.id, amount: order.amount, state: 'succeeded', providerRefundId: expect.any(String), outRefundNo: expect.stringMatching(/^RF/) });
    expect(w.sandbox.backend.refund(res.data.outRefundNo)).toMatchObject({ status: 'SUCCESS', amount: { refund: Number(order.amount.replace('.', '')) } });
    const afterRefund = await w.ledger();
    expect(afterRefund.owed).toBe(before.owed);
    expect(afterRefund.prepaid).toBe(afterPay.prepaid);
    const acc2 = await w.account();
    for (const c of two) expect(acc2.charges.find((x) => x.id === c.id)).toMatchObject({ status: 'open', owed: c.owed });
    const [row] = await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id));
    const entries = await w.db.select().from(ledgerEntries).where(inArray(ledgerEntries.id, row!.entryIds));
    expect(entries.every((e) => e.kind === 'refund' && e.method === 'online' && e.chargeId !== null)).toBe(true);
    expect(sumMoney(entries.map((e) => e.amount))).toBe(order.amount);
    // The same request again: the same refund, nothing new; the same id for another amount: 409.
    const again = await refund(w, order.id, { id, amount: order.amount }, manager);
    expect(again.data).toEqual(res.data);
    expect(await w.ledger()).toEqual(afterRefund);
    const clash = await refund(w, order.id, { id, amount: '0.01' }, manager);
    expect(clash.status).toBe(409);
    expect(clash.data.error.details.code).toBe('idempotency_conflict');
    // Nothing is left to refund.
    const more = await refund(w, order.id, { amount: '0.01' }, manager);
    expect(more.status).toBe(409);
    expect(more.data.error).toMatchObject({ code: 'refund_exceeds', details: { refundable: '0.00' } });
    // The resident's history shows it as refunded; the staff order lists the refund.
    const history = await w.call('GET', `/resident/payments?unitId=${w.ids.unitZhang}`, { cookie: w.resident });
    expect(history.data.items.find((i: any) => i.total === order.amount && i.method === 'online')).toMatchObject({ refunded: order.amount });
    const staff = await w.call('GET', `/payment-orders/${order.id}`, { cookie: manager });
    expect(staff.data.refunds).toHaveLength(1);
    expect(staff.data).toMatchObject({ state: 'paid', provider: 'sandbox', providerTransactionId: expect.any(String) });
  });

  it('partial refunds of a prepayment: prepaid money first, never more than was paid', async () => {
    const T = w.prepayUnit;
    const before = await w.ledger(T);
    const order = await paid(w, { unitId: T, chargeIds: [], prepayment: '100.00' });
    const afterPay = await w.ledger(T);
    const r1 = await refund(w, order.id, { amount: '30.00' }, manager);
    expect(r1.status).toBe(200);
    expect(r1.data.state).toBe('succeeded');
    const afterR1 = await w.ledger(T);
    // What the refund took back: prepaid money, or (if prepaid was already offset) charges reopened.
    expect(sumMoney([afterPay.prepaid, `-${afterR1.prepaid}`, afterR1.owed, `-${afterPay.owed}`])).toBe('30.00');
    const tooMuch = await refund(w, order.id, { amount: '70.01' }, manager);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.data.error.details.refundable).toBe('70.00');
    const r2 = await refund(w, order.id, { amount: '70.00' }, manager);
    expect(r2.status).toBe(200);
    const end = await w.ledger(T);
    // Everything paid back: the account is where it was before the payment.
    expect(end.prepaid).toBe(before.prepaid);
    expect(end.owed).toBe(before.owed);
    expect(w.sandbox.backend.transaction(order.outTradeNo)?.trade_state).toBe('REFUND');
  });

  it('an online receipt leads to its order (the staff app’s 退款 starts from the receipt): ?receiptId=, in scope only', async () => {
    const order = await paid(w, { unitId: w.ids.unitZhang });
    const cashier = await w.loginStaff('cashier');
    const { receiptId } = (await w.call('GET', `/payment-orders/${order.id}`, { cookie: cashier })).data;
    expect(receiptId).toEqual(expect.any(String));
    const found = await w.call('GET', `/payment-orders?receiptId=${receiptId}&pageSize=1`, { cookie: cashier });
    expect(found.status).toBe(200);
    expect(found.data).toMatchObject({ total: 1, items: [{ id: order.id, receiptId, state: 'paid', amount: order.amount }] });
    // Another office's manager learns nothing about it (filtered by scope, not 403).
    const other = await w.call('GET', `/payment-orders?receiptId=${receiptId}`, { cookie: await w.loginStaff('manager2') });
    expect(other.status).toBe(200);
    expect(other.data).toMatchObject({ total: 0, items: [] });
  });

  it('refuses an order that is not paid, and a zero or malformed amount', async () => {
    const { order } = await w.prepayOrder('5.00');
    const r = await refund(w, order.id, { amount: '5.00' }, manager);
    expect(r.status).toBe(409);
    expect(r.data.error.code).toBe('order_not_paid');
    expect((await refund(w, order.id, { amount: '0.00' }, manager)).status).toBe(400);
    expect((await refund(w, order.id, { amount: '-1' }, manager)).status).toBe(400);
    await w.call('POST', `/resident/payment-orders/${order.id}/close`, { cookie: w.resident });
  });
});

describe('refunds settled by their notification', () => {
  let w: PaymentsWorld;
  let manager: string;
  beforeAll(async () => {
    w = await paymentsWorld({ refundOutcome: 'PROCESSING' });
    manager = await w.loginStaff('manager');
  });
  afterAll(async () => w?.close());

  it('processing until REFUND.SUCCESS arrives (once); the entries were posted when it was asked for', async () => {
    const acc = await w.account();
    const charge = acc.charges.find((c) => c.status === 'open')!;
    const before = await w.ledger();
    const order = await paid(w, { chargeIds: [charge.id] });
    const res = await refund(w, order.id, { amount: order.amount }, manager);
    expect(res.data.state).toBe('processing');
    expect((await w.ledger()).owed).toBe(before.owed);
    const n = w.sandbox.createRefundNotification({ outRefundNo: res.data.outRefundNo, outcome: 'SUCCESS' });
    expect((await w.notify(n)).status).toBe(204);
    expect((await w.notify(n)).status).toBe(204);
    const [row] = await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, res.data.id));
    expect(row).toMatchObject({ state: 'succeeded', providerState: 'SUCCESS' });
    expect((await w.ledger()).owed).toBe(before.owed);
  });

  it('a refund the provider closes is undone: the charge is paid again, nothing is lost', async () => {
    const acc = await w.account();
    const charge = acc.charges.find((c) => c.status === 'open' && !c.lockedByOrderId)!;
    const order = await paid(w, { chargeIds: [charge.id] });
    const afterPay = await w.ledger();
    const res = await refund(w, order.id, { amount: order.amount }, manager);
    expect((await w.ledger()).owed).toBe(sumMoney([afterPay.owed, order.amount]));
    const n = w.sandbox.createRefundNotification({ outRefundNo: res.data.outRefundNo, outcome: 'CLOSED' });
    expect((await w.notify(n)).status).toBe(204);
    const [row] = await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, res.data.id));
    expect(row).toMatchObject({ state: 'failed', providerState: 'CLOSED' });
    expect(row!.reversalIds).toHaveLength(row!.entryIds.length);
    const end = await w.ledger();
    expect(end.owed).toBe(afterPay.owed);
    expect(end.prepaid).toBe(afterPay.prepaid);
    // The failed refund no longer counts: the whole amount can be refunded again.
    const again = await refund(w, order.id, { amount: order.amount }, manager);
    expect(again.status).toBe(200);
    expect(again.data.state).toBe('processing');
  });

  it('a refund notification whose amount is not ours is refused and changes nothing', async () => {
    const { order } = await w.prepayOrder('9.00');
    await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }));
    const res = await refund(w, order.id, { amount: '4.00' }, manager);
    const before = await w.ledger(w.prepayUnit);
    const genuine = w.sandbox.createRefundNotification({ outRefundNo: res.data.outRefundNo, outcome: 'SUCCESS' });
    // Well signed and encrypted, but for 5.00 where we asked 4.00.
    const keys = w.sandbox.keys;
    const bad = wechatNotification({
      resource: { mchid: keys.mchid, out_trade_no: order.outTradeNo, out_refund_no: res.data.outRefundNo, refund_id: '50300000000000000000000000001', refund_status: 'SUCCESS', amount: { total: 900, refund: 500 } },
      eventType: 'REFUND.SUCCESS',
      originalType: 'refund',
      apiV3Key: keys.apiV3Key,
      signingKey: keys.platformPrivateKey,
      serial: keys.publicKeyId,
      timestamp: Math.floor(w.clock.now().getTime() / 1000),
    });
    expect((await w.notify(bad)).status).toBe(400);
    expect((await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, res.data.id)))[0]!.state).toBe('processing');
    expect(await w.ledger(w.prepayUnit)).toEqual(before);
    expect((await w.notify(genuine)).status).toBe(204);
    expect((await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.id, res.data.id)))[0]!.state).toBe('succeeded');
  });
});
