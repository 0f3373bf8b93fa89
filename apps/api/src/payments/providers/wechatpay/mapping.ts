/** WeChat Pay's states and payloads in the provider-neutral words of ../types.ts. */
import { parseRfc3339 } from '../time';
import type { PaymentEvent, PaymentQueryResult, PaymentState, ProviderName, RefundEvent, RefundResult, RefundState } from '../types';
import type { WechatRefund, WechatTransaction } from './wire';

export function mapTradeState(state: string): PaymentState {
  switch (state) {
    case 'SUCCESS':
      return 'paid';
    case 'REFUND':
      return 'refunded';
    case 'CLOSED':
    case 'REVOKED':
      return 'closed';
    case 'PAYERROR':
      return 'failed';
    default:
      // NOTPAY, USERPAYING and anything new: never read an unknown word as "paid".
      return 'pending';
  }
}

export function mapRefundStatus(status: string | undefined): RefundState {
  switch (status) {
    case 'SUCCESS':
      return 'succeeded';
    case 'CLOSED':
      return 'closed';
    case 'ABNORMAL':
      return 'abnormal';
    default:
      return 'processing';
  }
}

export function transactionEvent(provider: ProviderName, tx: WechatTransaction): PaymentEvent {
  return {
    type: 'payment',
    provider,
    outTradeNo: tx.out_trade_no,
    transactionId: tx.transaction_id ?? null,
    amountFen: tx.amount?.total ?? 0,
    state: mapTradeState(tx.trade_state),
    providerState: tx.trade_state,
    paidAt: parseRfc3339(tx.success_time),
    payerId: tx.payer?.openid ?? null,
    raw: tx,
  };
}

export function refundEvent(provider: ProviderName, refund: WechatRefund): RefundEvent {
  const status = refund.refund_status ?? refund.status ?? 'PROCESSING';
  return {
    type: 'refund',
    provider,
    outTradeNo: refund.out_trade_no,
    transactionId: refund.transaction_id ?? null,
    amountFen: refund.amount.total,
    outRefundNo: refund.out_refund_no,
    refundId: refund.refund_id ?? null,
    refundFen: refund.amount.refund,
    refundedTotalFen: null,
    state: mapRefundStatus(status),
    providerState: status,
    refundedAt: parseRfc3339(refund.success_time),
    raw: refund,
  };
}

export function transactionQuery(tx: WechatTransaction): PaymentQueryResult {
  return {
    found: true,
    outTradeNo: tx.out_trade_no,
    transactionId: tx.transaction_id ?? null,
    amountFen: tx.amount?.total ?? 0,
    state: mapTradeState(tx.trade_state),
    providerState: tx.trade_state,
    paidAt: parseRfc3339(tx.success_time),
    raw: tx,
  };
}

export function refundResult(refund: WechatRefund): RefundResult {
  const status = refund.status ?? refund.refund_status ?? 'PROCESSING';
  return {
    outTradeNo: refund.out_trade_no,
    outRefundNo: refund.out_refund_no,
    refundId: refund.refund_id ?? null,
    state: mapRefundStatus(status),
    providerState: status,
    refundFen: refund.amount.refund,
    refundedAt: parseRfc3339(refund.success_time),
    raw: refund,
  };
}
