/**
 * Notifications on the real database: a valid sandbox notification pays through the WeChat Pay verification path;
 * forged, stale, probing, tampered or mismatched ones are refused and leave the ledger exactly as it was; and a
 * payment is applied exactly once under duplicates, concurrency and polling.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentNotifications, paymentOrders, receipts } from '../src/db/schema';
import { paidTransaction, rsaPair, wechatNotification } from './payments-providers-fixtures';
import { type PaymentsWorld, paymentsWorld, sumMoney, toFen } from './payments-world';

let w: PaymentsWorld;
beforeAll(async () => {
  w = await paymentsWorld();
});
afterAll(async () => w?.close());

const seconds = () => Math.floor(w.clock.now().getTime() / 1000);

/** A notification built by hand (independently of the sandbox's own code) for one of our orders. */
function handMade(order: { outTradeNo: string; amount: string }, o: { tx?: Record<string, unknown>; mutate?: Parameters<typeof wechatNotification>[0]['mutateResource']; key?: any; serial?: string; timestamp?: number; signature?: string } = {}) {
  const keys = w.sandbox.keys;
  return wechatNotification({
    resource: paidTransaction({
      appid: keys.appid,
      mchid: keys.mchid,
      out_trade_no: order.outTradeNo,
      transaction_id: `4200${randomBytes(12).toString('hex').replace(/[a-f]/g, '7').slice(0, 24)}`,
      success_time: new Date(w.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00',
      amount: { total: Number(toFen(order.amount)), payer_total: Number(toFen(order.amount)), currency: 'CNY', payer_currency: 'CNY' },
      ...o.tx,
    }),
    apiV3Key: keys.apiV3Key,
    signingKey: o.key ?? keys.platformPrivateKey,
    serial: o.serial ?? keys.publicKeyId,
    timestamp: o.timestamp ?? seconds(),
    mutateResource: o.mutate,
    signature: o.signature,
  });
}

/** The notification log rows written since the last call (the test clock stands still, so order by time cannot tell). */
let seenLogs = new Set<string>();
async function lastLog() {
  const rows = await w.db.select().from(paymentNotifications);
  const fresh = rows.filter((r) => !seenLogs.has(r.id));
  seenLogs = new Set(rows.map((r) => r.id));
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}
/** An order that only prepays (on 1-102: 1-101's few open charges are kept for the tests about charges). */
const prepayOrder = (amount?: string) => w.prepayOrder(amount);
const T = () => w.prepayUnit;
/** What a payment moved on the unit's account: owed paid off plus prepaid added. */
const moved = (before: { owed: string; prepaid: string }, after: { owed: string; prepaid: string }) => sumMoney([before.owed, `-${after.owed}`, after.prepaid, `-${before.prepaid}`]);

describe('verification', () => {
  it('a valid notification pays: 204 with no body, one receipt, the charge settled', async () => {
    const before = await w.ledger();
    const { order } = await w.openOrder();
    const res = await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }));
    expect(res.status).toBe(204);
    expect(res.raw).toBe('');
    const row = await w.order(order.id);
    expect(row).toMatchObject({ state: 'paid', providerTransactionId: expect.stringMatching(/^4200\d{24}$/) });
    const after = await w.ledger();
    expect(after.online_receipts).toBe(before.online_receipts + 1);
    expect(after.owed).toBe(sumMoney([before.owed, `-${order.amount}`]));
    expect(await lastLog()).toMatchObject({ verified: true, outcome: 'applied', orderId: order.id, provider: 'sandbox', endpoint: 'wechat' });
  });

  it('a notification built independently with the sandbox’s published keys is accepted the same way', async () => {
    const { order } = await prepayOrder();
    const res = await w.notify(handMade(order));
    expect(res.status).toBe(204);
    expect((await w.order(order.id)).state).toBe('paid');
  });

  const refusals: [string, string, (order: { outTradeNo: string; amount: string }) => { headers: Record<string, string>; body: string }][] = [
    [
      'tampered body',
      'bad_signature',
      (o) => {
        const n = handMade(o);
        return { ...n, body: n.body.replace('支付成功', '支付成功 ') };
      },
    ],
    ['unknown serial (a key we were never given)', 'unknown_serial', (o) => handMade(o, { key: rsaPair().privateKey, serial: 'PUB_KEY_ID_0000000000000000000000000001' })],
    ['a trusted serial but another key', 'bad_signature', (o) => handMade(o, { key: rsaPair().privateKey })],
    ['stale timestamp (6 minutes old)', 'stale_timestamp', (o) => handMade(o, { timestamp: seconds() - 360 })],
    ['timestamp from the future', 'stale_timestamp', (o) => handMade(o, { timestamp: seconds() + 360 })],
    ['WECHATPAY/SIGNTEST/ probe', 'signature_probe', (o) => handMade(o, { signature: `WECHATPAY/SIGNTEST/${randomBytes(64).toString('base64')}` })],
    [
      'flipped GCM tag',
      'decrypt_failed',
      (o) =>
        handMade(o, {
          mutate: (r) => {
            const bytes = Buffer.from(r.ciphertext, 'base64');
            bytes[bytes.length - 1]! ^= 0x01;
            r.ciphertext = bytes.toString('base64');
          },
        }),
    ],
    [
      'wrong associated data',
      'decrypt_failed',
      (o) =>
        handMade(o, {
          mutate: (r) => {
            r.associated_data = 'certificate';
          },
        }),
    ],
    ['amount not the order’s', 'amount_mismatch', (o) => handMade(o, { tx: { amount: { total: Number(toFen(o.amount)) + 1, currency: 'CNY' } } })],
    ['another merchant (mchid)', 'mchid_mismatch', (o) => handMade(o, { tx: { mchid: '1900000109' } })],
    ['another app (appid)', 'appid_mismatch', (o) => handMade(o, { tx: { appid: 'wx0000000000000000' } })],
    ['missing signature headers', 'missing_headers', (o) => ({ headers: { 'content-type': 'application/json' }, body: handMade(o).body })],
  ];

  for (const [label, reason, build] of refusals) {
    it(`refuses ${label} (${reason}) and changes nothing`, async () => {
      const { order } = await prepayOrder();
      await lastLog().catch(() => undefined);
      const before = await w.ledger(T());
      const res = await w.notify(build(order));
      expect(res.status).toBe(400);
      expect(res.data).toEqual({ code: 'FAIL', message: expect.any(String) });
      expect(await w.ledger(T())).toEqual(before);
      expect((await w.order(order.id)).state).toBe('pending');
      expect(await lastLog()).toMatchObject({ outcome: 'rejected', reason, verified: reason === 'amount_mismatch' });
      // The genuine notification still pays afterwards: a refusal spoils nothing.
      expect((await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }))).status).toBe(204);
      expect((await w.order(order.id)).state).toBe('paid');
    });
  }

  it('refuses a second transaction id for an order, and an id already used by another order', async () => {
    const a = await prepayOrder('3.00');
    await w.notify(w.sandbox.createNotification({ order: { outTradeNo: a.order.outTradeNo }, outcome: 'SUCCESS' }));
    const paidA = await w.order(a.order.id);
    const b = await prepayOrder('3.00');
    const before = await w.ledger(T());
    seenLogs = new Set((await w.db.select().from(paymentNotifications)).map((r) => r.id));
    // B "paid" with A's transaction id (amount made to match B): the unique transaction id refuses it.
    const reuse = await w.notify(handMade(b.order, { tx: { transaction_id: paidA.providerTransactionId } }));
    expect(reuse.status).toBe(400);
    expect(await lastLog()).toMatchObject({ outcome: 'rejected', reason: 'transaction_conflict' });
    expect((await w.order(b.order.id)).state).toBe('pending');
    // A "paid again" under another transaction id: refused, A keeps its one payment.
    const twice = await w.notify(handMade(a.order));
    expect(twice.status).toBe(400);
    expect(await w.ledger(T())).toEqual(before);
    await w.call('POST', `/resident/payment-orders/${b.order.id}/close`, { cookie: w.resident });
  });

  it('a verified notification for an order we never made is logged and acknowledged, nothing else', async () => {
    const before = [await w.ledger(), await w.ledger(T())];
    seenLogs = new Set((await w.db.select().from(paymentNotifications)).map((r) => r.id));
    const res = await w.notify(w.sandbox.createNotification({ order: { outTradeNo: 'PMUNKNOWN0000000001', amountFen: 100 }, outcome: 'SUCCESS' }));
    expect(res.status).toBe(204);
    expect(await lastLog()).toMatchObject({ verified: true, outcome: 'ignored', reason: 'unknown_order', outTradeNo: 'PMUNKNOWN0000000001' });
    expect([await w.ledger(), await w.ledger(T())]).toEqual(before);
  });
});

describe('exactly once', () => {
  async function receiptsOf(orderId: string) {
    return w.db.select().from(receipts).where(eq(receipts.idempotencyKey, `online:${orderId}`));
  }

  it('the same notification 10 times in a row → one payment, balances right', async () => {
    const before = await w.ledger();
    const { order } = await w.openOrder();
    const n = w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await w.notify(n)).status);
    expect(statuses).toEqual(Array(10).fill(204));
    expect(await receiptsOf(order.id)).toHaveLength(1);
    const after = await w.ledger();
    expect(after.online_receipts).toBe(before.online_receipts + 1);
    expect(after.owed).toBe(sumMoney([before.owed, `-${order.amount}`]));
    expect(after.online_in).toBe(sumMoney([before.online_in, order.amount]));
    const logs = await w.db.select().from(paymentNotifications).where(eq(paymentNotifications.orderId, order.id));
    expect(logs.map((l) => l.outcome).sort()).toEqual(['applied', ...Array(9).fill('duplicate')].sort());
  });

  it('the same notification 10 at once, and 10 distinct deliveries at once → one payment each', async () => {
    for (const distinct of [false, true]) {
      const before = await w.ledger(T());
      const { order } = await prepayOrder(distinct ? '7.77' : '8.88');
      const first = w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
      const all = Array.from({ length: 10 }, () => (distinct ? w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }) : first));
      const results = await Promise.all(all.map((n) => w.notify(n)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(204));
      expect(await receiptsOf(order.id)).toHaveLength(1);
      const after = await w.ledger(T());
      expect(after.online_receipts).toBe(before.online_receipts + 1);
      expect(after.online_in).toBe(sumMoney([before.online_in, order.amount]));
      expect(moved(before, after)).toBe(order.amount);
    }
  });

  it('the app polling while the notification arrives → one payment', async () => {
    const before = await w.ledger(T());
    const { order } = await prepayOrder('4.56');
    const n = w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    const results = await Promise.all([
      w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: w.resident }),
      w.notify(n),
      w.notify(n),
      w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: w.resident }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 204, 204, 200]);
    expect(await receiptsOf(order.id)).toHaveLength(1);
    expect((await w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: w.resident })).data.state).toBe('paid');
    const after = await w.ledger(T());
    expect(after.online_receipts).toBe(before.online_receipts + 1);
    expect(moved(before, after)).toBe(order.amount);
  });

  it('a lost notification: the poll finds the payment and applies it; the late notification is a duplicate', async () => {
    const { order } = await prepayOrder('6.54');
    seenLogs = new Set((await w.db.select().from(paymentNotifications)).map((r) => r.id));
    const n = w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    const polled = await w.call('GET', `/resident/payment-orders/${order.id}`, { cookie: w.resident });
    expect(polled.data.state).toBe('paid');
    expect((await w.order(order.id)).note).toBe('paid (query)');
    expect((await w.notify(n)).status).toBe(204);
    expect(await lastLog()).toMatchObject({ outcome: 'duplicate' });
    expect(await receiptsOf(order.id)).toHaveLength(1);
  });
});

describe('what a payment posts', () => {
  it('a prepayment: the charges paid, the surplus to prepaid, offset against open charges like the counter', async () => {
    const acc = await w.account();
    const open = acc.charges.filter((c) => c.status === 'open' && !c.lockedByOrderId);
    const [first, ...rest] = open;
    const before = await w.ledger();
    // Pays the first open charge and prepays enough for part of the rest.
    const { order } = await w.openOrder({ chargeIds: [first!.id], prepayment: '100.00' });
    await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }));
    const row = await w.order(order.id);
    const receipt = (await w.call('GET', `/resident/receipts/${row.receiptId}`, { cookie: w.resident })).data;
    expect(receipt.total).toBe(sumMoney([first!.owed, '100.00']));
    expect(receipt.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ chargeId: first!.id, kind: 'payment', amount: first!.owed }), expect.objectContaining({ kind: 'prepayment', amount: '100.00' })]),
    );
    // Oldest due first: the offsets went to the earliest of the remaining open charges.
    const offsetTotal = sumMoney(['0', ...receipt.offsets.map((o: any) => o.amount)]);
    expect(receipt.offsets.length).toBeGreaterThan(0);
    const offsetDues = receipt.offsets.map((o: any) => rest.find((c) => c.id === o.chargeId)!.dueDate).sort();
    expect(offsetDues[0]).toBe(rest[0]!.dueDate);
    const after = await w.ledger();
    expect(after.prepaid).toBe(sumMoney([before.prepaid, '100.00', `-${offsetTotal}`]));
    expect(after.owed).toBe(sumMoney([before.owed, `-${first!.owed}`, `-${offsetTotal}`]));
  });

  it('a charge collected at the counter while its order was open: the payment still lands, as prepaid money', async () => {
    const acc = await w.account();
    const charge = acc.charges.find((c) => c.status === 'open' && !c.lockedByOrderId)!;
    const { order } = await w.openOrder({ chargeIds: [charge.id] });
    const cashier = await w.loginStaff('cashier');
    const counter = await w.call('POST', '/receipts', {
      cookie: cashier,
      json: { idempotencyKey: crypto.randomUUID(), unitId: w.ids.unitZhang, method: 'cash', chargeIds: [charge.id], expectedTotal: charge.owed },
    });
    expect(counter.status).toBe(200);
    const before = await w.ledger();
    expect((await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }))).status).toBe(204);
    const row = await w.order(order.id);
    expect(row.state).toBe('paid');
    const receipt = (await w.call('GET', `/resident/receipts/${row.receiptId}`, { cookie: w.resident })).data;
    expect(receipt.lines).toEqual([expect.objectContaining({ kind: 'prepayment', amount: order.amount })]);
    const after = await w.ledger();
    // Money in = the online amount; it went to prepaid, part of it offset against open charges at once.
    expect(moved(before, after)).toBe(order.amount);
    expect(after.online_in).toBe(sumMoney([before.online_in, order.amount]));
  });

  it('receipt numbers come from the estate’s one sequence, shared with the counter', async () => {
    const admin = await w.loginStaff('admin');
    const counter = await w.call('POST', '/receipts', {
      cookie: admin,
      json: { idempotencyKey: crypto.randomUUID(), unitId: w.prepayUnit, method: 'cash', chargeIds: [], prepayment: '1.00', expectedTotal: '1.00' },
    });
    expect(counter.status, counter.raw).toBe(200);
    const { order } = await prepayOrder('2.00');
    await w.notify(w.sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' }));
    const [online] = await w.db.select().from(receipts).where(eq(receipts.idempotencyKey, `online:${order.id}`));
    expect(Number(online!.number.slice(2))).toBe(Number(counter.data.number.slice(2)) + 1);
    const [row] = await w.db.select().from(paymentOrders).where(eq(paymentOrders.id, order.id));
    expect(row!.receiptId).toBe(online!.id);
  });
});
