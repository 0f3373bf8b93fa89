import type { MoneyInput } from './decimal';
import { toDecimal } from './parse';

/** Is the amount strictly below zero? ('-0' is not negative.) */
export function isNegative(a: MoneyInput): boolean {
  return toDecimal(a).lessThan(0);
}
