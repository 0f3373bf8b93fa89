import DecimalJs from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { add } from './add';
import { MONEY_PRECISION, MoneyDecimal } from './decimal';
import { multiply } from './multiply';
import { parseMoney } from './parse';

describe('MoneyDecimal', () => {
  const globalPrecision = DecimalJs.precision;
  const globalRounding = DecimalJs.rounding;
  afterEach(() => {
    DecimalJs.set({ precision: globalPrecision, rounding: globalRounding });
  });

  it('is a dedicated clone with precision 40 and ROUND_HALF_UP', () => {
    expect(MoneyDecimal).not.toBe(DecimalJs);
    expect(MoneyDecimal.precision).toBe(MONEY_PRECISION);
    expect(MONEY_PRECISION).toBe(40);
    expect(MoneyDecimal.rounding).toBe(DecimalJs.ROUND_HALF_UP);
  });

  it('leaves the global decimal.js settings alone', () => {
    parseMoney('1.23');
    add('1', '2');
    expect(DecimalJs.precision).toBe(20);
    expect(DecimalJs.rounding).toBe(DecimalJs.ROUND_HALF_UP);
  });

  it('is not affected by someone else changing the global', () => {
    DecimalJs.set({ precision: 3, rounding: DecimalJs.ROUND_DOWN });
    expect(multiply('123.45', '6.789').toFixed()).toBe('838.10205');
    expect(new MoneyDecimal(1).div(3).toFixed()).toBe(`0.${'3'.repeat(40)}`);
  });
});
