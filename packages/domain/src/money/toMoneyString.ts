import type { MoneyInput } from './decimal';
import { MoneyFormatError } from './errors';
import { toDecimal } from './parse';

/**
 * The wire form of an amount: always exactly 2 decimals ("210.00", "-0.50"). The value must already be on
 * the fen ("1.500" is, "1.005" is not → `MoneyFormatError` NOT_ON_FEN): round first with `roundToFen`.
 */
export function toMoneyString(amount: MoneyInput): string {
  const value = toDecimal(amount);
  if (value.decimalPlaces() > 2) {
    throw new MoneyFormatError(
      'NOT_ON_FEN',
      `${value.toFixed()} is not a whole number of fen; round it first`,
      value.toFixed(),
    );
  }
  return value.toFixed(2);
}
