import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ShareUnit, sharedUsageShares } from './sharedUsageShares';
import { reasonOf } from './test-helpers';

const D = Decimal.clone({ precision: 200 });


const usages = (shares: { usage: string }[]) => shares.map((s) => s.usage);
const units = (...weights: (string | number)[]): ShareUnit[] => weights.map((weight, i) => ({ unitId: `u${i + 1}`, weight }));

describe('sharedUsageShares 公摊', () => {
  it('splits by household count, leftover 0.0001 to the largest remainders', () => {
    expect(sharedUsageShares('100', units(1, 1, 1))).toEqual([
      { unitId: 'u1', usage: '33.3334' },
      { unitId: 'u2', usage: '33.3333' },
      { unitId: 'u3', usage: '33.3333' },
    ]);
    // shares 1.428571…, 2.857142…, 5.714285… → the two largest remainders get the leftovers
    expect(usages(sharedUsageShares('10', units(1, 2, 4)))).toEqual(['1.4286', '2.8571', '5.7143']);
  });

  it('splits by area', () => {
    const shares = usages(sharedUsageShares('1000', units('89.37', '120.5', '65')));
    // exact: 325.13551…, 438.38905…, 236.47542…; floors sum to 999.9999, the leftover goes to the largest remainder (.5664)
    expect(shares).toEqual(['325.1355', '438.3891', '236.4754']);
    expect(D.sum(...shares).toFixed(4)).toBe('1000.0000');
  });

  it('breaks equal remainders by the smaller unitId, whatever the order', () => {
    const ab = sharedUsageShares('0.0001', [
      { unitId: 'b', weight: 1 },
      { unitId: 'a', weight: 1 },
    ]);
    expect(ab).toEqual([
      { unitId: 'b', usage: '0.0000' },
      { unitId: 'a', usage: '0.0001' },
    ]);
  });

  it('gives zero weights nothing and shares a zero total as zeros', () => {
    expect(usages(sharedUsageShares('12.5', units(0, '89.37', 0)))).toEqual(['0.0000', '12.5000', '0.0000']);
    expect(usages(sharedUsageShares('0', units(1, 2)))).toEqual(['0.0000', '0.0000']);
  });

  it('refuses bad totals, units and weights', () => {
    expect(reasonOf(() => sharedUsageShares('1.00001', units(1)))).toBe('INVALID_TOTAL');
    expect(reasonOf(() => sharedUsageShares('-1', units(1)))).toBe('INVALID_TOTAL');
    expect(reasonOf(() => sharedUsageShares('1e3', units(1)))).toBe('INVALID_TOTAL');
    expect(reasonOf(() => sharedUsageShares(5 as unknown as string, units(1)))).toBe('INVALID_TOTAL');
    expect(reasonOf(() => sharedUsageShares('1', []))).toBe('NO_UNITS');
    expect(reasonOf(() => sharedUsageShares('1', [{ unitId: 'a', weight: 1 }, { unitId: 'a', weight: 2 }]))).toBe('DUPLICATE_UNIT');
    expect(reasonOf(() => sharedUsageShares('1', [{ unitId: '', weight: 1 }]))).toBe('DUPLICATE_UNIT');
    expect(reasonOf(() => sharedUsageShares('1', units(1, -1)))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => sharedUsageShares('1', units(1, Number.NaN)))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => sharedUsageShares('1', units('1', 'abc')))).toBe('INVALID_WEIGHT');
    expect(reasonOf(() => sharedUsageShares('1', units(0, '0.00')))).toBe('ALL_WEIGHTS_ZERO');
  });

  const total = fc
    .oneof(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.bigInt({ min: 0n, max: 10n ** 16n }))
    .map((steps) => new D(steps.toString()).dividedBy(10_000).toFixed());
  const weightList = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 20 }),
        fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 })).map(([u, s]) => new D(u).dividedBy(10 ** s).toFixed()),
      ),
      { minLength: 1, maxLength: 25 },
    )
    .filter((ws) => ws.some((w) => !new D(w).isZero()));

  it('property: shares sum exactly to the total; each is within 0.0001 of its exact share', () => {
    fc.assert(
      fc.property(total, weightList, (t, weights) => {
        const shares = sharedUsageShares(t, units(...weights));
        expect(shares.map((s) => s.unitId)).toEqual(weights.map((_, i) => `u${i + 1}`));
        for (const s of shares) expect(s.usage).toMatch(/^\d+\.\d{4}$/);
        expect(D.sum(...usages(shares)).equals(t)).toBe(true);
        const weightSum = D.sum(...weights.map(String));
        shares.forEach((s, i) => {
          const exact = new D(t).times(String(weights[i])).dividedBy(weightSum);
          expect(exact.minus(s.usage).abs().lessThan('0.0001')).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: the order units are listed in does not change anyone’s share', () => {
    fc.assert(
      fc.property(total, weightList, fc.integer(), (t, weights, seed) => {
        const list = units(...weights);
        const reversed = [...list].reverse();
        const rotated = list.map((_, i) => list[(i + Math.abs(seed)) % list.length] as ShareUnit);
        const byId = (shares: { unitId: string; usage: string }[]) => Object.fromEntries(shares.map((s) => [s.unitId, s.usage]));
        const expected = byId(sharedUsageShares(t, list));
        expect(byId(sharedUsageShares(t, reversed))).toEqual(expected);
        expect(byId(sharedUsageShares(t, rotated))).toEqual(expected);
      }),
    );
  });
});
