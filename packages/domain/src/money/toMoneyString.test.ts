import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { add } from './add';
import { MoneyFormatError } from './errors';
import { multiply } from './multiply';
import { roundToFen } from './roundToFen';
import { toMoneyString } from './toMoneyString';

describe('toMoneyString', () => {
  it.each([
    ['0', '0.00'],
    ['-0', '0.00'],
    ['1', '1.00'],
    ['1.5', '1.50'],
    ['-0.5', '-0.50'],
    ['1.500', '1.50'],
    ['210.02', '210.02'],
    ['123456789012345678.9', '123456789012345678.90'],
  ])('%s → %s', (input, expected) => {
    expect(toMoneyString(input)).toBe(expected);
  });

  it('accepts Decimals', () => {
    expect(toMoneyString(add('0.1', '0.2'))).toBe('0.30');
    expect(toMoneyString(new DecimalJs('7'))).toBe('7.00');
  });

  it('throws NOT_ON_FEN unless rounded first', () => {
    const raw = multiply('89.37', '2.35');
    expect(() => toMoneyString(raw)).toThrow(MoneyFormatError);
    try {
      toMoneyString('1.005');
    } catch (error) {
      expect((error as MoneyFormatError).reason).toBe('NOT_ON_FEN');
    }
    expect(toMoneyString(roundToFen(raw))).toBe('210.02');
  });
});
