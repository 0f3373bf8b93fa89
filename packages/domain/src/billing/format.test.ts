import { describe, expect, it } from 'vitest';
import { MoneyDecimal } from '../money';
import { formatPercent, formatPrice, formatQuantity } from './format';

const d = (text: string) => new MoneyDecimal(text);

describe('explanation formatting', () => {
  it('shows quantities without trailing zeros, grouped by thousands', () => {
    expect(formatQuantity(d('1285'))).toBe('1,285');
    expect(formatQuantity(d('89.370'))).toBe('89.37');
    expect(formatQuantity(d('1234567.8901'))).toBe('1,234,567.8901');
    expect(formatQuantity(d('0'))).toBe('0');
    expect(formatQuantity(d('0.0005'))).toBe('0.0005');
  });

  it('shows prices with at least two decimals and every decimal they have', () => {
    expect(formatPrice(d('5'))).toBe('¥5.00');
    expect(formatPrice(d('2.35'))).toBe('¥2.35');
    expect(formatPrice(d('2.3500'))).toBe('¥2.35');
    expect(formatPrice(d('1.2345'))).toBe('¥1.2345');
    expect(formatPrice(d('1234.5'))).toBe('¥1,234.50');
    expect(formatPrice(d('-0.5'))).toBe('-¥0.50');
  });

  it('shows percentages as written', () => {
    expect(formatPercent(d('30'))).toBe('30%');
    expect(formatPercent(d('12.50'))).toBe('12.5%');
  });
});
