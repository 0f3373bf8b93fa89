import { type Decimal, type MoneyInput, normalize } from './decimal';
import { toDecimal } from './parse';

/** `-a` (and 0 stays 0, never -0). */
export function negate(a: MoneyInput): Decimal {
  return normalize(toDecimal(a).negated());
}
