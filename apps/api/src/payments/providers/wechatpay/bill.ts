/**
 * WeChat Pay API v3 交易账单 (trade bill, bill_type ALL) read into the provider-neutral DayBill.
 *
 * The file is UTF-8 text: a header line, one line per payment or refund with every field prefixed by a
 * backtick (so Excel keeps long numbers as text), then a two-line summary. Columns are found by their header
 * name, not their position, because WeChat Pay documents the header as the authority on column order.
 * Fields are split on ",`" rather than ",": a description or attach may hold a comma, never that pair.
 *
 * The summary is checked against the rows (count, settlement total, refund total) before anything is
 * returned: a bill that disagrees with itself is `bill_malformed`, never a partly read day, because
 * reconciliation would then report money as missing that was only lost in parsing.
 */
import { yuanToFen } from '../money';
import { parseCstDateTime } from '../time';
import { type BillPayment, type BillRefund, type DayBill, PaymentProviderError, type ProviderName } from '../types';

/** The ALL bill's header, in WeChat Pay's order (the sandbox writes exactly this). */
export const TRADE_BILL_COLUMNS = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
] as const;

export type TradeBillColumn = (typeof TRADE_BILL_COLUMNS)[number];

export const TRADE_BILL_SUMMARY_COLUMNS = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'] as const;

export type TradeBillSummaryColumn = (typeof TRADE_BILL_SUMMARY_COLUMNS)[number];

/** The columns this reader needs; 订单金额 may be empty (older bills), then 应结订单金额 stands for it. */
const REQUIRED_COLUMNS: readonly TradeBillColumn[] = ['交易时间', '商户号', '微信订单号', '商户订单号', '交易状态', '货币种类', '应结订单金额', '微信退款单号', '商户退款单号', '退款金额', '退款状态'];
const REQUIRED_SUMMARY: readonly TradeBillSummaryColumn[] = ['总交易单数', '应结订单总金额', '退款总金额'];

export interface TradeBillExpectations {
  provider: ProviderName;
  /** Every row must be for this merchant: a bill of another mchid is not ours to reconcile. */
  mchid?: string;
}

interface Line {
  no: number;
  text: string;
}

interface Row {
  no: number;
  get(column: TradeBillColumn): string;
}

/** Joins fields the way the bill does: a backtick before each, commas between. */
export function billLine(fields: readonly string[]): string {
  return fields.map((field) => `\`${field}`).join(',');
}

/** The fields of a data or summary line, backticks removed; undefined when the line is not backtick-prefixed. */
function splitFields(text: string): string[] | undefined {
  return text.startsWith('`') ? text.slice(1).split(',`') : undefined;
}

export function parseTradeBill(text: string, expected: TradeBillExpectations): DayBill {
  const malformed = (line: number | null, message: string) =>
    new PaymentProviderError(expected.provider, 'bill_malformed', `WeChat Pay bill${line === null ? '' : ` line ${line}`}: ${message}`, false, { line });
  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, i) => ({ no: i + 1, text: line }))
    .filter((line) => line.text.trim() !== '');
  const summaryAt = lines.findIndex((line) => line.text.startsWith(TRADE_BILL_SUMMARY_COLUMNS[0]));
  if (lines.length < 3 || summaryAt < 1) throw malformed(null, 'no header, or no summary (总交易单数) after it');
  if (summaryAt !== lines.length - 2) throw malformed(lines[summaryAt]!.no, 'the summary must be the last two lines');

  const header = columnsOf(lines[0]!, REQUIRED_COLUMNS, malformed);
  const rows = lines.slice(1, summaryAt).map((line) => rowOf(line, header, malformed));
  const bill: DayBill = { payments: [], refunds: [] };
  for (const row of rows) readRow(row, bill, expected, malformed);
  checkSummary(lines[summaryAt]!, lines[summaryAt + 1]!, rows, malformed);
  return bill;
}

type Malformed = (line: number | null, message: string) => PaymentProviderError;

/** Column name → position, from a header line (no backticks there). */
function columnsOf(line: Line, required: readonly string[], malformed: Malformed): Map<string, number> {
  const names = line.text.split(',').map((name) => name.trim());
  const index = new Map(names.map((name, i) => [name, i]));
  if (index.size !== names.length) throw malformed(line.no, 'a column name appears twice');
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) throw malformed(line.no, `missing column(s) ${missing.join(', ')}`);
  return index;
}

function rowOf(line: Line, header: Map<string, number>, malformed: Malformed): Row {
  const fields = splitFields(line.text);
  if (!fields) throw malformed(line.no, 'a data row must start with a backtick');
  if (fields.length !== header.size) throw malformed(line.no, `${fields.length} fields, the header has ${header.size}`);
  return {
    no: line.no,
    get: (column) => {
      const at = header.get(column);
      return at === undefined ? '' : fields[at]!.trim();
    },
  };
}

function readRow(row: Row, bill: DayBill, expected: TradeBillExpectations, malformed: Malformed): void {
  if (expected.mchid !== undefined && row.get('商户号') !== expected.mchid) throw malformed(row.no, `商户号 ${row.get('商户号')} is not ours`);
  if (row.get('货币种类') !== 'CNY') throw malformed(row.no, `货币种类 ${row.get('货币种类')}, expected CNY`);
  const state = row.get('交易状态');
  switch (state) {
    case 'SUCCESS':
      bill.payments.push(paymentOf(row, malformed));
      return;
    case 'REFUND':
      // The bill is a snapshot taken when the refund was accepted: PROCESSING (or a failed refund) has not
      // given anything back yet, so it is not a completed refund of this day.
      if (row.get('退款状态') === 'SUCCESS') bill.refunds.push(refundOf(row, malformed));
      return;
    case 'REVOKED':
      // Micropay (付款码) only, which this system does not offer; a revoked trade kept no money.
      return;
    default:
      // A state we have never seen could be money in or out; guessing either way would hide it.
      throw malformed(row.no, `unknown 交易状态 ${JSON.stringify(state)}`);
  }
}

function paymentOf(row: Row, malformed: Malformed): BillPayment {
  const orderTotal = row.get('订单金额') !== '' ? '订单金额' : '应结订单金额';
  return {
    outTradeNo: required(row, '商户订单号', malformed),
    transactionId: row.get('微信订单号') || null,
    amountFen: fenOf(row, orderTotal, malformed),
    paidAt: timeOf(row, malformed),
  };
}

function refundOf(row: Row, malformed: Malformed): BillRefund {
  return {
    outTradeNo: required(row, '商户订单号', malformed),
    outRefundNo: required(row, '商户退款单号', malformed),
    refundId: row.get('微信退款单号') || null,
    refundFen: fenOf(row, '退款金额', malformed),
    succeededAt: timeOf(row, malformed),
  };
}

function required(row: Row, column: TradeBillColumn, malformed: Malformed): string {
  const value = row.get(column);
  if (!value) throw malformed(row.no, `${column} is empty`);
  return value;
}

function fenOf(row: Row, column: TradeBillColumn, malformed: Malformed): number {
  return toFen(row.get(column), () => malformed(row.no, `${column} ${JSON.stringify(row.get(column))} is not an amount in yuan`));
}

function toFen(yuan: string, error: () => PaymentProviderError): number {
  try {
    return yuanToFen(yuan);
  } catch {
    throw error();
  }
}

function timeOf(row: Row, malformed: Malformed): Date {
  const at = parseCstDateTime(row.get('交易时间'));
  if (!at) throw malformed(row.no, `交易时间 ${JSON.stringify(row.get('交易时间'))} is not YYYY-MM-DD HH:mm:ss`);
  return at;
}

/** 总交易单数 counts every data row; the totals are the sums of their columns over every row. */
function checkSummary(headerLine: Line, valueLine: Line, rows: Row[], malformed: Malformed): void {
  const header = columnsOf(headerLine, REQUIRED_SUMMARY, malformed);
  const values = splitFields(valueLine.text);
  if (!values || values.length !== header.size) throw malformed(valueLine.no, 'the summary values do not match the summary header');
  const value = (column: TradeBillSummaryColumn) => values[header.get(column)!]!.trim();

  if (!/^\d+$/.test(value('总交易单数')) || Number(value('总交易单数')) !== rows.length) {
    throw malformed(valueLine.no, `总交易单数 ${value('总交易单数')}, but the bill has ${rows.length} rows`);
  }
  const totals: [TradeBillSummaryColumn, TradeBillColumn][] = [
    ['应结订单总金额', '应结订单金额'],
    ['退款总金额', '退款金额'],
  ];
  for (const [total, column] of totals) {
    const stated = toFen(value(total), () => malformed(valueLine.no, `${total} ${JSON.stringify(value(total))} is not an amount in yuan`));
    const sum = rows.reduce((acc, row) => acc + fenOf(row, column, malformed), 0);
    if (!Number.isSafeInteger(sum) || sum !== stated) throw malformed(valueLine.no, `${total} ${value(total)} is not the sum of ${column} over the rows`);
  }
}
