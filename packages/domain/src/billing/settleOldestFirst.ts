/**
 * Internal to allocatePayment and autoOffset: which receivables an amount settles, and how much of each.
 *
 * The order is 民法典 art. 560's default when the payer names no debt: the debt due earliest first (due
 * ones come before ones not yet due simply because their due dates are earlier). Debts due on the same
 * day are settled in proportion to what they owe (art. 560: 到期时间相同的，按照债务比例履行) — split by
 * the largest remainder, ties for the last fen to the smaller chargeId — so no list order decides who
 * gets paid. No receivable ever gets more than it owes; what is left over is returned.
 */
import { allocate, type Decimal, formatYuan, subtract, sum, toDecimal } from '../money';
import { isCalendarDate } from './calendarDate';
import { BillingError, preview } from './errors';
import { amountOf } from './values';

/** A receivable that may still owe something (an `OwedCharge` from owedByCharge fits). */
export interface OpenCharge {
  chargeId: string;
  owed: string;
  dueDate: string;
  label?: string;
}

/** How much of one receivable an amount settles. */
export interface ChargeSettlement {
  chargeId: string;
  amount: string;
  owedBefore: string;
  owedAfter: string;
}

interface Open {
  chargeId: string;
  owed: Decimal;
  dueDate: string;
  label: string;
}

function checkCharges(charges: readonly OpenCharge[]): Open[] {
  if (!Array.isArray(charges)) throw new BillingError('INVALID_CHARGES', 'the open charges must be a list', {});
  const seen = new Set<string>();
  return charges.map((c, i) => {
    if (typeof c?.chargeId !== 'string' || c.chargeId === '' || seen.has(c.chargeId)) {
      throw new BillingError('INVALID_CHARGES', 'every charge needs its own non-empty chargeId', { index: i, chargeId: preview(c?.chargeId) });
    }
    seen.add(c.chargeId);
    if (!isCalendarDate(c.dueDate)) {
      throw new BillingError('INVALID_CHARGES', 'dueDate must be a calendar date YYYY-MM-DD', { index: i, dueDate: preview(c.dueDate) });
    }
    return { chargeId: c.chargeId, owed: amountOf(c.owed, `charges[${i}].owed`), dueDate: c.dueDate, label: c.label ?? c.chargeId };
  });
}

export interface OldestFirst {
  settlements: ChargeSettlement[];
  rest: string;
  /** '2025-01 物业费 ¥210.02（结清）、…' and whether a same-day split happened. */
  text: string;
  proRata: boolean;
}

export function settleOldestFirst(amount: Decimal, charges: readonly OpenCharge[]): OldestFirst {
  const open = checkCharges(charges)
    .filter((c) => c.owed.greaterThan(0))
    .sort((a, b) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.chargeId < b.chargeId ? -1 : 1));
  const settlements: ChargeSettlement[] = [];
  const words: string[] = [];
  let rest = amount;
  let proRata = false;
  let i = 0;
  while (i < open.length && rest.greaterThan(0)) {
    const dueDate = open[i]?.dueDate;
    const group = open.filter((c) => c.dueDate === dueDate);
    i += group.length;
    const groupOwed = sum(group.map((c) => c.owed));
    const parts = rest.greaterThanOrEqualTo(groupOwed) ? group.map((c) => c.owed.toFixed(2)) : allocate(rest.toFixed(2), group.map((c) => c.owed));
    if (group.length > 1 && rest.lessThan(groupOwed)) proRata = true;
    group.forEach((c, k) => {
      const paid = toDecimal(parts[k] as string);
      if (paid.isZero()) return;
      const after = subtract(c.owed, paid);
      settlements.push({ chargeId: c.chargeId, amount: paid.toFixed(2), owedBefore: c.owed.toFixed(2), owedAfter: after.toFixed(2) });
      words.push(`${c.label} ${formatYuan(paid)}${after.isZero() ? '（结清）' : `（尚欠 ${formatYuan(after)}）`}`);
      rest = subtract(rest, paid);
    });
  }
  return { settlements, rest: rest.toFixed(2), text: words.join('、'), proRata };
}

/** The words explaining a same-day pro-rata split, when there was one. */
export const PRO_RATA_NOTE = '（同日到期的按欠费比例分配）';
