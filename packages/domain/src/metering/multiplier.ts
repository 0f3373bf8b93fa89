import { type Decimal, MoneyFormatError, toDecimal } from '../money';
import { MeteringError, preview } from './errors';

/**
 * A multiplier 倍率 as a positive Decimal, or `MeteringError` INVALID_MULTIPLIER. Multipliers are decimal
 * strings ("1", "40", "0.5"), never JS numbers, like every other quantity.
 */
export function checkMultiplier(multiplier: unknown, field = 'multiplier'): Decimal {
  let value: Decimal | undefined;
  if (typeof multiplier === 'string') {
    try {
      value = toDecimal(multiplier);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  if (value === undefined || !value.greaterThan(0)) {
    throw new MeteringError('INVALID_MULTIPLIER', `${field} must be a positive decimal string`, {
      field,
      value: preview(multiplier),
    });
  }
  return value;
}
