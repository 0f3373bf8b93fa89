import { describe, expect, it } from 'vitest';
import { plainDecimal } from './labels';

describe('plainDecimal', () => {
  it('drops only insignificant trailing zeros, as a string', () => {
    expect(plainDecimal('2719.000')).toBe('2719');
    expect(plainDecimal('1500.0000')).toBe('1500');
    expect(plainDecimal('12.500')).toBe('12.5');
    expect(plainDecimal('0.0005')).toBe('0.0005');
    expect(plainDecimal('100')).toBe('100');
    expect(plainDecimal('0.000')).toBe('0');
    expect(plainDecimal('12345678901234567890.120')).toBe('12345678901234567890.12');
    expect(plainDecimal(null)).toBe('');
    expect(plainDecimal('n/a')).toBe('n/a');
  });
});
