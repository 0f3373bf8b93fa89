/**
 * 收款 at the counter: the cashier picks charges (and/or a prepayment 预存), the server recomputes the
 * total from what the charges owe now and posts one receipt, numbered per estate. Exactly once:
 * - the request's idempotency key is unique on receipts: a retry returns the receipt posted the first time;
 * - the charges are locked (FOR UPDATE, in id order): of two cashiers collecting the same charge, the second
 *   waits, then finds it settled and gets 409 `charge_settled`;
 * - `expectedTotal` is what the cashier's screen showed: a different server total is 409 `amount_changed`,
 *   never a silent surprise.
 */
import { compare, negate, sum, toChineseCapital, todayInShanghai, toMoneyString } from '@pm/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { charges, dayCloses, feeItems, ledgerEntries, receiptSequences, receipts, staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { authorizeEstate } from './access';
import { loadUnitHeader } from './account';
import { type AdvanceInput, postAdvance, quoteAdvance } from './advance';
import { lockUnits, offsetFromPrepaid, openCharges } from './ledger';

export type CounterMethod = 'cash' | 'wechat' | 'alipay' | 'bank' | 'pos';

export interface CollectInput {
  idempotencyKey: string;
  unitId: string;
  method: CounterMethod;
  chargeIds: string[];
  prepayment?: string | undefined;
  /** 预交: whole cycles of one fee paid ahead, with the estate's prepayment discount (./advance.ts). */
  advance?: AdvanceInput | undefined;
  payer?: string | undefined;
  expectedTotal: string;
}

export async function getReceipt({ ctx, id }: { ctx: StaffContext; id: string }) {
  const [r] = await ctx.db
    .select({ receipt: receipts, cashierName: staffAccounts.name })
    .from(receipts)
    .innerJoin(staffAccounts, eq(staffAccounts.id, receipts.cashierId))
    .where(eq(receipts.id, id));
  if (!r) throw new NotFoundError('receipt');
  await authorizeEstate(ctx, r.receipt.estateId, 'charge:read');
  return receiptView(ctx, r.receipt, r.cashierName);
}

/** The receipt as printed; also the resident's e-receipt (services/payments), hence only the database is needed. */
export async function receiptView(ctx: Pick<StaffContext, 'db'>, receipt: typeof receipts.$inferSelect, cashierName: string) {
  const unit = await loadUnitHeader(ctx.db, receipt.unitId);
  const entries = await ctx.db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      amount: ledgerEntries.amount,
      chargeId: ledgerEntries.chargeId,
      reason: ledgerEntries.reason,
      feeItemName: feeItems.name,
      period: charges.period,
      explanation: charges.explanation,
    })
    .from(ledgerEntries)
    .leftJoin(charges, eq(charges.id, ledgerEntries.chargeId))
    .leftJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .where(eq(ledgerEntries.receiptId, receipt.id))
    .orderBy(asc(ledgerEntries.createdAt), asc(charges.dueDate), asc(ledgerEntries.id));
  const line = (e: (typeof entries)[number]) => ({
    chargeId: e.chargeId,
    feeItemName: e.kind === 'prepayment' ? '预存款' : (e.feeItemName ?? ''),
    period: e.period,
    explanation: e.kind === 'prepayment' ? '预存 Prepayment' : (e.explanation ?? ''),
    amount: e.amount,
  });
  return {
    id: receipt.id,
    number: receipt.number,
    estateId: receipt.estateId,
    estateName: unit.estateName,
    unitId: receipt.unitId,
    unitNumber: unit.number,
    buildingName: unit.buildingName,
    method: receipt.method,
    total: receipt.total,
    totalInWords: toChineseCapital(receipt.total),
    payer: receipt.payer,
    cashierName,
    createdAt: receipt.createdAt.toISOString(),
    businessDate: receipt.businessDate,
    status: receipt.status,
    voidReason: receipt.voidReason,
    lines: entries.filter((e) => e.kind === 'payment' || e.kind === 'prepayment').map((e) => ({ ...line(e), kind: e.kind as 'payment' | 'prepayment' })),
    /** Prepaid money this receipt put to older charges at once (预存自动冲抵). */
    offsets: entries.filter((e) => e.kind === 'offset').map(line),
    /** Prepayment discounts 预交优惠 of the cycles this receipt paid ahead (their reason says how). */
    discounts: entries.filter((e) => e.kind === 'discount').map((e) => ({ ...line(e), explanation: e.reason ?? '' })),
  };
}

async function byKey(ctx: StaffContext, key: string) {
  const [r] = await ctx.db.select({ id: receipts.id, unitId: receipts.unitId }).from(receipts).where(eq(receipts.idempotencyKey, key));
  return r;
}

/**
 * The estate's next receipt number; the row lock on the sequence serialises concurrent receipts. Online
 * payments (services/payments/apply-paid.ts) number their receipts here too: one sequence per estate.
 */
export async function nextNumber(tx: DbOrTx, estateId: string): Promise<string> {
  const [row] = await tx
    .insert(receiptSequences)
    .values({ estateId, next: 2 })
    .onConflictDoUpdate({ target: receiptSequences.estateId, set: { next: sql`${receiptSequences.next} + 1` } })
    .returning({ next: receiptSequences.next });
  return `SK${String(row!.next - 1).padStart(8, '0')}`;
}

export async function collect({ ctx, input }: { ctx: StaffContext; input: CollectInput }) {
  const unit = await loadUnitHeader(ctx.db, input.unitId);
  await authorizeEstate(ctx, unit.estateId, 'payment:collect');
  const replay = async () => {
    const seen = await byKey(ctx, input.idempotencyKey);
    if (!seen) return undefined;
    if (seen.unitId !== input.unitId) throw new ConflictError('this idempotency key was used for another payment', { code: 'idempotency_conflict' });
    return getReceipt({ ctx, id: seen.id });
  };
  const done = await replay();
  if (done) return done;

  const chargeIds = [...new Set(input.chargeIds)];
  const prepayment = input.prepayment && compare(input.prepayment, '0') > 0 ? toMoneyString(input.prepayment) : null;
  if (chargeIds.length === 0 && !prepayment && !input.advance) {
    throw new ValidationError('pick charges or enter a prepayment', [{ path: 'chargeIds', message: 'nothing to collect' }]);
  }

  let receiptId: string;
  try {
    receiptId = await ctx.db.transaction(async (tx) => {
      const open = await openCharges(tx, [input.unitId], { chargeIds, lock: true });
      const missing = chargeIds.filter((id) => !open.some((c) => c.id === id));
      if (missing.length) throw new AppError(409, 'charge_settled', '所选费用已被收取或不属于该房屋 Some charges are already paid', { chargeIds: missing });
      // Priced again here, in the transaction: what the cashier quoted must still hold (else amount_changed).
      const advance = input.advance ? await quoteAdvance(tx, unit.estateId, input.unitId, input.advance, ctx.clock.now()) : null;
      const total = toMoneyString(sum([...open.map((c) => c.owed), prepayment ?? '0', advance?.payable ?? '0']));
      if (compare(total, input.expectedTotal) !== 0) {
        throw new AppError(409, 'amount_changed', `应收金额已变为 ¥${total} The amount due changed`, { expectedTotal: input.expectedTotal, actualTotal: total });
      }
      const [receipt] = await tx
        .insert(receipts)
        .values({
          estateId: unit.estateId,
          unitId: input.unitId,
          number: await nextNumber(tx, unit.estateId),
          method: input.method,
          total,
          payer: input.payer ?? unit.ownerName,
          idempotencyKey: input.idempotencyKey,
          cashierId: ctx.actor.id,
          businessDate: todayInShanghai(ctx.clock.now()),
          createdAt: ctx.clock.now(),
        })
        .returning();
      const entries: (typeof ledgerEntries.$inferInsert)[] = open.map((c) => ({
        estateId: unit.estateId,
        unitId: input.unitId,
        kind: 'payment' as const,
        amount: c.owed,
        owedDelta: toMoneyString(negate(c.owed)),
        chargeId: c.id,
        receiptId: receipt!.id,
        method: input.method,
        createdBy: ctx.actor.id,
      }));
      if (prepayment) {
        entries.push({ estateId: unit.estateId, unitId: input.unitId, kind: 'prepayment', amount: prepayment, prepaidDelta: prepayment, receiptId: receipt!.id, method: input.method, createdBy: ctx.actor.id });
      }
      if (advance) {
        entries.push(...(await postAdvance(tx, advance, { estateId: unit.estateId, unitId: input.unitId, receiptId: receipt!.id, method: input.method, actorId: ctx.actor.id })));
      }
      if (entries.length) await tx.insert(ledgerEntries).values(entries);
      // A deposit offsets what is still open, oldest due first, in the same transaction.
      if (prepayment) await offsetFromPrepaid(tx, ctx, [input.unitId], receipt!.id);
      await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'collect', entity: 'receipt', entityId: receipt!.id, after: { ...receipt, chargeIds } });
      return receipt!.id;
    });
  } catch (e) {
    // The same key posted concurrently by a retry: the other request won; answer with its receipt.
    const again = await replay().catch(() => undefined);
    if (again) return again;
    throw e;
  }
  return getReceipt({ ctx, id: receiptId });
}

/**
 * 作废: the same business day, before the day is closed, with a reason. Every ledger entry of the receipt is
 * reversed (negated deltas); nothing is deleted. Refused when the prepaid money it brought is already used
 * elsewhere (the balance would go negative).
 */
export async function voidReceipt({ ctx, id, input }: { ctx: StaffContext; id: string; input: { reason: string } }) {
  const [r] = await ctx.db.select().from(receipts).where(eq(receipts.id, id));
  if (!r) throw new NotFoundError('receipt');
  await authorizeEstate(ctx, r.estateId, 'payment:collect');
  if (r.status === 'voided') return getReceipt({ ctx, id });
  // The money of an online payment is with the provider: voiding would drop it from the ledger while the
  // payer stays charged. It goes back through a refund (services/payments/refund-order.ts).
  if (r.method === 'online') throw new AppError(409, 'void_not_allowed', '线上支付的收款单不能作废，请退款 An online payment is refunded, not voided');
  const today = todayInShanghai(ctx.clock.now());
  if (r.businessDate !== today) throw new AppError(409, 'void_not_allowed', '只能作废当天的收款单 Only today’s receipts can be voided');
  await ctx.db.transaction(async (tx) => {
    // The unit's prepaid money is checked after the reversal: hold the unit like every prepaid writer does.
    await lockUnits(tx, [r.unitId]);
    const closed = await tx
      .select({ id: dayCloses.id })
      .from(dayCloses)
      .where(and(eq(dayCloses.estateId, r.estateId), eq(dayCloses.cashierId, r.cashierId), eq(dayCloses.businessDate, r.businessDate)));
    if (closed.length > 0) throw new AppError(409, 'void_not_allowed', '该日已日结，不能作废 The day is closed');
    const updated = await tx
      .update(receipts)
      .set({ status: 'voided', voidReason: input.reason, voidedBy: ctx.actor.id, voidedAt: ctx.clock.now() })
      .where(and(eq(receipts.id, id), eq(receipts.status, 'posted')))
      .returning({ id: receipts.id });
    if (updated.length === 0) return; // voided meanwhile by the same request retried
    const entries = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.receiptId, id));
    await tx.insert(ledgerEntries).values(
      entries.map((e) => ({
        estateId: e.estateId,
        unitId: e.unitId,
        kind: 'reversal' as const,
        amount: e.amount,
        owedDelta: toMoneyString(negate(e.owedDelta)),
        prepaidDelta: toMoneyString(negate(e.prepaidDelta)),
        chargeId: e.chargeId,
        reversalOf: e.id,
        reason: input.reason,
        createdBy: ctx.actor.id,
      })),
    );
    const [bal] = await tx
      .select({ prepaid: sql<string>`coalesce(sum(${ledgerEntries.prepaidDelta}), 0)::text` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.unitId, r.unitId));
    if (compare(bal?.prepaid ?? '0', '0') < 0) throw new AppError(409, 'void_not_allowed', '预存款已被使用，不能作废 The prepaid money was already used');
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'void', entity: 'receipt', entityId: id, before: r, after: { reason: input.reason } });
  });
  return getReceipt({ ctx, id });
}

