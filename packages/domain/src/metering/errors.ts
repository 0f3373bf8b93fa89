import { DomainError } from '../money/errors';

/** Why a metering call was refused (a programming or master-data error, never a reader's typo). */
export type MeteringErrorReason =
  | 'INVALID_METER'
  | 'INVALID_DIGITS'
  | 'INVALID_MULTIPLIER'
  | 'INVALID_READING'
  | 'INVALID_KIND'
  | 'NEGATIVE_USAGE'
  | 'NOT_A_ROLLOVER'
  | 'INVALID_HISTORY'
  | 'INVALID_THRESHOLD'
  | 'UNEXPECTED_REPLACEMENT'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_TIME_ZONE'
  | 'MIXED_METERS'
  | 'INVALID_TOTAL'
  | 'NO_UNITS'
  | 'DUPLICATE_UNIT'
  | 'INVALID_WEIGHT'
  | 'ALL_WEIGHTS_ZERO';

/**
 * A metering rule was called with input it cannot work with: a meter with 3 dial digits, a multiplier of
 * "0", a stored previous reading that does not fit the dial, a usage that would be negative, a timestamp
 * without a UTC offset… Code `METERING_INVALID`, `details.reason` says which rule failed; the API maps it
 * to a 4xx. What a technician types is NOT checked by throwing: `parseReading` and `checkReading` return
 * a result the phone can show.
 */
export class MeteringError extends DomainError {
  override name = 'MeteringError';
  readonly reason: MeteringErrorReason;

  constructor(reason: MeteringErrorReason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('METERING_INVALID', message, { reason, ...details });
    this.reason = reason;
  }
}

/** Keep error details small even when someone posts a megabyte of digits. */
export function preview(input: unknown): unknown {
  if (typeof input === 'string') return input.length > 64 ? `${input.slice(0, 64)}…` : input;
  if (input === null || typeof input !== 'object') return input;
  return String(input).slice(0, 64);
}
