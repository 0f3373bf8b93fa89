/**
 * A provider's notification, from raw bytes to the ledger:
 * 1. the provider's verifier judges the raw body (signature over the exact bytes, 5-minute window, SIGNTEST
 *    probes, AES-GCM, our mchid/appid) — the body is never parsed and re-serialised before that;
 * 2. the order is found by out_trade_no *of the verifying provider* (a sandbox notification can never touch a
 *    WeChat Pay order) and the event is checked against it (amount, out_trade_no);
 * 3. a paid event is applied exactly once (apply-paid.ts), a failed/closed one ends the order, a refund event
 *    settles its refund (settle-refund.ts);
 * 4. every notification is logged in payment_notifications with its outcome — a refused one leaves that row
 *    and nothing else;
 * 5. the provider gets its documented answer: WeChat Pay 204 (or 4xx/5xx {code:"FAIL"}), Alipay "success".
 *    A refusal is final (4xx); our own failure (say the database is down) is 500 so the provider retries.
 * The sandbox's cashier calls this same function with the notification the sandbox signed.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { paymentNotifications, paymentOrders, paymentRefunds } from '../../db/schema';
import type { Clock } from '../../lib/context';
import type { Logger } from '../../lib/logger';
import { type NotificationAck, type PaymentEvent, type PaymentProvider, type RefundEvent, checkEventAgainstOrder } from '../../payments/providers';
import { headerValue } from '../../payments/providers/headers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { toFen } from './amounts';
import { applyPaid } from './apply-paid';
import { endOrder } from './end-order';
import { isOpen } from './order-view';
import { settleRefund } from './settle-refund';

export type NotifyEndpoint = 'wechat' | 'alipay';

export interface NotifyDeps {
  db: Db;
  clock: Clock;
  runtime: PaymentsRuntime;
  logger?: Logger;
  requestId?: string;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'rejected' | 'error';
interface Handled {
  outcome: Outcome;
  reason?: string;
  message?: string;
  orderId?: string;
}

const MAX_STORED_BODY = 64 * 1024;
const KEPT_HEADERS = /^(wechatpay-|content-type$|user-agent$|request-id$)/i;

/**
 * Which verifier judges a notification to /notify/wechat: the sandbox's when it is signed under the sandbox's
 * own key id, otherwise WeChat Pay's (which refuses the sandbox's key: its verifier never trusts it).
 */
export function providerFor(runtime: PaymentsRuntime, endpoint: NotifyEndpoint, headers: Headers): PaymentProvider | undefined {
  if (endpoint === 'alipay') return runtime.providers.get('alipay');
  const sandbox = runtime.providers.sandbox;
  if (sandbox && headerValue(headers, 'wechatpay-serial') === sandbox.keys.publicKeyId) return sandbox;
  return runtime.providers.get('wechatpay') ?? sandbox;
}

export async function receiveNotification(deps: NotifyDeps, endpoint: NotifyEndpoint, headers: Headers, rawBody: string): Promise<NotificationAck | undefined> {
  const provider = providerFor(deps.runtime, endpoint, headers);
  if (!provider) return undefined;
  const kept: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (KEPT_HEADERS.test(key)) kept[key.toLowerCase()] = value;
  });
  const log = (h: Handled, extra: Partial<typeof paymentNotifications.$inferInsert> = {}) =>
    deps.db.insert(paymentNotifications).values({
      endpoint,
      provider: provider.name,
      headers: kept,
      rawBody: rawBody.length > MAX_STORED_BODY ? rawBody.slice(0, MAX_STORED_BODY) : rawBody,
      verified: extra.verified ?? false,
      reason: h.reason ?? null,
      message: h.message?.slice(0, 500) ?? null,
      outcome: h.outcome,
      orderId: h.orderId ?? null,
      receivedAt: deps.clock.now(),
      ...extra,
    });

  const parsed = await provider.parseNotification(headers, rawBody);
  if (!parsed.ok) {
    await log({ outcome: 'rejected', reason: parsed.reason, message: parsed.message });
    return provider.acknowledge({ ok: false, message: parsed.reason });
  }
  const event = parsed.event;
  const facts = {
    verified: true,
    notificationId: parsed.notificationId,
    eventType: event.type,
    outTradeNo: event.outTradeNo,
    outRefundNo: event.type === 'refund' ? event.outRefundNo : null,
    transactionId: event.transactionId,
  };
  let handled: Handled;
  try {
    handled = event.type === 'payment' ? await onPayment(deps, event) : await onRefund(deps, event);
  } catch (e) {
    deps.logger?.error('payment notification failed', { requestId: deps.requestId, outTradeNo: event.outTradeNo, error: (e as Error).stack ?? String(e) });
    await log({ outcome: 'error', reason: 'internal_error', message: (e as Error).message }, facts).catch(() => undefined);
    return provider.acknowledge({ ok: false, message: 'internal error', retryable: true });
  }
  await log(handled, facts);
  if (handled.outcome === 'rejected') return provider.acknowledge({ ok: false, message: handled.reason ?? 'rejected' });
  return provider.acknowledge({ ok: true });
}

async function onPayment(deps: NotifyDeps, event: PaymentEvent): Promise<Handled> {
  const [order] = await deps.db.select().from(paymentOrders).where(eq(paymentOrders.outTradeNo, event.outTradeNo));
  // Verified but not ours (or of another provider): logged, acknowledged, left to reconciliation.
  if (!order || order.provider !== event.provider) return { outcome: 'ignored', reason: 'unknown_order', message: `no ${event.provider} order ${event.outTradeNo}` };
  const check = checkEventAgainstOrder(event, { outTradeNo: order.outTradeNo, amountFen: toFen(order.amount) });
  if (!check.ok) return { outcome: 'rejected', reason: check.reason, message: check.message, orderId: order.id };
  if (event.state === 'paid' || event.state === 'refunded') {
    if (!event.transactionId) return { outcome: 'rejected', reason: 'malformed_body', message: 'a paid event without a transaction id', orderId: order.id };
    const result = await applyPaid(
      deps,
      order.id,
      { transactionId: event.transactionId, amountFen: event.amountFen, paidAt: event.paidAt, providerState: event.providerState, payerId: event.payerId },
      'notify',
    );
    if (result.outcome === 'rejected') return { outcome: 'rejected', reason: result.reason, message: result.message, orderId: order.id };
    return { outcome: result.outcome, orderId: order.id };
  }
  if ((event.state === 'failed' || event.state === 'closed') && isOpen(order.state)) {
    const ended = await endOrder(deps, order.id, event.state === 'failed' ? 'failed' : 'closed', `provider: ${event.providerState}`);
    return { outcome: ended ? 'applied' : 'duplicate', orderId: order.id };
  }
  return { outcome: 'ignored', reason: `state_${event.state}`, orderId: order.id };
}

async function onRefund(deps: NotifyDeps, event: RefundEvent): Promise<Handled> {
  const [refund] = event.outRefundNo ? await deps.db.select().from(paymentRefunds).where(eq(paymentRefunds.outRefundNo, event.outRefundNo)) : [];
  if (!refund) return { outcome: 'ignored', reason: 'unknown_refund', message: `no refund ${event.outRefundNo}` };
  const [order] = await deps.db.select().from(paymentOrders).where(eq(paymentOrders.id, refund.orderId));
  if (!order || order.outTradeNo !== event.outTradeNo || order.provider !== event.provider) {
    return { outcome: 'rejected', reason: 'out_trade_no_mismatch', message: `refund ${refund.outRefundNo} is not of order ${event.outTradeNo}`, orderId: order?.id };
  }
  if (event.refundFen !== null && event.refundFen !== toFen(refund.amount)) {
    return { outcome: 'rejected', reason: 'amount_mismatch', message: `refund of ${event.refundFen} fen, we asked ${refund.amount}`, orderId: order.id };
  }
  if (event.state === 'processing') return { outcome: 'ignored', reason: 'refund_processing', orderId: order.id };
  const changed = await settleRefund(deps, refund.id, event.state === 'succeeded' ? 'succeeded' : 'failed', { providerState: event.providerState, refundId: event.refundId });
  return { outcome: changed ? 'applied' : 'duplicate', orderId: order.id };
}
