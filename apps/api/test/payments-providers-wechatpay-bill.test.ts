/**
 * WeChat Pay API v3 trade bill 交易账单: the reader against a bill written out by hand (exact fen, the summary
 * check, every refusal), the two-step download against local node:http servers (signed tradebill answer,
 * unsigned gzip file on another host, SHA1 check), the sandbox round trip, and a property test that whatever
 * the sandbox writes reads back identically. No database.
 */
import { createHash, createVerify } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderTradeBill } from '../src/payments/providers/sandbox/bill';
import { SANDBOX_BASE_URL, SandboxProvider } from '../src/payments/providers/sandbox/provider';
import { type BillPayment, type BillRefund, PaymentProviderError } from '../src/payments/providers/types';
import { apiV3KeyBytes } from '../src/payments/providers/wechatpay/aead';
import { parseTradeBill } from '../src/payments/providers/wechatpay/bill';
import { WechatPayClient } from '../src/payments/providers/wechatpay/client';
import { WechatPayProvider } from '../src/payments/providers/wechatpay/provider';
import { WechatPayVerifier } from '../src/payments/providers/wechatpay/verifier';
import { APIV3_KEY, APPID, MCHID, PUB_KEY_ID, type RecordedRequest, type Reply, type RsaPair, fixedClock, rsaPair, rsaSha256, startServer } from './payments-providers-fixtures';

const SERIAL = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,' +
  '微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/**
 * A day as WeChat Pay writes it: a BOM, CRLF, a blank line; a 0.01 payment; a 3353.94 order paid with a 1.00
 * coupon (应结 3352.94); a payment whose 订单金额 is empty; a completed refund; a refund still PROCESSING.
 */
const GOLDEN = [
  `\uFEFF${HEADER}`,
  '`2026-11-28 09:26:45,`wxd678efh567hg6787,`1900009191,`0,`,`4200000350202611287040917426,`PM20261128ABC,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`物业费,`,`0.00000,`0.60%,`0.01,`0.00,`',
  '`2026-11-28 13:05:10,`wxd678efh567hg6787,`1900009191,`0,`,`4200000351202611281234567890,`PM20261128DEF,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`CMB_CREDIT,`CNY,`3352.94,`1.00,`0,`0,`0.00,`0.00,`,`,`翠湖花园 1-101 物业费, 2026 年下半年,`room=1-101,`20.12000,`0.60%,`3353.94,`0.00,`',
  '`2026-11-28 14:00:00,`wxd678efh567hg6787,`1900009191,`0,`,`4200000352202611281234567890,`PM20261128GHI,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MWEB,`SUCCESS,`OTHERS,`CNY,`12.30,`0.00,`0,`0,`0.00,`0.00,`,`,`停车费,`,`0.07000,`0.60%,`,`0.00,`',
  '`2026-11-28 15:00:00,`wxd678efh567hg6787,`1900009191,`0,`,`4200000351202611281234567890,`PM20261128DEF,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`REFUND,`CMB_CREDIT,`CNY,`0.00,`0.00,`50300000012026112800000000001,`RF20261128001,`100.00,`0.00,`ORIGINAL,`SUCCESS,`翠湖花园 1-101 物业费, 2026 年下半年,`room=1-101,`-0.60000,`0.60%,`3353.94,`100.00,`',
  '`2026-11-28 16:00:00,`wxd678efh567hg6787,`1900009191,`0,`,`4200000350202611287040917426,`PM20261128ABC,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000012026112800000000002,`RF20261128002,`0.01,`0.00,`ORIGINAL,`PROCESSING,`物业费,`,`0.00000,`0.60%,`0.01,`0.01,`',
  '',
  SUMMARY_HEADER,
  '`5,`3365.25,`100.01,`0.00,`20.19000,`6719.91,`100.01',
  '',
].join('\r\n');

const GOLDEN_BILL = {
  payments: [
    { outTradeNo: 'PM20261128ABC', transactionId: '4200000350202611287040917426', amountFen: 1, paidAt: new Date('2026-11-28T01:26:45Z') },
    { outTradeNo: 'PM20261128DEF', transactionId: '4200000351202611281234567890', amountFen: 335394, paidAt: new Date('2026-11-28T05:05:10Z') },
    { outTradeNo: 'PM20261128GHI', transactionId: '4200000352202611281234567890', amountFen: 1230, paidAt: new Date('2026-11-28T06:00:00Z') },
  ],
  refunds: [
    { outTradeNo: 'PM20261128DEF', outRefundNo: 'RF20261128001', refundId: '50300000012026112800000000001', refundFen: 10000, succeededAt: new Date('2026-11-28T07:00:00Z') },
  ],
};

const parse = (text: string) => parseTradeBill(text, { provider: 'wechatpay', mchid: MCHID });

function refusal(run: () => unknown): PaymentProviderError {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentProviderError) return error;
    throw error;
  }
  throw new Error('expected a PaymentProviderError');
}

describe('trade bill reader', () => {
  it('reads the golden bill to exact fen, skipping the refund still PROCESSING', () => {
    expect(parse(GOLDEN)).toEqual(GOLDEN_BILL);
    // No BOM, LF only, no trailing newline: the same bill.
    expect(parse(GOLDEN.replace('\uFEFF', '').replaceAll('\r\n', '\n').trimEnd())).toEqual(GOLDEN_BILL);
  });

  it('finds columns by header name, not position', () => {
    const lines = GOLDEN.replace('\uFEFF', '').split('\r\n');
    const swap = (line: string, sep: string) => {
      const fields = line.split(sep);
      [fields[5], fields[6]] = [fields[6]!, fields[5]!];
      return fields.join(sep);
    };
    const swapped = lines.map((line, i) => (i === 0 ? swap(line, ',') : line.startsWith('`') && i < 6 ? `\`${swap(line.slice(1), ',`')}` : line)).join('\n');
    expect(parse(swapped)).toEqual(GOLDEN_BILL);
  });

  it.each([
    ['总交易单数 is not the row count', (t: string) => t.replace('`5,`3365.25', '`4,`3365.25'), /总交易单数 4/],
    ['应结订单总金额 is not the sum', (t: string) => t.replace('`3365.25', '`3365.26'), /应结订单总金额/],
    ['退款总金额 is not the sum', (t: string) => t.replace('`100.01,`0.00,`20.19000', '`100.00,`0.00,`20.19000'), /退款总金额/],
    ['a row has a field too few', (t: string) => t.replace('`0.00000,`0.60%,`0.01,`0.00,`', '`0.00000,`0.01,`0.00,`'), /26 fields, the header has 27/],
    ['a row has a field too many', (t: string) => t.replace('`停车费,`', '`停车费,`,`'), /28 fields/],
    ['an amount is not on the fen', (t: string) => t.replace('`12.30,`0.00', '`12.301,`0.00'), /应结订单金额 "12.301"/],
    ['an amount is negative', (t: string) => t.replace('`12.30,`0.00', '`-12.30,`0.00'), /应结订单金额/],
    ['a time is not YYYY-MM-DD HH:mm:ss', (t: string) => t.replace('`2026-11-28 14:00:00', '`2026/11/28 14:00'), /交易时间/],
    ['a state is unknown', (t: string) => t.replace('`MWEB,`SUCCESS', '`MWEB,`PAYERROR'), /unknown 交易状态 "PAYERROR"/],
    ['a row is another merchant’s', (t: string) => t.replace('`1900009191,`0,`,`4200000352', '`1900000109,`0,`,`4200000352'), /商户号 1900000109 is not ours/],
    ['a row is not in CNY', (t: string) => t.replace('`OTHERS,`CNY,`12.30', '`OTHERS,`USD,`12.30'), /货币种类 USD/],
    ['a refund row has no 商户退款单号', (t: string) => t.replace('`RF20261128001', '`'), /商户退款单号 is empty/],
    ['a data row lacks backticks', (t: string) => t.replace('`2026-11-28 14:00:00,`', '2026-11-28 14:00:00,`'), /start with a backtick/],
    ['the summary is missing', (t: string) => t.slice(0, t.indexOf(SUMMARY_HEADER)), /no summary/],
    ['something follows the summary', (t: string) => `${t}\`1,\`0.00\r\n`, /last two lines/],
    ['a needed column is missing', (t: string) => t.replace('商户订单号,', '商户单号,'), /missing column\(s\) 商户订单号/],
    ['the text is empty', () => '\uFEFF\r\n', /no header/],
  ])('refuses a bill where %s: bill_malformed, not retryable', (_what, change, message) => {
    const error = refusal(() => parse(change(GOLDEN)));
    expect(error).toMatchObject({ code: 'bill_malformed', retryable: false, provider: 'wechatpay' });
    expect(error.message).toMatch(message);
  });
});

// --- the download, against local servers -------------------------------------------------------------------

const clock = fixedClock(new Date().toISOString());
let merchant: RsaPair;
let platform: RsaPair;
let api: Awaited<ReturnType<typeof startServer>>;
let files: Awaited<ReturnType<typeof startFileServer>>;
let tradebill: () => Reply;
let fileBody: Buffer;
let authFailures: string[];

function checkAuthorization(req: { method: string; url: string; headers: IncomingHttpHeaders; body: string }): string | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/.exec(header);
  if (!m) return `bad header format: ${header}`;
  const [, mchid, nonce, signature, timestamp, serial] = m;
  if (mchid !== MCHID || serial !== SERIAL) return 'wrong mchid or serial';
  const message = `${req.method}\n${req.url}\n${timestamp}\n${nonce}\n${req.body}\n`;
  return createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, signature!, 'base64') ? undefined : 'signature mismatch';
}

function signed(status: number, data: object, tamper = false): Reply {
  const body = JSON.stringify(data);
  const timestamp = String(clock.seconds());
  const nonce = 'RESPONSE-NONCE-1';
  const signature = rsaSha256(`${timestamp}\n${nonce}\n${tamper ? `${body} ` : body}\n`, platform.privateKey);
  return {
    status,
    body,
    headers: { 'content-type': 'application/json', 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': PUB_KEY_ID },
  };
}

/**
 * Stands in for WeChat Pay's download host: binary answers (startServer sends text), no signature headers,
 * our Authorization checked as the real one does.
 */
async function startFileServer() {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: '' };
    requests.push(recorded);
    const problem = checkAuthorization(recorded);
    if (problem) {
      authFailures.push(`download: ${problem}`);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'SIGN_ERROR', message: problem }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(fileBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex');

/** The tradebill answer for `bill`, its file served gzip'd by the file server. */
function serveBill(bill: string, options: { hashOf?: string; tamper?: boolean } = {}) {
  fileBody = gzipSync(Buffer.from(bill, 'utf8'));
  const downloadUrl = `${files.url}/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO`;
  tradebill = () => signed(200, { hash_type: 'SHA1', hash_value: sha1(options.hashOf ?? bill).toUpperCase(), download_url: downloadUrl }, options.tamper);
}

function provider() {
  return new WechatPayProvider({
    mchid: MCHID,
    appid: APPID,
    serialNo: SERIAL,
    privateKey: merchant.privateKey,
    apiV3Key: apiV3KeyBytes(APIV3_KEY),
    verifier: new WechatPayVerifier({ clock, publicKey: { id: PUB_KEY_ID, key: platform.publicKey } }),
    notifyUrl: 'https://pm.example.com/api/payments/notify/wechatpay',
    baseUrl: api.url,
    clock,
  });
}

beforeAll(async () => {
  merchant = rsaPair();
  platform = rsaPair();
  api = await startServer((req) => {
    const problem = checkAuthorization(req);
    if (problem) {
      authFailures.push(problem);
      return signed(401, { code: 'SIGN_ERROR', message: problem });
    }
    return req.method === 'GET' && req.url.startsWith('/v3/bill/tradebill?') ? tradebill() : signed(404, { code: 'NOT_FOUND', message: 'no route' });
  });
  files = await startFileServer();
});
afterAll(async () => {
  await api.close();
  await files.close();
});
beforeEach(() => {
  authFailures = [];
  api.requests.length = 0;
  files.requests.length = 0;
});

describe('trade bill download', () => {
  it('asks for the ALL bill, fetches the unsigned gzip file from another host with our signature, and reads it', async () => {
    serveBill(GOLDEN);
    expect(await provider().downloadBill('2026-11-28')).toEqual(GOLDEN_BILL);
    expect(api.requests.map((r) => r.url)).toEqual(['/v3/bill/tradebill?bill_date=2026-11-28&bill_type=ALL&tar_type=GZIP']);
    // Signed over the download URL's own path and query (checked by the file server).
    expect(files.requests.map((r) => r.url)).toEqual(['/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO']);
    expect(authFailures).toEqual([]);
  });

  it('refuses a download whose bytes are not the bill the signed answer hashed: bill_hash_mismatch, not retryable', async () => {
    serveBill(GOLDEN.replace('`3353.94,`0.00', '`3353.95,`0.00'), { hashOf: GOLDEN });
    const error = await provider()
      .downloadBill('2026-11-28')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ code: 'bill_hash_mismatch', retryable: false, details: { expected: sha1(GOLDEN) } });
    // A file that is not gzip at all (or is cut short) is no more the bill.
    serveBill(GOLDEN);
    fileBody = fileBody.subarray(0, fileBody.length - 8);
    await expect(provider().downloadBill('2026-11-28')).rejects.toMatchObject({ code: 'bill_hash_mismatch', retryable: false });
  });

  it('NO_STATEMENT_EXIST is an empty bill', async () => {
    tradebill = () => signed(400, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' });
    expect(await provider().downloadBill('2026-11-27')).toEqual({ payments: [], refunds: [] });
    expect(files.requests).toEqual([]);
  });

  it('STATEMENT_CREATING is bill_not_ready, retryable', async () => {
    tradebill = () => signed(400, { code: 'STATEMENT_CREATING', message: '账单生成中' });
    const error = await provider()
      .downloadBill('2026-11-28')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ provider: 'wechatpay', code: 'bill_not_ready', retryable: true });
  });

  it('refuses a tradebill answer with a bad signature and never downloads', async () => {
    serveBill(GOLDEN, { tamper: true });
    await expect(provider().downloadBill('2026-11-28')).rejects.toMatchObject({ code: 'response_signature_invalid', retryable: false, details: { reason: 'bad_signature' } });
    expect(files.requests).toEqual([]);
  });

  it('refuses an answer that is not a SHA1 tradebill answer', async () => {
    tradebill = () => signed(200, { hash_type: 'MD5', hash_value: 'abc', download_url: `${files.url}/x` });
    await expect(provider().downloadBill('2026-11-28')).rejects.toMatchObject({ code: 'unexpected_response' });
    expect(files.requests).toEqual([]);
  });

  it('refuses a day that is not a calendar date before asking anything', async () => {
    for (const day of ['2026-02-30', '2026-13-01', '20261128', '2026-11-28T00:00:00', '']) {
      await expect(provider().downloadBill(day)).rejects.toMatchObject({ code: 'invalid_request', retryable: false });
    }
    expect(api.requests).toEqual([]);
  });
});

// --- the sandbox ---------------------------------------------------------------------------------------------

describe('sandbox trade bill', () => {
  it('gives exactly the day’s payment and completed refund, by Beijing day', async () => {
    const at = fixedClock('2026-11-28T01:26:45Z'); // 09:26:45 in Beijing
    const sandbox = new SandboxProvider({ clock: at });
    const pay = async (outTradeNo: string, amountFen: number, when: string) => {
      at.set(when);
      await sandbox.createPayment({ outTradeNo, amountFen, description: '翠湖花园 1-101 物业费, 2026-11' }, 'jsapi');
      sandbox.createNotification({ order: { outTradeNo }, outcome: 'SUCCESS' });
    };
    await pay('PM20261128ABC', 335394, '2026-11-28T01:26:45Z');
    await pay('PM20261127LATE', 100, '2026-11-27T15:59:59Z'); // 23:59:59 on the 27th
    await pay('PM20261128EARLY', 200, '2026-11-27T16:00:00Z'); // 00:00:00 on the 28th
    await sandbox.createPayment({ outTradeNo: 'PM20261128UNPAID', amountFen: 300, description: '未付' }, 'h5');
    at.set('2026-11-28T07:00:00Z');
    const refund = await sandbox.refund({ outTradeNo: 'PM20261128ABC', outRefundNo: 'RF20261128001', refundFen: 10000, totalFen: 335394 });
    at.set('2026-11-29T03:00:00Z');

    const tx = (outTradeNo: string) => sandbox.backend.transaction(outTradeNo)!.transaction_id!;
    expect(await sandbox.downloadBill('2026-11-28')).toEqual({
      payments: [
        { outTradeNo: 'PM20261128EARLY', transactionId: tx('PM20261128EARLY'), amountFen: 200, paidAt: new Date('2026-11-27T16:00:00Z') },
        { outTradeNo: 'PM20261128ABC', transactionId: tx('PM20261128ABC'), amountFen: 335394, paidAt: new Date('2026-11-28T01:26:45Z') },
      ],
      refunds: [{ outTradeNo: 'PM20261128ABC', outRefundNo: 'RF20261128001', refundId: refund.refundId, refundFen: 10000, succeededAt: new Date('2026-11-28T07:00:00Z') }],
    });
    expect(await sandbox.downloadBill('2026-11-27')).toEqual({
      payments: [{ outTradeNo: 'PM20261127LATE', transactionId: tx('PM20261127LATE'), amountFen: 100, paidAt: new Date('2026-11-27T15:59:59Z') }],
      refunds: [],
    });
    expect(await sandbox.downloadBill('2026-11-29')).toEqual({ payments: [], refunds: [] });
  });

  it('a refund still PROCESSING is not on the bill; it is on the day it completes', async () => {
    const at = fixedClock('2026-11-28T02:00:00Z');
    const sandbox = new SandboxProvider({ clock: at, refundOutcome: 'PROCESSING' });
    await sandbox.createPayment({ outTradeNo: 'PM20261128ABC', amountFen: 500, description: '物业费' }, 'jsapi');
    sandbox.createNotification({ order: { outTradeNo: 'PM20261128ABC' }, outcome: 'SUCCESS' });
    await sandbox.refund({ outTradeNo: 'PM20261128ABC', outRefundNo: 'RF1', refundFen: 500, totalFen: 500 });
    expect((await sandbox.downloadBill('2026-11-28')).refunds).toEqual([]);
    sandbox.createRefundNotification({ outRefundNo: 'RF1', outcome: 'SUCCESS', at: new Date('2026-11-29T01:00:00Z') });
    expect(await sandbox.downloadBill('2026-11-29')).toMatchObject({ payments: [], refunds: [{ outRefundNo: 'RF1', refundFen: 500, succeededAt: new Date('2026-11-29T01:00:00Z') }] });
  });

  it('serves the file as WeChat Pay does: the exact format, gzip, no signature headers, our Authorization required', async () => {
    const at = fixedClock('2026-11-28T01:26:45Z');
    const sandbox = new SandboxProvider({ clock: at });
    await sandbox.createPayment({ outTradeNo: 'PM20261128ABC', amountFen: 1, description: '物业费' }, 'jsapi');
    sandbox.createNotification({ order: { outTradeNo: 'PM20261128ABC' }, outcome: 'SUCCESS' });
    const answers: { url: string; response: Response }[] = [];
    const client = new WechatPayClient({
      mchid: sandbox.keys.mchid,
      serialNo: sandbox.keys.merchantSerial,
      privateKey: sandbox.keys.merchantPrivateKey,
      verifier: sandbox.verifier,
      baseUrl: SANDBOX_BASE_URL,
      clock: at,
      provider: 'sandbox',
      fetch: async (url, init) => {
        const response = await sandbox.backend.fetch(url, init);
        answers.push({ url, response: response.clone() });
        return response;
      },
    });
    const text = await client.tradeBill('2026-11-28');
    const tx = sandbox.backend.transaction('PM20261128ABC')!;
    expect(text).toBe(
      [
        HEADER,
        `\`2026-11-28 09:26:45,\`${sandbox.keys.appid},\`${sandbox.keys.mchid},\`0,\`,\`${tx.transaction_id},\`PM20261128ABC,\`o-sandbox-payer,\`JSAPI,\`SUCCESS,\`OTHERS,\`CNY,\`0.01,\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`物业费,\`,\`0.00000,\`0.00%,\`0.01,\`0.00,\``,
        SUMMARY_HEADER,
        '`1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00',
        '',
      ].join('\r\n'),
    );
    const [info, file] = answers;
    expect(info!.response.headers.get('wechatpay-signature')).toBeTruthy();
    const { download_url: downloadUrl } = (await info!.response.json()) as { download_url: string };
    expect(downloadUrl).toMatch(/^https:\/\/sandbox\.wechatpay\.invalid\/v3\/billdownload\/file\?token=\w+$/);
    expect(file!.url).toBe(downloadUrl);
    expect([...file!.response.headers.keys()].filter((h) => h.startsWith('wechatpay-'))).toEqual([]);
    // Without our signature the file is refused, as every sandbox endpoint refuses.
    expect((await sandbox.backend.fetch(downloadUrl, { method: 'GET' })).status).toBe(401);
    // The link lasts 30 seconds.
    at.set('2026-11-28T01:27:16Z');
    await expect(client.request('GET', new URL(downloadUrl).pathname + new URL(downloadUrl).search)).rejects.toMatchObject({ code: 'PARAM_ERROR' });
  });
});

// --- render → parse ------------------------------------------------------------------------------------------

const seconds = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => new Date(s * 1000));
const fen = fc.integer({ min: 1, max: 10 ** 11 });
const freeText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('翠湖花园 1-101 物业费, 2026-11', 'a`b,`c', 'two\r\nlines', ''));
const payment = fc.record({
  outTradeNo: fc.stringMatching(/^[A-Za-z0-9_\-|*]{6,32}$/),
  transactionId: fc.option(fc.stringMatching(/^4200\d{24}$/), { nil: null }),
  amountFen: fen,
  paidAt: seconds,
  description: freeText,
  attach: freeText,
});
const refund = fc.record({
  outTradeNo: fc.stringMatching(/^[A-Za-z0-9_\-|*]{6,32}$/),
  outRefundNo: fc.stringMatching(/^[A-Za-z0-9_\-|*@]{1,64}$/),
  refundId: fc.option(fc.stringMatching(/^5030\d{25}$/), { nil: null }),
  refundFen: fen,
  succeededAt: seconds,
  orderFen: fen,
  description: freeText,
});

describe('sandbox renderer → reader', () => {
  it('reads back exactly what was written, to the fen', () => {
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 20 }), fc.array(refund, { maxLength: 20 }), (payments, refunds) => {
        const text = renderTradeBill({ payments, refunds }, { appid: APPID, mchid: MCHID });
        const expected = {
          payments: payments.map(({ outTradeNo, transactionId, amountFen, paidAt }): BillPayment => ({ outTradeNo, transactionId, amountFen, paidAt })),
          refunds: refunds.map(({ outTradeNo, outRefundNo, refundId, refundFen, succeededAt }): BillRefund => ({ outTradeNo, outRefundNo, refundId, refundFen, succeededAt })),
        };
        expect(parseTradeBill(text, { provider: 'sandbox', mchid: MCHID })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
