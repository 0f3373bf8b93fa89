import { type Decimal, MoneyDecimal, MoneyFormatError, toDecimal } from '../money';
import { MeteringError, preview } from './errors';
import { USAGE_SCALE } from './usage';

/** A unit sharing a meter 公摊 and its weight: area in m² ("89.37") or a household count (2). */
export interface ShareUnit {
  unitId: string;
  /** Non-negative decimal string or finite JS number (counts); a zero weight gets "0.0000". */
  weight: string | number;
}

export interface UsageShare {
  unitId: string;
  /** The unit's share of the usage, exactly 4 decimals ("12.3457"). */
  usage: string;
}

function weightOf(unit: ShareUnit, index: number): Decimal {
  const weight = unit.weight;
  let value: Decimal | undefined;
  if (typeof weight === 'number') {
    if (Number.isFinite(weight)) value = new MoneyDecimal(weight);
  } else if (typeof weight === 'string') {
    try {
      value = toDecimal(weight);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  if (value === undefined || (value.isNegative() && !value.isZero())) {
    throw new MeteringError('INVALID_WEIGHT', `weight ${index} must be a non-negative number`, {
      index,
      unitId: unit.unitId,
      weight: preview(weight),
    });
  }
  return value.abs();
}

/** |value| × 10^scale as a BigInt (`value` has at most `scale` decimals). */
function scaled(value: Decimal, scale: number): bigint {
  return BigInt(value.abs().toFixed(scale).replace('.', ''));
}

function format(steps: bigint): string {
  const digits = steps.toString().padStart(USAGE_SCALE + 1, '0');
  return `${digits.slice(0, -USAGE_SCALE)}.${digits.slice(-USAGE_SCALE)}`;
}

/**
 * Split a shared (master) meter's usage 公摊 over the units that share it, in proportion to their weights
 * (area or households), by largest remainder in steps of 0.0001: each unit gets its exact share floored
 * to 0.0001, then the leftover steps go one each to the largest remainders; equal remainders go to the
 * smaller `unitId` (code-unit order), so the result does not depend on the order the units are listed in.
 * The shares always sum exactly to the total, each is within 0.0001 of its exact share, and the same input
 * always gives the same output (phone and server agree). Shares come back in the input order.
 *
 * Throws `MeteringError`: INVALID_TOTAL (not a non-negative decimal with at most 4 decimals), NO_UNITS,
 * DUPLICATE_UNIT (or an empty unitId), INVALID_WEIGHT (negative, non-numeric), ALL_WEIGHTS_ZERO.
 */
export function sharedUsageShares(totalUsage: string, units: readonly ShareUnit[]): UsageShare[] {
  let total: Decimal | undefined;
  if (typeof totalUsage === 'string') {
    try {
      total = toDecimal(totalUsage);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  if (total === undefined || (total.isNegative() && !total.isZero()) || total.decimalPlaces() > USAGE_SCALE) {
    throw new MeteringError('INVALID_TOTAL', `the total usage must be a non-negative decimal with at most ${USAGE_SCALE} decimals`, {
      total: preview(totalUsage),
    });
  }
  if (!Array.isArray(units) || units.length === 0) {
    throw new MeteringError('NO_UNITS', 'a shared usage needs at least one unit');
  }
  const seen = new Set<string>();
  units.forEach((unit, index) => {
    if (typeof unit?.unitId !== 'string' || unit.unitId === '' || seen.has(unit.unitId)) {
      throw new MeteringError('DUPLICATE_UNIT', `unit ${index} needs a unique, non-empty unitId`, {
        index,
        unitId: preview(unit?.unitId),
      });
    }
    seen.add(unit.unitId);
  });

  const weights = units.map(weightOf);
  // Scale every weight to an integer so shares and remainders are exact BigInt arithmetic.
  const scale = Math.max(...weights.map((w) => w.decimalPlaces()));
  const ints = weights.map((w) => scaled(w, scale));
  const weightSum = ints.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    throw new MeteringError('ALL_WEIGHTS_ZERO', 'cannot share a usage when every weight is zero');
  }

  const steps = scaled(total, USAGE_SCALE);
  const parts = ints.map((w) => (steps * w) / weightSum);
  const remainders = ints.map((w) => (steps * w) % weightSum);
  let leftover = steps - parts.reduce((a, b) => a + b, 0n);

  const order = units
    .map((unit, index) => ({ id: unit.unitId, remainder: remainders[index] ?? 0n, index }))
    .sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return units.map((unit, index) => ({ unitId: unit.unitId, usage: format(parts[index] ?? 0n) }));
}
