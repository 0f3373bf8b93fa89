import { type MoneyInput, normalize } from './decimal';
import { toDecimal } from './parse';
import { DEFAULT_ROUNDING_MODE, decimalRounding, type RoundingMode } from './rounding';

/** Most decimals `roundTo` accepts (unit prices and rates are kept at 4–8). */
export const MAX_ROUNDING_SCALE = 20;

/**
 * Round to `scale` decimals with a named mode: scale 2 is the fen 分, 1 the jiao 角, 0 the yuan 元.
 * The result is written with max(scale, 2) decimals so a money result is always a wire amount:
 * `roundTo('12.35', 1)` is "12.40", `roundTo('12.5', 0, 'ROUND_DOWN')` is "12.00".
 */
export function roundTo(
  value: MoneyInput,
  scale: number,
  mode: RoundingMode = DEFAULT_ROUNDING_MODE,
): string {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_ROUNDING_SCALE) {
    throw new RangeError(`rounding scale must be an integer from 0 to ${MAX_ROUNDING_SCALE}, got ${scale}`);
  }
  const rounded = normalize(toDecimal(value).toDecimalPlaces(scale, decimalRounding(mode)));
  return rounded.toFixed(Math.max(scale, 2));
}
