import DecimalJs from 'decimal.js';
import { type Decimal, MONEY_PRECISION, type MoneyInput, MoneyDecimal, normalize } from './decimal';
import { MoneyFormatError } from './errors';

/** Optional '-', one or more ASCII digits, optionally '.' and one or more digits. Nothing else. */
const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

export interface MoneyStringOptions {
  /** Most digits allowed after the point. Default 2 (the fen). */
  maxScale?: number;
  /** Whether a leading '-' is accepted. Default true. */
  allowNegative?: boolean;
}

/** Check `input` against the decimal grammar; returns the parsed value or throws `MoneyFormatError`. */
function check(input: unknown, maxScale: number, allowNegative: boolean): Decimal {
  if (typeof input !== 'string') {
    throw new MoneyFormatError(
      'NOT_A_STRING',
      `an amount must be a decimal string, got ${typeof input}`,
      input,
    );
  }
  const match = DECIMAL_PATTERN.exec(input);
  if (!match) {
    throw new MoneyFormatError('SYNTAX', `"${input.slice(0, 64)}" is not a decimal amount`, input);
  }
  const sign = match[1] ?? '';
  const integer = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (sign && !allowNegative) {
    throw new MoneyFormatError('NEGATIVE', `"${input}" must not be negative`, input);
  }
  if (fraction.length > maxScale) {
    throw new MoneyFormatError(
      'SCALE',
      `"${input}" has ${fraction.length} decimals, at most ${maxScale} allowed`,
      input,
    );
  }
  if (integer.replace(/^0+(?=\d)/, '').length + fraction.length > MONEY_PRECISION) {
    throw new MoneyFormatError(
      'TOO_MANY_DIGITS',
      `amount has more than ${MONEY_PRECISION} digits`,
      input,
    );
  }
  return normalize(new MoneyDecimal(input));
}

function checkScale(maxScale: number): number {
  if (!Number.isInteger(maxScale) || maxScale < 0) {
    throw new RangeError(`maxScale must be a non-negative integer, got ${maxScale}`);
  }
  return maxScale;
}

/**
 * Parse a wire amount ("210.02", "-0.5", "12"): optional '-', digits, optional '.' and at most
 * `maxScale` (default 2) digits. Refuses '', 'NaN', '1e5', ' 1', '1.', '.5', '+1' and JS numbers with a
 * `MoneyFormatError`.
 */
export function parseMoney(input: string, options: MoneyStringOptions = {}): Decimal {
  return check(input, checkScale(options.maxScale ?? 2), options.allowNegative ?? true);
}

/** Does `value` satisfy the same grammar as `parseMoney` (default: at most 2 decimals, sign allowed)? */
export function isMoneyString(value: unknown, options: MoneyStringOptions = {}): value is string {
  const maxScale = checkScale(options.maxScale ?? 2);
  try {
    check(value, maxScale, options.allowNegative ?? true);
    return true;
  } catch (error) {
    if (error instanceof MoneyFormatError) return false;
    throw error;
  }
}

/**
 * Any decimal quantity (an amount, a unit price, a rate, a usage) as a `Decimal`: strings must follow the
 * decimal grammar (any number of decimals, at most 40 digits); Decimals must be finite. JS numbers are
 * refused — convert at the edge, from a string.
 */
export function toDecimal(value: MoneyInput): Decimal {
  if (DecimalJs.isDecimal(value)) {
    if (!value.isFinite()) {
      throw new MoneyFormatError('NOT_FINITE', 'an amount must be a finite number', value.toString());
    }
    return normalize(new MoneyDecimal(value));
  }
  return check(value, Number.POSITIVE_INFINITY, true);
}
