/**
 * 预交 paying whole cycles ahead, with the estate's prepayment discount (满 N 个月优惠 x%).
 *
 * Why the cycles are billed now instead of parking money on the prepaid balance: a discount must belong to
 * the charges it lowers, or the collection rate would count the discount as collected and a refund of the
 * prepaid money could pay out money the resident never paid. So the quote prices the unit's next cycles
 * exactly as the billing run will (the same `computeRun`, narrowed to the unit and the standard), the
 * counter posts them as charges (source 'advance') with one `discount` entry and one `payment` entry each,
 * and the run later finds those keys taken (the unique key) and skips them. A price change dated after the
 * quote does not touch cycles already paid, as for any posted charge.
 *
 * The discount is rounded once on the whole (@pm/domain `prepaymentDiscount`) and spread over the cycles by
 * largest remainder (`allocate`), so the lines sum to it exactly.
 */
import { allocate, CYCLE_MONTHS, compare, negate, periodOf, prepaymentDiscount, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { billingSettings, charges, feeItems, feeStandards, type ledgerEntries } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { AppError, ValidationError } from '../../lib/errors';
import { authorizeEstate } from './access';
import { loadUnitHeader } from './account';
import { cycleStartOf, computeRun } from './compute-run';

export interface AdvanceInput {
  standardId: string;
  /** The first month the counter quoted (collecting): another first month means the quote is stale. */
  from?: string | undefined;
  /** Months paid ahead: whole cycles of the standard (a quarterly fee: 3, 6, 9 …). */
  months: number;
}

export interface AdvanceLine {
  period: string;
  amount: string;
  discount: string;
  payable: string;
  dueDate: string;
  explanation: string;
}

export interface AdvanceQuote {
  standardId: string;
  standardName: string;
  feeItemId: string;
  feeItemName: string;
  cycle: 'monthly' | 'quarterly' | 'yearly';
  months: number;
  from: string;
  to: string;
  gross: string;
  discount: string;
  payable: string;
  /** e.g. `预交 12 个月（满 12 个月优惠 5%）：¥2,520.24 × 95% = ¥2,394.23，优惠 ¥126.01`. */
  explanation: string;
  lines: AdvanceLine[];
}

/** The unit's area and fixed standards now in force (what can be paid ahead), newest versions only. */
export async function advanceStandards(db: DbOrTx, estateId: string, unitId: string, today: Date) {
  const period = periodOf(today);
  const current = await db
    .select({ id: feeStandards.id, name: feeStandards.name, cycle: feeStandards.cycle, feeItemId: feeStandards.feeItemId, feeItemName: feeItems.name })
    .from(feeStandards)
    .innerJoin(feeItems, eq(feeItems.id, feeStandards.feeItemId))
    .where(and(eq(feeStandards.estateId, estateId), isNull(feeStandards.effectiveTo), inArray(feeStandards.kind, ['area', 'fixed'])));
  if (current.length === 0) return [];
  // Only those that bill this unit: a run narrowed to it says so (assignments, areas, start dates).
  const run = await computeRun(db, estateId, period, { unitId, standardIds: current.map((s) => s.id) });
  const billing = new Set(run.lines.map((l) => l.standardId));
  return current.filter((s) => billing.has(s.id));
}

/** Prices `months` ahead for the unit from the first cycle not yet charged (this month's at the earliest). */
export async function quoteAdvance(db: DbOrTx, estateId: string, unitId: string, input: AdvanceInput, today: Date): Promise<AdvanceQuote> {
  const options = await advanceStandards(db, estateId, unitId, today);
  const std = options.find((s) => s.id === input.standardId);
  if (!std) throw new ValidationError('this fee cannot be paid ahead for this unit', [{ path: 'advance.standardId', message: 'not an area or fixed fee billing this unit' }]);
  const cycleMonths = CYCLE_MONTHS[std.cycle];
  if (!Number.isInteger(input.months) || input.months < cycleMonths || input.months % cycleMonths !== 0 || input.months > 36) {
    throw new ValidationError('pay whole cycles ahead', [{ path: 'advance.months', message: `a multiple of ${cycleMonths} from ${cycleMonths} to 36` }]);
  }
  // Charged so far for this fee item (any version of the standard): the next cycle after the latest one.
  const [last] = await db
    .select({ period: sql<string | null>`max(${charges.period})` })
    .from(charges)
    .where(and(eq(charges.unitId, unitId), eq(charges.feeItemId, std.feeItemId), inArray(charges.source, ['billing', 'advance'])));
  const thisCycle = cycleStartOf(periodOf(today), cycleMonths);
  const afterLast = last?.period ? shiftPeriod(cycleStartOf(last.period, cycleMonths), cycleMonths) : thisCycle;
  const from = [afterLast, thisCycle].sort()[1]!; // the later month (YYYY-MM sorts as text)
  if (input.from && input.from !== from) {
    // Another counter (or a run) charged these months since the quote: the resident would pay other months.
    throw new AppError(409, 'amount_changed', `预交应从 ${from} 开始，请重新报价 These months were paid or billed meanwhile`, { expectedFrom: input.from, actualFrom: from });
  }

  const drafts = [];
  for (let i = 0; i < input.months; i += cycleMonths) {
    const period = shiftPeriod(from, i);
    const run = await computeRun(db, estateId, period, { unitId, standardIds: [std.id] });
    const line = run.lines.find((l) => l.standardId === std.id);
    if (!line) throw new ValidationError('this fee does not bill the unit for every month asked', [{ path: 'advance.months', message: `nothing to bill for ${period}` }]);
    drafts.push(line);
  }
  const gross = toMoneyString(sum(drafts.map((d) => d.amount)));
  const [settings] = await db.select({ rules: billingSettings.prepayDiscount }).from(billingSettings).where(eq(billingSettings.estateId, estateId));
  const offer = prepaymentDiscount({ amount: gross, months: input.months, rules: (settings?.rules as { minMonths: number; percentOff: string }[] | null) ?? [] });
  const positive = drafts.some((d) => compare(d.amount, '0') > 0);
  const shares = positive && compare(offer.amount, '0') > 0 ? allocate(offer.amount, drafts.map((d) => d.amount)) : drafts.map(() => '0.00');
  const lines = drafts.map((d, i) => ({
    period: d.period,
    amount: d.amount,
    discount: shares[i]!,
    payable: toMoneyString(sum([d.amount, negate(shares[i]!)])),
    dueDate: d.dueDate,
    explanation: d.explanation,
  }));
  return {
    standardId: std.id,
    standardName: std.name,
    feeItemId: std.feeItemId,
    feeItemName: std.feeItemName,
    cycle: std.cycle,
    months: input.months,
    from,
    to: shiftPeriod(from, input.months - 1),
    gross,
    discount: offer.amount,
    payable: offer.payable,
    explanation: offer.explanation,
    lines,
  };
}

/**
 * Posts a quote inside the collecting transaction: the charges, then per charge its share of the discount
 * and the payment of the rest. A cycle charged meanwhile (a run, another counter) makes the insert skip
 * it: the caller's quote no longer holds and the receipt is refused (409 `amount_changed`), nothing posted.
 */
export async function postAdvance(
  tx: DbOrTx,
  q: AdvanceQuote,
  ctx: { estateId: string; unitId: string; receiptId: string; method: (typeof ledgerEntries.$inferInsert)['method']; actorId: string },
) {
  const inserted = await tx
    .insert(charges)
    .values(
      q.lines.map((l) => ({
        estateId: ctx.estateId,
        unitId: ctx.unitId,
        feeItemId: q.feeItemId,
        standardId: q.standardId,
        period: l.period,
        lineKey: '',
        amount: l.amount,
        explanation: l.explanation,
        detail: { kind: 'advance', months: q.months, discount: l.discount, receiptId: ctx.receiptId },
        dueDate: l.dueDate,
        source: 'advance' as const,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: charges.id, period: charges.period });
  if (inserted.length !== q.lines.length) {
    throw new AppError(409, 'amount_changed', '所选月份已有应收费用，请重新报价 Some of these months were billed meanwhile', { periods: q.lines.map((l) => l.period) });
  }
  const byPeriod = new Map(inserted.map((c) => [c.period, c.id]));
  const entries: (typeof ledgerEntries.$inferInsert)[] = [];
  for (const l of q.lines) {
    const chargeId = byPeriod.get(l.period)!;
    const base = { estateId: ctx.estateId, unitId: ctx.unitId, chargeId, receiptId: ctx.receiptId, createdBy: ctx.actorId };
    if (compare(l.discount, '0') > 0) {
      entries.push({ ...base, kind: 'discount', amount: l.discount, owedDelta: toMoneyString(negate(l.discount)), reason: q.explanation });
    }
    if (compare(l.payable, '0') > 0) {
      entries.push({ ...base, kind: 'payment', amount: l.payable, owedDelta: toMoneyString(negate(l.payable)), method: ctx.method });
    }
  }
  return entries;
}

/** `GET /units/:id/advance`: what the counter can offer the unit, and a quote when a fee and months are picked. */
export async function getAdvanceOptions({ ctx, unitId, query }: { ctx: StaffContext; unitId: string; query: Partial<AdvanceInput> }) {
  const unit = await loadUnitHeader(ctx.db, unitId);
  await authorizeEstate(ctx, unit.estateId, 'payment:collect');
  const now = ctx.clock.now();
  const standards = await advanceStandards(ctx.db, unit.estateId, unitId, now);
  const [settings] = await ctx.db.select({ rules: billingSettings.prepayDiscount }).from(billingSettings).where(eq(billingSettings.estateId, unit.estateId));
  const quote = query.standardId && query.months ? await quoteAdvance(ctx.db, unit.estateId, unitId, { standardId: query.standardId, months: query.months }, now) : null;
  return { unitId, rules: (settings?.rules as { minMonths: number; percentOff: string }[] | null) ?? [], standards, quote };
}
