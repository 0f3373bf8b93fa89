/**
 * Online payments 线上缴费 for staff through the API's typed client: the day report (the estate's online receipts
 * of a day, in the counter's day shape — they are booked to the organisation's 线上支付 account, see
 * docs/api-payments.md "Online receipts and the day report"), refunds 退款 of an online payment through its
 * provider, and the daily reconciliation 线上对账 with the providers for finance. Shapes are inferred from
 * apps/api/src/routes/payments/payments.routes.ts.
 *
 * Amounts are decimal strings ("210.02") end to end: never a JS number.
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType } from 'hono/client';
import { api, ok, query } from './client';

type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;

/** `charge:read` on the estate; `date` defaults to today (Beijing) on the server. */
export const getOnlineDay = (q: { estateId: string; date?: string }) => ok(api.payments.day.$get({ query: { ...query(q), estateId: q.estateId } }));
export type OnlineDay = Awaited<ReturnType<typeof getOnlineDay>>;

// ---- payment orders and their refunds ------------------------------------------------------------------------

/**
 * The payment order an online receipt came from (`charge:read`), or null when there is none the user may see.
 * An order has at most one receipt (a unique key), so the list filtered by the receipt holds at most one.
 */
export async function findOrderOfReceipt(receiptId: string) {
  const page = await ok(api['payment-orders'].$get({ query: { receiptId, pageSize: '1' } }));
  return page.items[0] ?? null;
}
export type PaymentOrder = NonNullable<Awaited<ReturnType<typeof findOrderOfReceipt>>>;

/** One order with its refunds, newest first (`charge:read`). */
export const getPaymentOrder = (id: string) => ok(api['payment-orders'][':id'].$get({ param: { id } }));
export type PaymentOrderDetail = Awaited<ReturnType<typeof getPaymentOrder>>;
export type PaymentRefund = PaymentOrderDetail['refunds'][number];
export type RefundState = PaymentRefund['state'];

/**
 * 退款 of a paid order, full or partial (`ledger:adjust`). `id`: made on the client when the form opens, the
 * same for every retry of one refund — the server answers the same refund again, never a second one.
 * 409 `refund_exceeds` (details.refundable), `refund_not_allocatable` (details.allocatable), `order_not_paid`,
 * `conflict` with details.code `idempotency_conflict`.
 */
export type OnlineRefundInput = Json<ApiClient['payment-orders'][':id']['refunds']['$post']>;
export const refundPaymentOrder = (orderId: string, input: OnlineRefundInput) =>
  ok(api['payment-orders'][':id'].refunds.$post({ param: { id: orderId }, json: input }));

/** details of 409 `refund_exceeds`: what may still be refunded. */
export interface RefundExceedsDetails {
  refundable: string;
}
/** details of 409 `refund_not_allocatable`: the most the ledger can place (the prepaid part was spent since). */
export interface RefundNotAllocatableDetails {
  allocatable: string;
}

// ---- reconciliation 线上对账 ----------------------------------------------------------------------------------

/**
 * The payment providers a merchant account is reconciled with. A merchant account serves every estate, so a
 * run is per provider and day, not per estate; each mismatch names its estate (none for money that matches no
 * order of ours — shown only to those reporting on the whole organisation).
 */
export const PAYMENT_PROVIDERS = ['wechatpay', 'alipay', 'sandbox'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/**
 * `waiting`: the provider has not made the day's bill yet (WeChat Pay makes yesterday's after 10:00); the job
 * retries by itself. (Not yet in the route's schema, hence added here.)
 */
export const RECONCILIATION_STATUSES = ['running', 'done', 'failed', 'waiting'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

/** The figures of a run, in the order shown. A waiting run has only the open orders queried and applied. */
export const RECONCILIATION_FIGURES = ['providerPayments', 'providerRefunds', 'paidHere', 'matched', 'mismatches', 'openQueried', 'appliedFromQuery', 'appliedNow'] as const;
export type ReconciliationFigure = (typeof RECONCILIATION_FIGURES)[number];
export type ReconciliationSummary = Partial<Record<ReconciliationFigure, number>>;

/** What a mismatch is about, in the order finance goes through them: payments, the ledger, then refunds. */
export const MISMATCH_KINDS = [
  'missing_order',
  'not_applied',
  'amount_mismatch',
  'transaction_mismatch',
  'missing_at_provider',
  'ledger_mismatch',
  'refund_unknown',
  'refund_amount_mismatch',
  'refund_missing_at_provider',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

const fetchReconciliation = (day: string) => ok(api.payments.reconciliation.$get({ query: { day } }));
type ReconciliationAnswer = Awaited<ReturnType<typeof fetchReconciliation>>;
export type ReconciliationRun = Omit<ReconciliationAnswer['runs'][number], 'provider' | 'status' | 'summary'> & {
  provider: PaymentProvider;
  status: ReconciliationStatus;
  summary: ReconciliationSummary | null;
};
/** `kind` stays a string: a kind added on the server is still listed (by its code). */
export type ReconciliationMismatch = ReconciliationAnswer['mismatches'][number];
export type Reconciliation = Omit<ReconciliationAnswer, 'runs'> & { runs: ReconciliationRun[] };

/** The latest run per provider of a day (YYYY-MM-DD, Beijing) and the mismatches the user may see (`report:read`). */
export const getReconciliation = (day: string): Promise<Reconciliation> => fetchReconciliation(day);

/**
 * Reconciles the day now, for every provider or one, and answers as `getReconciliation` (`report:read`).
 * 400 `validation_failed` for a day in the future.
 */
export const runReconciliation = (day: string, provider?: PaymentProvider): Promise<Reconciliation> =>
  ok(api.payments.reconciliation.$post({ json: provider ? { day, provider } : { day } }));
