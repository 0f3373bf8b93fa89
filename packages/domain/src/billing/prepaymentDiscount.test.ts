import { describe, expect, it } from 'vitest';
import { prepaymentDiscount } from './prepaymentDiscount';
import { billingReason } from './test-helpers';

const offer = [
  { minMonths: 6, percentOff: '5' },
  { minMonths: 12, percentOff: '10' },
];

describe('prepaymentDiscount 预交优惠', () => {
  it('applies the row with the largest minMonths reached', () => {
    const twelve = prepaymentDiscount({ amount: '2520.24', months: 12, rules: offer });
    expect(twelve).toEqual({
      amount: '252.02',
      payable: '2268.22',
      rule: { minMonths: 12, percentOff: '10' },
      explanation: '预交 12 个月（满 12 个月优惠 10%）：¥2,520.24 × 90% = ¥2,268.22，优惠 ¥252.02',
    });
    expect(prepaymentDiscount({ amount: '1260.12', months: 8, rules: offer })).toMatchObject({
      amount: '63.01',
      payable: '1197.11',
      rule: { minMonths: 6 },
    });
    expect(prepaymentDiscount({ amount: '5040.48', months: 24, rules: [...offer].reverse() }).rule?.minMonths).toBe(12);
  });

  it('gives nothing below the smallest row, or without an offer', () => {
    expect(prepaymentDiscount({ amount: '630.06', months: 3, rules: offer })).toEqual({
      amount: '0.00',
      payable: '630.06',
      rule: null,
      explanation: '预交 3 个月，未满 6 个月，无预交优惠',
    });
    expect(prepaymentDiscount({ amount: '630.06', months: 3, rules: [] }).explanation).toBe('预交 3 个月，无预交优惠');
  });

  it('refuses malformed offers', () => {
    expect(billingReason(() => prepaymentDiscount({ amount: '1', months: 6, rules: [offer[0]!, offer[0]!] }))).toBe('INVALID_INPUT');
    expect(billingReason(() => prepaymentDiscount({ amount: '1', months: 6, rules: [{ minMonths: 0, percentOff: '5' }] }))).toBe('INVALID_INPUT');
    expect(billingReason(() => prepaymentDiscount({ amount: '1', months: 6, rules: [{ minMonths: 6, percentOff: '500' }] }))).toBe('INVALID_PERCENT');
    expect(billingReason(() => prepaymentDiscount({ amount: '1', months: 1.5, rules: offer }))).toBe('INVALID_DAYS');
  });
});
