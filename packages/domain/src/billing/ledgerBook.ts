/**
 * The ledger fold, internal: a mutable book that applies one entry at a time and refuses (LedgerError)
 * an entry that would break the account's invariants. Each entry is checked in full before anything
 * changes, so a refused entry leaves the book as it was. foldLedger.ts is the public face.
 *
 * The account: receivables (charges and penalties), each owing
 *   owed = amount (+ adjustments) − paid − offset − discounted − waived ≥ 0,
 * and a prepaid balance ≥ 0. The balance is the signed sum of the entries (see `effect` in the README):
 *   balance = Σ owed − prepaid,
 * positive when the unit owes, negative when it is in credit.
 */
import { add, type Decimal, MoneyDecimal, subtract, toDecimal } from '../money';
import { LedgerError } from './errors';
import { checkLedgerEntry, type LedgerEntry, type ReversalEntry } from './ledgerEntry';

const ZERO = new MoneyDecimal(0);

type Settlement = 'paid' | 'offset' | 'discounted' | 'waived';

const SETTLES: Readonly<Record<string, Settlement>> = { payment: 'paid', offset: 'offset', discount: 'discounted', waiver: 'waived' };

export interface BookItem {
  id: string;
  type: 'charge' | 'penalty';
  dueDate: string;
  label: string | undefined;
  /** For a penalty: the charge it is levied on. */
  onChargeId: string | undefined;
  original: Decimal;
  adjusted: Decimal;
  paid: Decimal;
  offset: Decimal;
  discounted: Decimal;
  waived: Decimal;
  reversed: boolean;
}

export function itemAmount(item: BookItem): Decimal {
  return item.reversed ? ZERO : add(item.original, item.adjusted);
}

export function itemSettled(item: BookItem): Decimal {
  return add(item.paid, item.offset, item.discounted, item.waived);
}

export function itemOwed(item: BookItem): Decimal {
  return subtract(itemAmount(item), itemSettled(item));
}

function reject(reason: ConstructorParameters<typeof LedgerError>[0], message: string, entry: LedgerEntry, extra: Record<string, unknown> = {}): never {
  throw new LedgerError(reason, message, { id: entry.id, type: entry.type, ...extra });
}

export class LedgerBook {
  readonly entries = new Map<string, LedgerEntry>();
  readonly reversed = new Set<string>();
  readonly items = new Map<string, BookItem>();
  prepaid: Decimal = ZERO;
  balance: Decimal = ZERO;

  /** Apply one entry; an id already applied is ignored (replay). Throws LedgerError, changing nothing. */
  apply(raw: LedgerEntry): void {
    const entry = checkLedgerEntry(raw);
    if (this.entries.has(entry.id)) return;
    const a = toDecimal(entry.amount);
    switch (entry.type) {
      case 'charge':
        this.addItem(entry.id, 'charge', entry.dueDate, entry.label, undefined, a);
        break;
      case 'penalty': {
        const charge = this.liveItem(entry.chargeId, entry);
        if (charge.type !== 'charge') reject('WRONG_TARGET', 'a penalty is levied on a charge, not on a penalty', entry);
        this.addItem(entry.id, 'penalty', entry.dueDate, entry.label, charge.id, a);
        break;
      }
      case 'payment':
      case 'offset':
      case 'discount':
      case 'waiver': {
        const item = this.liveItem(entry.chargeId, entry);
        if (entry.type === 'discount' && item.type !== 'charge') reject('WRONG_TARGET', 'a discount applies to a charge; waive a penalty', entry);
        if (entry.type === 'waiver' && item.type !== 'penalty') reject('WRONG_TARGET', 'a waiver applies to a penalty; discount a charge', entry);
        const owed = itemOwed(item);
        if (a.greaterThan(owed)) reject('OVERSETTLED', `${entry.amount} is more than the ${owed.toFixed(2)} still owed`, entry, { owed: owed.toFixed(2) });
        if (entry.type === 'offset') {
          if (a.greaterThan(this.prepaid)) reject('INSUFFICIENT_PREPAID', 'the prepaid balance does not cover the offset', entry, { prepaid: this.prepaid.toFixed(2) });
          this.prepaid = subtract(this.prepaid, a);
        } else {
          this.balance = subtract(this.balance, a);
        }
        const field = SETTLES[entry.type] as Settlement;
        item[field] = add(item[field], a);
        break;
      }
      case 'prepayment':
        this.prepaid = add(this.prepaid, a);
        this.balance = subtract(this.balance, a);
        break;
      case 'refund':
        if (a.greaterThan(this.prepaid)) reject('INSUFFICIENT_PREPAID', 'a refund cannot exceed the prepaid balance', entry, { prepaid: this.prepaid.toFixed(2) });
        this.prepaid = subtract(this.prepaid, a);
        this.balance = add(this.balance, a);
        break;
      case 'adjustment': {
        const item = this.liveItem(entry.chargeId, entry);
        if (add(itemOwed(item), a).isNegative()) reject('BELOW_SETTLED', 'an adjustment cannot take a charge below what is settled on it', entry);
        item.adjusted = add(item.adjusted, a);
        this.balance = add(this.balance, a);
        break;
      }
      case 'reversal':
        this.reverse(entry, a);
        break;
    }
    this.entries.set(entry.id, entry);
  }

  private addItem(id: string, type: BookItem['type'], dueDate: string, label: string | undefined, onChargeId: string | undefined, a: Decimal): void {
    this.items.set(id, { id, type, dueDate, label, onChargeId, original: a, adjusted: ZERO, paid: ZERO, offset: ZERO, discounted: ZERO, waived: ZERO, reversed: false });
    this.balance = add(this.balance, a);
  }

  private liveItem(chargeId: string, entry: LedgerEntry): BookItem {
    const item = this.items.get(chargeId);
    if (!item) reject('UNKNOWN_CHARGE', `no charge or penalty ${chargeId} on this account`, entry, { chargeId });
    if (item.reversed) reject('CHARGE_REVERSED', `${chargeId} has been reversed`, entry, { chargeId });
    return item;
  }

  private reverse(entry: ReversalEntry, a: Decimal): void {
    const target = this.entries.get(entry.reversesId);
    if (!target) reject('UNKNOWN_ENTRY', `no entry ${entry.reversesId} to reverse`, entry, { reversesId: entry.reversesId });
    if (target.type === 'reversal') reject('WRONG_TARGET', 'a reversal is not reversed; post the original entry again', entry);
    if (this.reversed.has(target.id)) reject('ALREADY_REVERSED', `${target.id} is already reversed`, entry, { reversesId: target.id });
    if (!a.equals(target.amount)) reject('REVERSAL_MISMATCH', `a reversal repeats the amount ${target.amount}`, entry, { expected: target.amount });
    switch (target.type) {
      case 'charge':
      case 'penalty': {
        const item = this.items.get(target.id) as BookItem;
        if (!itemSettled(item).isZero() || !item.adjusted.isZero()) {
          reject('CHARGE_HAS_SETTLEMENTS', 'reverse what settles or adjusts this charge first', entry, { reversesId: target.id });
        }
        item.reversed = true;
        this.balance = subtract(this.balance, a);
        break;
      }
      case 'payment':
      case 'offset':
      case 'discount':
      case 'waiver': {
        const item = this.items.get(target.chargeId) as BookItem;
        const field = SETTLES[target.type] as Settlement;
        item[field] = subtract(item[field], a);
        if (target.type === 'offset') this.prepaid = add(this.prepaid, a);
        else this.balance = add(this.balance, a);
        break;
      }
      case 'prepayment':
        if (a.greaterThan(this.prepaid)) reject('INSUFFICIENT_PREPAID', 'the prepaid money has been used; reverse the offsets or refunds first', entry);
        this.prepaid = subtract(this.prepaid, a);
        this.balance = add(this.balance, a);
        break;
      case 'refund':
        this.prepaid = add(this.prepaid, a);
        this.balance = subtract(this.balance, a);
        break;
      case 'adjustment': {
        const item = this.items.get(target.chargeId) as BookItem;
        if (subtract(itemOwed(item), a).isNegative()) reject('BELOW_SETTLED', 'undoing this adjustment would take the charge below what is settled', entry);
        item.adjusted = subtract(item.adjusted, a);
        this.balance = subtract(this.balance, a);
        break;
      }
    }
    this.reversed.add(target.id);
  }
}
