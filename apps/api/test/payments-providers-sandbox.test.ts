/**
 * The sandbox provider: its notifications go through the unchanged WeChat Pay verifier (a verifier built by
 * hand from the sandbox's public key accepts them too), its API answers are signed, its state survives a
 * restart with a data folder, and nothing it signs is accepted by a provider holding other keys. No database.
 */
import { createVerify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxProvider } from '../src/payments/providers/sandbox/provider';
import { WechatPayVerifier } from '../src/payments/providers/wechatpay/verifier';
import { fixedClock, wechatNotification } from './payments-providers-fixtures';

const clock = fixedClock('2024-05-01T02:00:00Z');
const order = { outTradeNo: 'PO20240501000001', amountFen: 21002, description: '翠湖花园 1-101 物业费 2024-05' };

let sandbox: SandboxProvider;
let dir: string;
beforeAll(() => {
  sandbox = new SandboxProvider({ clock, notifyUrl: 'http://localhost:3000/api/payments/notify/sandbox' });
  dir = mkdtempSync(join(tmpdir(), 'pm-sandbox-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox provider', () => {
  it('JSAPI prepay returns real-shaped params with a valid paySign and a cashier fallback', async () => {
    const action = await sandbox.createPayment(order, 'jsapi');
    expect(action.kind).toBe('jsapi');
    if (action.kind !== 'jsapi') return;
    const { params } = action;
    expect(params.appId).toBe(sandbox.keys.appid);
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(sandbox.keys.merchantPublicKey, params.paySign, 'base64')).toBe(true);
    const prepayId = params.package.replace('prepay_id=', '');
    expect(action.fallbackUrl).toBe(`/api/payments/sandbox/cashier?out_trade_no=PO20240501000001&prepay_id=${prepayId}`);
    expect(await sandbox.query(order.outTradeNo)).toMatchObject({ found: true, state: 'pending', providerState: 'NOTPAY', amountFen: 21002 });
  });

  it('a SUCCESS notification passes the WeChat Pay verifier and maps to a paid event', async () => {
    const n = sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    expect(n.notifyUrl).toBe('http://localhost:3000/api/payments/notify/sandbox');
    expect(Object.keys(n.headers)).toEqual(expect.arrayContaining(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial']));
    expect(n.headers['Wechatpay-Serial']).toMatch(/^PUB_KEY_ID_\d{28}$/);
    const result = await sandbox.parseNotification(n.headers, n.body);
    expect(result).toMatchObject({ ok: true, event: { type: 'payment', provider: 'sandbox', outTradeNo: order.outTradeNo, amountFen: 21002, state: 'paid', providerState: 'SUCCESS' } });
    // The same class, configured by hand from the published key, accepts it: no sandbox-only path.
    const independent = new WechatPayVerifier({ clock, publicKey: { id: sandbox.keys.publicKeyId, key: sandbox.keys.platformPublicKey } });
    expect(independent.verify(n.headers, n.body)).toMatchObject({ ok: true });
    expect(independent.verify(n.headers, n.body.replace('TRANSACTION', 'TRANSACTIOM'))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await sandbox.query(order.outTradeNo)).toMatchObject({ found: true, state: 'paid', transactionId: expect.stringMatching(/^4200\d{24}$/) });
  });

  it('its notifications are refused by a provider with other keys, and a stale one by itself', async () => {
    const other = new SandboxProvider({ clock });
    const n = sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    expect(await other.parseNotification(n.headers, n.body)).toMatchObject({ ok: false, reason: 'unknown_serial' });
    const old = sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS', at: new Date('2024-05-01T01:54:00Z') });
    expect(await sandbox.parseNotification(old.headers, old.body)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('a PAYERROR notification maps to a failed payment; a paid order cannot fail afterwards', async () => {
    await sandbox.createPayment({ ...order, outTradeNo: 'PO20240501000002' }, 'h5');
    const n = sandbox.createNotification({ order: { outTradeNo: 'PO20240501000002' }, outcome: 'PAYERROR' });
    expect(await sandbox.parseNotification(n.headers, n.body)).toMatchObject({ ok: true, event: { state: 'failed', providerState: 'PAYERROR', transactionId: null } });
    expect(() => sandbox.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'PAYERROR' })).toThrow(/already paid/);
  });

  it('H5 redirects to the local cashier; close makes an unpaid order unpayable', async () => {
    const action = await sandbox.createPayment({ ...order, outTradeNo: 'PO20240501000003' }, 'h5');
    expect(action).toMatchObject({ kind: 'redirect', url: expect.stringMatching(/^\/api\/payments\/sandbox\/cashier\?out_trade_no=PO20240501000003&prepay_id=wx/) });
    await sandbox.close('PO20240501000003');
    expect(await sandbox.query('PO20240501000003')).toMatchObject({ state: 'closed' });
    await expect(sandbox.createPayment({ ...order, outTradeNo: 'PO20240501000003' }, 'h5')).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
    expect(() => sandbox.createNotification({ order: { outTradeNo: 'PO20240501000003' }, outcome: 'SUCCESS' })).toThrow(/closed/);
    await expect(sandbox.close(order.outTradeNo)).rejects.toMatchObject({ code: 'ORDERPAID' });
    expect(await sandbox.query('PO-UNKNOWN-1')).toEqual({ found: false });
  });

  it('refunds at once by default, never more than was paid', async () => {
    const refund = await sandbox.refund({ outTradeNo: order.outTradeNo, outRefundNo: 'RF20240502000001', refundFen: 1000, totalFen: 21002 });
    expect(refund).toMatchObject({ state: 'succeeded', refundFen: 1000 });
    expect(await sandbox.queryRefund('RF20240502000001', order.outTradeNo)).toMatchObject({ found: true, state: 'succeeded' });
    expect(await sandbox.query(order.outTradeNo)).toMatchObject({ state: 'refunded' });
    await expect(sandbox.refund({ outTradeNo: order.outTradeNo, outRefundNo: 'RF20240502000002', refundFen: 20003, totalFen: 21002 })).rejects.toMatchObject({ code: 'NOT_ENOUGH' });
    // The same refund number again is the same refund, not a second one.
    expect(await sandbox.refund({ outTradeNo: order.outTradeNo, outRefundNo: 'RF20240502000001', refundFen: 1000, totalFen: 21002 })).toMatchObject({ refundId: refund.refundId });
  });

  it('PROCESSING refunds settle by a REFUND.SUCCESS notification through the same verifier', async () => {
    const slow = new SandboxProvider({ clock, refundOutcome: 'PROCESSING' });
    await slow.createPayment(order, 'jsapi');
    slow.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    expect(await slow.refund({ outTradeNo: order.outTradeNo, outRefundNo: 'RF1', refundFen: 21002, totalFen: 21002 })).toMatchObject({ state: 'processing' });
    const n = slow.createRefundNotification({ outRefundNo: 'RF1', outcome: 'SUCCESS' });
    expect(await slow.parseNotification(n.headers, n.body)).toMatchObject({
      ok: true,
      event: { type: 'refund', provider: 'sandbox', outTradeNo: order.outTradeNo, outRefundNo: 'RF1', refundFen: 21002, amountFen: 21002, state: 'succeeded' },
    });
    expect(await slow.queryRefund('RF1', order.outTradeNo)).toMatchObject({ state: 'succeeded' });
  });

  it('adopts an order it never saw when given the amount (e.g. after a restart without a data folder)', async () => {
    const n = sandbox.createNotification({ order: { outTradeNo: 'PO-ADOPTED-01', amountFen: 500 }, outcome: 'SUCCESS' });
    expect(await sandbox.parseNotification(n.headers, n.body)).toMatchObject({ ok: true, event: { outTradeNo: 'PO-ADOPTED-01', amountFen: 500, state: 'paid' } });
    expect(() => sandbox.createNotification({ order: { outTradeNo: 'PO-UNKNOWN-2' }, outcome: 'SUCCESS' })).toThrow(/amountFen/);
  });

  it('keeps keys and payments in the data folder across restarts', async () => {
    const first = new SandboxProvider({ clock, dataDir: dir });
    await first.createPayment(order, 'jsapi');
    const n = first.createNotification({ order: { outTradeNo: order.outTradeNo }, outcome: 'SUCCESS' });
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    const second = new SandboxProvider({ clock, dataDir: dir });
    expect(second.keys.publicKeyId).toBe(first.keys.publicKeyId);
    expect(second.keys.mchid).toBe(first.keys.mchid);
    expect(await second.parseNotification(n.headers, n.body)).toMatchObject({ ok: true, event: { state: 'paid' } });
    expect(await second.query(order.outTradeNo)).toMatchObject({ found: true, state: 'paid' });
  });

  it('a notification built by hand with the sandbox keys is accepted exactly like WeChat Pay’s', async () => {
    const k = sandbox.keys;
    const n = wechatNotification({
      resource: { appid: k.appid, mchid: k.mchid, out_trade_no: 'PO-HAND-0001', transaction_id: '4200000000000000000000000001', trade_state: 'SUCCESS', amount: { total: 1, currency: 'CNY' } },
      apiV3Key: k.apiV3Key,
      signingKey: k.platformPrivateKey,
      serial: k.publicKeyId,
      timestamp: clock.seconds(),
    });
    expect(await sandbox.parseNotification(n.headers, n.body)).toMatchObject({ ok: true, event: { outTradeNo: 'PO-HAND-0001', amountFen: 1 } });
  });
});
