import { type Decimal, MoneyDecimal, MoneyFormatError, multiply, sum, toDecimal } from '../money';
import { MeteringError, preview } from './errors';
import { toUsageString } from './usage';

/** A usage is a spike when it is more than `k` times the average of the last `n` periods' usages. */
export const DEFAULT_SPIKE_FACTOR = 3;
export const DEFAULT_SPIKE_PERIODS = 3;

export interface SpikeOptions {
  /** The factor k (positive; a number like 3 or 2.5, or a decimal string). Default 3. */
  k?: number | string;
  /** How many of the newest periods to average (positive integer). Default 3. */
  n?: number;
}

/** Checked k as a Decimal. */
export function checkFactor(k: unknown): Decimal {
  let value: Decimal | undefined;
  if (typeof k === 'number' && Number.isFinite(k)) value = new MoneyDecimal(k);
  else if (typeof k === 'string') {
    try {
      value = toDecimal(k);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  if (value === undefined || !value.greaterThan(0)) {
    throw new MeteringError('INVALID_THRESHOLD', 'k must be a positive number', { field: 'k', value: preview(k) });
  }
  return value;
}

/** Checked n. */
export function checkPeriods(n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new MeteringError('INVALID_THRESHOLD', 'n must be a positive integer', { field: 'n', value: preview(n) });
  }
  return n;
}

/**
 * The usages the average is taken over: the newest `n` entries of `history` (newest first), or fewer
 * when fewer exist. Each must be a non-negative decimal string, else `MeteringError` INVALID_HISTORY.
 */
export function recentUsages(history: readonly string[], n: number = DEFAULT_SPIKE_PERIODS): Decimal[] {
  if (!Array.isArray(history)) {
    throw new MeteringError('INVALID_HISTORY', 'history must be a list of usages (newest first)');
  }
  return history.slice(0, checkPeriods(n)).map((entry, index) => {
    let value: Decimal | undefined;
    if (typeof entry === 'string') {
      try {
        value = toDecimal(entry);
      } catch (error) {
        if (!(error instanceof MoneyFormatError)) throw error;
      }
    }
    if (value === undefined || value.isNegative()) {
      throw new MeteringError('INVALID_HISTORY', `history entry ${index} is not a non-negative usage`, {
        index,
        value: preview(entry),
      });
    }
    return value;
  });
}

/**
 * The average of the last `n` periods' usages (fewer when fewer exist), to 4 decimals for display; null
 * with no history.
 */
export function recentAverage(history: readonly string[], n: number = DEFAULT_SPIKE_PERIODS): string | null {
  const usages = recentUsages(history, n);
  if (usages.length === 0) return null;
  return toUsageString(sum(usages).dividedBy(usages.length));
}

/**
 * Is `usage` more than k × the average of the last n usages? Compared exactly as
 * usage × count > k × sum (no division, no rounding). Always false without history: there is nothing to
 * compare with. An all-zero history makes any positive usage a spike (a vacant unit that starts using
 * water is worth a look).
 */
export function exceedsRecentAverage(usage: string | Decimal, history: readonly string[], options: SpikeOptions = {}): boolean {
  const k = checkFactor(options.k ?? DEFAULT_SPIKE_FACTOR);
  const usages = recentUsages(history, options.n ?? DEFAULT_SPIKE_PERIODS);
  if (usages.length === 0) return false;
  const count = new MoneyDecimal(usages.length);
  return multiply(toDecimal(usage), count).greaterThan(multiply(k, sum(usages)));
}
