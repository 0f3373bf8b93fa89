/**
 * Ledger entries 台账分录 on one unit's account. Append-only: nothing posted is edited or deleted, a
 * mistake is corrected by a `reversal`. Every entry has an id (client-made where it can be, and the
 * idempotency key): an id seen twice is the same entry, and the fold ignores the repeat.
 *
 * Amounts are decimal strings on the fen, never negative — except an `adjustment`, whose sign says
 * whether it raises (+) or lowers (−) the charge it adjusts, and a `reversal`, which repeats the amount
 * of the entry it reverses (so "-10.00" when it reverses a −10.00 adjustment).
 */
import { LedgerError, preview } from './errors';
import { isCalendarDate } from './calendarDate';
import { isMoneyString } from '../money';

export const LEDGER_ENTRY_TYPES = [
  'charge',
  'payment',
  'prepayment',
  'offset',
  'discount',
  'penalty',
  'waiver',
  'refund',
  'adjustment',
  'reversal',
] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export const LEDGER_ENTRY_LABELS: Readonly<Record<LedgerEntryType, { zh: string; en: string }>> = {
  charge: { zh: '应收', en: 'Charge' },
  payment: { zh: '收款', en: 'Payment' },
  prepayment: { zh: '预存', en: 'Prepayment' },
  offset: { zh: '预存冲抵', en: 'Offset from prepayment' },
  discount: { zh: '减免', en: 'Discount' },
  penalty: { zh: '违约金', en: 'Late fee' },
  waiver: { zh: '违约金减免', en: 'Late fee waiver' },
  refund: { zh: '退款', en: 'Refund' },
  adjustment: { zh: '调整', en: 'Adjustment' },
  reversal: { zh: '冲正', en: 'Reversal' },
};

interface EntryBase {
  id: string;
  amount: string;
}

/** 应收: a receivable for one fee item and period, due on `dueDate` (the last day to pay). */
export interface ChargeEntry extends EntryBase {
  type: 'charge';
  dueDate: string;
  label?: string;
}

/** 违约金: a receivable of its own, levied on the charge `chargeId`. */
export interface PenaltyEntry extends EntryBase {
  type: 'penalty';
  chargeId: string;
  dueDate: string;
  label?: string;
}

/**
 * Settles part of a receivable `chargeId`: `payment` with money received, `offset` with money taken from
 * the prepaid balance, `discount` (charges only) or `waiver` (penalties only) by forgoing it.
 */
export interface SettlementEntry extends EntryBase {
  type: 'payment' | 'offset' | 'discount' | 'waiver';
  chargeId: string;
}

/** `prepayment` puts money on the prepaid balance 预存; `refund` pays it back out. */
export interface PrepaidEntry extends EntryBase {
  type: 'prepayment' | 'refund';
}

/** Changes what the receivable `chargeId` is for: a signed amount. */
export interface AdjustmentEntry extends EntryBase {
  type: 'adjustment';
  chargeId: string;
}

/** Cancels the entry `reversesId` entirely; `amount` repeats that entry's amount. */
export interface ReversalEntry extends EntryBase {
  type: 'reversal';
  reversesId: string;
}

export type LedgerEntry = ChargeEntry | PenaltyEntry | SettlementEntry | PrepaidEntry | AdjustmentEntry | ReversalEntry;

function invalid(message: string, entry: unknown, field: string): never {
  const id = (entry as { id?: unknown } | null)?.id;
  throw new LedgerError('INVALID_ENTRY', message, { id: preview(id), field });
}

function requireId(entry: unknown, field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') invalid(`${field} must be a non-empty string`, entry, field);
  return value;
}

/** The entry's shape checked (not yet its effect on the account), or `LedgerError` INVALID_ENTRY. */
export function checkLedgerEntry(entry: LedgerEntry): LedgerEntry {
  if (entry === null || typeof entry !== 'object') invalid('an entry must be an object', entry, 'entry');
  requireId(entry, 'id', entry.id);
  if (!(LEDGER_ENTRY_TYPES as readonly unknown[]).includes(entry.type)) invalid('unknown entry type', entry, 'type');
  const signed = entry.type === 'adjustment' || entry.type === 'reversal';
  if (!isMoneyString(entry.amount, { allowNegative: signed })) {
    invalid(`amount must be a ${signed ? '' : 'non-negative '}decimal string on the fen`, entry, 'amount');
  }
  switch (entry.type) {
    case 'charge':
    case 'penalty':
      if (!isCalendarDate(entry.dueDate)) invalid('dueDate must be a calendar date YYYY-MM-DD', entry, 'dueDate');
      if (entry.type === 'penalty') requireId(entry, 'chargeId', entry.chargeId);
      break;
    case 'payment':
    case 'offset':
    case 'discount':
    case 'waiver':
    case 'adjustment':
      requireId(entry, 'chargeId', entry.chargeId);
      break;
    case 'reversal':
      requireId(entry, 'reversesId', entry.reversesId);
      break;
    default:
      break;
  }
  return entry;
}
