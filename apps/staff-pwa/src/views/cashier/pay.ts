/**
 * The cashier's arithmetic, on decimal strings only (@pm/domain money helpers; never a JS number): the
 * total of the picked charges plus a prepayment, the charges grouped by period, and the oldest-first check.
 */
import { compare, isMoneyString, sum, toMoneyString } from '@pm/domain';
import type { AccountCharge } from '../../api/billing';

/** A prepayment as typed: empty (none), or a positive amount with at most two decimals. */
export function isPrepaymentValid(text: string): boolean {
  const v = text.trim();
  if (v === '') return true;
  return /^\d{1,12}(\.\d{1,2})?$/.test(v) && isMoneyString(v, { allowNegative: false }) && compare(v, '0') > 0;
}

/** The prepayment to send, or undefined for none (or an invalid one, which the form refuses anyway). */
export function prepaymentAmount(text: string): string | undefined {
  const v = text.trim();
  if (v === '' || !isPrepaymentValid(v)) return undefined;
  return toMoneyString(v);
}

/** What the picked charges still owe plus the prepayment and the 预交 payable, exactly, as the API's "0.00" form. */
export function payTotal(charges: readonly AccountCharge[], picked: ReadonlySet<string>, prepayment: string, advancePayable?: string): string {
  const amounts = charges.filter((c) => picked.has(c.id)).map((c) => c.owed);
  const pre = prepaymentAmount(prepayment);
  if (pre) amounts.push(pre);
  if (advancePayable) amounts.push(advancePayable);
  return toMoneyString(sum(amounts));
}

export interface PeriodGroup {
  period: string;
  charges: AccountCharge[];
  owed: string;
}

/** Open charges grouped by period, oldest period first, keeping the API's order (oldest due first) inside. */
export function groupByPeriod(charges: readonly AccountCharge[]): PeriodGroup[] {
  const map = new Map<string, AccountCharge[]>();
  for (const c of charges) {
    const list = map.get(c.period);
    if (list) list.push(c);
    else map.set(c.period, [c]);
  }
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, list]) => ({ period, charges: list, owed: toMoneyString(sum(list.map((c) => c.owed))) }));
}

const age = (c: AccountCharge) => `${c.dueDate}|${c.period}`;

/**
 * Charges left unpicked although a newer one is picked: the law (民法典 art. 560) settles the oldest debt
 * first, so the screen warns — gently, the cashier may have a reason (a disputed charge).
 */
export function olderLeftOut(charges: readonly AccountCharge[], picked: ReadonlySet<string>): AccountCharge[] {
  const pickedAges = charges.filter((c) => picked.has(c.id)).map(age);
  if (!pickedAges.length) return [];
  const newest = pickedAges.sort().at(-1) ?? '';
  return charges.filter((c) => !picked.has(c.id) && age(c) < newest);
}

/** A fresh idempotency key (a v4 UUID), also where `crypto.randomUUID` is missing (plain http on a LAN). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
