/**
 * Alipay trade bill 业务明细: the signed bill-URL query against a local gateway (our signature checked, its
 * answer signed), the download from a separate local file host, and the archive read back. The ZIP files, their
 * CRC-32 and the GBK text are all made here by hand, independently of the reader under test. No database.
 */
import { createVerify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAlipayBillCsv, readAlipayBillArchive } from '../src/payments/providers/alipay/bill';
import { AlipayProvider } from '../src/payments/providers/alipay/provider';
import { type RecordedRequest, type Reply, type RsaPair, fixedClock, rsaPair, rsaSha256, startServer } from './payments-providers-fixtures';

const APP_ID = '2021000117600000';
const DAY = '2026-11-28';
const DETAIL_NAME = '20886126836996110156_20261128_业务明细.csv';
const SUMMARY_NAME = '20886126836996110156_20261128_业务明细(汇总).csv';
// 10:30 in Beijing on the next day: the bill of DAY is due.
const clock = fixedClock('2026-11-29T02:30:00Z');

// ---------------------------------------------------------------------------------------------------------------
// GBK, CRC-32 and ZIP written by hand.

/** char → GBK bytes, from the double-byte range decoded once (Node's GBK decoder is the only GBK table at hand). */
const GBK_TABLE = (() => {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, Buffer>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const bytes = Buffer.from([hi, lo]);
      const char = decoder.decode(bytes);
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, bytes);
    }
  }
  return table;
})();

function gbk(text: string): Buffer {
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = GBK_TABLE.get(char);
      if (!bytes) throw new Error(`no GBK for ${char}`);
      return bytes;
    }),
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipFile {
  name: string;
  data: Buffer;
  /** 8: deflate, 0: stored. */
  method: 0 | 8;
  /** Write the name as UTF-8 with flag bit 11 instead of GBK. */
  utf8Name?: boolean;
}

/** A ZIP as Alipay's server writes one: local headers and data, the central directory, the end record. */
function makeZip(files: ZipFile[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = file.utf8Name ? Buffer.from(file.name, 'utf8') : gbk(file.name);
    const body = file.method === 8 ? deflateRawSync(file.data) : file.data;
    const flags = file.utf8Name ? 0x800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(file.method, 8);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(file.method, 10);
    central.writeUInt32LE(crc32(file.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    directory.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}

/** The archive as downloaded: the detail file and its summary, GBK. */
function billZip(detailCsv: string, method: 0 | 8 = 8): Buffer {
  return makeZip([
    { name: DETAIL_NAME, data: gbk(detailCsv), method },
    { name: SUMMARY_NAME, data: gbk(SUMMARY_CSV), method },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Bills.

const HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

const PREAMBLE = [
  '#支付宝业务明细查询',
  '#账号：[20886126836996110156]',
  '#起始日期：[2026年11月28日 00:00:00]   终止日期：[2026年11月29日 00:00:00]',
  '#-----------------------------------------业务明细列表----------------------------------------',
  HEADER,
];

const GOLDEN_CSV = [
  ...PREAMBLE,
  '2026112822001404180512345678\t,PM20261128ABC\t,交易\t,物业费\t,2026-11-28 09:26:01\t,2026-11-28 09:26:45\t,\t,\t,\t,\t,138****8000\t,3353.94\t,3353.94\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-20.12\t,0.00\t,',
  '2026112822001404180512345678\t,PM20261128ABC\t,退款\t,物业费\t,2026-11-28 09:26:01\t,2026-11-28 15:02:10\t,\t,\t,\t,\t,138****8000\t,3353.94\t,-100.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,RF20261128X1\t,0.60\t,0.00\t,',
  '#-----------------------------------------业务明细列表结束------------------------------------',
  '#交易合计：1笔，商家实收：共3353.94元，商家优惠：共0.00元',
  '#退款合计：1笔，商家实收：共-100.00元，商家优惠：共0.00元',
  '#导出时间：[2026年11月29日 10:25:13]',
].join('\r\n');

const EMPTY_CSV = [
  ...PREAMBLE,
  '#-----------------------------------------业务明细列表结束------------------------------------',
  '#交易合计：0笔，商家实收：共0.00元，商家优惠：共0.00元',
  '#退款合计：0笔，商家实收：共0.00元，商家优惠：共0.00元',
  '#导出时间：[2026年11月29日 10:25:13]',
].join('\r\n');

const SUMMARY_CSV = ['#支付宝业务汇总查询', '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）', '合计,,1,1,3353.94,3253.94'].join('\r\n');

const GOLDEN_BILL = {
  payments: [{ outTradeNo: 'PM20261128ABC', transactionId: '2026112822001404180512345678', amountFen: 335394, paidAt: new Date('2026-11-28T01:26:45Z') }],
  refunds: [
    { outTradeNo: 'PM20261128ABC', outRefundNo: 'RF20261128X1', refundId: '2026112822001404180512345678', refundFen: 10000, succeededAt: new Date('2026-11-28T07:02:10Z') },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// The local gateway (as in payments-providers-alipay.test.ts) and the local bill file host.

let app: RsaPair;
let alipay: RsaPair;
let gateway: Awaited<ReturnType<typeof startServer>>;
let fileHost: { url: string; close: () => Promise<void> };
let billAnswer: (biz: Record<string, unknown>) => object;
let answerSigning: 'valid' | 'tampered';
let signFailures: string[];
let bizContents: Record<string, unknown>[];
let file: { status: number; body: Buffer };
let downloads: string[];

const signContent = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

function gatewayAnswer(req: RecordedRequest): Reply {
  const url = new URL(req.url, 'http://gateway');
  const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(req.body)) };
  if (!createVerify('RSA-SHA256').update(signContent(params)).verify(app.publicKey, params.sign!, 'base64')) signFailures.push(params.method!);
  const key = `${params.method!.replaceAll('.', '_')}_response`;
  const biz = JSON.parse(params.biz_content!) as Record<string, unknown>;
  bizContents.push(biz);
  const inner = JSON.stringify(
    params.method === 'alipay.data.dataservice.bill.downloadurl.query' ? billAnswer(biz) : { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: 'no answer' },
  );
  const sign = rsaSha256(answerSigning === 'tampered' ? inner.replace('10000', '10001') : inner, alipay.privateKey);
  return { status: 200, headers: { 'content-type': 'text/html;charset=utf-8' }, body: `{"${key}":${inner},"sign":"${sign}"}` };
}

/** Alipay's download host is not its gateway; the link it hands out needs no signature. */
async function startFileHost() {
  const server = createServer((req, res) => {
    downloads.push(req.url ?? '/');
    res.writeHead(file.status, { 'content-type': 'application/octet-stream' });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const downloadUrl = () => `${fileHost.url}/downloadBillFile.resource?bizType=trade&userId=20886126836996110156&fileType=csv.zip&bizDates=20261128&downloadFileName=20886126836996110156_20261128.csv.zip&fileId=%2Ftrade%2F20886126836996110156%2F20261128.csv.zip&timestamp=1796005513&token=abc`;

function provider() {
  return new AlipayProvider({
    appId: APP_ID,
    privateKey: app.privatePem,
    alipayPublicKey: alipay.publicPem,
    notifyUrl: 'https://pm.example.com/api/payments/notify/alipay',
    gateway: `${gateway.url}/gateway.do`,
    timeoutMs: 5_000,
    clock,
  });
}

beforeAll(async () => {
  app = rsaPair();
  alipay = rsaPair();
  gateway = await startServer(gatewayAnswer);
  fileHost = await startFileHost();
});
afterAll(async () => {
  await gateway.close();
  await fileHost.close();
});
beforeEach(() => {
  billAnswer = () => ({ code: '10000', msg: 'Success', bill_download_url: downloadUrl() });
  answerSigning = 'valid';
  signFailures = [];
  bizContents = [];
  downloads = [];
  file = { status: 200, body: billZip(GOLDEN_CSV) };
  clock.set('2026-11-29T02:30:00Z');
});

describe('the test helpers', () => {
  it('write GBK and CRC-32 as published', () => {
    expect(gbk('支付宝（元）：').toString('hex')).toBe('d6a7b8b6b1a6a3a8d4aaa3a9a3ba');
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('downloadBill against a local gateway and file host', () => {
  it("gives the day's payments and refunds in exact fen (signed query, verified answer, one download)", async () => {
    expect(await provider().downloadBill(DAY)).toEqual(GOLDEN_BILL);
    expect(bizContents).toEqual([{ bill_type: 'trade', bill_date: DAY }]);
    expect(signFailures).toEqual([]);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(/^\/downloadBillFile\.resource\?bizType=trade&/);
  });

  it('reads stored entries and UTF-8 flagged names as well', async () => {
    file.body = makeZip([{ name: DETAIL_NAME, data: gbk(GOLDEN_CSV), method: 0, utf8Name: true }]);
    expect(await provider().downloadBill(DAY)).toEqual(GOLDEN_BILL);
  });

  it('gives an empty bill for a day with no business', async () => {
    file.body = billZip(EMPTY_CSV, 0);
    expect(await provider().downloadBill(DAY)).toEqual({ payments: [], refunds: [] });
  });

  it('refuses a bill-URL answer whose signature does not match, and downloads nothing', async () => {
    answerSigning = 'tampered';
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'response_signature_invalid', retryable: false });
    expect(downloads).toEqual([]);
  });

  it('reports isp.bill_not_exist, and a day not over in Beijing, as bill_not_ready (retryable)', async () => {
    billAnswer = () => ({ code: '40004', msg: 'Business Failed', sub_code: 'isp.bill_not_exist', sub_msg: '账单不存在' });
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ provider: 'alipay', code: 'bill_not_ready', retryable: true });
    expect(downloads).toEqual([]);
    // 23:59 in Beijing on DAY itself: Alipay is not even asked.
    clock.set('2026-11-28T15:59:00Z');
    bizContents = [];
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_not_ready', retryable: true });
    await expect(provider().downloadBill('2026-12-01')).rejects.toMatchObject({ code: 'bill_not_ready', retryable: true });
    expect(bizContents).toEqual([]);
  });

  it('refuses days that are not YYYY-MM-DD dates, and maps other gateway errors as the other calls do', async () => {
    for (const day of ['2026-02-29', '2026-11-31', '2026-1-05', '20261128', '2026-11-28T00:00', '']) {
      await expect(provider().downloadBill(day)).rejects.toMatchObject({ code: 'invalid_request', retryable: false });
    }
    expect(bizContents).toEqual([]);
    billAnswer = () => ({ code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-arguments', sub_msg: '参数不合法' });
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'isv.invalid-arguments', retryable: false });
    billAnswer = () => ({ code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'isp.unknow-error', retryable: true });
    billAnswer = () => ({ code: '10000', msg: 'Success' });
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'unexpected_response', retryable: false });
  });

  it('refuses a corrupt archive (CRC mismatch, truncation, bad deflate data) without retrying', async () => {
    // Stored, so the amount is in the archive as text: change 3353.94 to 3353.95 behind the CRC's back.
    const stored = billZip(GOLDEN_CSV, 0);
    const at = stored.indexOf('3353.94');
    stored[at + 6] = '5'.charCodeAt(0);
    file.body = stored;
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_malformed', retryable: false, message: expect.stringContaining('CRC-32') });
    file.body = billZip(GOLDEN_CSV).subarray(0, 200);
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_malformed', retryable: false });
    const deflated = billZip(GOLDEN_CSV);
    deflated.fill(0xff, 80, 120);
    file.body = deflated;
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_malformed', retryable: false });
  });

  it('retries an expired link (an error page instead of a ZIP) and HTTP errors from the file host', async () => {
    file.body = Buffer.from('<html><body>下载超时，请重新下载</body></html>');
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_download_failed', retryable: true });
    file = { status: 503, body: Buffer.from('busy') };
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_download_failed', retryable: true });
  });

  it('refuses an archive without exactly one 业务明细.csv', async () => {
    file.body = makeZip([{ name: SUMMARY_NAME, data: gbk(SUMMARY_CSV), method: 8 }]);
    await expect(provider().downloadBill(DAY)).rejects.toMatchObject({ code: 'bill_malformed', retryable: false });
  });
});

describe('the 业务明细 checks', () => {
  const malformed = { code: 'bill_malformed', retryable: false };
  const edit = (from: string, to: string) => {
    expect(GOLDEN_CSV).toContain(from);
    return GOLDEN_CSV.replace(from, to);
  };

  it('refuses counts or 商家实收 totals that do not match the rows', () => {
    expect(() => parseAlipayBillCsv(edit('#交易合计：1笔', '#交易合计：2笔'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('商家实收：共3353.94元', '商家实收：共3353.93元'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('商家实收：共-100.00元', '商家实收：共100.00元'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('#退款合计：1笔，商家实收：共-100.00元，商家优惠：共0.00元\r\n', ''), DAY)).toThrow(expect.objectContaining(malformed));
  });

  it('refuses a bill without its column header, period or a known 业务类型, or of another day', () => {
    expect(() => parseAlipayBillCsv(edit(`${HEADER}\r\n`, ''), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('订单金额（元）', '订单金额'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('#起始日期', '#开始日期'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(GOLDEN_CSV, '2026-11-27')).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit(',退款\t,', ',冻结\t,'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit(',3353.94\t,3353.94\t,', ',3353.945\t,3353.94\t,'), DAY)).toThrow(expect.objectContaining(malformed));
    expect(() => parseAlipayBillCsv(edit('\t,物业费\t,2026-11-28 09:26:01', '\t,物业,费\t,2026-11-28 09:26:01'), DAY)).toThrow(expect.objectContaining(malformed));
  });

  it('reads the GBK archive and the decoded text alike', () => {
    expect(readAlipayBillArchive(billZip(GOLDEN_CSV), DAY)).toEqual(GOLDEN_BILL);
    expect(parseAlipayBillCsv(GOLDEN_CSV, DAY)).toEqual(GOLDEN_BILL);
    expect(parseAlipayBillCsv(EMPTY_CSV.replaceAll('\r\n', '\n'), DAY)).toEqual({ payments: [], refunds: [] });
  });
});

describe('property: rows rendered to the bill and read back', () => {
  /** Whole fen as the bill writes yuan, by integer arithmetic only. */
  const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
  const time = (second: number) => {
    const hms = [Math.floor(second / 3600), Math.floor(second / 60) % 60, second % 60].map((n) => String(n).padStart(2, '0'));
    return `${DAY} ${hms.join(':')}`;
  };

  const rowArb = fc.record({
    refund: fc.boolean(),
    tradeNo: fc.stringMatching(/^20261128\d{20}$/),
    outTradeNo: fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/),
    outRefundNo: fc.stringMatching(/^[A-Za-z0-9]{6,32}$/),
    orderFen: fc.integer({ min: 1, max: 10_000_000_000 }),
    refundFen: fc.integer({ min: 1, max: 10_000_000_000 }),
    second: fc.integer({ min: 0, max: 86_399 }),
    pad: fc.constantFrom('', '\t', ' ', ' \t'),
  });

  type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

  function render(rows: Row[]): string {
    const body = rows.map((r) => {
      const orderFen = Math.max(r.orderFen, r.refundFen);
      const received = r.refund ? -r.refundFen : orderFen;
      const fields = [r.tradeNo, r.outTradeNo, r.refund ? '退款' : '交易', '物业费', time(0), time(r.second), '', '', '', '', '138****8000', yuan(orderFen), yuan(received)];
      fields.push('0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00', r.refund ? r.outRefundNo : '', '0.00', '0.00', '');
      return fields.map((f) => `${f}${r.pad}`).join(',');
    });
    const total = (refund: boolean) => {
      const of = rows.filter((r) => r.refund === refund);
      const fen = of.reduce((sum, r) => sum + (refund ? -r.refundFen : Math.max(r.orderFen, r.refundFen)), 0);
      return `#${refund ? '退款' : '交易'}合计：${of.length}笔，商家实收：共${yuan(fen)}元，商家优惠：共0.00元`;
    };
    return [...PREAMBLE, ...body, '#-----------------------------------------业务明细列表结束------------------------------------', total(false), total(true)].join('\n');
  }

  it('gives back every row with the same fen, through GBK and the ZIP', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const bill = readAlipayBillArchive(billZip(render(rows)), DAY);
        const at = (second: number) => new Date(Date.parse(`${DAY}T00:00:00+08:00`) + second * 1000);
        expect(bill.payments).toEqual(
          rows.filter((r) => !r.refund).map((r) => ({ outTradeNo: r.outTradeNo, transactionId: r.tradeNo, amountFen: Math.max(r.orderFen, r.refundFen), paidAt: at(r.second) })),
        );
        expect(bill.refunds).toEqual(
          rows.filter((r) => r.refund).map((r) => ({ outTradeNo: r.outTradeNo, outRefundNo: r.outRefundNo, refundId: r.tradeNo, refundFen: r.refundFen, succeededAt: at(r.second) })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
