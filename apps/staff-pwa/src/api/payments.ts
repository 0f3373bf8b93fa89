/**
 * Online payments 线上缴费 for staff through the API's typed client: the day report (the estate's online receipts
 * of a day, in the counter's day shape — they are booked to the organisation's 线上支付 account, see
 * docs/api-payments.md "Online receipts and the day report") and refunds 退款 of an online payment through its
 * provider. Shapes are inferred from apps/api/src/routes/payments/payments.routes.ts.
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
