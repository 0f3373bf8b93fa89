/**
 * What the scheduled job does for open orders (jobs.ts):
 * - orders past `expires_at` are asked about once more (paid → applied), then closed at the provider and
 *   ended `expired`, which frees their charges;
 * - orders still pending after a minute are asked about (a lost notification must not leave a payment unapplied);
 * - refunds still processing are asked about, or sent again (the same out_refund_no never refunds twice).
 * Each order is handled on its own: one provider error does not stop the others.
 */
import { and, asc, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db';
import { OPEN_ORDER_STATES, paymentOrders, paymentRefunds } from '../../db/schema';
import type { Clock } from '../../lib/context';
import type { Logger } from '../../lib/logger';
import type { PaymentsRuntime } from '../../payments/runtime';
import { endOpenOrder } from './close-order';
import { loadOrder } from './order-view';
import { sendRefund } from './refund-order';
import { settleRefund } from './settle-refund';
import { syncOrder } from './sync-order';

export interface JobDeps {
  db: Db;
  clock: Clock;
  runtime: PaymentsRuntime;
  logger?: Logger;
}

const BATCH = 200;

export async function expireOrders(deps: JobDeps) {
  const due = await deps.db
    .select()
    .from(paymentOrders)
    .where(and(inArray(paymentOrders.state, [...OPEN_ORDER_STATES]), lt(paymentOrders.expiresAt, deps.clock.now())))
    .orderBy(asc(paymentOrders.expiresAt))
    .limit(BATCH);
  const counts = { expired: 0, paid: 0, failed: 0 };
  for (const order of due) {
    try {
      const after = await endOpenOrder(deps, order, 'expired', { kind: 'system' });
      if (after.state === 'expired') counts.expired++;
      else if (after.state === 'paid') counts.paid++;
    } catch (e) {
      counts.failed++;
      deps.logger?.error('payment expiry failed', { orderId: order.id, error: (e as Error).message });
    }
  }
  return counts;
}

export async function queryPending(deps: JobDeps, olderThanSeconds = 60) {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanSeconds * 1000);
  const pending = await deps.db
    .select()
    .from(paymentOrders)
    .where(
      and(
        inArray(paymentOrders.state, [...OPEN_ORDER_STATES]),
        lt(paymentOrders.createdAt, cutoff),
        or(isNull(paymentOrders.lastQueriedAt), lt(paymentOrders.lastQueriedAt, cutoff)),
      ),
    )
    .orderBy(asc(paymentOrders.createdAt))
    .limit(BATCH);
  const counts = { queried: 0, applied: 0, failed: 0 };
  for (const order of pending) {
    try {
      const r = await syncOrder(deps, order);
      counts.queried++;
      if (r.outcome === 'applied') counts.applied++;
    } catch (e) {
      counts.failed++;
      deps.logger?.error('payment query failed', { orderId: order.id, error: (e as Error).message });
    }
  }
  return counts;
}

export async function driveRefunds(deps: JobDeps, olderThanSeconds = 60) {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanSeconds * 1000);
  const open = await deps.db
    .select()
    .from(paymentRefunds)
    .where(and(inArray(paymentRefunds.state, ['processing']), lt(paymentRefunds.requestedAt, cutoff), or(isNull(paymentRefunds.lastQueriedAt), lt(paymentRefunds.lastQueriedAt, cutoff))))
    .limit(BATCH);
  let settled = 0;
  for (const refund of open) {
    try {
      const order = await loadOrder(deps.db, refund.orderId);
      const provider = deps.runtime.providers.get(order.provider);
      if (!provider) continue;
      await deps.db.update(paymentRefunds).set({ lastQueriedAt: deps.clock.now() }).where(inArray(paymentRefunds.id, [refund.id]));
      const q = await provider.queryRefund(refund.outRefundNo, order.outTradeNo);
      if (!q.found) {
        // The request never reached the provider: send it again.
        await sendRefund(deps, refund);
      } else if (q.state === 'succeeded' || q.state === 'closed' || q.state === 'abnormal') {
        if (await settleRefund(deps, refund.id, q.state === 'succeeded' ? 'succeeded' : 'failed', { providerState: q.providerState, refundId: q.refundId })) settled++;
      }
    } catch (e) {
      deps.logger?.error('refund query failed', { refundId: refund.id, error: (e as Error).message });
    }
  }
  return { refundsSettled: settled };
}
