import { DomainError } from '../money/errors';

/** Why a billing rule refused its input (master data or a caller's bug, never a resident's typo). */
export type BillingErrorReason =
  | 'INVALID_AMOUNT'
  | 'INVALID_QUANTITY'
  | 'INVALID_PRICE'
  | 'INVALID_RATE'
  | 'INVALID_PERCENT'
  | 'INVALID_DAYS'
  | 'INVALID_DATE'
  | 'INVALID_PERIOD'
  | 'INVALID_CYCLE'
  | 'INVALID_ROUNDING'
  | 'INVALID_STANDARD'
  | 'INVALID_TIERS'
  | 'MISSING_AREA'
  | 'START_AFTER_PERIOD'
  | 'INVALID_UNITS'
  | 'INVALID_CHARGES'
  | 'INVALID_INPUT';

/**
 * A billing rule was called with input it cannot work with: a unit price "abc", an area with 5 decimals,
 * tiers that are not increasing, a charge start date after the billed period… Code `BILLING_INVALID`,
 * `details.reason` says which rule failed; the API maps it to a 4xx.
 */
export class BillingError extends DomainError {
  override name = 'BillingError';
  readonly reason: BillingErrorReason;

  constructor(reason: BillingErrorReason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('BILLING_INVALID', message, { reason, ...details });
    this.reason = reason;
  }
}

/** Why an entry cannot join a unit's ledger. */
export type LedgerErrorReason =
  | 'INVALID_ENTRY'
  | 'UNKNOWN_CHARGE'
  | 'WRONG_TARGET'
  | 'OVERSETTLED'
  | 'INSUFFICIENT_PREPAID'
  | 'BELOW_SETTLED'
  | 'UNKNOWN_ENTRY'
  | 'ALREADY_REVERSED'
  | 'REVERSAL_MISMATCH'
  | 'CHARGE_HAS_SETTLEMENTS'
  | 'CHARGE_REVERSED';

/**
 * An entry would break the ledger's invariants: it pays a charge beyond what it owes, offsets or refunds
 * more than the prepaid balance, reverses an unknown or already reversed entry… Code `LEDGER_REJECTED`
 * (the API answers 409/422: the entry is refused, nothing is written).
 */
export class LedgerError extends DomainError {
  override name = 'LedgerError';
  readonly reason: LedgerErrorReason;

  constructor(reason: LedgerErrorReason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('LEDGER_REJECTED', message, { reason, ...details });
    this.reason = reason;
  }
}

/** Keep error details small even when someone posts a megabyte of digits. */
export function preview(input: unknown): unknown {
  if (typeof input === 'string') return input.length > 64 ? `${input.slice(0, 64)}…` : input;
  if (input === null || typeof input !== 'object') return input;
  return String(input).slice(0, 64);
}
