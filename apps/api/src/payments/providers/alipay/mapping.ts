/**
 * Alipay asynchronous notifications (form posts) and trade states in the neutral words of ../types.ts, and
 * the identity/amount checks a verified notification must still pass.
 */
import { yuanToFen } from '../money';
import { parseCstDateTime } from '../time';
import type { NotificationRejection, PaymentEvent, PaymentState, RefundEvent } from '../types';

export function mapAlipayTradeStatus(status: string | undefined): PaymentState {
  switch (status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      return 'paid';
    case 'TRADE_CLOSED':
      return 'closed';
    default:
      // WAIT_BUYER_PAY and anything unknown: never read it as paid.
      return 'pending';
  }
}

export type AlipayCheck =
  | { ok: true }
  | { ok: false; reason: Extract<NotificationRejection, 'appid_mismatch' | 'seller_id_mismatch' | 'out_trade_no_mismatch' | 'amount_mismatch' | 'malformed_body'>; message: string };

/**
 * app_id must be ours, seller_id ours when we know our PID, and — when the order is known — out_trade_no
 * and total_amount (yuan, compared exactly in fen) must be the order's.
 */
export function checkAlipayNotification(
  params: Record<string, string>,
  expected: { appId: string; sellerId?: string; outTradeNo?: string; totalFen?: number },
): AlipayCheck {
  if (params.app_id !== expected.appId) return { ok: false, reason: 'appid_mismatch', message: `app_id ${params.app_id} is not ours` };
  if (expected.sellerId !== undefined && params.seller_id !== expected.sellerId) {
    return { ok: false, reason: 'seller_id_mismatch', message: `seller_id ${params.seller_id} is not ours` };
  }
  if (expected.outTradeNo !== undefined && params.out_trade_no !== expected.outTradeNo) {
    return { ok: false, reason: 'out_trade_no_mismatch', message: `out_trade_no ${params.out_trade_no}, expected ${expected.outTradeNo}` };
  }
  if (expected.totalFen !== undefined) {
    const total = fenOrNull(params.total_amount);
    if (total === null) return { ok: false, reason: 'malformed_body', message: 'total_amount is not an amount' };
    if (total !== expected.totalFen) return { ok: false, reason: 'amount_mismatch', message: `total_amount ${params.total_amount}, expected ${expected.totalFen} fen` };
  }
  return { ok: true };
}

/** A verified notification as an event; null when required fields are missing or not amounts. */
export function alipayEvent(params: Record<string, string>): PaymentEvent | RefundEvent | null {
  const amountFen = fenOrNull(params.total_amount);
  if (!params.out_trade_no || amountFen === null) return null;
  const base = { provider: 'alipay' as const, outTradeNo: params.out_trade_no, transactionId: params.trade_no ?? null, amountFen, raw: { ...params } };
  // A refund shows up as the trade's notification with refund_fee (the running total) and gmt_refund.
  if (params.refund_fee !== undefined && (params.gmt_refund !== undefined || params.out_biz_no !== undefined)) {
    const refundedTotalFen = fenOrNull(params.refund_fee);
    if (refundedTotalFen === null) return null;
    return {
      ...base,
      type: 'refund',
      outRefundNo: params.out_biz_no ?? null,
      refundId: null,
      refundFen: null,
      refundedTotalFen,
      state: 'succeeded',
      providerState: params.trade_status ?? 'REFUND',
      refundedAt: parseCstDateTime(params.gmt_refund),
    };
  }
  return {
    ...base,
    type: 'payment',
    state: mapAlipayTradeStatus(params.trade_status),
    providerState: params.trade_status ?? '',
    paidAt: parseCstDateTime(params.gmt_payment),
    payerId: params.buyer_open_id ?? params.buyer_id ?? null,
  };
}

export function fenOrNull(yuan: string | undefined): number | null {
  if (yuan === undefined) return null;
  try {
    return yuanToFen(yuan);
  } catch {
    return null;
  }
}
