/**
 * Alipay WAP pay: the signed request URL checked by an independent RSA2 verification, notification
 * verification with tampering and identity checks, and query/close/refund against a local gateway that
 * verifies our signature and signs its answers. No database.
 */
import { createVerify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkAlipayNotification } from '../src/payments/providers/alipay/mapping';
import { AlipayProvider } from '../src/payments/providers/alipay/provider';
import { checkEventAgainstOrder } from '../src/payments/providers/order-check';
import { type RecordedRequest, type Reply, type RsaPair, fixedClock, rsaPair, rsaSha256, startServer } from './payments-providers-fixtures';

const APP_ID = '2021000117600000';
const SELLER_ID = '2088102177846880';
const clock = fixedClock('2024-05-01T02:00:00Z');

let app: RsaPair;
let alipay: RsaPair;
let gateway: Awaited<ReturnType<typeof startServer>>;
let answers: Record<string, (biz: Record<string, unknown>) => object>;
let answerSigning: 'valid' | 'tampered';
let signFailures: string[];

/** Sorted k=v&… over every parameter but `sign` (requests keep sign_type in the signed string). */
const signContent = (params: Record<string, string>, drop: string[]) =>
  Object.keys(params)
    .filter((k) => !drop.includes(k) && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

function verifyRequest(params: Record<string, string>): boolean {
  return createVerify('RSA-SHA256').update(signContent(params, ['sign'])).verify(app.publicKey, params.sign!, 'base64');
}

function gatewayAnswer(req: RecordedRequest): Reply {
  const url = new URL(req.url, 'http://gateway');
  const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(req.body)) };
  if (!verifyRequest(params)) signFailures.push(params.method!);
  const key = `${params.method!.replaceAll('.', '_')}_response`;
  const answer = answers[params.method!];
  const inner = JSON.stringify(answer ? answer(JSON.parse(params.biz_content!)) : { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: 'no answer' });
  const sign = rsaSha256(answerSigning === 'tampered' ? inner.replace('10000', '10001') : inner, alipay.privateKey);
  return { status: 200, headers: { 'content-type': 'text/html;charset=utf-8' }, body: `{"${key}":${inner},"sign":"${sign}"}` };
}

function provider(options: { sellerId?: string } = { sellerId: SELLER_ID }) {
  return new AlipayProvider({
    appId: APP_ID,
    privateKey: app.privatePem,
    // As the Alipay console shows it: bare base64, no PEM armour.
    alipayPublicKey: alipay.publicPem.replace(/-----[A-Z ]+-----|\n/g, ''),
    ...options,
    notifyUrl: 'https://pm.example.com/api/payments/notify/alipay',
    returnUrl: 'https://pm.example.com/resident/pay/done',
    gateway: `${gateway.url}/gateway.do`,
    clock,
  });
}

beforeAll(async () => {
  app = rsaPair();
  alipay = rsaPair();
  gateway = await startServer(gatewayAnswer);
});
afterAll(() => gateway.close());
beforeEach(() => {
  answers = {};
  answerSigning = 'valid';
  signFailures = [];
});

/** An asynchronous notification as Alipay posts it: form-encoded, signed without sign and sign_type. */
function notification(overrides: Record<string, string> = {}, tamper?: (p: Record<string, string>) => void) {
  const params: Record<string, string> = {
    notify_time: '2024-05-01 10:00:08',
    notify_type: 'trade_status_sync',
    notify_id: 'ac05099524730693a8b330c5ecf72da9786',
    app_id: APP_ID,
    charset: 'utf-8',
    version: '1.0',
    trade_no: '2024050122001456789012345678',
    out_trade_no: 'PO20240501000001',
    buyer_id: '2088102122524333',
    seller_id: SELLER_ID,
    trade_status: 'TRADE_SUCCESS',
    total_amount: '210.02',
    receipt_amount: '210.02',
    subject: '翠湖花园 1-101 物业费 2024-05',
    gmt_create: '2024-05-01 10:00:01',
    gmt_payment: '2024-05-01 10:00:07',
    ...overrides,
  };
  params.sign = rsaSha256(signContent(params, ['sign', 'sign_type']), alipay.privateKey);
  params.sign_type = 'RSA2';
  tamper?.(params);
  return new URLSearchParams(params).toString();
}

describe('alipay.trade.wap.pay request', () => {
  it('is an RSA2-signed gateway URL over the sorted parameters, in China Standard Time', async () => {
    const action = await provider().createPayment(
      { outTradeNo: 'PO20240501000001', amountFen: 21002, description: '翠湖花园 1-101 物业费 2024-05', quitUrl: 'https://pm.example.com/resident/bills', expiresAt: new Date('2024-05-01T02:30:00Z') },
      'wap',
    );
    expect(action.kind).toBe('redirect');
    if (action.kind !== 'redirect') return;
    const url = new URL(action.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${gateway.url}/gateway.do`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      app_id: APP_ID,
      method: 'alipay.trade.wap.pay',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      timestamp: '2024-05-01 10:00:00',
      notify_url: 'https://pm.example.com/api/payments/notify/alipay',
      return_url: 'https://pm.example.com/resident/pay/done',
    });
    expect(JSON.parse(params.biz_content!)).toEqual({
      out_trade_no: 'PO20240501000001',
      total_amount: '210.02',
      subject: '翠湖花园 1-101 物业费 2024-05',
      product_code: 'QUICK_WAP_WAY',
      quit_url: 'https://pm.example.com/resident/bills',
      time_expire: '2024-05-01 10:30:00',
    });
    expect(verifyRequest(params)).toBe(true);
    expect(verifyRequest({ ...params, biz_content: params.biz_content!.replace('210.02', '0.01') })).toBe(false);
  });

  it('refuses other channels and non-fen amounts', async () => {
    await expect(provider().createPayment({ outTradeNo: 'PO1', amountFen: 100, description: 'x' }, 'jsapi')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(provider().createPayment({ outTradeNo: 'PO1', amountFen: 0.5, description: 'x' }, 'wap')).rejects.toThrow(RangeError);
  });
});

describe('asynchronous notification', () => {
  it('accepts a correctly signed one and maps it (amount exact in fen)', async () => {
    const result = await provider().parseNotification({}, notification());
    expect(result).toMatchObject({
      ok: true,
      notificationId: 'ac05099524730693a8b330c5ecf72da9786',
      event: { type: 'payment', provider: 'alipay', outTradeNo: 'PO20240501000001', transactionId: '2024050122001456789012345678', amountFen: 21002, state: 'paid', providerState: 'TRADE_SUCCESS', payerId: '2088102122524333' },
    });
    expect(result.ok && result.event.type === 'payment' && result.event.paidAt?.toISOString()).toBe('2024-05-01T02:00:07.000Z');
  });

  it('rejects any tampered parameter, a dropped one and a missing signature', async () => {
    expect(await provider().parseNotification({}, notification({}, (p) => {
          p.total_amount = '0.01';
        }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await provider().parseNotification({}, notification({}, (p) => {
          p.trade_status = 'TRADE_FINISHED';
        }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await provider().parseNotification({}, notification({}, (p) => {
          delete p.buyer_id;
        }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await provider().parseNotification({}, notification({}, (p) => {
          p.sign = 'AAAA';
        }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await provider().parseNotification({}, notification({}, (p) => {
          delete p.sign;
        }))).toMatchObject({ ok: false, reason: 'malformed_body' });
  });

  it('rejects genuine notifications for another app or seller', async () => {
    expect(await provider().parseNotification({}, notification({ app_id: '2021000117600001' }))).toMatchObject({ ok: false, reason: 'appid_mismatch' });
    expect(await provider().parseNotification({}, notification({ seller_id: '2088102177846881' }))).toMatchObject({ ok: false, reason: 'seller_id_mismatch' });
    // Without a configured PID the seller is not checked.
    expect((await provider({}).parseNotification({}, notification({ seller_id: '2088102177846881' }))).ok).toBe(true);
  });

  it('checks app_id / seller_id / total_amount against the expected order', async () => {
    const params = Object.fromEntries(new URLSearchParams(notification()));
    const expected = { appId: APP_ID, sellerId: SELLER_ID, outTradeNo: 'PO20240501000001', totalFen: 21002 };
    expect(checkAlipayNotification(params, expected)).toEqual({ ok: true });
    expect(checkAlipayNotification(params, { ...expected, totalFen: 21001 })).toMatchObject({ ok: false, reason: 'amount_mismatch' });
    expect(checkAlipayNotification({ ...params, total_amount: '210.020' }, expected)).toMatchObject({ ok: false, reason: 'malformed_body' });
    expect(checkAlipayNotification(params, { ...expected, outTradeNo: 'PO2' })).toMatchObject({ ok: false, reason: 'out_trade_no_mismatch' });
    const result = await provider().parseNotification({}, notification({ total_amount: '210.01' }));
    expect(result.ok && checkEventAgainstOrder(result.event, { outTradeNo: 'PO20240501000001', amountFen: 21002 })).toMatchObject({ ok: false, reason: 'amount_mismatch' });
  });

  it('maps a refund notification (running refund total) and waiting/closed trades', async () => {
    const refund = await provider().parseNotification({}, notification({ refund_fee: '10.00', gmt_refund: '2024-05-02 09:00:00.123', out_biz_no: 'RF20240502000001' }));
    expect(refund).toMatchObject({ ok: true, event: { type: 'refund', outRefundNo: 'RF20240502000001', refundedTotalFen: 1000, refundFen: null, amountFen: 21002, state: 'succeeded' } });
    expect(refund.ok && refund.event.type === 'refund' && refund.event.refundedAt?.toISOString()).toBe('2024-05-02T01:00:00.123Z');
    expect(await provider().parseNotification({}, notification({ trade_status: 'WAIT_BUYER_PAY' }))).toMatchObject({ ok: true, event: { state: 'pending' } });
    expect(await provider().parseNotification({}, notification({ trade_status: 'TRADE_CLOSED' }))).toMatchObject({ ok: true, event: { state: 'closed' } });
  });

  it('answers `success` as plain text, anything else makes Alipay retry', () => {
    expect(provider().acknowledge({ ok: true })).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'success' });
    expect(provider().acknowledge({ ok: false, message: 'bad_signature' }).body).toBe('fail');
  });
});

describe('gateway calls against a local gateway', () => {
  it('queries a trade (signed request, verified answer) and reports an unknown one as not found', async () => {
    answers['alipay.trade.query'] = (biz) => ({
      code: '10000',
      msg: 'Success',
      out_trade_no: biz.out_trade_no,
      trade_no: '2024050122001456789012345678',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '210.02',
      send_pay_date: '2024-05-01 10:00:07',
    });
    expect(await provider().query('PO20240501000001')).toMatchObject({ found: true, state: 'paid', amountFen: 21002, transactionId: '2024050122001456789012345678' });
    answers['alipay.trade.query'] = () => ({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
    expect(await provider().query('PO20240501000009')).toEqual({ found: false });
    expect(signFailures).toEqual([]);
  });

  it('refuses an answer whose signature does not match', async () => {
    answers['alipay.trade.query'] = () => ({ code: '10000', msg: 'Success', out_trade_no: 'PO1', trade_status: 'TRADE_SUCCESS', total_amount: '210.02' });
    answerSigning = 'tampered';
    await expect(provider().query('PO20240501000001')).rejects.toMatchObject({ code: 'response_signature_invalid' });
  });

  it('refunds, queries the refund, and closes', async () => {
    answers['alipay.trade.refund'] = (biz) => {
      expect(biz).toEqual({ out_trade_no: 'PO20240501000001', refund_amount: '10.00', out_request_no: 'RF20240502000001', refund_reason: '多缴退费' });
      return { code: '10000', msg: 'Success', trade_no: '2024050122001456789012345678', out_trade_no: 'PO20240501000001', fund_change: 'Y', refund_fee: '10.00', gmt_refund_pay: '2024-05-02 09:00:00' };
    };
    expect(await provider().refund({ outTradeNo: 'PO20240501000001', outRefundNo: 'RF20240502000001', refundFen: 1000, totalFen: 21002, reason: '多缴退费' })).toMatchObject({
      state: 'succeeded',
      refundFen: 1000,
      outRefundNo: 'RF20240502000001',
    });
    answers['alipay.trade.fastpay.refund.query'] = () => ({ code: '10000', msg: 'Success', out_request_no: 'RF20240502000001', refund_amount: '10.00', refund_status: 'REFUND_SUCCESS', total_amount: '210.02' });
    expect(await provider().queryRefund('RF20240502000001', 'PO20240501000001')).toMatchObject({ found: true, state: 'succeeded', refundFen: 1000 });
    answers['alipay.trade.fastpay.refund.query'] = () => ({ code: '10000', msg: 'Success' });
    expect(await provider().queryRefund('RF-never', 'PO20240501000001')).toEqual({ found: false });
    answers['alipay.trade.close'] = () => ({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
    await expect(provider().close('PO20240501000001')).resolves.toBeUndefined();
    answers['alipay.trade.close'] = () => ({ code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR', sub_msg: '交易状态不合法' });
    await expect(provider().close('PO20240501000001')).rejects.toMatchObject({ code: 'ACQ.TRADE_STATUS_ERROR', retryable: false });
    expect(signFailures).toEqual([]);
  });
});
