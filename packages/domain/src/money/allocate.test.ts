import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { allocateEvenly } from './allocateEvenly';
import { AllocationError, MoneyFormatError } from './errors';
import { fenToString } from './fen';
import { sum } from './sum';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AllocationError) return error.reason;
    throw error;
  }
  return undefined;
}

const toFen = (amount: string): bigint => BigInt(amount.replace('.', ''));

/** Fen-exact totals, positive and negative, small and large. */
const fenTotal = fc
  .oneof(fc.bigInt({ min: -100_000n, max: 100_000n }), fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }))
  .map((fen) => fenToString(fen < 0n ? -fen : fen, fen < 0n));

/** Weights as decimal strings with up to 4 decimals (areas like '89.37'), at least one non-zero. */
const weightList = fc
  .array(
    fc.tuple(fc.bigInt({ min: 0n, max: 10_000_000n }), fc.integer({ min: 0, max: 4 })).map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }),
    { minLength: 1, maxLength: 30 },
  )
  .filter((ws) => ws.some((w) => !new DecimalJs(w).isZero()));

/** Weights as small JS integers (household counts), at least one non-zero. */
const countList = fc
  .array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 })
  .filter((ws) => ws.some((w) => w > 0));

describe('allocate', () => {
  it('splits evenly with the leftover fen to the lowest index', () => {
    expect(allocate('100', [1, 1, 1])).toEqual(['33.34', '33.33', '33.33']);
    expect(allocate('0.02', [1, 1, 1])).toEqual(['0.01', '0.01', '0.00']);
    expect(allocate('10', [1])).toEqual(['10.00']);
  });

  it('splits proportionally', () => {
    expect(allocate('100', [1, 3])).toEqual(['25.00', '75.00']);
    // shares 1.5 and 3.5 fen: equal remainders, the lower index wins the leftover fen
    expect(allocate('0.05', [3, 7])).toEqual(['0.02', '0.03']);
    expect(allocate('1000', ['89.37', '120.5', '65'])).toEqual(['325.14', '438.39', '236.47']);
  });

  it('gives the leftover fens to the largest remainders, not the first parts', () => {
    // shares: 1.428571…, 2.857142…, 5.714285… → floors 1.42, 2.85, 5.71 (sum 9.98), remainders .8571, .7142, .4285
    expect(allocate('10', [1, 2, 4])).toEqual(['1.43', '2.86', '5.71']);
  });

  it('breaks equal remainders by lower index, deterministically', () => {
    expect(allocate('0.01', [1, 1])).toEqual(['0.01', '0.00']);
    expect(allocate('0.01', [0, 1, 1])).toEqual(['0.00', '0.01', '0.00']);
    // shares 1, 0.5, 1, 0.5 fen: the two halves tie, index 1 beats index 3
    expect(allocate('0.03', [2, 1, 2, 1])).toEqual(['0.01', '0.01', '0.01', '0.00']);
  });

  it('allocates negative totals as the negated allocation of the absolute value', () => {
    expect(allocate('-100', [1, 1, 1])).toEqual(['-33.34', '-33.33', '-33.33']);
    expect(allocate('-0.01', [1, 1])).toEqual(['-0.01', '0.00']);
  });

  it('gives zero weights nothing', () => {
    expect(allocate('100', [0, 1, 0, 1])).toEqual(['0.00', '50.00', '0.00', '50.00']);
    expect(allocate('0.03', ['0', '1', '0.00'])).toEqual(['0.00', '0.03', '0.00']);
  });

  it('allocates a zero total into zeros', () => {
    expect(allocate('0', [1, 2])).toEqual(['0.00', '0.00']);
    expect(allocate('-0.00', [1, 2])).toEqual(['0.00', '0.00']);
  });

  it('accepts string, number and Decimal weights and Decimal totals', () => {
    expect(allocate(new DecimalJs('1'), ['1', 1, new DecimalJs('1')])).toEqual(['0.34', '0.33', '0.33']);
    expect(allocate('1', [0.1, 0.2])).toEqual(['0.33', '0.67']);
    expect(allocate('1', [1e-7, 2e-7])).toEqual(['0.33', '0.67']);
  });

  it('throws on all-zero, negative, non-finite or malformed weights', () => {
    expect(reasonOf(() => allocate('1', [0, 0]))).toBe('ALL_WEIGHTS_ZERO');
    expect(reasonOf(() => allocate('1', ['0.00']))).toBe('ALL_WEIGHTS_ZERO');
    expect(reasonOf(() => allocate('1', []))).toBe('NO_WEIGHTS');
    expect(reasonOf(() => allocate('1', [1, -1]))).toBe('NEGATIVE_WEIGHT');
    expect(reasonOf(() => allocate('1', ['1', '-0.5']))).toBe('NEGATIVE_WEIGHT');
    expect(reasonOf(() => allocate('1', [1, Number.NaN]))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => allocate('1', [Number.POSITIVE_INFINITY]))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => allocate('1', ['abc']))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => allocate('1', ['1e3']))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => allocate('1', [new DecimalJs(Number.NaN)]))).toBe('INVALID_WEIGHT');
  });

  it('a negative zero weight counts as zero', () => {
    expect(allocate('1', [-0, 1])).toEqual(['0.00', '1.00']);
  });

  it('throws when the total is not on the fen or not a decimal string', () => {
    expect(reasonOf(() => allocate('1.005', [1, 1]))).toBe('TOTAL_NOT_ON_FEN');
    expect(() => allocate('1e2', [1])).toThrow(MoneyFormatError);
    expect(() => allocate(100 as unknown as string, [1])).toThrow(MoneyFormatError);
  });

  it('AllocationError has code ALLOCATION_INVALID', () => {
    try {
      allocate('1', [0]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AllocationError);
      expect((error as AllocationError).code).toBe('ALLOCATION_INVALID');
    }
  });

  it('property: parts always sum exactly to the total', () => {
    fc.assert(
      fc.property(fenTotal, fc.oneof(weightList, countList), (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts).eq(total)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: every part is within one fen of its exact share (and is a wire amount)', () => {
    fc.assert(
      fc.property(fenTotal, weightList, (total, weights) => {
        const parts = allocate(total, weights);
        const scale = Math.max(...weights.map((w) => w.split('.')[1]?.length ?? 0));
        const ints = weights.map((w) => BigInt(new DecimalJs(w).toFixed(scale).replace('.', '')));
        const weightSum = ints.reduce((a, b) => a + b, 0n);
        const totalFen = toFen(total);
        parts.forEach((part, i) => {
          expect(part).toMatch(/^-?\d+\.\d{2}$/);
          // |part − total·w/W| < 1 fen  ⇔  |part·W − total·w| < W  (all in fen, exact)
          const diff = toFen(part) * weightSum - totalFen * (ints[i] ?? 0n);
          expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
          if ((ints[i] ?? 0n) === 0n) expect(part).toBe('0.00');
          if (totalFen !== 0n && toFen(part) !== 0n) expect(part.startsWith('-')).toBe(totalFen < 0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: deterministic, and a negative total is the mirror of the positive one', () => {
    fc.assert(
      fc.property(fenTotal, countList, (total, weights) => {
        const first = allocate(total, weights);
        expect(allocate(total, [...weights])).toEqual(first);
        const negated = total.startsWith('-') ? total.slice(1) : `-${total}`;
        const mirrored = allocate(negated, weights);
        expect(mirrored.map((p) => toFen(p))).toEqual(first.map((p) => -toFen(p)));
      }),
    );
  });

  it('property: scaling every weight by the same factor changes nothing', () => {
    fc.assert(
      fc.property(fenTotal, countList, fc.integer({ min: 1, max: 1000 }), (total, weights, k) => {
        expect(allocate(total, weights.map((w) => w * k))).toEqual(allocate(total, weights));
      }),
    );
  });
});

describe('allocateEvenly', () => {
  it('splits into n parts, leftover fens first', () => {
    expect(allocateEvenly('100', 3)).toEqual(['33.34', '33.33', '33.33']);
    expect(allocateEvenly('0.05', 3)).toEqual(['0.02', '0.02', '0.01']);
    expect(allocateEvenly('-0.05', 3)).toEqual(['-0.02', '-0.02', '-0.01']);
    expect(allocateEvenly('0.01', 3)).toEqual(['0.01', '0.00', '0.00']);
    expect(allocateEvenly('12', 1)).toEqual(['12.00']);
  });

  it('throws on bad n or a total not on the fen', () => {
    expect(reasonOf(() => allocateEvenly('1', 0))).toBe('INVALID_PARTS');
    expect(reasonOf(() => allocateEvenly('1', -2))).toBe('INVALID_PARTS');
    expect(reasonOf(() => allocateEvenly('1', 2.5))).toBe('INVALID_PARTS');
    expect(reasonOf(() => allocateEvenly('1', Number.NaN))).toBe('INVALID_PARTS');
    expect(reasonOf(() => allocateEvenly('0.001', 2))).toBe('TOTAL_NOT_ON_FEN');
  });

  it('property: same as allocate with equal weights, and sums to the total', () => {
    fc.assert(
      fc.property(fenTotal, fc.integer({ min: 1, max: 40 }), (total, n) => {
        const parts = allocateEvenly(total, n);
        expect(parts).toEqual(allocate(total, Array.from({ length: n }, () => 1)));
        expect(sum(parts).eq(total)).toBe(true);
      }),
    );
  });
});
