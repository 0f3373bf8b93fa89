import { type Decimal, exactly, type MoneyInput } from './decimal';
import { toDecimal } from './parse';

/** Exact `a - b`. */
export function subtract(a: MoneyInput, b: MoneyInput): Decimal {
  const x = toDecimal(a);
  const y = toDecimal(b);
  return exactly((D) => new D(x).minus(y));
}
