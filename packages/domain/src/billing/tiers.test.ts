import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, sum } from '../money';
import type { FeeTier } from './feeStandard';
import { billingReason } from './test-helpers';
import { splitTiers, tierAt } from './tiers';

const water: FeeTier[] = [
  { upTo: '180', price: '5' },
  { upTo: '260', price: '7' },
  { upTo: null, price: '9' },
];
const usages = (portions: { tier: number; usage: string }[]) => portions.map((p) => [p.tier, p.usage]);

describe('tiers 阶梯 on cumulative annual usage', () => {
  it('golden: 170 used before, 25 more → 10 in tier 1 and 15 in tier 2', () => {
    expect(usages(splitTiers(water, '170', '25'))).toEqual([
      [1, '10'],
      [2, '15'],
    ]);
  });

  it('puts the 180th m³ in tier 1 and anything above 180 in tier 2', () => {
    expect(usages(splitTiers(water, '0', '180'))).toEqual([[1, '180']]);
    expect(usages(splitTiers(water, '179', '1'))).toEqual([[1, '1']]);
    expect(usages(splitTiers(water, '180', '1'))).toEqual([[2, '1']]);
    expect(usages(splitTiers(water, '0', '181'))).toEqual([
      [1, '180'],
      [2, '1'],
    ]);
  });

  it('splits fractional usage exactly at a bound', () => {
    expect(usages(splitTiers(water, '179.75', '0.5'))).toEqual([
      [1, '0.25'],
      [2, '0.25'],
    ]);
    expect(usages(splitTiers(water, '259.9999', '0.0002'))).toEqual([
      [2, '0.0001'],
      [3, '0.0001'],
    ]);
  });

  it('crosses several tiers at once and goes on past the last bound', () => {
    expect(usages(splitTiers(water, '100', '300'))).toEqual([
      [1, '80'],
      [2, '80'],
      [3, '140'],
    ]);
    expect(usages(splitTiers(water, '1000', '5'))).toEqual([[3, '5']]);
    expect(splitTiers(water, '170', '25')[1]).toEqual({ tier: 2, from: '180', upTo: '260', usage: '15', price: '7' });
  });

  it('gives no portions for zero usage, and knows which tier comes next', () => {
    expect(splitTiers(water, '170', '0')).toEqual([]);
    expect(tierAt(water, '170')).toEqual({ tier: 1, price: '5' });
    expect(tierAt(water, '180')).toEqual({ tier: 2, price: '7' });
    expect(tierAt(water, '5000')).toEqual({ tier: 3, price: '9' });
  });

  it('refuses malformed tiers', () => {
    expect(billingReason(() => splitTiers([], '0', '1'))).toBe('INVALID_TIERS');
    expect(billingReason(() => splitTiers([{ upTo: '180', price: '5' }], '0', '1'))).toBe('INVALID_TIERS');
    expect(billingReason(() => splitTiers([{ upTo: null, price: '5' }, { upTo: null, price: '6' }], '0', '1'))).toBe('INVALID_TIERS');
    expect(billingReason(() => splitTiers([{ upTo: '0', price: '5' }, { upTo: null, price: '6' }], '0', '1'))).toBe('INVALID_TIERS');
    expect(billingReason(() => splitTiers([{ upTo: '200', price: '5' }, { upTo: '180', price: '6' }, { upTo: null, price: '7' }], '0', '1'))).toBe('INVALID_TIERS');
    expect(billingReason(() => splitTiers([{ upTo: null, price: 'x' }], '0', '1'))).toBe('INVALID_PRICE');
    expect(billingReason(() => splitTiers(water, '-1', '1'))).toBe('INVALID_QUANTITY');
    expect(billingReason(() => splitTiers(water, '0', '1.00001'))).toBe('INVALID_QUANTITY');
  });

  const quantity = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(10_000).toFixed());
  const cost = (portions: { usage: string; price: string }[]) => sum(portions.map((p) => new MoneyDecimal(p.usage).times(p.price)));

  it('property: portions sum to the usage and stay inside their tiers', () => {
    fc.assert(
      fc.property(quantity, quantity, (before, usage) => {
        const portions = splitTiers(water, before, usage);
        expect(sum(portions.map((p) => p.usage)).equals(usage)).toBe(true);
        for (const p of portions) {
          expect(new MoneyDecimal(p.usage).greaterThan(0)).toBe(true);
          if (p.upTo !== null) expect(new MoneyDecimal(p.usage).lessThanOrEqualTo(new MoneyDecimal(p.upTo).minus(p.from))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: billing a usage in two bills costs exactly the same as in one (before rounding)', () => {
    fc.assert(
      fc.property(quantity, quantity, quantity, (before, a, b) => {
        const total = new MoneyDecimal(a).plus(b).toFixed();
        const afterA = new MoneyDecimal(before).plus(a).toFixed();
        const twoBills = cost(splitTiers(water, before, a)).plus(cost(splitTiers(water, afterA, b)));
        expect(twoBills.equals(cost(splitTiers(water, before, total)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
