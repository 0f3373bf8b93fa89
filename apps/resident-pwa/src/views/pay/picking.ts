/**
 * The 缴费 tab's arithmetic, on decimal strings only (@pm/domain money helpers; never a JS number): which
 * charges can be paid, the total of the picked ones plus a prepayment, the charges grouped by period, and
 * the oldest-first check. The counter (staff-pwa views/cashier/pay.ts) does the same sums the same way;
 * here a charge held by another open payment order (支付中) is shown but can never be picked.
 */
import { compare, isMoneyString, sum, toMoneyString } from '@pm/domain';
import type { PayCharge } from '../../api/pay';

/** Charges the resident still owes something on, oldest due first (the API's order), locked ones included. */
export function outstanding(charges: readonly PayCharge[]): PayCharge[] {
  return charges.filter((c) => c.status === 'open' && compare(c.owed, '0') > 0);
}

/** An outstanding charge that no other open order holds. */
export function isPickable(c: PayCharge): boolean {
  return c.status === 'open' && compare(c.owed, '0') > 0 && c.lockedByOrderId === null;
}

/** A prepayment as typed: empty (none), or a positive amount with at most two decimals. */
export function isPrepaymentValid(text: string): boolean {
  const v = text.trim();
  if (v === '') return true;
  return /^\d{1,12}(\.\d{1,2})?$/.test(v) && isMoneyString(v, { allowNegative: false }) && compare(v, '0') > 0;
}

/** The prepayment to send ("100.00"), or undefined for none (or an invalid one, which the form refuses anyway). */
export function prepaymentAmount(text: string): string | undefined {
  const v = text.trim();
  if (v === '' || !isPrepaymentValid(v)) return undefined;
  return toMoneyString(v);
}

/** What the picked (pickable) charges still owe, exactly, in the API's "0.00" form. */
export function chargesTotal(charges: readonly PayCharge[], picked: ReadonlySet<string>): string {
  return toMoneyString(sum(charges.filter((c) => picked.has(c.id) && isPickable(c)).map((c) => c.owed)));
}

/** The picked charges plus the prepayment: what the order will ask for. */
export function payTotal(charges: readonly PayCharge[], picked: ReadonlySet<string>, prepayment: string): string {
  const pre = prepaymentAmount(prepayment);
  return toMoneyString(sum([chargesTotal(charges, picked), ...(pre ? [pre] : [])]));
}

export interface PeriodGroup {
  period: string;
  charges: PayCharge[];
  /** What the whole period still owes (locked charges included: it is still owed until their order is paid). */
  owed: string;
  /** The ids a tap on the period's header picks or unpicks. */
  pickableIds: string[];
}

/** Charges grouped by period, oldest period first, keeping the API's order (oldest due first) inside. */
export function groupByPeriod(charges: readonly PayCharge[]): PeriodGroup[] {
  const map = new Map<string, PayCharge[]>();
  for (const c of charges) {
    const list = map.get(c.period);
    if (list) list.push(c);
    else map.set(c.period, [c]);
  }
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, list]) => ({
      period,
      charges: list,
      owed: toMoneyString(sum(list.map((c) => c.owed))),
      pickableIds: list.filter(isPickable).map((c) => c.id),
    }));
}

const age = (c: PayCharge) => `${c.dueDate}|${c.period}`;

/**
 * Pickable charges left out although a newer one is picked: payments settle the oldest debt first by
 * default (民法典 art. 560), so the screen says so — gently, the resident may dispute one charge.
 */
export function olderLeftOut(charges: readonly PayCharge[], picked: ReadonlySet<string>): PayCharge[] {
  const pickedAges = charges.filter((c) => picked.has(c.id) && isPickable(c)).map(age);
  if (!pickedAges.length) return [];
  const newest = pickedAges.sort().at(-1) ?? '';
  return charges.filter((c) => isPickable(c) && !picked.has(c.id) && age(c) < newest);
}
