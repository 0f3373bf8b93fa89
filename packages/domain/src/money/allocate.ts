import { type Decimal, type MoneyInput, MoneyDecimal } from './decimal';
import { AllocationError, MoneyFormatError } from './errors';
import { absFen, fenToString, scaledInteger } from './fen';
import { toDecimal } from './parse';

/** A weight: a decimal string ('89.37' m²), a JS number (household counts; must be finite) or a Decimal. */
export type AllocationWeight = string | number | Decimal;

function totalOnFen(total: MoneyInput): Decimal {
  const value = toDecimal(total);
  if (value.decimalPlaces() > 2) {
    throw new AllocationError('TOTAL_NOT_ON_FEN', `the total ${value.toFixed()} is not a whole number of fen`, {
      total: value.toFixed(),
    });
  }
  return value;
}

function weightValue(weight: AllocationWeight, index: number): Decimal {
  let value: Decimal;
  if (typeof weight === 'number') {
    if (!Number.isFinite(weight)) {
      throw new AllocationError('INVALID_WEIGHT', `weight ${index} is not a finite number`, { index });
    }
    value = new MoneyDecimal(weight);
  } else {
    try {
      value = toDecimal(weight);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
      throw new AllocationError('INVALID_WEIGHT', `weight ${index} is not a decimal number`, { index });
    }
  }
  if (value.isNegative() && !value.isZero()) {
    throw new AllocationError('NEGATIVE_WEIGHT', `weight ${index} is negative`, {
      index,
      weight: value.toFixed(),
    });
  }
  return value;
}

/**
 * Split a fen-exact `total` into parts proportional to `weights` by the largest-remainder method: each
 * part gets its exact share floored to the fen, then the fens left over go one each to the parts with
 * the largest remainders (ties to the lower index). The parts always sum exactly to the total, each is
 * within one fen of its exact share, and the same input always gives the same output.
 *
 * A negative total is split as its absolute value and each part negated. A zero weight gets "0.00".
 * Throws `AllocationError` for no weights, a negative or non-numeric weight, all weights zero, or a
 * total that is not on the fen.
 *
 * `allocate('100', [1, 1, 1])` → ['33.34', '33.33', '33.33'].
 */
export function allocate(total: MoneyInput, weights: readonly AllocationWeight[]): string[] {
  const amount = totalOnFen(total);
  if (weights.length === 0) {
    throw new AllocationError('NO_WEIGHTS', 'cannot allocate over no weights');
  }
  const values = weights.map(weightValue);

  // Scale every weight to an integer so the shares and remainders are exact BigInt arithmetic.
  const scale = Math.max(...values.map((v) => v.decimalPlaces()));
  const ints = values.map((v) => scaledInteger(v, scale));
  const weightSum = ints.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    throw new AllocationError('ALL_WEIGHTS_ZERO', 'cannot allocate when every weight is zero');
  }

  const fen = absFen(amount);
  const parts = ints.map((w) => (fen * w) / weightSum);
  const remainders = ints.map((w) => (fen * w) % weightSum);
  let leftover = fen - parts.reduce((a, b) => a + b, 0n);

  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }

  const negative = amount.isNegative();
  return parts.map((p) => fenToString(p, negative));
}
