import { describe, expect, it } from 'vitest';
import { CYCLE_MONTHS, isBillingCycle, requireCycle } from './cycle';
import { billingReason } from './test-helpers';
import { amountOf, countOf, percentOf, priceOf, quantityOf, rateOf } from './values';

describe('reading billing values', () => {
  it('accepts decimal strings within each kind’s scale', () => {
    expect(amountOf('210.02', 'a').toFixed()).toBe('210.02');
    expect(amountOf('-5', 'a', true).toFixed()).toBe('-5');
    expect(quantityOf('89.3700', 'q').toFixed()).toBe('89.37');
    expect(priceOf('1.23456789', 'p').toFixed()).toBe('1.23456789');
    expect(rateOf('0.0003', 'r').toFixed()).toBe('0.0003');
    expect(percentOf('100', 'pct').toFixed()).toBe('100');
    expect(countOf(0, 'n')).toBe(0);
  });

  it('refuses numbers, bad syntax, too many decimals and signs, naming the reason', () => {
    expect(billingReason(() => amountOf(210.02, 'a'))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => amountOf('1.005', 'a'))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => amountOf('-1', 'a'))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => quantityOf('1e3', 'q'))).toBe('INVALID_QUANTITY');
    expect(billingReason(() => priceOf('0.123456789', 'p'))).toBe('INVALID_PRICE');
    expect(billingReason(() => rateOf('', 'r'))).toBe('INVALID_RATE');
    expect(billingReason(() => percentOf('100.01', 'pct'))).toBe('INVALID_PERCENT');
    expect(billingReason(() => countOf(1.5, 'n'))).toBe('INVALID_DAYS');
    expect(billingReason(() => countOf('3', 'n'))).toBe('INVALID_DAYS');
  });

  it('knows the cycles', () => {
    expect(CYCLE_MONTHS).toEqual({ monthly: 1, quarterly: 3, yearly: 12 });
    expect(isBillingCycle('quarterly')).toBe(true);
    expect(isBillingCycle('weekly')).toBe(false);
    expect(billingReason(() => requireCycle(3))).toBe('INVALID_CYCLE');
  });
});
