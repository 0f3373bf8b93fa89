/**
 * Applying a paid order — exactly once. Notifications (any number, at once), the resident app's polls, the
 * scheduled query and reconciliation all end here with what the provider says; only the first posts anything:
 *
 * 1. the order row is locked (SELECT … FOR UPDATE): every applier of one order queues behind it, and whoever
 *    comes second finds `state = 'paid'` and answers "duplicate" without writing;
 * 2. the receipt's idempotency key is `online:<order id>` (unique), the order's receipt is unique, and the
 *    provider transaction id is unique per provider: even a path that skipped the lock could not post twice.
 *
 * What is posted is what the counter posts (services/billing/receipts.ts): one receipt numbered from the
 * estate's sequence (method `online`, cashier: the online account), one `payment` entry per charge for what it
 * still owes (at most what the order took for it), the rest — the prepayment, plus anything a charge no longer
 * owed because it was paid or reduced meanwhile — as one `prepayment` entry, which then offsets the unit's
 * open charges oldest first, in the same transaction. A payment that arrives for an order we had already
 * closed or expired is still applied: the payer's money was taken, so it must be on the ledger.
 */
import { compare, negate, sum, todayInShanghai, toMoneyString } from '@pm/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { ledgerEntries, paymentOrderCharges, paymentOrders, receipts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { Clock } from '../../lib/context';
import { nextNumber } from '../billing/receipts';
import { offsetFromPrepaid, openCharges } from '../billing/ledger';
import { toFen } from './amounts';
import { onlineCashierId } from './online-cashier';
import type { OrderRow } from './order-view';

/** What the provider says about a paid order (a notification's event or a query's answer). */
export interface PaidFacts {
  transactionId: string;
  amountFen: number;
  paidAt: Date | null;
  providerState: string;
  payerId: string | null;
}

export type ApplyResult =
  | { outcome: 'applied' | 'duplicate'; order: OrderRow }
  | { outcome: 'rejected'; reason: 'amount_mismatch' | 'transaction_conflict'; message: string; order: OrderRow };

export async function applyPaid(
  deps: { db: Db; clock: Clock; requestId?: string },
  orderId: string,
  facts: PaidFacts,
  via: 'notify' | 'query' | 'reconcile',
): Promise<ApplyResult> {
  try {
    return await deps.db.transaction(async (tx) => {
      const [order] = await tx.select().from(paymentOrders).where(eq(paymentOrders.id, orderId)).for('update');
      if (!order) throw new Error(`payment order ${orderId} vanished`);
      if (order.state === 'paid') {
        if (order.providerTransactionId === facts.transactionId) return { outcome: 'duplicate' as const, order };
        return {
          outcome: 'rejected' as const,
          reason: 'transaction_conflict' as const,
          message: `order already paid by transaction ${order.providerTransactionId}, not ${facts.transactionId}`,
          order,
        };
      }
      if (toFen(order.amount) !== facts.amountFen) {
        return { outcome: 'rejected' as const, reason: 'amount_mismatch' as const, message: `paid ${facts.amountFen} fen, order is ${order.amount}`, order };
      }
      const now = deps.clock.now();
      const paidAt = facts.paidAt ?? now;
      const lines = await tx.select().from(paymentOrderCharges).where(eq(paymentOrderCharges.orderId, orderId));
      const open = await openCharges(
        tx,
        [order.unitId],
        { chargeIds: lines.map((l) => l.chargeId), lock: true },
      );
      const owed = new Map(open.map((c) => [c.id, c.owed]));
      const payments = lines
        .map((l) => {
          const left = owed.get(l.chargeId) ?? '0.00';
          return { chargeId: l.chargeId, amount: compare(left, l.amount) < 0 ? left : l.amount };
        })
        .filter((p) => compare(p.amount, '0') > 0);
      const surplus = toMoneyString(sum([order.amount, ...payments.map((p) => toMoneyString(negate(p.amount)))]));

      const [receipt] = await tx
        .insert(receipts)
        .values({
          estateId: order.estateId,
          unitId: order.unitId,
          number: await nextNumber(tx, order.estateId),
          method: 'online',
          total: order.amount,
          payer: order.payerName,
          idempotencyKey: `online:${order.id}`,
          cashierId: await onlineCashierId(tx, order.estateId, deps.db),
          businessDate: todayInShanghai(paidAt),
          createdAt: now,
        })
        .returning();
      const entries: (typeof ledgerEntries.$inferInsert)[] = payments.map((p) => ({
        estateId: order.estateId,
        unitId: order.unitId,
        kind: 'payment' as const,
        amount: p.amount,
        owedDelta: toMoneyString(negate(p.amount)),
        chargeId: p.chargeId,
        receiptId: receipt!.id,
        method: 'online' as const,
      }));
      if (compare(surplus, '0') > 0) {
        entries.push({
          estateId: order.estateId,
          unitId: order.unitId,
          kind: 'prepayment',
          amount: surplus,
          prepaidDelta: surplus,
          receiptId: receipt!.id,
          method: 'online',
        });
      }
      await tx.insert(ledgerEntries).values(entries);
      // Prepaid money offsets what is still open, oldest due first — as at the counter.
      if (compare(surplus, '0') > 0) await offsetFromPrepaid(tx, null, [order.unitId], receipt!.id);

      const [paid] = await tx
        .update(paymentOrders)
        .set({
          state: 'paid',
          paidAt,
          providerTransactionId: facts.transactionId,
          providerState: facts.providerState,
          payerId: facts.payerId,
          receiptId: receipt!.id,
          note: order.state === 'pending' || order.state === 'created' ? `paid (${via})` : `paid (${via}) after ${order.state}`,
          updatedAt: now,
        })
        .where(eq(paymentOrders.id, orderId))
        .returning();
      await tx
        .update(paymentOrderCharges)
        .set({ releasedAt: now })
        .where(and(eq(paymentOrderCharges.orderId, orderId), isNull(paymentOrderCharges.releasedAt)));
      await writeAudit(tx, { kind: 'system' }, deps.requestId, {
        action: 'pay',
        entity: 'payment_order',
        entityId: orderId,
        before: { state: order.state },
        after: { state: 'paid', via, transactionId: facts.transactionId, receiptId: receipt!.id, receiptNumber: receipt!.number, payments, surplus },
      });
      return { outcome: 'applied' as const, order: paid! };
    });
  } catch (e) {
    // Another order already holds this provider transaction id: refuse, never post it twice.
    if (constraintOf(e) === 'payment_orders_transaction_uq') {
      const [order] = await deps.db.select().from(paymentOrders).where(eq(paymentOrders.id, orderId));
      return { outcome: 'rejected', reason: 'transaction_conflict', message: `transaction ${facts.transactionId} belongs to another order`, order: order! };
    }
    throw e;
  }
}

/** The name of the unique constraint a PostgreSQL error reports, if any (postgres.js and PGlite differ). */
export function constraintOf(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (c.code === '23505') return (c.constraint_name ?? c.constraint) as string | undefined;
    cur = c.cause;
  }
  return undefined;
}
