import type { MoneyInput } from './decimal';
import { DEFAULT_ROUNDING_MODE, type RoundingMode } from './rounding';
import { roundTo } from './roundTo';

/**
 * Round to the fen 分 and return the wire amount ("210.02"). Do this once per charge line, on the finished
 * product, never on intermediate factors. Default ROUND_HALF_UP (四舍五入).
 */
export function roundToFen(value: MoneyInput, mode: RoundingMode = DEFAULT_ROUNDING_MODE): string {
  return roundTo(value, 2, mode);
}
