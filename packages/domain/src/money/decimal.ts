/**
 * The one Decimal constructor money code uses: a private clone of decimal.js with 40 significant digits
 * and ROUND_HALF_UP, built from the library defaults so that nobody's `Decimal.set` on the global can
 * change our arithmetic (and we never touch the global either).
 */
import DecimalJs from 'decimal.js';

export const MONEY_PRECISION = 40;

/** Constructor for money values. Prefer `toDecimal`/`parseMoney`, which validate their input. */
export const MoneyDecimal: DecimalJs.Constructor = DecimalJs.clone({
  defaults: true,
  precision: MONEY_PRECISION,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});

/**
 * Wide working precision for add/subtract/multiply so that they are exact (decimal.js rounds every
 * result to the constructor's precision; products of two 40-digit values need up to 80 digits).
 */
const EXACT_PRECISION = 1000;
const ExactDecimal: DecimalJs.Constructor = MoneyDecimal.clone({ precision: EXACT_PRECISION });

/** A decimal.js value (from our clone, another clone or the global constructor alike). */
export type Decimal = DecimalJs;

/** What money functions accept: a decimal string ("210.02") or a Decimal. Never a JS number. */
export type MoneyInput = string | Decimal;

/** Run an exact computation and hand back a `MoneyDecimal` (never -0). */
export function exactly(compute: (D: DecimalJs.Constructor) => Decimal): Decimal {
  const result = compute(ExactDecimal);
  if (!result.isFinite() || result.sd() >= EXACT_PRECISION) {
    throw new RangeError('money arithmetic result does not fit the exact working precision');
  }
  return normalize(new MoneyDecimal(result));
}

/** Turn -0 into 0 so that nothing downstream ever prints "-0.00". */
export function normalize(value: Decimal): Decimal {
  return value.isZero() && value.isNegative() ? new MoneyDecimal(0) : value;
}
