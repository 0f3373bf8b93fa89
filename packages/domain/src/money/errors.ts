/**
 * Typed domain errors. Every rule violation in packages/domain throws a `DomainError` whose `code` is
 * stable and machine-readable (the API maps it onto its `{ error: { code, message, details } }` shape and
 * a 4xx status); `message` is for people and may change.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Why a value was refused as an amount. */
export type MoneyFormatReason =
  | 'NOT_A_STRING'
  | 'SYNTAX'
  | 'SCALE'
  | 'NEGATIVE'
  | 'TOO_MANY_DIGITS'
  | 'NOT_FINITE'
  | 'NOT_ON_FEN'
  | 'OUT_OF_RANGE';

/** Keep error details small even when someone posts a megabyte of digits. */
function preview(input: unknown): unknown {
  if (typeof input === 'string') return input.length > 64 ? `${input.slice(0, 64)}…` : input;
  if (input === null || typeof input !== 'object') return input;
  return String(input).slice(0, 64);
}

/** A value is not an acceptable decimal amount (bad syntax, too many decimals, not on the fen, …). */
export class MoneyFormatError extends DomainError {
  override name = 'MoneyFormatError';
  readonly reason: MoneyFormatReason;

  constructor(reason: MoneyFormatReason, message: string, input?: unknown) {
    super('MONEY_FORMAT', message, { reason, input: preview(input) });
    this.reason = reason;
  }
}

/** Why an allocation was refused. */
export type AllocationReason =
  | 'NO_WEIGHTS'
  | 'INVALID_WEIGHT'
  | 'NEGATIVE_WEIGHT'
  | 'ALL_WEIGHTS_ZERO'
  | 'TOTAL_NOT_ON_FEN'
  | 'INVALID_PARTS';

/** A total cannot be split as asked (no weights, a negative weight, a total finer than the fen, …). */
export class AllocationError extends DomainError {
  override name = 'AllocationError';
  readonly reason: AllocationReason;

  constructor(reason: AllocationReason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('ALLOCATION_INVALID', message, { reason, ...details });
    this.reason = reason;
  }
}
