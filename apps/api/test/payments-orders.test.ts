/**
 * Payment orders from the resident's side: channels, the account with locks, the server's amount, refusals
 * (settled, locked, changed, another unit), idempotency, closing and expiry freeing charges, the sandbox cashier
 * end to end, and the online payment in the counter's day report.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receipts } from '../src/db/schema';
import { runPaymentJobs } from '../src/services/payments/jobs';
import { type PaymentsWorld, paymentsWorld, sumMoney } from './payments-world';

let w: PaymentsWorld;
beforeAll(async () => {
  w = await paymentsWorld();
});
afterAll(async () => w?.close());

describe('channels and the account', () => {
  it('offers the sandbox when no real provider is configured; only to a logged-in resident', async () => {
    const res = await w.call('GET', '/resident/payment-channels', { cookie: w.resident });
    expect(res.status).toBe(200);
    expect(res.data.channels).toEqual([{ channel: 'sandbox', label: expect.any(String) }]);
    expect((await w.call('GET', '/resident/payment-channels?inWechat=1', { cookie: w.resident })).data.channels.map((c: any) => c.channel)).toEqual(['sandbox']);
    expect((await w.call('GET', '/resident/payment-channels')).status).toBe(401);
  });

  it('shows the unit’s charges oldest due first with owed, paid and explanation', async () => {
    const acc = await w.account();
    expect(acc.charges.length).toBeGreaterThan(2);
    const dues = acc.charges.map((c) => c.dueDate);
    expect([...dues].sort()).toEqual(dues);
    expect(acc.charges.some((c) => c.status === 'settled')).toBe(true);
    expect(acc.charges.every((c) => c.lockedByOrderId === null)).toBe(true);
    expect(acc.owed).toBe(sumMoney(acc.charges.map((c) => c.owed)));
  });
});

describe('creating an order', () => {
  it('recomputes the amount from what the charges owe now and locks them', async () => {
    const acc = await w.account();
    const charge = acc.charges.find((c) => c.status === 'open')!;
    const key = randomUUID();
    const wrong = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: key, unitId: w.ids.unitZhang, chargeIds: [charge.id], channel: 'sandbox', expectedTotal: '0.01' },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.data.error.code).toBe('amount_changed');
    expect(wrong.data.error.details.actualTotal).toBe(charge.owed);
    // Nothing was written by the refusal: the same key is still free.
    const { order, pay } = await w.openOrder({ chargeIds: [charge.id], key });
    expect(order).toMatchObject({ state: 'pending', amount: charge.owed, chargeIds: [charge.id], prepayment: '0.00', channel: 'sandbox' });
    expect(pay).toEqual({ kind: 'redirect', url: `/api/payments/sandbox/cashier?order=${order.outTradeNo}` });
    expect(order.outTradeNo).toMatch(/^PM\d{8}[A-Z0-9]{16}$/);
    const after = await w.account();
    expect(after.charges.find((c) => c.id === charge.id)!.lockedByOrderId).toBe(order.id);
    // The same key again: the same order and the same pay data, nothing new.
    const again = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: key, unitId: w.ids.unitZhang, chargeIds: [charge.id], channel: 'sandbox', expectedTotal: charge.owed },
    });
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ order, pay });
    // The same key for something else: 409.
    const other = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: key, unitId: w.ids.unitZhang, chargeIds: [], prepayment: '5.00', channel: 'sandbox', expectedTotal: '5.00' },
    });
    expect(other.status).toBe(409);
    expect(other.data.error.details.code).toBe('idempotency_conflict');
    // Another order for a held charge: 409 charge_locked, naming the charge and the order.
    const locked = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [charge.id], channel: 'sandbox', expectedTotal: charge.owed },
    });
    expect(locked.status).toBe(409);
    expect(locked.data.error).toMatchObject({ code: 'charge_locked', details: { chargeIds: [charge.id], orderIds: [order.id] } });
    // Closing frees it.
    const closed = await w.call('POST', `/resident/payment-orders/${order.id}/close`, { cookie: w.resident });
    expect(closed.status).toBe(200);
    expect(closed.data.state).toBe('closed');
    expect((await w.account()).charges.find((c) => c.id === charge.id)!.lockedByOrderId).toBeNull();
    expect(w.sandbox.backend.transaction(order.outTradeNo)?.trade_state).toBe('CLOSED');
    // Closing again changes nothing; the sandbox cashier refuses a closed order.
    expect((await w.call('POST', `/resident/payment-orders/${order.id}/close`, { cookie: w.resident })).data.state).toBe('closed');
  });

  it('refuses a settled charge, a charge of another unit, an empty order and a foreign return URL', async () => {
    const acc = await w.account();
    const settled = acc.charges.find((c) => c.status === 'settled')!;
    const r1 = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [settled.id], channel: 'sandbox', expectedTotal: '0.00' },
    });
    expect(r1.status).toBe(409);
    expect(r1.data.error).toMatchObject({ code: 'charge_settled', details: { chargeIds: [settled.id] } });
    const foreign = (await w.call('GET', `/units/${w.ids.unitOther}/account`, { cookie: await w.loginStaff('admin') })).data.charges.find((c: any) => c.status === 'open');
    const r2 = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [foreign.id], channel: 'sandbox', expectedTotal: foreign.owed },
    });
    expect(r2.status).toBe(404);
    const r3 = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [], channel: 'sandbox', expectedTotal: '0.00' },
    });
    expect(r3.status).toBe(400);
    const open = acc.charges.find((c) => c.status === 'open' && !c.lockedByOrderId)!;
    const r4 = await w.call('POST', '/resident/payment-orders', {
      cookie: w.resident,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [open.id], channel: 'sandbox', expectedTotal: open.owed, returnUrl: 'https://evil.example/x' },
    });
    expect(r4.status).toBe(400);
  });
});

describe('a resident of another unit', () => {
  it('can neither see nor pay 1-101’s charges, orders or receipts (404)', async () => {
    const { order } = await w.openOrder();
    const acc = await w.account();
    // 李娜 (13800138001) is not bound to 1-101.
    const li = await w.loginResident('13800138001');
    expect((await w.call('GET', `/resident/units/${w.ids.unitZhang}/account`, { cookie: li })).status).toBe(404);
    expect((await w.call('GET', `/resident/payments?unitId=${w.ids.unitZhang}`, { cookie: li })).status).toBe(404);
    expect((await w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: li })).status).toBe(404);
    expect((await w.call('POST', `/resident/payment-orders/${order.id}/close`, { cookie: li })).status).toBe(404);
    const open = acc.charges.find((c) => c.status === 'open' && !c.lockedByOrderId)!;
    const pay = await w.call('POST', '/resident/payment-orders', {
      cookie: li,
      json: { idempotencyKey: randomUUID(), unitId: w.ids.unitZhang, chargeIds: [open.id], channel: 'sandbox', expectedTotal: open.owed },
    });
    expect(pay.status).toBe(404);
    const [receipt] = await w.db.select().from(receipts).where(eq(receipts.unitId, w.ids.unitZhang)).limit(1);
    expect((await w.call('GET', `/resident/receipts/${receipt!.id}`, { cookie: li })).status).toBe(404);
    expect((await w.call('GET', `/resident/receipts/${receipt!.id}`, { cookie: w.resident })).status).toBe(200);
    await w.call('POST', `/resident/payment-orders/${order.id}/close`, { cookie: w.resident });
  });
});

describe('the sandbox cashier, end to end', () => {
  it('pays two bills: signed notification through the WeChat Pay path, one receipt, back to the app, in the day report', async () => {
    const before = await w.ledger();
    const acc = await w.account();
    const two = acc.charges.filter((c) => c.status === 'open' && !c.lockedByOrderId).slice(0, 2);
    const { order, pay } = await w.openOrder({ chargeIds: two.map((c) => c.id), returnUrl: '/resident/pay/result' });
    const page = await w.call('GET', pay.url.replace(/^\/api/, ''));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.raw).toContain('支付成功');
    expect(page.raw).toContain('支付失败');
    expect(page.raw).toContain(order.outTradeNo);
    const paid = await w.call('POST', '/payments/sandbox/cashier/succeed', {
      body: new URLSearchParams({ order: order.outTradeNo }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`/resident/pay/result?order=${order.id}`);
    const view = await w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: w.resident });
    expect(view.data).toMatchObject({ state: 'paid', receiptId: expect.any(String), paidAt: expect.any(String) });
    const after = await w.ledger();
    expect(after.online_receipts).toBe(before.online_receipts + 1);
    expect(sumMoney([after.owed, order.amount])).toBe(before.owed);
    // The e-receipt: the counter's shape, method online, the estate's numbering, lines with explanations.
    const receipt = await w.call('GET', `/resident/receipts/${view.data.receiptId}`, { cookie: w.resident });
    expect(receipt.status).toBe(200);
    expect(receipt.data).toMatchObject({ method: 'online', total: order.amount, cashierName: '线上支付', status: 'posted' });
    expect(receipt.data.number).toMatch(/^SK\d{8}$/);
    expect(receipt.data.totalInWords).toMatch(/元/);
    expect(receipt.data.lines.map((l: any) => l.chargeId).sort()).toEqual(two.map((c) => c.id).sort());
    expect(receipt.data.lines.every((l: any) => l.explanation.length > 0)).toBe(true);
    const history = await w.call('GET', `/resident/payments?unitId=${w.ids.unitZhang}`, { cookie: w.resident });
    expect(history.data.items.find((i: any) => i.receiptId === view.data.receiptId)).toMatchObject({ method: 'online', total: order.amount, refunded: '0.00', status: 'posted' });
    // The counter's day report: the estate's online day lists it; the cashier may see it.
    const cashier = await w.loginStaff('cashier');
    const day = await w.call('GET', `/payments/day?estateId=${w.ids.estate1}`, { cookie: cashier });
    expect(day.status).toBe(200);
    expect(day.data.cashierName).toBe('线上支付');
    expect(day.data.receipts.map((r: any) => r.id)).toContain(view.data.receiptId);
    expect(day.data.totals.byMethod).toContainEqual(expect.objectContaining({ method: 'online' }));
    // The same day through the counter's own endpoint, by the online account's id.
    const counterView = await w.call('GET', `/cashier/day?estateId=${w.ids.estate1}&cashierId=${day.data.cashierId}`, { cookie: cashier });
    expect(counterView.data.totals).toEqual(day.data.totals);
    // An online receipt is refunded, never voided at the counter.
    const voided = await w.call('POST', `/receipts/${view.data.receiptId}/void`, { cookie: cashier, json: { reason: '误操作' } });
    expect(voided.status).toBe(409);
    expect(voided.data.error.code).toBe('void_not_allowed');
    // The cashier page of a paid order offers no buttons; pressing "fail" now changes nothing.
    expect((await w.call('GET', `/payments/sandbox/cashier?order=${order.outTradeNo}`)).raw).not.toContain('<button');
    const late = await w.call('POST', '/payments/sandbox/cashier/fail', { body: new URLSearchParams({ order: order.outTradeNo }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(late.status).toBe(409);
    expect((await w.ledger()).entries).toBe(after.entries);
  });

  it('a failed payment ends the order and frees its charges, with no ledger change', async () => {
    const before = await w.ledger();
    const { order } = await w.openOrder();
    const res = await w.call('POST', '/payments/sandbox/cashier/fail', { body: new URLSearchParams({ order: order.outTradeNo }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
    expect((await w.order(order.id)).state).toBe('failed');
    expect((await w.account()).charges.every((c) => c.lockedByOrderId !== order.id)).toBe(true);
    expect(await w.ledger()).toEqual(before);
  });
});

describe('expiry', () => {
  it('expires an unpaid order after its time, closes it at the provider and frees its charges', async () => {
    const { order } = await w.openOrder();
    expect((await w.account()).charges.some((c) => c.lockedByOrderId === order.id)).toBe(true);
    await runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
    expect((await w.order(order.id)).state).toBe('pending');
    w.clock.advance(16 * 60);
    const r = await runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
    expect(r.expired).toBeGreaterThanOrEqual(1);
    expect((await w.order(order.id)).state).toBe('expired');
    expect(w.sandbox.backend.transaction(order.outTradeNo)?.trade_state).toBe('CLOSED');
    expect((await w.account()).charges.every((c) => c.lockedByOrderId !== order.id)).toBe(true);
    // The charges can be ordered again.
    const again = await w.openOrder({ chargeIds: order.chargeIds });
    expect(again.order.state).toBe('pending');
    await w.call('POST', `/resident/payment-orders/${again.order.id}/close`, { cookie: w.resident });
  });

  it('an order paid just before it expires is applied, not expired', async () => {
    const before = await w.ledger();
    const { order } = await w.openOrder();
    // Paid at the provider, but the notification is lost.
    w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    w.clock.advance(16 * 60);
    await runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
    expect((await w.order(order.id)).state).toBe('paid');
    expect((await w.ledger()).online_receipts).toBe(before.online_receipts + 1);
  });
});
