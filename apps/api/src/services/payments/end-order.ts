/**
 * An open order ends without being paid: failed (the provider says the attempt failed), closed (the resident
 * closed it) or expired (the job, after its time). One conditional update from an open state — so a paid
 * order is never ended, and ending twice is a no-op — and its charges are released in the same transaction.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { OPEN_ORDER_STATES, paymentOrderCharges, paymentOrders } from '../../db/schema';
import { type AuditActor, writeAudit } from '../../lib/audit';
import type { Clock } from '../../lib/context';
import type { OrderRow } from './order-view';

export async function endOrder(
  deps: { db: Db; clock: Clock; requestId?: string },
  orderId: string,
  to: 'failed' | 'closed' | 'expired',
  note: string,
  actor: AuditActor = { kind: 'system' },
): Promise<OrderRow | undefined> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [ended] = await tx
      .update(paymentOrders)
      .set({ state: to, endedAt: now, note, updatedAt: now })
      .where(and(eq(paymentOrders.id, orderId), inArray(paymentOrders.state, [...OPEN_ORDER_STATES])))
      .returning();
    if (!ended) return undefined;
    await tx
      .update(paymentOrderCharges)
      .set({ releasedAt: now })
      .where(and(eq(paymentOrderCharges.orderId, orderId), isNull(paymentOrderCharges.releasedAt)));
    await writeAudit(tx, actor, deps.requestId, { action: to === 'failed' ? 'fail' : to === 'closed' ? 'close' : 'expire', entity: 'payment_order', entityId: orderId, after: { state: to, note } });
    return ended;
  });
}
