import { type Decimal, exactly, type MoneyInput } from './decimal';
import { toDecimal } from './parse';

/**
 * Exact product, no rounding (`multiply('89.37', '2.35')` is 210.0195). Round the finished line once with
 * `roundToFen`/`roundTo`, never the factors.
 */
export function multiply(a: MoneyInput, b: MoneyInput): Decimal {
  const x = toDecimal(a);
  const y = toDecimal(b);
  return exactly((D) => new D(x).times(y));
}
