/**
 * The WeChat Pay HTTP client and provider against a local node:http stand-in for api.mch.weixin.qq.com.
 * The fake server checks our Authorization signature itself (hand-assembled message, crypto.createVerify)
 * and signs its answers with a platform key, as the real one does. No database.
 */
import { createVerify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PaymentProviderError } from '../src/payments/providers/types';
import { apiV3KeyBytes } from '../src/payments/providers/wechatpay/aead';
import { WechatPayProvider } from '../src/payments/providers/wechatpay/provider';
import { WechatPayVerifier } from '../src/payments/providers/wechatpay/verifier';
import {
  APIV3_KEY,
  APPID,
  MCHID,
  PUB_KEY_ID,
  type RecordedRequest,
  type Reply,
  type RsaPair,
  fixedClock,
  paidTransaction,
  rsaPair,
  rsaSha256,
  startServer,
} from './payments-providers-fixtures';

const SERIAL = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const clock = fixedClock(new Date().toISOString());

let merchant: RsaPair;
let platform: RsaPair;
let server: Awaited<ReturnType<typeof startServer>>;
/** What the fake answers next, per "METHOD path". */
let routes: Record<string, () => Reply>;
let signAnswers: 'valid' | 'tampered' | 'none';
let authFailures: string[];

function checkAuthorization(req: RecordedRequest, publicKey: RsaPair['publicKey']): string | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/.exec(header);
  if (!m) return `bad header format: ${header}`;
  const [, mchid, nonce, signature, timestamp, serial] = m;
  if (mchid !== MCHID || serial !== SERIAL) return 'wrong mchid or serial';
  const message = `${req.method}\n${req.url}\n${timestamp}\n${nonce}\n${req.body}\n`;
  return createVerify('RSA-SHA256').update(message).verify(publicKey, signature!, 'base64') ? undefined : 'signature mismatch';
}

function signed(status: number, data?: object): Reply {
  const body = data === undefined ? '' : JSON.stringify(data);
  if (signAnswers === 'none') return { status, body, headers: { 'content-type': 'application/json' } };
  const timestamp = String(clock.seconds());
  const nonce = 'RESPONSE-NONCE-1';
  const signature = rsaSha256(`${timestamp}\n${nonce}\n${signAnswers === 'tampered' ? `${body} ` : body}\n`, platform.privateKey);
  return {
    status,
    body,
    headers: { 'content-type': 'application/json', 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': PUB_KEY_ID },
  };
}

function providerWith(privateKey = merchant.privateKey, baseUrl = server.url) {
  return new WechatPayProvider({
    mchid: MCHID,
    appid: APPID,
    serialNo: SERIAL,
    privateKey,
    apiV3Key: apiV3KeyBytes(APIV3_KEY),
    verifier: new WechatPayVerifier({ clock, publicKey: { id: PUB_KEY_ID, key: platform.publicKey } }),
    notifyUrl: 'https://pm.example.com/api/payments/notify/wechatpay',
    baseUrl,
    clock,
  });
}

beforeAll(async () => {
  merchant = rsaPair();
  platform = rsaPair();
  server = await startServer((req) => {
    const problem = checkAuthorization(req, merchant.publicKey);
    if (problem) {
      authFailures.push(problem);
      return signed(401, { code: 'SIGN_ERROR', message: problem });
    }
    const route = routes[`${req.method} ${req.url.split('?')[0]}`];
    return route ? route() : signed(404, { code: 'NOT_FOUND', message: 'no route' });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  routes = {};
  signAnswers = 'valid';
  authFailures = [];
  server.requests.length = 0;
});

const order = {
  outTradeNo: 'PO20240501000001',
  amountFen: 21002,
  description: '翠湖花园 1-101 物业费 2024-05',
  expiresAt: new Date('2024-05-01T02:30:00Z'),
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', clientIp: '203.0.113.7' },
};

describe('WeChat Pay client against a local server', () => {
  it('JSAPI: signed prepay request, verified answer, page parameters with a valid paySign', async () => {
    routes['POST /v3/pay/transactions/jsapi'] = () => signed(200, { prepay_id: 'wx26112221580621e9b071c00d9e093b0000' });
    const action = await providerWith().createPayment(order, 'jsapi');
    expect(authFailures).toEqual([]);
    const sent = JSON.parse(server.requests[0]!.body);
    expect(sent).toEqual({
      appid: APPID,
      mchid: MCHID,
      description: '翠湖花园 1-101 物业费 2024-05',
      out_trade_no: 'PO20240501000001',
      notify_url: 'https://pm.example.com/api/payments/notify/wechatpay',
      amount: { total: 21002, currency: 'CNY' },
      time_expire: '2024-05-01T10:30:00+08:00',
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.headers.accept).toBe('application/json');
    expect(action.kind).toBe('jsapi');
    if (action.kind !== 'jsapi') return;
    expect(action.params.package).toBe('prepay_id=wx26112221580621e9b071c00d9e093b0000');
    expect(action.params.timeStamp).toBe(String(clock.seconds()));
    const message = `${APPID}\n${action.params.timeStamp}\n${action.params.nonceStr}\n${action.params.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, action.params.paySign, 'base64')).toBe(true);
  });

  it('H5: redirects to h5_url with our return URL appended', async () => {
    routes['POST /v3/pay/transactions/h5'] = () => signed(200, { h5_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2916263004719461949c84457c735b0000&package=2150917749' });
    const action = await providerWith().createPayment({ ...order, returnUrl: 'https://pm.example.com/resident/pay/done?o=PO20240501000001' }, 'h5');
    expect(action).toEqual({
      kind: 'redirect',
      url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2916263004719461949c84457c735b0000&package=2150917749&redirect_url=https%3A%2F%2Fpm.example.com%2Fresident%2Fpay%2Fdone%3Fo%3DPO20240501000001',
    });
    expect(JSON.parse(server.requests[0]!.body).scene_info).toEqual({ payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } });
    expect(authFailures).toEqual([]);
  });

  it('queries by out_trade_no with ?mchid= (signed with the query string); unknown order → not found', async () => {
    routes['GET /v3/pay/transactions/out-trade-no/PO20240501000001'] = () => signed(200, paidTransaction());
    const found = await providerWith().query('PO20240501000001');
    expect(found).toMatchObject({ found: true, state: 'paid', amountFen: 21002, transactionId: '4200000985202405012345678901' });
    expect(server.requests[0]!.url).toBe(`/v3/pay/transactions/out-trade-no/PO20240501000001?mchid=${MCHID}`);
    routes['GET /v3/pay/transactions/out-trade-no/PO20240501000009'] = () => signed(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    expect(await providerWith().query('PO20240501000009')).toEqual({ found: false });
    expect(authFailures).toEqual([]);
  });

  it('closes with a signed empty 204 answer', async () => {
    routes['POST /v3/pay/transactions/out-trade-no/PO20240501000001/close'] = () => signed(204);
    await providerWith().close('PO20240501000001');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ mchid: MCHID });
    expect(authFailures).toEqual([]);
  });

  it('refunds and queries a refund', async () => {
    const refund = {
      refund_id: '50000000382019052709732678859',
      out_refund_no: 'RF20240502000001',
      transaction_id: '4200000985202405012345678901',
      out_trade_no: 'PO20240501000001',
      channel: 'ORIGINAL',
      user_received_account: '招商银行信用卡0403',
      create_time: '2024-05-02T09:00:00+08:00',
      status: 'PROCESSING',
      amount: { total: 21002, refund: 1000, payer_total: 21002, payer_refund: 1000, currency: 'CNY' },
    };
    routes['POST /v3/refund/domestic/refunds'] = () => signed(200, refund);
    const result = await providerWith().refund({ outTradeNo: 'PO20240501000001', outRefundNo: 'RF20240502000001', refundFen: 1000, totalFen: 21002, reason: '多缴退费' });
    expect(result).toMatchObject({ outRefundNo: 'RF20240502000001', refundId: '50000000382019052709732678859', state: 'processing', refundFen: 1000 });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      out_trade_no: 'PO20240501000001',
      out_refund_no: 'RF20240502000001',
      reason: '多缴退费',
      notify_url: 'https://pm.example.com/api/payments/notify/wechatpay',
      amount: { refund: 1000, total: 21002, currency: 'CNY' },
    });
    routes['GET /v3/refund/domestic/refunds/RF20240502000001'] = () => signed(200, { ...refund, status: 'SUCCESS', success_time: '2024-05-02T09:00:10+08:00' });
    expect(await providerWith().queryRefund('RF20240502000001', 'PO20240501000001')).toMatchObject({ found: true, state: 'succeeded' });
    routes['GET /v3/refund/domestic/refunds/RF404'] = () => signed(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
    expect(await providerWith().queryRefund('RF404', 'PO20240501000001')).toEqual({ found: false });
    await expect(providerWith().refund({ outTradeNo: 'PO20240501000001', outRefundNo: 'RF2', refundFen: 21003, totalFen: 21002 })).rejects.toMatchObject({ code: 'invalid_request' });
    expect(authFailures).toEqual([]);
  });

  it('refuses an answer whose signature does not match, or that is not signed', async () => {
    routes['POST /v3/pay/transactions/jsapi'] = () => signed(200, { prepay_id: 'wx-forged' });
    signAnswers = 'tampered';
    await expect(providerWith().createPayment(order, 'jsapi')).rejects.toMatchObject({ code: 'response_signature_invalid', details: { reason: 'bad_signature' } });
    signAnswers = 'none';
    await expect(providerWith().createPayment(order, 'jsapi')).rejects.toMatchObject({ code: 'response_signature_invalid', details: { reason: 'missing_headers' } });
  });

  it('reports WeChat Pay errors by their code; 5xx and network failures are retryable', async () => {
    routes['POST /v3/pay/transactions/jsapi'] = () => signed(400, { code: 'ORDERPAID', message: '该订单已支付' });
    const paid = await providerWith().createPayment(order, 'jsapi').catch((e) => e);
    expect(paid).toBeInstanceOf(PaymentProviderError);
    expect(paid).toMatchObject({ code: 'ORDERPAID', retryable: false, details: { status: 400 } });
    routes['POST /v3/pay/transactions/jsapi'] = () => signed(500, { code: 'SYSTEM_ERROR', message: '系统错误' });
    await expect(providerWith().createPayment(order, 'jsapi')).rejects.toMatchObject({ code: 'SYSTEM_ERROR', retryable: true });
    const closed = await startServer(() => ({ status: 200 }));
    await closed.close();
    await expect(providerWith(merchant.privateKey, closed.url).query('PO20240501000001')).rejects.toMatchObject({ code: 'network_error', retryable: true });
  });

  it('a request signed with another key is refused by the server (SIGN_ERROR)', async () => {
    routes['GET /v3/pay/transactions/out-trade-no/PO20240501000001'] = () => signed(200, paidTransaction());
    await expect(providerWith(rsaPair().privateKey).query('PO20240501000001')).rejects.toMatchObject({ code: 'SIGN_ERROR' });
    expect(authFailures).toEqual(['signature mismatch']);
  });

  it('refuses bad orders before calling WeChat Pay', async () => {
    const p = providerWith();
    await expect(p.createPayment({ ...order, payer: {} }, 'jsapi')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(p.createPayment({ ...order, payer: {} }, 'h5')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(p.createPayment({ ...order, outTradeNo: 'short' }, 'jsapi')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(p.createPayment({ ...order, amountFen: 0 }, 'jsapi')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(p.createPayment({ ...order, amountFen: 1.5 }, 'jsapi')).rejects.toThrow(RangeError);
    await expect(p.createPayment({ ...order, description: '长'.repeat(43) }, 'jsapi')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(p.createPayment(order, 'wap')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(server.requests).toHaveLength(0);
  });
});
