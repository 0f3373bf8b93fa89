import type { MoneyInput } from './decimal';
import { AllocationError } from './errors';
import { absFen, fenToString } from './fen';
import { toDecimal } from './parse';

/**
 * Split a fen-exact total into `n` equal parts; the leftover fens go to the first parts
 * (the same result as `allocate(total, Array(n).fill(1))`). `allocateEvenly('100', 3)` →
 * ['33.34', '33.33', '33.33'].
 */
export function allocateEvenly(total: MoneyInput, n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AllocationError('INVALID_PARTS', `cannot allocate into ${n} parts`, { parts: n });
  }
  const amount = toDecimal(total);
  if (amount.decimalPlaces() > 2) {
    throw new AllocationError('TOTAL_NOT_ON_FEN', `the total ${amount.toFixed()} is not a whole number of fen`, {
      total: amount.toFixed(),
    });
  }
  const fen = absFen(amount);
  const count = BigInt(n);
  const base = fen / count;
  const extra = fen % count;
  const negative = amount.isNegative();
  return Array.from({ length: n }, (_, i) => fenToString(BigInt(i) < extra ? base + 1n : base, negative));
}
