/**
 * The resident's e-receipts 电子收据 and payment history: the receipts of their bound units — online and at the
 * counter alike, one numbering per estate — in the same shape as the staff receipt.
 */
import { sum, toMoneyString } from '@pm/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { paymentOrders, paymentRefunds, receipts, staffAccounts } from '../../db/schema';
import type { ResidentContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { receiptView } from '../billing/receipts';
import { isBound, residentUnit } from './resident-access';

export async function residentReceipt({ ctx, id }: { ctx: ResidentContext; id: string }) {
  const [r] = await ctx.db
    .select({ receipt: receipts, cashierName: staffAccounts.name })
    .from(receipts)
    .innerJoin(staffAccounts, eq(staffAccounts.id, receipts.cashierId))
    .where(eq(receipts.id, id));
  if (!r || !(await isBound(ctx.db, ctx.actor.id, r.receipt.unitId))) throw new NotFoundError('receipt');
  return receiptView(ctx, r.receipt, r.cashierName);
}

export async function paymentHistory({ ctx, unitId }: { ctx: ResidentContext; unitId: string }) {
  await residentUnit(ctx.db, ctx.actor.id, unitId);
  const rows = await ctx.db
    .select({ receiptId: receipts.id, number: receipts.number, total: receipts.total, method: receipts.method, createdAt: receipts.createdAt, status: receipts.status })
    .from(receipts)
    .where(eq(receipts.unitId, unitId))
    .orderBy(desc(receipts.createdAt), desc(receipts.number))
    .limit(200);
  // What has been paid back on each (succeeded refunds of online payments), so the app can show 已退款.
  const refunded = rows.length
    ? await ctx.db
        .select({ receiptId: paymentOrders.receiptId, amount: sql<string>`sum(${paymentRefunds.amount})::numeric(14,2)::text` })
        .from(paymentRefunds)
        .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
        .where(
          and(
            inArray(
              paymentOrders.receiptId,
              rows.map((r) => r.receiptId),
            ),
            eq(paymentRefunds.state, 'succeeded'),
          ),
        )
        .groupBy(paymentOrders.receiptId)
    : [];
  const byReceipt = new Map(refunded.map((r) => [r.receiptId, r.amount]));
  return {
    items: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      refunded: toMoneyString(sum(['0', byReceipt.get(r.receiptId) ?? '0'])),
    })),
  };
}
