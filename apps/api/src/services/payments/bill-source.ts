/**
 * A provider's own record of a day 对账单: the payments that succeeded and the refunds that completed on a Beijing
 * calendar day. The sandbox's is its own state (what its "WeChat Pay" holds). WeChat Pay's trade bill
 * (GET /v3/bill/tradebill, a CSV download) and Alipay's (alipay.data.dataservice.bill.downloadurl.query) are not
 * implemented in the provider layer; for them reconciliation asks about each of our orders of the day instead
 * (`source: 'query'`), which finds every difference except a payment the provider holds for an order we never
 * made — that one shows up in the notification log as `unknown_order`.
 */
import { parseRfc3339 } from '../../payments/providers/time';
import type { ProviderName } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';

export interface BillPayment {
  outTradeNo: string;
  transactionId: string | null;
  amountFen: number;
  paidAt: Date;
}

export interface BillRefund {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string | null;
  refundFen: number;
  succeededAt: Date;
}

export interface DayBill {
  payments: BillPayment[];
  refunds: BillRefund[];
}

/** [start, end) of a Beijing calendar day (China has no daylight saving). */
export function beijingDay(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

export function billOf(runtime: PaymentsRuntime, provider: ProviderName): ((day: string) => DayBill) | undefined {
  const sandbox = runtime.providers.sandbox;
  if (provider !== 'sandbox' || !sandbox) return undefined;
  return (day) => {
    const { start, end } = beijingDay(day);
    const inDay = (d: Date | null): d is Date => d !== null && d >= start && d < end;
    const { transactions, refunds } = sandbox.backend.records();
    return {
      payments: transactions.flatMap((tx) => {
        const paidAt = parseRfc3339(tx.success_time);
        if ((tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') || !inDay(paidAt)) return [];
        return [{ outTradeNo: tx.out_trade_no, transactionId: tx.transaction_id ?? null, amountFen: tx.amount?.total ?? 0, paidAt }];
      }),
      refunds: refunds.flatMap((r) => {
        const at = parseRfc3339(r.success_time);
        if (r.status !== 'SUCCESS' || !inDay(at)) return [];
        return [{ outTradeNo: r.out_trade_no, outRefundNo: r.out_refund_no, refundId: r.refund_id ?? null, refundFen: r.amount.refund, succeededAt: at }];
      }),
    };
  };
}
