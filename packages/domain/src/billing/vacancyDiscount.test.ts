import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, MoneyDecimal } from '../money';
import { billingReason } from './test-helpers';
import { vacancyDiscount } from './vacancyDiscount';

describe('vacancyDiscount 空置房优惠', () => {
  it('30% off: the owner pays 70%, the discount is the rest', () => {
    const discount = vacancyDiscount({ amount: '210.02', percentOff: '30' });
    expect(discount).toEqual({ amount: '63.01', payable: '147.01', explanation: '空置房按 70% 收取：¥210.02 × 70% = ¥147.01，减免 ¥63.01' });
  });

  it('rounds the payable share once; the discount follows exactly', () => {
    // 0.05 × 70% = 0.035 → 0.04 payable, 0.01 off (rounding the discount first would have given 0.02 off)
    expect(vacancyDiscount({ amount: '0.05', percentOff: '30' })).toMatchObject({ payable: '0.04', amount: '0.01' });
    expect(vacancyDiscount({ amount: '0.05', percentOff: '30', rounding: 'ROUND_DOWN' })).toMatchObject({ payable: '0.03', amount: '0.02' });
    expect(vacancyDiscount({ amount: '1234.56', percentOff: '12.5' }).explanation).toBe('空置房按 87.5% 收取：¥1,234.56 × 87.5% = ¥1,080.24，减免 ¥154.32');
  });

  it('handles 0% and 100% off', () => {
    expect(vacancyDiscount({ amount: '100', percentOff: '0' })).toMatchObject({ payable: '100.00', amount: '0.00' });
    expect(vacancyDiscount({ amount: '100', percentOff: '100' })).toMatchObject({ payable: '0.00', amount: '100.00' });
  });

  it('refuses bad percentages and amounts', () => {
    expect(billingReason(() => vacancyDiscount({ amount: '100', percentOff: '101' }))).toBe('INVALID_PERCENT');
    expect(billingReason(() => vacancyDiscount({ amount: '100', percentOff: '-1' }))).toBe('INVALID_PERCENT');
    expect(billingReason(() => vacancyDiscount({ amount: '100.001', percentOff: '30' }))).toBe('INVALID_AMOUNT');
  });

  it('property: payable + discount = amount exactly, both between 0 and the amount', () => {
    const fen = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((n) => new MoneyDecimal(n.toString()).dividedBy(100).toFixed(2));
    const percent = fc.integer({ min: 0, max: 10_000 }).map((n) => new MoneyDecimal(n).dividedBy(100).toFixed());
    fc.assert(
      fc.property(fen, percent, (amount, p) => {
        const d = vacancyDiscount({ amount, percentOff: p });
        expect(add(d.amount, d.payable).equals(amount)).toBe(true);
        expect(new MoneyDecimal(d.amount).greaterThanOrEqualTo(0)).toBe(true);
        expect(new MoneyDecimal(d.payable).greaterThanOrEqualTo(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
