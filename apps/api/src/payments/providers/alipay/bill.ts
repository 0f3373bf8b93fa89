/**
 * Alipay's trade bill 业务明细 (bill_type `trade`) of one Beijing day, as DayBill.
 *
 * alipay.data.dataservice.bill.downloadurl.query gives a one-time link (valid 30 s) to a ZIP holding
 * `<pid>0156_<yyyymmdd>_业务明细.csv` and `…_业务明细(汇总).csv`. Both are GBK, and so are the entry names unless
 * the UTF-8 flag is set. The detail file is a CSV between `#` comment lines:
 *
 *   #起始日期：[2026年11月28日 00:00:00]   终止日期：[2026年11月29日 00:00:00]
 *   支付宝交易号,商户订单号,业务类型,…,完成时间,…,订单金额（元）,商家实收（元）,…,退款批次号/请求号,…
 *   2026112822001404180512345678	,PM20261128ABC	,交易	,…      (fields padded with tabs, so Excel keeps them as text)
 *   #交易合计：1笔，商家实收：共3353.94元，…
 *   #退款合计：1笔，商家实收：共-100.00元，…
 *
 * Columns are found by their header name, not position: Alipay has added columns over the years. The footer's
 * counts and 商家实收 totals are checked against the rows, and the period against the day asked for, so a
 * truncated or mixed-up file is an error (bill_malformed, not retryable) rather than a quietly short bill.
 */
import { yuanToFen } from '../money';
import { parseCstDateTime } from '../time';
import { type BillPayment, type BillRefund, type DayBill, PaymentProviderError } from '../types';
import { ZipError, readZip } from '../zip';

/** A property manager's day is a few thousand rows (~1 MB); anything near this is not a bill. */
const MAX_BILL_BYTES = 64 * 1024 * 1024;

const COLUMNS = {
  tradeNo: '支付宝交易号',
  outTradeNo: '商户订单号',
  type: '业务类型',
  finishedAt: '完成时间',
  orderAmount: '订单金额（元）',
  received: '商家实收（元）',
  outRefundNo: '退款批次号/请求号',
} as const;

type Column = keyof typeof COLUMNS;

const TOTAL_LINE = /^#\s*(交易|退款)合计[：:]\s*(\d+)\s*笔\s*[，,]\s*商家实收[：:]\s*共\s*(-?[\d.]+)\s*元/;
const PERIOD_LINE = /^#\s*起始日期[：:]\s*\[([^\]]*)\]\s*终止日期[：:]\s*\[([^\]]*)\]/;

/** `YYYY-MM-DD` naming a real calendar date. */
export function isBillDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === day;
}

/**
 * GETs the bill archive behind a download link. The link is unsigned and dies after 30 s, so every failure
 * here is retryable: the retry asks the gateway for a fresh link. That includes an answer that is not a ZIP at
 * all, which is how the download host reports an expired link; a ZIP that then fails its checks is not.
 */
export async function fetchBillArchive(url: string, timeoutMs: number): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      throw downloadFailed(`the bill download answered HTTP ${response.status}`, { status: response.status });
    }
    bytes = await readCapped(response, MAX_BILL_BYTES);
  } catch (error) {
    if (error instanceof PaymentProviderError) throw error;
    throw new PaymentProviderError('alipay', 'network_error', `Alipay bill download failed: ${(error as Error).message}`, true);
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw downloadFailed('the bill download is not a ZIP archive', { start: bytes.subarray(0, 200).toString('utf8') });
  }
  return bytes;
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      length += chunk.length;
      if (length > maxBytes) throw malformed(`the bill archive is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, length);
}

/** The day's payments and refunds from the downloaded archive. */
export function readAlipayBillArchive(zip: Buffer, day: string): DayBill {
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(zip, { maxEntryBytes: MAX_BILL_BYTES, legacyNameEncoding: 'gbk' });
  } catch (error) {
    if (error instanceof ZipError) throw malformed(`the bill archive is corrupt: ${error.message}`);
    throw error;
  }
  // `…_业务明细(汇总).csv` is the summary; only the detail file ends in 业务明细.csv.
  const details = entries.filter((e) => e.name.endsWith('业务明细.csv'));
  if (details.length !== 1) throw malformed(`expected one 业务明细.csv in the archive, found: ${entries.map((e) => e.name).join(', ') || 'nothing'}`);
  let text: string;
  try {
    text = new TextDecoder('gbk', { fatal: true }).decode(details[0]!.data);
  } catch {
    throw malformed(`${details[0]!.name} is not GBK text`);
  }
  return parseAlipayBillCsv(text, day);
}

/** The detail CSV (already decoded) as DayBill, checked against its footer and period. */
export function parseAlipayBillCsv(text: string, day: string): DayBill {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  checkPeriod(lines, day);
  const headerAt = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  if (headerAt < 0) throw malformed('the bill has no column header');
  const header = splitCsvLine(lines[headerAt]!);
  const index = columnIndex(header);
  const bill: DayBill = { payments: [], refunds: [] };
  const seen = { 交易: { count: 0, fen: 0 }, 退款: { count: 0, fen: 0 } };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) throw malformed(`line ${i + 1} has ${fields.length} fields, the header ${header.length}`);
    const row = billRow((column) => fields[index[column]]!, i + 1);
    seen[row.type].count++;
    seen[row.type].fen += row.receivedFen;
    if (row.type === '交易') bill.payments.push(row.payment);
    else bill.refunds.push(row.refund);
  }
  checkTotals(lines, seen);
  return bill;
}

type BillRow = { type: '交易'; payment: BillPayment; receivedFen: number } | { type: '退款'; refund: BillRefund; receivedFen: number };

function billRow(get: (column: Column) => string, line: number): BillRow {
  const type = get('type');
  const tradeNo = get('tradeNo');
  const outTradeNo = get('outTradeNo');
  const at = parseCstDateTime(get('finishedAt'));
  if (!at) throw malformed(`line ${line}: 完成时间 ${JSON.stringify(get('finishedAt'))} is not a time`);
  const receivedFen = signedFen(get('received'), line);
  // An empty 商户订单号 (money taken outside our API) is passed on as '': reconciliation reports it as an order
  // we never made, which is what it is, instead of the whole day failing.
  if (type === '交易') {
    return { type, receivedFen, payment: { outTradeNo, transactionId: tradeNo || null, amountFen: signedFen(get('orderAmount'), line, false), paidAt: at } };
  }
  if (type === '退款') {
    // 商家实收 of a refund row is the money leaving our account, negative. We never fund discounts, so it is the
    // refund_amount we asked for; 订单金额 on this row is the original order's total, not the refund.
    const refundFen = -receivedFen;
    if (!(refundFen > 0)) throw malformed(`line ${line}: refund 商家实收 ${get('received')} is not negative`);
    return {
      type,
      receivedFen,
      refund: {
        outTradeNo,
        outRefundNo: get('outRefundNo'),
        // Alipay gives a refund no number of its own: the row carries the refunded trade's 支付宝交易号, the same
        // trade_no refund()/queryRefund() report as refundId, so what reconciliation stores stays consistent.
        refundId: tradeNo || null,
        refundFen,
        succeededAt: at,
      },
    };
  }
  // Anything else would be money the footer's totals do not cover; dropping it would hide it.
  throw malformed(`line ${line}: unknown 业务类型 ${JSON.stringify(type)}`);
}

/** Yuan as written in the bill ("3353.94", "-100.00") to fen, exactly; the sign is ours to handle. */
function signedFen(yuan: string, line: number, allowNegative = true): number {
  const negative = yuan.startsWith('-');
  if (negative && !allowNegative) throw malformed(`line ${line}: amount ${yuan} is negative`);
  let fen: number;
  try {
    fen = yuanToFen(negative ? yuan.slice(1) : yuan);
  } catch {
    throw malformed(`line ${line}: ${JSON.stringify(yuan)} is not an amount`);
  }
  return negative ? -fen : fen;
}

function columnIndex(header: string[]): Record<Column, number> {
  const index = {} as Record<Column, number>;
  for (const [column, name] of Object.entries(COLUMNS) as [Column, string][]) {
    const at = header.indexOf(name);
    if (at < 0) throw malformed(`the bill header lacks the column ${name}`);
    index[column] = at;
  }
  return index;
}

/** The bill must cover exactly [day 00:00, next day 00:00) Beijing time. */
function checkPeriod(lines: string[], day: string): void {
  const period = lines.map((line) => PERIOD_LINE.exec(line)).find((m) => m !== null);
  if (!period) throw malformed('the bill has no 起始日期/终止日期 line');
  const expected = [chineseDate(day), chineseDate(nextDay(day))];
  if (period[1]!.trim() !== expected[0] || period[2]!.trim() !== expected[1]) {
    throw malformed(`the bill covers [${period[1]}, ${period[2]}), not ${day}`);
  }
}

function checkTotals(lines: string[], seen: Record<'交易' | '退款', { count: number; fen: number }>): void {
  for (const type of ['交易', '退款'] as const) {
    const totals = lines.flatMap((line, i) => {
      const match = TOTAL_LINE.exec(line);
      return match && match[1] === type ? [{ count: Number(match[2]), received: match[3]!, line: i + 1 }] : [];
    });
    if (totals.length !== 1) throw malformed(`the bill has ${totals.length} #${type}合计 lines, expected 1`);
    const { count, received, line } = totals[0]!;
    if (count !== seen[type].count || signedFen(received, line) !== seen[type].fen) {
      throw malformed(`#${type}合计 says ${count} rows and ${received} yuan, the rows are ${seen[type].count} and ${seen[type].fen} fen`, { type, count, received, seen: seen[type] });
    }
  }
}

/**
 * One CSV line. Alipay does not quote, but a quoted field (RFC 4180, "" for a quote) is read correctly rather
 * than split on its commas. Fields are trimmed: Alipay pads them with tabs and spaces.
 */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/** 2026-11-28 → 2026年11月28日 00:00:00, as the period line writes it. */
function chineseDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日 00:00:00`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function malformed(message: string, details?: unknown): PaymentProviderError {
  return new PaymentProviderError('alipay', 'bill_malformed', `Alipay bill: ${message}`, false, details);
}

function downloadFailed(message: string, details?: unknown): PaymentProviderError {
  return new PaymentProviderError('alipay', 'bill_download_failed', `Alipay bill: ${message}`, true, details);
}
