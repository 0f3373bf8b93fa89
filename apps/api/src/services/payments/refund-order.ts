/**
 * 退款 of an online payment, full or partial, through the provider it was paid with (`ledger:adjust`, like
 * the counter's refunds of prepaid money: money leaving the company is a correction, managers only).
 *
 * Ledger — kind `refund` (the existing kind for money paid back out), posted when the refund is requested,
 * under the order's lock, so two refunds can never give back more than was paid:
 * 1. first the part of the payment still on the prepaid balance (the order's prepayment, less what it offset
 *    and what earlier refunds took): `prepaid_delta = −x`, like a refund of prepaid money at the counter;
 * 2. then the charges this payment settled (paid or offset), newest due first: `owed_delta = +x` on the charge —
 *    the charge owes again, and the billing reports count it as "settled − refunds" (reports/scope.ts);
 * 3. what cannot be placed so (the prepaid money was spent since) is refused: 409 `refund_not_allocatable`.
 * The provider is called after the commit; its answer (now, by notification, or by the job's query) settles the
 * refund once (settle-refund.ts): success keeps the entries, failure undoes them.
 * `id` is the idempotency key (the same request again answers the same refund; another under it is 409).
 */
import { randomBytes } from 'node:crypto';
import { add, compare, negate, subtract, sum, toMoneyString } from '@pm/domain';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { charges, ledgerEntries, paymentOrders, paymentRefunds, staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { AppError, ConflictError, NotFoundError } from '../../lib/errors';
import { PaymentProviderError } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { authorizeEstate } from '../billing/access';
import { lockUnits, prepaidBalances } from '../billing/ledger';
import { toFen } from './amounts';
import { constraintOf } from './apply-paid';
import { loadOrder } from './order-view';
import { settleRefund } from './settle-refund';

export interface RefundInput {
  id: string;
  amount: string;
  reason: string;
}

export type RefundRow = typeof paymentRefunds.$inferSelect;

export function refundView(r: RefundRow & { requestedByName?: string | null }) {
  return {
    id: r.id,
    orderId: r.orderId,
    outRefundNo: r.outRefundNo,
    amount: r.amount,
    reason: r.reason,
    state: r.state,
    providerState: r.providerState,
    providerRefundId: r.providerRefundId,
    requestedBy: r.requestedBy,
    requestedByName: r.requestedByName ?? null,
    requestedAt: r.requestedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    failureReason: r.failureReason,
  };
}

export async function loadRefunds(db: DbOrTx, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return db
    .select({ refund: paymentRefunds, requestedByName: staffAccounts.name })
    .from(paymentRefunds)
    .innerJoin(staffAccounts, eq(staffAccounts.id, paymentRefunds.requestedBy))
    .where(inArray(paymentRefunds.orderId, orderIds))
    .orderBy(desc(paymentRefunds.requestedAt))
    .then((rows) => rows.map((r) => refundView({ ...r.refund, requestedByName: r.requestedByName })));
}

async function refundById(db: DbOrTx, id: string) {
  const [r] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id));
  return r;
}

/** Where the refund's money comes from in the ledger (see the module comment); throws 409 if it cannot be placed. */
async function allocate(tx: DbOrTx, order: typeof paymentOrders.$inferSelect, earlierEntryIds: string[], amount: string) {
  const own = await tx
    .select({ kind: ledgerEntries.kind, chargeId: ledgerEntries.chargeId, amount: ledgerEntries.amount, dueDate: charges.dueDate })
    .from(ledgerEntries)
    .leftJoin(charges, eq(charges.id, ledgerEntries.chargeId))
    .where(eq(ledgerEntries.receiptId, order.receiptId!));
  const earlier = earlierEntryIds.length
    ? await tx.select({ chargeId: ledgerEntries.chargeId, amount: ledgerEntries.amount }).from(ledgerEntries).where(inArray(ledgerEntries.id, earlierEntryIds))
    : [];
  const total = (rows: { amount: string }[]) => toMoneyString(sum(['0', ...rows.map((r) => r.amount)]));
  const prepaidFromOrder = subtract(
    total(own.filter((e) => e.kind === 'prepayment')),
    add(total(own.filter((e) => e.kind === 'offset')), total(earlier.filter((e) => e.chargeId === null))),
  );
  const balance = (await prepaidBalances(tx, [order.unitId])).get(order.unitId) ?? '0.00';
  let left = toMoneyString(amount);
  const parts: { chargeId: string | null; amount: string }[] = [];
  const take = (chargeId: string | null, available: string) => {
    if (compare(available, '0') <= 0 || compare(left, '0') <= 0) return;
    const x = compare(available, left) < 0 ? toMoneyString(available) : left;
    parts.push({ chargeId, amount: x });
    left = toMoneyString(subtract(left, x));
  };
  take(null, toMoneyString(compare(prepaidFromOrder, balance) < 0 ? prepaidFromOrder : balance));
  // The charges it settled, newest due first (the last thing paid is the first given back).
  const settled = new Map<string, { paid: string; dueDate: string }>();
  for (const e of own) {
    if ((e.kind === 'payment' || e.kind === 'offset') && e.chargeId) {
      const cur = settled.get(e.chargeId);
      settled.set(e.chargeId, { paid: toMoneyString(add(cur?.paid ?? '0', e.amount)), dueDate: e.dueDate ?? '' });
    }
  }
  for (const e of earlier) {
    if (e.chargeId && settled.has(e.chargeId)) {
      const cur = settled.get(e.chargeId)!;
      settled.set(e.chargeId, { ...cur, paid: toMoneyString(subtract(cur.paid, e.amount)) });
    }
  }
  for (const [chargeId, s] of [...settled].sort((a, b) => (a[1].dueDate < b[1].dueDate ? 1 : a[1].dueDate > b[1].dueDate ? -1 : a[0] < b[0] ? 1 : -1))) {
    take(chargeId, s.paid);
  }
  if (compare(left, '0') > 0) {
    throw new AppError(409, 'refund_not_allocatable', `该笔支付的预存款已被使用，最多可退 ¥${toMoneyString(subtract(amount, left))} The prepaid part was used since`, {
      allocatable: toMoneyString(subtract(amount, left)),
    });
  }
  return parts;
}

export async function refundOrder({ ctx, runtime, orderId, input }: { ctx: StaffContext; runtime: PaymentsRuntime; orderId: string; input: RefundInput }) {
  const order = await loadOrder(ctx.db, orderId);
  await authorizeEstate(ctx, order.estateId, 'ledger:adjust');
  const amount = toMoneyString(input.amount);
  const replay = async () => {
    const seen = await refundById(ctx.db, input.id);
    if (!seen) return undefined;
    if (seen.orderId !== orderId || compare(seen.amount, amount) !== 0 || seen.reason !== input.reason) {
      throw new ConflictError('this id was used for another refund', { code: 'idempotency_conflict' });
    }
    return seen;
  };
  let refund = await replay();
  if (!refund) {
    if (order.state !== 'paid' || !order.receiptId) throw new AppError(409, 'order_not_paid', '该订单未支付，不能退款 The order is not paid', { state: order.state });
    const provider = runtime.providers.get(order.provider);
    if (!provider) throw new AppError(409, 'provider_unavailable', '该支付渠道已停用 The provider of this payment is not configured', { provider: order.provider });
    try {
      refund = await ctx.db.transaction(async (tx) => {
        const [locked] = await tx.select().from(paymentOrders).where(eq(paymentOrders.id, orderId)).for('update');
        const others = await tx
          .select()
          .from(paymentRefunds)
          .where(and(eq(paymentRefunds.orderId, orderId), ne(paymentRefunds.state, 'failed')));
        const refundable = toMoneyString(subtract(locked!.amount, sum(['0', ...others.map((r) => r.amount)])));
        if (compare(amount, refundable) > 0) {
          throw new AppError(409, 'refund_exceeds', `最多可退 ¥${refundable} At most ${refundable} can be refunded`, { refundable });
        }
        await lockUnits(tx, [order.unitId]);
        const parts = await allocate(
          tx,
          locked!,
          others.flatMap((r) => r.entryIds),
          amount,
        );
        const entries = await tx
          .insert(ledgerEntries)
          .values(
            parts.map((p) => ({
              estateId: order.estateId,
              unitId: order.unitId,
              kind: 'refund' as const,
              amount: p.amount,
              owedDelta: p.chargeId ? p.amount : '0',
              prepaidDelta: p.chargeId ? '0' : toMoneyString(negate(p.amount)),
              chargeId: p.chargeId,
              receiptId: order.receiptId,
              method: 'online' as const,
              reason: input.reason,
              createdBy: ctx.actor.id,
            })),
          )
          .returning({ id: ledgerEntries.id });
        const [row] = await tx
          .insert(paymentRefunds)
          .values({
            id: input.id,
            orderId,
            outRefundNo: `RF${randomBytes(12).toString('hex').toUpperCase()}`,
            amount,
            reason: input.reason,
            entryIds: entries.map((e) => e.id),
            requestedBy: ctx.actor.id,
            requestedAt: ctx.clock.now(),
          })
          .returning();
        await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'refund', entity: 'payment_refund', entityId: input.id, before: { refundable }, after: { ...row, parts } });
        return row!;
      });
    } catch (e) {
      if (constraintOf(e) === 'payment_refunds_pkey') refund = await replay();
      if (!refund) throw e;
    }
    await sendRefund({ db: ctx.db, clock: ctx.clock, runtime, requestId: ctx.requestId }, refund);
  }
  const [view] = (await loadRefunds(ctx.db, [orderId])).filter((r) => r.id === input.id);
  if (!view) throw new NotFoundError('refund');
  return view;
}

/**
 * Asks the provider to pay the refund back (again: the same out_refund_no never refunds twice) and settles
 * it when the answer is final. A provider that cannot be reached leaves it processing for the job.
 */
export async function sendRefund(deps: { db: StaffContext['db']; clock: StaffContext['clock']; runtime: PaymentsRuntime; requestId?: string }, refund: RefundRow) {
  if (refund.state !== 'processing') return;
  const order = await loadOrder(deps.db, refund.orderId);
  const provider = deps.runtime.providers.get(order.provider);
  if (!provider) return;
  try {
    const result = await provider.refund({
      outTradeNo: order.outTradeNo,
      outRefundNo: refund.outRefundNo,
      refundFen: toFen(refund.amount),
      totalFen: toFen(order.amount),
      reason: refund.reason.slice(0, 80),
    });
    await deps.db.update(paymentRefunds).set({ providerRefundId: result.refundId, providerState: result.providerState }).where(eq(paymentRefunds.id, refund.id));
    if (result.state === 'succeeded') await settleRefund(deps, refund.id, 'succeeded', { providerState: result.providerState, refundId: result.refundId });
    else if (result.state === 'closed' || result.state === 'abnormal') await settleRefund(deps, refund.id, 'failed', { providerState: result.providerState, refundId: result.refundId });
  } catch (e) {
    if (!(e instanceof PaymentProviderError)) throw e;
    if (!e.retryable) await settleRefund(deps, refund.id, 'failed', { reason: `${e.code}: ${e.message}`.slice(0, 200) });
  }
}
