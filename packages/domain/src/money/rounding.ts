import DecimalJs from 'decimal.js';

/**
 * The rounding rules a fee standard may name:
 * - ROUND_HALF_UP   四舍五入: half away from zero (2.345 → 2.35, -2.345 → -2.35). The default.
 * - ROUND_HALF_EVEN 银行家舍入: half to the even neighbour (2.345 → 2.34, 2.355 → 2.36).
 * - ROUND_UP        进一: away from zero (2.341 → 2.35, -2.341 → -2.35).
 * - ROUND_DOWN      舍去: toward zero, truncate (2.349 → 2.34, -2.349 → -2.34).
 */
export const ROUNDING_MODES = ['ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_UP', 'ROUND_DOWN'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export const DEFAULT_ROUNDING_MODE: RoundingMode = 'ROUND_HALF_UP';

export const ROUNDING_MODE_LABELS: Record<RoundingMode, { zh: string; en: string }> = {
  ROUND_HALF_UP: { zh: '四舍五入', en: 'Round half up' },
  ROUND_HALF_EVEN: { zh: '银行家舍入', en: 'Round half to even' },
  ROUND_UP: { zh: '进一', en: 'Round up (away from zero)' },
  ROUND_DOWN: { zh: '舍去', en: 'Round down (truncate)' },
};

export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value);
}

/** The decimal.js rounding constant for a named mode (internal). */
export function decimalRounding(mode: RoundingMode): DecimalJs.Rounding {
  switch (mode) {
    case 'ROUND_HALF_UP':
      return DecimalJs.ROUND_HALF_UP;
    case 'ROUND_HALF_EVEN':
      return DecimalJs.ROUND_HALF_EVEN;
    case 'ROUND_UP':
      return DecimalJs.ROUND_UP;
    case 'ROUND_DOWN':
      return DecimalJs.ROUND_DOWN;
    default:
      throw new RangeError(`unknown rounding mode ${String(mode)}`);
  }
}
