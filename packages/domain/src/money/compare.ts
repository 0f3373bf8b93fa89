import type { MoneyInput } from './decimal';
import { toDecimal } from './parse';

/** -1 if a < b, 0 if equal (so '1.5' equals '1.50'), 1 if a > b. Usable as a sort comparator. */
export function compare(a: MoneyInput, b: MoneyInput): -1 | 0 | 1 {
  const c = toDecimal(a).comparedTo(toDecimal(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}
