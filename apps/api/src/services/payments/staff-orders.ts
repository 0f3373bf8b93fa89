/**
 * Payment orders for staff (`charge:read` on the estate): the list finance and the counter look at, and one
 * order with its refunds — where a refund starts.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { buildings, paymentOrders, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { inScope } from '../../lib/scope';
import { authorizeEstate } from '../billing/access';
import { type OrderRow, chargeIdsOf, loadOrder, orderView } from './order-view';
import { loadRefunds } from './refund-order';

export interface OrderListQuery {
  estateId?: string | undefined;
  unitId?: string | undefined;
  state?: OrderRow['state'] | undefined;
  receiptId?: string | undefined;
  page: number;
  pageSize: number;
}

function staffView(o: OrderRow, chargeIds: string[], unit: { unitNumber: string; buildingName: string }) {
  return {
    ...orderView(o, chargeIds),
    estateId: o.estateId,
    unitNumber: unit.unitNumber,
    buildingName: unit.buildingName,
    provider: o.provider,
    providerTransactionId: o.providerTransactionId,
    providerState: o.providerState,
    endedAt: o.endedAt?.toISOString() ?? null,
    note: o.note,
  };
}

export async function listOrders({ ctx, query }: { ctx: StaffContext; query: OrderListQuery }) {
  if (query.estateId) await authorizeEstate(ctx, query.estateId, 'charge:read');
  const where = and(
    inScope(paymentOrders.estateId, ctx.actor, 'charge:read'),
    query.estateId ? eq(paymentOrders.estateId, query.estateId) : undefined,
    query.unitId ? eq(paymentOrders.unitId, query.unitId) : undefined,
    query.state ? eq(paymentOrders.state, query.state) : undefined,
    query.receiptId ? eq(paymentOrders.receiptId, query.receiptId) : undefined,
  );
  const [{ total }] = (await ctx.db.select({ total: sql<number>`count(*)::int` }).from(paymentOrders).where(where)) as [{ total: number }];
  const rows = await ctx.db
    .select({ order: paymentOrders, unitNumber: units.number, buildingName: buildings.name })
    .from(paymentOrders)
    .innerJoin(units, eq(units.id, paymentOrders.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(where)
    .orderBy(desc(paymentOrders.createdAt), desc(paymentOrders.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ids = await chargeIdsOf(
    ctx.db,
    rows.map((r) => r.order.id),
  );
  return { items: rows.map((r) => staffView(r.order, ids.get(r.order.id) ?? [], r)), total, page: query.page, pageSize: query.pageSize };
}

export async function getStaffOrder({ ctx, id }: { ctx: StaffContext; id: string }) {
  const order = await loadOrder(ctx.db, id);
  await authorizeEstate(ctx, order.estateId, 'charge:read');
  const [unit] = await ctx.db
    .select({ unitNumber: units.number, buildingName: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(units.id, order.unitId));
  const refunds = await loadRefunds(ctx.db, [id]);
  return { ...staffView(order, (await chargeIdsOf(ctx.db, [id])).get(id) ?? [], unit!), refunds };
}
