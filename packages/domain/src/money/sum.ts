import { type Decimal, exactly, type MoneyInput } from './decimal';
import { toDecimal } from './parse';

/** Exact sum of a list of amounts; the empty list sums to 0. */
export function sum(amounts: readonly MoneyInput[]): Decimal {
  const values = amounts.map(toDecimal);
  return exactly((D) => values.reduce<Decimal>((acc, v) => acc.plus(v), new D(0)));
}
