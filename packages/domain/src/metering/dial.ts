import type { Decimal } from '../money';
import { MoneyDecimal } from '../money';
import { MeteringError, preview } from './errors';

/** Fewest and most integer digits a meter dial may have (the wheels before the decimal point). */
export const METER_MIN_DIGITS = 4;
export const METER_MAX_DIGITS = 10;

/** `digits` as a checked dial size, or `MeteringError` INVALID_DIGITS. */
export function checkDigits(digits: unknown, field = 'digits'): number {
  if (
    typeof digits !== 'number' ||
    !Number.isInteger(digits) ||
    digits < METER_MIN_DIGITS ||
    digits > METER_MAX_DIGITS
  ) {
    throw new MeteringError('INVALID_DIGITS', `${field} must be an integer from ${METER_MIN_DIGITS} to ${METER_MAX_DIGITS}`, {
      field,
      value: preview(digits),
    });
  }
  return digits;
}

/** 10^digits: the first value a dial of `digits` integer digits cannot show (it shows 0 instead). */
export function dialSize(digits: number): Decimal {
  return new MoneyDecimal(`1${'0'.repeat(digits)}`);
}
