import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, roundToFen } from '../money';
import type { FeeTier, MeteredFeeStandard } from './feeStandard';
import { meteredCharge } from './meteredCharge';
import { billingReason } from './test-helpers';

const flat: MeteredFeeStandard = { kind: 'metered', price: '5' };
const tiers: FeeTier[] = [
  { upTo: '180', price: '5' },
  { upTo: '260', price: '7' },
  { upTo: null, price: '9' },
];
const tiered: MeteredFeeStandard = { kind: 'metered', tiers };

describe('meteredCharge 按用量计费', () => {
  it('golden flat: (1,285 − 1,263) × 1 × ¥5.00 = ¥110.00', () => {
    const line = meteredCharge(flat, { usage: '22', previous: '1263', current: '1285', multiplier: '1' });
    expect(line.amount).toBe('110.00');
    expect(line.explanation).toBe('(1,285 − 1,263) × 1 × ¥5.00 = ¥110.00');
    expect(line.portions).toEqual([{ tier: 1, from: '0', upTo: null, usage: '22', price: '5' }]);
  });

  it('flat without readings, with a multiplier, rounded once', () => {
    expect(meteredCharge(flat, { usage: '22' }).explanation).toBe('22 × ¥5.00 = ¥110.00');
    expect(meteredCharge({ kind: 'metered', price: '0.5283' }, { usage: '230', previous: '1234.5', current: '1240.25', multiplier: '40' }).explanation).toBe(
      '(1,240.25 − 1,234.5) × 40 × ¥0.5283 = ¥121.51',
    );
    expect(meteredCharge({ kind: 'metered', price: '0.5283' }, { usage: '0.0005' }).amount).toBe('0.00');
    expect(meteredCharge({ kind: 'metered', price: '3.35', rounding: 'ROUND_UP' }, { usage: '0.1' }).amount).toBe('0.34');
  });

  it('names the readings without a formula when they do not multiply out (rollover, replacement)', () => {
    expect(meteredCharge(flat, { usage: '25', previous: '9990', current: '15' }).explanation).toBe(
      '25 × ¥5.00 = ¥125.00（上次读数 9,990，本次读数 15，倍率 1，用量按翻表或换表核定）',
    );
  });

  it('golden tiered: 170 used before, 25 more → 10 × ¥5 + 15 × ¥7 = ¥155.00', () => {
    const line = meteredCharge(tiered, { usage: '25', usedBefore: '170' });
    expect(line.amount).toBe('155.00');
    expect(line.explanation).toBe('第1档 10 × ¥5.00 + 第2档 15 × ¥7.00 = ¥155.00（年累计 170 → 195）');
    expect(line.portions.map((p) => p.usage)).toEqual(['10', '15']);
    const withReadings = meteredCharge(tiered, { usage: '25', usedBefore: '170', previous: '1260', current: '1285' });
    expect(withReadings.explanation).toBe('(1,285 − 1,260) × 1 = 25；第1档 10 × ¥5.00 + 第2档 15 × ¥7.00 = ¥155.00（年累计 170 → 195）');
  });

  it('bills the 180th m³ at tier 1 and the 181st at tier 2; fractions split exactly', () => {
    expect(meteredCharge(tiered, { usage: '180' }).amount).toBe('900.00');
    expect(meteredCharge(tiered, { usage: '181' }).explanation).toBe('第1档 180 × ¥5.00 + 第2档 1 × ¥7.00 = ¥907.00（年累计 0 → 181）');
    // 0.25 × 5 + 0.25 × 7 = 3.00
    expect(meteredCharge(tiered, { usage: '0.5', usedBefore: '179.75' }).amount).toBe('3.00');
    // 0.0001 × 7 + 0.0002 × 9 = 0.0025 → rounded once: 0.00
    expect(meteredCharge(tiered, { usage: '0.0003', usedBefore: '259.9999' }).amount).toBe('0.00');
    // 0.0009 × 5 + 0.0001 × 7 = 0.0052 → 0.01: rounding per tier would have given 0.00 + 0.00
    expect(meteredCharge(tiered, { usage: '0.001', usedBefore: '179.9991' }).amount).toBe('0.01');
  });

  it('explains a zero usage with the tier it sits in', () => {
    expect(meteredCharge(tiered, { usage: '0', usedBefore: '200' }).explanation).toBe('第2档 0 × ¥7.00 = ¥0.00（年累计 200 → 200）');
  });

  it('refuses bad usage, readings and standards', () => {
    expect(billingReason(() => meteredCharge(flat, { usage: '1.00001' }))).toBe('INVALID_QUANTITY');
    expect(billingReason(() => meteredCharge(flat, { usage: '-1' }))).toBe('INVALID_QUANTITY');
    expect(billingReason(() => meteredCharge(flat, { usage: '1', previous: '1' }))).toBe('INVALID_INPUT');
    expect(billingReason(() => meteredCharge({ kind: 'metered' } as never, { usage: '1' }))).toBe('INVALID_STANDARD');
    expect(billingReason(() => meteredCharge({ kind: 'metered', price: '1', tiers } as never, { usage: '1' }))).toBe('INVALID_STANDARD');
  });

  const quantity = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(10_000).toFixed());

  it('property: a tiered line is the exact tier sum rounded once; one tier equals a flat price', () => {
    fc.assert(
      fc.property(quantity, quantity, (before, usage) => {
        const line = meteredCharge(tiered, { usage, usedBefore: before });
        const exact = line.portions.reduce((acc, p) => acc.plus(new MoneyDecimal(p.usage).times(p.price)), new MoneyDecimal(0));
        expect(line.amount).toBe(roundToFen(exact));
        const single = meteredCharge({ kind: 'metered', tiers: [{ upTo: null, price: '5' }] }, { usage, usedBefore: before });
        expect(single.amount).toBe(meteredCharge(flat, { usage }).amount);
      }),
      { numRuns: 300 },
    );
  });
});
