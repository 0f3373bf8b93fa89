/**
 * Reading the decimal strings billing works on. Every quantity travels as a decimal string ("89.37",
 * "2.35", "0.0003") and is turned into an exact Decimal here, or refused with a `BillingError` naming the
 * field. JS numbers are refused like everywhere else in money code.
 */
import { type Decimal, MoneyFormatError, parseMoney } from '../money';
import { BillingError, type BillingErrorReason, preview } from './errors';

/** Decimals of an amount: the fen 分. */
export const AMOUNT_SCALE = 2;
/** Most decimals of an area, a usage or a tier bound (the quantity columns are numeric(…, 4)). */
export const QUANTITY_MAX_SCALE = 4;
/** Most decimals of a unit price, a daily rate or a multiplier ("at least 4" in DESIGN; we allow 8). */
export const PRICE_MAX_SCALE = 8;

function decimalOf(value: unknown, field: string, reason: BillingErrorReason, maxScale: number, allowNegative: boolean): Decimal {
  try {
    return parseMoney(value as string, { maxScale, allowNegative });
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    const sign = allowNegative ? '' : 'non-negative ';
    throw new BillingError(reason, `${field} must be a ${sign}decimal string with at most ${maxScale} decimals`, {
      field,
      value: preview(value),
    });
  }
}

/** An amount on the fen ("210.02"), non-negative unless `allowNegative`. */
export function amountOf(value: unknown, field: string, allowNegative = false): Decimal {
  return decimalOf(value, field, 'INVALID_AMOUNT', AMOUNT_SCALE, allowNegative);
}

/** A non-negative area, usage or reading with at most 4 decimals. */
export function quantityOf(value: unknown, field: string): Decimal {
  return decimalOf(value, field, 'INVALID_QUANTITY', QUANTITY_MAX_SCALE, false);
}

/** A non-negative unit price with at most 8 decimals. */
export function priceOf(value: unknown, field: string): Decimal {
  return decimalOf(value, field, 'INVALID_PRICE', PRICE_MAX_SCALE, false);
}

/** A non-negative rate (a daily penalty rate "0.0003", a multiplier) with at most 8 decimals. */
export function rateOf(value: unknown, field: string): Decimal {
  return decimalOf(value, field, 'INVALID_RATE', PRICE_MAX_SCALE, false);
}

/** A percentage from 0 to 100 inclusive ("30", "12.5"), at most 4 decimals. */
export function percentOf(value: unknown, field: string): Decimal {
  const percent = decimalOf(value, field, 'INVALID_PERCENT', 4, false);
  if (percent.greaterThan(100)) {
    throw new BillingError('INVALID_PERCENT', `${field} must be at most 100`, { field, value: preview(value) });
  }
  return percent;
}

/** A whole, non-negative number of days or months (a JS integer: counts are not money). */
export function countOf(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new BillingError('INVALID_DAYS', `${field} must be a non-negative whole number`, { field, value: preview(value) });
  }
  return value;
}
