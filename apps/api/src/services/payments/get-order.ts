/**
 * The resident app polls its order after the provider sends the browser back. While the order is still open
 * the provider is asked too (at most every few seconds per order), so a payment whose notification is late or
 * lost still shows as paid — through the same exactly-once apply as the notification.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { paymentOrders } from '../../db/schema';
import type { ResidentContext } from '../../lib/context';
import type { Logger } from '../../lib/logger';
import type { PaymentsRuntime } from '../../payments/runtime';
import { isOpen, loadOrder, viewOf } from './order-view';
import { isBound } from './resident-access';
import { syncOrder } from './sync-order';
import { NotFoundError } from '../../lib/errors';

/** The least time between two provider queries of one order from polling. */
export const POLL_QUERY_SECONDS = 3;

/** The order, when the resident is bound to its unit (404 otherwise). */
export async function residentOrder(ctx: ResidentContext, id: string) {
  const order = await loadOrder(ctx.db, id);
  if (!(await isBound(ctx.db, ctx.actor.id, order.unitId))) throw new NotFoundError('payment order');
  return order;
}

export async function getOrder({ ctx, runtime, id, logger }: { ctx: ResidentContext; runtime: PaymentsRuntime; id: string; logger?: Logger }) {
  const order = await residentOrder(ctx, id);
  if (isOpen(order.state) && order.pay) {
    const now = ctx.clock.now();
    // Claim the query slot with a conditional update: two polls at once make one provider call.
    const [claimed] = await ctx.db
      .update(paymentOrders)
      .set({ lastQueriedAt: now })
      .where(
        and(
          eq(paymentOrders.id, id),
          or(isNull(paymentOrders.lastQueriedAt), lt(paymentOrders.lastQueriedAt, new Date(now.getTime() - POLL_QUERY_SECONDS * 1000))),
        ),
      )
      .returning({ id: paymentOrders.id });
    if (claimed) {
      try {
        await syncOrder({ db: ctx.db, clock: ctx.clock, runtime, requestId: ctx.requestId }, order);
      } catch (e) {
        // The provider being unreachable is not the resident's error: answer what we know.
        logger?.info('payment query failed', { orderId: id, error: (e as Error).message });
      }
    }
  }
  return viewOf(ctx.db, id);
}
