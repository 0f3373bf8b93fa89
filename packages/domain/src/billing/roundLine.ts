/**
 * The one rounding of a charge line. A line is an exact value — sometimes a fraction, because pro-rating
 * divides by the days of a month (14/31) — and it is rounded exactly once, at the end, by the standard's
 * rule. The division is done in integers (BigInt), so even 94.847580645161290322…/1 is rounded on its
 * true value, never on a 40-digit approximation of it.
 */
import { DEFAULT_ROUNDING_MODE, type Decimal, isRoundingMode, type RoundingMode } from '../money';
import { fenToString } from '../money/fen';
import { BillingError, preview } from './errors';

/** The unit a line is rounded to: the fen 分 (default), the jiao 角 or the yuan 元. */
export const ROUNDING_UNITS = ['fen', 'jiao', 'yuan'] as const;
export type RoundingUnit = (typeof ROUNDING_UNITS)[number];

const UNIT_SCALE: Record<RoundingUnit, number> = { fen: 2, jiao: 1, yuan: 0 };

/** A standard's rounding rule; both parts optional: ROUND_HALF_UP (四舍五入) to the fen by default. */
export interface RoundingRule {
  rounding?: RoundingMode;
  roundingUnit?: RoundingUnit;
}

/** The rule checked, with its defaults filled in, or `BillingError` INVALID_ROUNDING. */
export function roundingOf(rule: RoundingRule | undefined): { mode: RoundingMode; unit: RoundingUnit } {
  const mode = rule?.rounding ?? DEFAULT_ROUNDING_MODE;
  const unit = rule?.roundingUnit ?? 'fen';
  if (!isRoundingMode(mode)) {
    throw new BillingError('INVALID_ROUNDING', 'unknown rounding mode', { value: preview(mode) });
  }
  if (!(ROUNDING_UNITS as readonly unknown[]).includes(unit)) {
    throw new BillingError('INVALID_ROUNDING', 'the rounding unit must be fen, jiao or yuan', { value: preview(unit) });
  }
  return { mode, unit };
}

function roundQuotient(q: bigint, r: bigint, bottom: bigint, mode: RoundingMode): bigint {
  switch (mode) {
    case 'ROUND_DOWN':
      return q;
    case 'ROUND_UP':
      return r > 0n ? q + 1n : q;
    case 'ROUND_HALF_UP':
      return 2n * r >= bottom ? q + 1n : q;
    case 'ROUND_HALF_EVEN':
      return 2n * r > bottom || (2n * r === bottom && q % 2n === 1n) ? q + 1n : q;
    default:
      throw new BillingError('INVALID_ROUNDING', 'unknown rounding mode');
  }
}

/**
 * `numerator / denominator`, rounded once by `rule`, as a wire amount with two decimals ("94.85",
 * "95.00" when rounded to the yuan). Signs are symmetric: half-up and up round away from zero.
 * `denominator` is a positive whole number (the days of a month, 1 when there is nothing to divide).
 */
export function roundLine(numerator: Decimal, denominator: bigint = 1n, rule?: RoundingRule): string {
  if (denominator <= 0n) throw new RangeError('the denominator must be positive');
  const { mode, unit } = roundingOf(rule);
  const scale = UNIT_SCALE[unit];
  const places = numerator.decimalPlaces();
  const top = BigInt(numerator.abs().toFixed(places).replace('.', '')) * 10n ** BigInt(scale);
  const bottom = 10n ** BigInt(places) * denominator;
  const rounded = roundQuotient(top / bottom, top % bottom, bottom, mode);
  return fenToString(rounded * 10n ** BigInt(2 - scale), numerator.isNegative());
}
