/** A payment order as the API answers it (the contract's PaymentOrder), and loading one. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { paymentOrderCharges, paymentOrders } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';

export type OrderRow = typeof paymentOrders.$inferSelect;
export type OrderState = OrderRow['state'];

export const isOpen = (state: OrderState) => state === 'created' || state === 'pending';

export async function loadOrder(db: DbOrTx, id: string): Promise<OrderRow> {
  const [row] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, id));
  if (!row) throw new NotFoundError('payment order');
  return row;
}

export async function chargeIdsOf(db: DbOrTx, orderIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (orderIds.length === 0) return map;
  const rows = await db
    .select({ orderId: paymentOrderCharges.orderId, chargeId: paymentOrderCharges.chargeId })
    .from(paymentOrderCharges)
    .where(inArray(paymentOrderCharges.orderId, orderIds))
    .orderBy(asc(paymentOrderCharges.chargeId));
  for (const r of rows) map.set(r.orderId, [...(map.get(r.orderId) ?? []), r.chargeId]);
  return map;
}

export function orderView(o: OrderRow, chargeIds: string[]) {
  return {
    id: o.id,
    outTradeNo: o.outTradeNo,
    unitId: o.unitId,
    channel: o.channel,
    state: o.state,
    amount: o.amount,
    chargeIds,
    prepayment: o.prepayment,
    createdAt: o.createdAt.toISOString(),
    expiresAt: o.expiresAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
    receiptId: o.receiptId,
  };
}
export type PaymentOrderView = ReturnType<typeof orderView>;

export async function viewOf(db: DbOrTx, id: string): Promise<PaymentOrderView> {
  const order = await loadOrder(db, id);
  return orderView(order, (await chargeIdsOf(db, [id])).get(id) ?? []);
}
