import { type Decimal, MoneyDecimal } from '../money';
import { checkDigits } from './dial';
import { MeteringError, preview } from './errors';

/** Most decimals a reading may have (the red wheels of a water meter, a tenth/hundredth of a kWh…). */
export const READING_MAX_DECIMALS = 3;

/** Why a typed reading was refused. */
export type ReadingFormatReason = 'not_a_string' | 'syntax' | 'negative' | 'too_many_decimals' | 'too_many_digits';

/**
 * The result of `parseReading`: the reading in canonical form (no leading zeros, no trailing decimal
 * zeros: "0012.30" → "12.3") or the reason it was refused.
 */
export type ParsedReading = { ok: true; value: string } | { ok: false; reason: ReadingFormatReason };

/** Digits, optionally a point and digits. No sign, exponent, spaces, ',' or full-width digits. */
const READING_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/** Without a dial (`digits` null) the integer part may have up to this many digits (decimal.js precision). */
const UNBOUNDED_INTEGER_DIGITS = 37;

/** Internal: parse a reading for a dial of `digits` digits, or with no dial limit when `digits` is null. */
export function parseReadingValue(
  value: unknown,
  digits: number | null,
): { ok: true; value: Decimal } | { ok: false; reason: ReadingFormatReason } {
  if (typeof value !== 'string') return { ok: false, reason: 'not_a_string' };
  const match = READING_PATTERN.exec(value);
  if (!match) {
    return { ok: false, reason: /^-\d+(\.\d+)?$/.test(value) ? 'negative' : 'syntax' };
  }
  const integer = (match[1] ?? '').replace(/^0+/, '');
  const fraction = match[2] ?? '';
  // Length checks come first so a megabyte of digits never reaches decimal.js.
  if (fraction.length > READING_MAX_DECIMALS) return { ok: false, reason: 'too_many_decimals' };
  if (integer.length > (digits ?? UNBOUNDED_INTEGER_DIGITS)) return { ok: false, reason: 'too_many_digits' };
  return { ok: true, value: new MoneyDecimal(value) };
}

/**
 * Validate a reading typed by a technician against the meter's dial: a non-negative decimal string with at
 * most 3 decimals whose integer part fits the dial (value < 10^digits; leading zeros as shown on the
 * dial, "00123", are fine). Never throws for what was typed: the reason comes back for the phone to show.
 * Throws `MeteringError` INVALID_DIGITS only when the meter itself is wrong.
 *
 * `parseReading('1285.30', { digits: 5 })` → `{ ok: true, value: '1285.3' }`;
 * `parseReading('123456', { digits: 5 })` → `{ ok: false, reason: 'too_many_digits' }`.
 */
export function parseReading(value: string, meter: { digits: number }): ParsedReading {
  const result = parseReadingValue(value, checkDigits(meter.digits));
  return result.ok ? { ok: true, value: result.value.toFixed() } : result;
}

/** Is `value` a reading that fits a dial of `digits` digits? */
export function isReadingString(value: unknown, digits: number): value is string {
  return parseReadingValue(value, checkDigits(digits)).ok;
}

/**
 * A stored reading (previous, initial, old meter's final…) as a Decimal; throws `MeteringError`
 * INVALID_READING with `details.field` and `details.readingReason` when it is not a valid reading for
 * the dial (any size when `digits` is null). For data that should already be valid, not for what a reader
 * types.
 */
export function readingValue(value: unknown, digits: number | null, field: string): Decimal {
  const result = parseReadingValue(value, digits === null ? null : checkDigits(digits));
  if (!result.ok) {
    throw new MeteringError('INVALID_READING', `${field} is not a valid reading${digits === null ? '' : ` for a ${digits}-digit dial`} (${result.reason})`, {
      field,
      readingReason: result.reason,
      value: preview(value),
    });
  }
  return result.value;
}
