import type { MoneyInput } from './decimal';
import { toDecimal } from './parse';

/** Is the amount zero ('0', '0.00', '-0')? */
export function isZero(a: MoneyInput): boolean {
  return toDecimal(a).isZero();
}
