import { sum } from '../money';
import { type BookItem, itemAmount, itemOwed, itemSettled, LedgerBook } from './ledgerBook';
import type { LedgerEntry } from './ledgerEntry';

/** One receivable (a charge or a penalty) as the ledger leaves it. All amounts on the fen. */
export interface OwedCharge {
  chargeId: string;
  type: 'charge' | 'penalty';
  dueDate: string;
  label?: string;
  /** For a penalty: the charge it is levied on. */
  onChargeId?: string;
  /** What it is for: the posted amount plus adjustments ("0.00" once reversed). */
  amount: string;
  paid: string;
  offset: string;
  discounted: string;
  waived: string;
  /** paid + offset + discounted + waived, never above `amount`. */
  settled: string;
  /** amount − settled, never negative. */
  owed: string;
  reversed: boolean;
}

export interface LedgerState {
  /** Signed sum of the entries: what the unit owes (> 0) or has in credit (< 0). Always Σ owed − prepaid. */
  balance: string;
  /** The prepaid balance 预存余额, never negative. */
  prepaid: string;
  /** Σ owed over the receivables. */
  owed: string;
  /** Every receivable, in posting order (reversed ones included, owing 0). */
  charges: OwedCharge[];
  /** Distinct entries applied (replays not counted). */
  entryCount: number;
}

function snapshot(item: BookItem): OwedCharge {
  const owed: OwedCharge = {
    chargeId: item.id,
    type: item.type,
    dueDate: item.dueDate,
    amount: itemAmount(item).toFixed(2),
    paid: item.paid.toFixed(2),
    offset: item.offset.toFixed(2),
    discounted: item.discounted.toFixed(2),
    waived: item.waived.toFixed(2),
    settled: itemSettled(item).toFixed(2),
    owed: itemOwed(item).toFixed(2),
    reversed: item.reversed,
  };
  if (item.label !== undefined) owed.label = item.label;
  if (item.onChargeId !== undefined) owed.onChargeId = item.onChargeId;
  return owed;
}

/**
 * Fold a unit's entries, in posting order, into its account. An id seen before is ignored (a replayed
 * entry changes nothing, whatever it carries the second time). An entry that would break the account —
 * pay a charge beyond what it owes, offset or refund more than is prepaid, reverse an unknown or
 * reversed entry, settle a reversed charge… — throws `LedgerError` (code LEDGER_REJECTED). To check a
 * new entry before posting it: `foldLedger([...posted, entry])`.
 */
export function foldLedger(entries: Iterable<LedgerEntry>): LedgerState {
  const book = new LedgerBook();
  for (const entry of entries) book.apply(entry);
  const charges = [...book.items.values()].map(snapshot);
  return {
    balance: book.balance.toFixed(2),
    prepaid: book.prepaid.toFixed(2),
    owed: sum(charges.map((c) => c.owed)).toFixed(2),
    charges,
    entryCount: book.entries.size,
  };
}

/** The account balance: > 0 owed, < 0 in credit. */
export function ledgerBalance(entries: Iterable<LedgerEntry>): string {
  return foldLedger(entries).balance;
}

/** Every receivable with what is still owed on it, in posting order. */
export function owedByCharge(entries: Iterable<LedgerEntry>): OwedCharge[] {
  return foldLedger(entries).charges;
}

/** The prepaid balance 预存余额. */
export function prepaidBalance(entries: Iterable<LedgerEntry>): string {
  return foldLedger(entries).prepaid;
}
