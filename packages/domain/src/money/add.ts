import type { Decimal, MoneyInput } from './decimal';
import { sum } from './sum';

/** Exact sum of the arguments: `add('1.10', '2.20')` is 3.30. */
export function add(...amounts: MoneyInput[]): Decimal {
  return sum(amounts);
}
