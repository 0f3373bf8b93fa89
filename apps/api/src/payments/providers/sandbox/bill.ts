/**
 * The sandbox's side of the trade bill: writes payments and refunds as WeChat Pay's ALL 交易账单 (the exact
 * header, backtick-prefixed fields, the two-line summary), so the sandbox provider downloads and parses it
 * with the same code as a real bill (wechatpay/bill.ts). The sandbox takes no fee, so fee fields are zero.
 */
import { fenToYuan } from '../money';
import { toCstDateTime } from '../time';
import type { BillPayment, BillRefund } from '../types';
import { TRADE_BILL_COLUMNS, TRADE_BILL_SUMMARY_COLUMNS, type TradeBillColumn, type TradeBillSummaryColumn, billLine } from '../wechatpay/bill';

/** A payment row: what a DayBill states, plus what the bill shows besides. */
export interface TradeBillPayment extends BillPayment {
  openid?: string;
  /** JSAPI, MWEB … */
  tradeType?: string;
  bankType?: string;
  description?: string;
  attach?: string;
}

/** A refund row: the refund, plus the order it gives money back from. */
export interface TradeBillRefund extends BillRefund {
  transactionId?: string | null;
  /** The refunded order's total. */
  orderFen?: number;
  openid?: string;
  tradeType?: string;
  description?: string;
  attach?: string;
}

export interface TradeBillMerchant {
  appid: string;
  mchid: string;
}

const ZERO = '0.00';

/** Backticks and line breaks would end a field or a row early; payers' free text must not do that. */
const text = (value: string | null | undefined) => (value ?? '').replace(/[`\r\n]/g, ' ');

/** The bill text, payments first, then refunds, each in the order given. Lines end in CRLF. */
export function renderTradeBill(records: { payments: readonly TradeBillPayment[]; refunds: readonly TradeBillRefund[] }, merchant: TradeBillMerchant): string {
  const rows = [...records.payments.map((p) => paymentRow(p, merchant)), ...records.refunds.map((r) => refundRow(r, merchant))];
  const sum = (column: AmountColumn) => fenToYuan(rows.reduce((acc, row) => acc + row.fen[column], 0));
  const summary: Record<TradeBillSummaryColumn, string> = {
    总交易单数: String(rows.length),
    应结订单总金额: sum('应结订单金额'),
    退款总金额: sum('退款金额'),
    充值券退款总金额: ZERO,
    手续费总金额: '0.00000',
    订单总金额: sum('订单金额'),
    申请退款总金额: sum('申请退款金额'),
  };
  const lines = [
    TRADE_BILL_COLUMNS.join(','),
    ...rows.map((row) => billLine(TRADE_BILL_COLUMNS.map((column) => row.fields[column]))),
    TRADE_BILL_SUMMARY_COLUMNS.join(','),
    billLine(TRADE_BILL_SUMMARY_COLUMNS.map((column) => summary[column])),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

type AmountColumn = '应结订单金额' | '退款金额' | '订单金额' | '申请退款金额';

interface RenderedRow {
  fields: Record<TradeBillColumn, string>;
  fen: Record<AmountColumn, number>;
}

function paymentRow(p: TradeBillPayment, merchant: TradeBillMerchant): RenderedRow {
  const fen = { 应结订单金额: p.amountFen, 退款金额: 0, 订单金额: p.amountFen, 申请退款金额: 0 };
  return {
    fen,
    fields: {
      ...common(merchant, p.paidAt, p),
      微信订单号: text(p.transactionId),
      商户订单号: text(p.outTradeNo),
      交易状态: 'SUCCESS',
      付款银行: text(p.bankType ?? 'OTHERS'),
      // WeChat Pay writes 0 for the refund numbers of a payment row.
      微信退款单号: '0',
      商户退款单号: '0',
      退款类型: '',
      退款状态: '',
      ...amounts(fen),
    },
  };
}

function refundRow(r: TradeBillRefund, merchant: TradeBillMerchant): RenderedRow {
  // A refund row settles nothing new (应结订单金额 0.00); 订单金额 is the refunded order's total.
  const fen = { 应结订单金额: 0, 退款金额: r.refundFen, 订单金额: r.orderFen ?? 0, 申请退款金额: r.refundFen };
  return {
    fen,
    fields: {
      ...common(merchant, r.succeededAt, r),
      微信订单号: text(r.transactionId),
      商户订单号: text(r.outTradeNo),
      交易状态: 'REFUND',
      付款银行: 'OTHERS',
      微信退款单号: text(r.refundId),
      商户退款单号: text(r.outRefundNo),
      退款类型: 'ORIGINAL',
      退款状态: 'SUCCESS',
      ...amounts(fen),
    },
  };
}

type CommonColumn = '交易时间' | '公众账号ID' | '商户号' | '特约商户号' | '设备号' | '用户标识' | '交易类型' | '货币种类' | '商品名称' | '商户数据包';
type AmountFields = AmountColumn | '代金券金额' | '充值券退款金额' | '手续费' | '费率' | '费率备注';

function common(
  merchant: TradeBillMerchant,
  at: Date,
  row: { openid?: string; tradeType?: string; description?: string; attach?: string },
): Record<CommonColumn, string> {
  return {
    交易时间: toCstDateTime(at),
    公众账号ID: text(merchant.appid),
    商户号: text(merchant.mchid),
    特约商户号: '0',
    设备号: '',
    用户标识: text(row.openid),
    交易类型: text(row.tradeType ?? 'JSAPI'),
    货币种类: 'CNY',
    商品名称: text(row.description),
    商户数据包: text(row.attach),
  };
}

function amounts(fen: Record<AmountColumn, number>): Record<AmountFields, string> {
  return {
    应结订单金额: fenToYuan(fen.应结订单金额),
    代金券金额: ZERO,
    退款金额: fenToYuan(fen.退款金额),
    充值券退款金额: ZERO,
    手续费: '0.00000',
    费率: '0.00%',
    订单金额: fenToYuan(fen.订单金额),
    申请退款金额: fenToYuan(fen.申请退款金额),
    费率备注: '',
  };
}
