/**
 * WeChat Pay API v3 protocol: request signing and paySign against vectors assembled by hand, notification
 * verification (public key and platform certificate modes) with every refusal and its reason code,
 * AES-256-GCM, the merchant/order checks, state mapping and the notification answer. No database.
 */
import { createSign, createVerify } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEventAgainstOrder } from '../src/payments/providers/order-check';
import type { ProviderEvent } from '../src/payments/providers/types';
import { AeadError, apiV3KeyBytes, decryptResource, encryptResource } from '../src/payments/providers/wechatpay/aead';
import { checkWechatTransaction } from '../src/payments/providers/wechatpay/checks';
import { mapRefundStatus, mapTradeState } from '../src/payments/providers/wechatpay/mapping';
import { wechatAck } from '../src/payments/providers/wechatpay/notification';
import { WechatPayProvider } from '../src/payments/providers/wechatpay/provider';
import { authorizationHeader, jsapiPayParams } from '../src/payments/providers/wechatpay/signing';
import { WechatPayVerifier } from '../src/payments/providers/wechatpay/verifier';
import {
  APIV3_KEY,
  APPID,
  MCHID,
  PUB_KEY_ID,
  type RsaPair,
  fixedClock,
  paidTransaction,
  rsaPair,
  selfSignedCertificate,
  wechatNotification,
} from './payments-providers-fixtures';

const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
// Real time, frozen once the test certificate exists (see beforeAll).
const clock = fixedClock(new Date().toISOString());

let merchant: RsaPair;
let platform: RsaPair;
let cert: { certPem: string; keyPem: string; dir: string };
let provider: WechatPayProvider;

beforeAll(() => {
  merchant = rsaPair();
  platform = rsaPair();
  cert = selfSignedCertificate(CERT_SERIAL);
  // Only now: the certificate is valid from the second openssl made it.
  clock.set(new Date());
  // Both verification modes at once: a merchant migrating from platform certificates to the public key.
  const verifier = new WechatPayVerifier({ clock, certificates: [cert.certPem], publicKey: { id: PUB_KEY_ID, key: platform.publicPem } });
  provider = new WechatPayProvider({
    mchid: MCHID,
    appid: APPID,
    serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
    privateKey: merchant.privateKey,
    apiV3Key: apiV3KeyBytes(APIV3_KEY),
    verifier,
    notifyUrl: 'https://pm.example.com/api/payments/notify/wechatpay',
    clock,
  });
});
afterAll(() => rmSync(cert.dir, { recursive: true, force: true }));

const notify = (overrides: Partial<Parameters<typeof wechatNotification>[0]> = {}) =>
  wechatNotification({ resource: paidTransaction(), apiV3Key: APIV3_KEY, signingKey: platform.privateKey, serial: PUB_KEY_ID, timestamp: clock.seconds(), ...overrides });

async function rejection(n: { headers: Record<string, string>; body: string }) {
  const result = await provider.parseNotification(n.headers, n.body);
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.reason;
}

describe('outbound request signing (WECHATPAY2-SHA256-RSA2048)', () => {
  it('builds the Authorization header exactly, over METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n', () => {
    const body = '{"appid":"wxd678efh567hg6787","mchid":"1900009191","amount":{"total":1,"currency":"CNY"}}';
    const header = authorizationHeader({
      mchid: MCHID,
      serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      privateKey: merchant.privateKey,
      method: 'POST',
      pathAndQuery: '/v3/pay/transactions/jsapi',
      body,
      timestamp: '1554208460',
      nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    });
    const match =
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="([A-Za-z0-9+/=]+)",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/.exec(
        header,
      );
    expect(match).not.toBeNull();
    const signature = match![1]!;
    const message = 'POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n' + body + '\n';
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, signature, 'base64')).toBe(true);
    // PKCS#1 v1.5 signatures are deterministic: an independent signer gives the same bytes.
    expect(signature).toBe(createSign('RSA-SHA256').update(message).sign(merchant.privateKey, 'base64'));
    expect(Buffer.from(signature, 'base64')).toHaveLength(256);
  });

  it('signs GET requests with the query string and an empty body line', () => {
    const header = authorizationHeader({
      mchid: MCHID,
      serialNo: 'AB',
      privateKey: merchant.privateKey,
      method: 'GET',
      pathAndQuery: '/v3/pay/transactions/out-trade-no/PO1234567?mchid=1900009191',
      body: '',
      timestamp: '1700000000',
      nonce: 'N1',
    });
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    const message = 'GET\n/v3/pay/transactions/out-trade-no/PO1234567?mchid=1900009191\n1700000000\nN1\n\n';
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, signature, 'base64')).toBe(true);
  });
});

describe('JSAPI paySign', () => {
  it('signs appId\\ntimeStamp\\nnonceStr\\npackage\\n with the merchant key', () => {
    const params = jsapiPayParams({ appId: APPID, prepayId: 'wx201410272009395522657a690389285100', privateKey: merchant.privateKey, timestamp: '1414561699', nonce: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' });
    expect(params).toMatchObject({
      appId: APPID,
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    const message = `${APPID}\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, params.paySign, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(message.replace('1414561699', '1414561700')).verify(merchant.publicKey, params.paySign, 'base64')).toBe(false);
  });
});

describe('notification verification', () => {
  it('accepts a valid payment notification signed with the WeChat Pay public key and maps it', async () => {
    const n = notify();
    const result = await provider.parseNotification(n.headers, n.body);
    expect(result).toMatchObject({
      ok: true,
      notificationId: 'EV-2018022511223320873',
      event: {
        type: 'payment',
        provider: 'wechatpay',
        outTradeNo: 'PO20240501000001',
        transactionId: '4200000985202405012345678901',
        amountFen: 21002,
        state: 'paid',
        providerState: 'SUCCESS',
        payerId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      },
    });
    expect(result.ok && result.event.type === 'payment' && result.event.paidAt?.toISOString()).toBe('2024-05-01T02:00:05.000Z');
  });

  it('accepts one signed with the platform certificate, by serial, whatever its case; node headers too', async () => {
    const n = notify({ signingKey: cert.keyPem, serial: CERT_SERIAL.toLowerCase() });
    const nodeHeaders = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect((await provider.parseNotification(nodeHeaders, n.body)).ok).toBe(true);
    expect((await provider.parseNotification(new Headers(n.headers), n.body)).ok).toBe(true);
  });

  it('rejects a tampered body', async () => {
    const n = notify();
    expect(await rejection({ headers: n.headers, body: n.body.replace('encrypt-resource', 'encrypt-resourcE') })).toBe('bad_signature');
  });

  it('rejects a signature by the right key under the wrong serial, and an unknown serial', async () => {
    expect(await rejection(notify({ serial: 'PUB_KEY_ID_0000000000000000000000000000' }))).toBe('unknown_serial');
    expect(await rejection(notify({ serial: '7132D72A03E93CDDF8C03BBD1F37EEDF' }))).toBe('unknown_serial');
    // Signed with the public-key-mode key but claiming the certificate: refused, not "tried against every key".
    expect(await rejection(notify({ serial: CERT_SERIAL }))).toBe('bad_signature');
  });

  it('rejects a timestamp more than 5 minutes off either way, accepts one just inside', async () => {
    expect(await rejection(notify({ timestamp: clock.seconds() - 301 }))).toBe('stale_timestamp');
    expect(await rejection(notify({ timestamp: clock.seconds() + 301 }))).toBe('stale_timestamp');
    const inside = notify({ timestamp: clock.seconds() - 299 });
    expect((await provider.parseNotification(inside.headers, inside.body)).ok).toBe(true);
  });

  it('rejects the WECHATPAY/SIGNTEST/ probe', async () => {
    expect(await rejection(notify({ signature: 'WECHATPAY/SIGNTEST/T2ZmaWNpYWwgc2lnbmF0dXJlIHRlc3Q=' }))).toBe('signature_probe');
  });

  it('rejects missing signature headers and a body that is not an envelope', async () => {
    const n = notify();
    const { 'Wechatpay-Signature': _dropped, ...rest } = n.headers;
    expect(await rejection({ headers: rest, body: n.body })).toBe('missing_headers');
    const notJson = 'not json';
    const signed = notify();
    const headers = { ...signed.headers, 'Wechatpay-Signature': createSign('RSA-SHA256').update(`${signed.headers['Wechatpay-Timestamp']}\n${signed.headers['Wechatpay-Nonce']}\n${notJson}\n`).sign(platform.privateKey, 'base64') };
    expect(await rejection({ headers, body: notJson })).toBe('malformed_body');
  });

  it('rejects a flipped GCM tag and wrong associated data (envelope still correctly signed)', async () => {
    const flipped = notify({
      mutateResource: (r) => {
        const bytes = Buffer.from(r.ciphertext, 'base64');
        bytes[bytes.length - 1]! ^= 0x01;
        r.ciphertext = bytes.toString('base64');
      },
    });
    expect(await rejection(flipped)).toBe('decrypt_failed');
    expect(await rejection(notify({ mutateResource: (r) => {
          r.associated_data = 'refund';
        } }))).toBe('decrypt_failed');
    expect(await rejection(notify({ mutateResource: (r) => {
          r.algorithm = 'AEAD_AES_128_GCM';
        } }))).toBe('unsupported_algorithm');
  });

  it('rejects a payment to another merchant or through another app', async () => {
    expect(await rejection(notify({ resource: paidTransaction({ mchid: '1900000109' }) }))).toBe('mchid_mismatch');
    expect(await rejection(notify({ resource: paidTransaction({ appid: 'wx0000000000000000' }) }))).toBe('appid_mismatch');
  });

  it('rejects a certificate outside its validity', async () => {
    const later = fixedClock('2024-05-01T02:00:00Z');
    const verifier = new WechatPayVerifier({ clock: later, certificates: [cert.certPem] });
    later.set(new Date(Date.now() + 400 * 86400_000));
    const n = notify({ signingKey: cert.keyPem, serial: CERT_SERIAL, timestamp: later.seconds() });
    expect(verifier.verify(n.headers, n.body)).toMatchObject({ ok: false, reason: 'certificate_expired' });
  });

  it('maps a refund notification (same envelope, refund resource)', async () => {
    const refund = {
      mchid: MCHID,
      out_trade_no: 'PO20240501000001',
      transaction_id: '4200000985202405012345678901',
      out_refund_no: 'RF20240502000001',
      refund_id: '50000000382019052709732678859',
      refund_status: 'SUCCESS',
      success_time: '2024-05-02T09:00:00+08:00',
      user_received_account: '招商银行信用卡0403',
      amount: { total: 21002, refund: 1000, payer_total: 21002, payer_refund: 1000 },
    };
    const result = await provider.parseNotification(...args(notify({ resource: refund, eventType: 'REFUND.SUCCESS', originalType: 'refund' })));
    expect(result).toMatchObject({
      ok: true,
      event: { type: 'refund', outTradeNo: 'PO20240501000001', outRefundNo: 'RF20240502000001', refundId: '50000000382019052709732678859', amountFen: 21002, refundFen: 1000, state: 'succeeded' },
    });
    expect(await rejection(notify({ resource: { ...refund, mchid: '1900000109' }, eventType: 'REFUND.SUCCESS' }))).toBe('mchid_mismatch');
    expect(await rejection(notify({ resource: refund, eventType: 'PROFITSHARING.SUCCESS' }))).toBe('unknown_event');
  });
});

const args = (n: { headers: Record<string, string>; body: string }) => [n.headers, n.body] as const;

describe('checks against the expected order', () => {
  const expected = { mchid: MCHID, appid: APPID, outTradeNo: 'PO20240501000001', totalFen: 21002 };

  it('accepts the matching transaction and names each mismatch', () => {
    expect(checkWechatTransaction(paidTransaction(), expected)).toEqual({ ok: true });
    expect(checkWechatTransaction(paidTransaction({ amount: { total: 21001, currency: 'CNY' } }), expected)).toMatchObject({ ok: false, reason: 'amount_mismatch' });
    expect(checkWechatTransaction(paidTransaction({ mchid: '1900000109' }), expected)).toMatchObject({ ok: false, reason: 'mchid_mismatch' });
    expect(checkWechatTransaction(paidTransaction({ appid: 'wx0000000000000000' }), expected)).toMatchObject({ ok: false, reason: 'appid_mismatch' });
    expect(checkWechatTransaction(paidTransaction({ out_trade_no: 'PO20240501000002' }), expected)).toMatchObject({ ok: false, reason: 'out_trade_no_mismatch' });
    expect(checkWechatTransaction(paidTransaction({ amount: { total: 21002, currency: 'USD' } }), expected)).toMatchObject({ ok: false, reason: 'currency_mismatch' });
  });

  it('checks a verified event against the order it names (provider-neutral)', async () => {
    const result = await provider.parseNotification(...args(notify({ resource: paidTransaction({ amount: { total: 1, currency: 'CNY' } }) })));
    expect(result.ok).toBe(true);
    const event = (result as { event: ProviderEvent }).event;
    expect(checkEventAgainstOrder(event, { outTradeNo: 'PO20240501000001', amountFen: 21002 })).toMatchObject({ ok: false, reason: 'amount_mismatch' });
    expect(checkEventAgainstOrder(event, { outTradeNo: 'PO20240501000001', amountFen: 1 })).toEqual({ ok: true });
    expect(checkEventAgainstOrder(event, { outTradeNo: 'OTHER0001', amountFen: 1 })).toMatchObject({ ok: false, reason: 'out_trade_no_mismatch' });
  });
});

describe('trade_state and refund status', () => {
  it('maps every documented state, and nothing unknown to paid', () => {
    expect(mapTradeState('SUCCESS')).toBe('paid');
    expect(mapTradeState('REFUND')).toBe('refunded');
    expect(mapTradeState('NOTPAY')).toBe('pending');
    expect(mapTradeState('USERPAYING')).toBe('pending');
    expect(mapTradeState('CLOSED')).toBe('closed');
    expect(mapTradeState('REVOKED')).toBe('closed');
    expect(mapTradeState('PAYERROR')).toBe('failed');
    expect(mapTradeState('SOMETHING_NEW')).toBe('pending');
    expect(['SUCCESS', 'PROCESSING', 'CLOSED', 'ABNORMAL'].map(mapRefundStatus)).toEqual(['succeeded', 'processing', 'closed', 'abnormal']);
  });

  it('passes PAYERROR and CLOSED notifications through as failed / closed events', async () => {
    const failed = await provider.parseNotification(...args(notify({ resource: paidTransaction({ trade_state: 'PAYERROR', transaction_id: undefined, success_time: undefined }) })));
    expect(failed).toMatchObject({ ok: true, event: { state: 'failed', providerState: 'PAYERROR', paidAt: null, transactionId: null } });
    const closed = await provider.parseNotification(...args(notify({ resource: paidTransaction({ trade_state: 'CLOSED' }) })));
    expect(closed).toMatchObject({ ok: true, event: { state: 'closed' } });
  });
});

describe('AES-256-GCM resource', () => {
  it('round-trips and refuses any changed byte, nonce or key', () => {
    const key = apiV3KeyBytes(APIV3_KEY);
    const sealed = encryptResource('{"x":1}', key, 'certificate', 'certificate', 'abcdefghijkl');
    expect(decryptResource(sealed, key)).toBe('{"x":1}');
    expect(() => decryptResource({ ...sealed, nonce: 'abcdefghijkm' }, key)).toThrow(AeadError);
    expect(() => decryptResource(sealed, apiV3KeyBytes('b'.repeat(32)))).toThrow(AeadError);
    expect(() => apiV3KeyBytes('short')).toThrow(/32 bytes/);
  });
});

describe('answer to a notification', () => {
  it('success is 204 with no body; failure is 4xx/5xx with {code: FAIL, message}', () => {
    expect(wechatAck({ ok: true })).toEqual({ status: 204, headers: {}, body: null });
    const refused = wechatAck({ ok: false, message: 'bad_signature' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body!)).toEqual({ code: 'FAIL', message: 'bad_signature' });
    const later = wechatAck({ ok: false, message: '数据库暂时不可用 '.repeat(10), retryable: true });
    expect(later.status).toBe(500);
    expect([...JSON.parse(later.body!).message]).toHaveLength(64);
  });
});
