import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, ROUNDING_MODES, roundTo } from '../money';
import { roundLine } from './roundLine';
import { billingReason } from './test-helpers';

const d = (text: string) => new MoneyDecimal(text);
const Wide = DecimalJs.clone({ precision: 400 });

describe('roundLine: one rounding of an exact line', () => {
  it('rounds half up to the fen by default', () => {
    expect(roundLine(d('210.0195'))).toBe('210.02');
    expect(roundLine(d('0.005'))).toBe('0.01');
    expect(roundLine(d('0.0049'))).toBe('0.00');
    expect(roundLine(d('-0.005'))).toBe('-0.01');
    expect(roundLine(d('-0.004'))).toBe('0.00');
    expect(roundLine(d('12'))).toBe('12.00');
  });

  it('divides exactly before rounding: 89.37 × 2.35 × 14 / 31', () => {
    expect(roundLine(d('2940.273'), 31n)).toBe('94.85');
    // 0.015 exactly: a half → up; 0.01499…: never a half
    expect(roundLine(d('0.465'), 31n)).toBe('0.02');
    expect(roundLine(d('0.464'), 31n)).toBe('0.01');
  });

  it('honours the named modes and units', () => {
    expect(roundLine(d('2.345'), 1n, { rounding: 'ROUND_HALF_EVEN' })).toBe('2.34');
    expect(roundLine(d('2.355'), 1n, { rounding: 'ROUND_HALF_EVEN' })).toBe('2.36');
    expect(roundLine(d('2.341'), 1n, { rounding: 'ROUND_UP' })).toBe('2.35');
    expect(roundLine(d('2.349'), 1n, { rounding: 'ROUND_DOWN' })).toBe('2.34');
    expect(roundLine(d('210.0195'), 1n, { roundingUnit: 'jiao' })).toBe('210.00');
    expect(roundLine(d('210.5'), 1n, { roundingUnit: 'yuan' })).toBe('211.00');
    expect(roundLine(d('210.05'), 1n, { roundingUnit: 'jiao', rounding: 'ROUND_DOWN' })).toBe('210.00');
  });

  it('refuses unknown rules', () => {
    expect(billingReason(() => roundLine(d('1'), 1n, { rounding: 'ROUND_CEIL' as never }))).toBe('INVALID_ROUNDING');
    expect(billingReason(() => roundLine(d('1'), 1n, { roundingUnit: 'li' as never }))).toBe('INVALID_ROUNDING');
    expect(() => roundLine(d('1'), 0n)).toThrow(RangeError);
  });

  const value = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }))
    .map(([units, scale]) => new MoneyDecimal(units.toString()).dividedBy(10 ** scale));

  it('property: without a denominator it agrees with money/roundTo in every mode and unit', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...ROUNDING_MODES), fc.constantFrom(['fen', 2], ['jiao', 1], ['yuan', 0]), (v, mode, [unit, scale]) => {
        expect(roundLine(v, 1n, { rounding: mode, roundingUnit: unit as 'fen' })).toBe(roundTo(v, scale as number, mode));
      }),
      { numRuns: 500 },
    );
  });

  it('property: with a denominator it rounds the true quotient (checked at 400 digits)', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 31 }), fc.constantFrom(...ROUNDING_MODES), (v, den, mode) => {
        const quotient = new Wide(v.toFixed()).dividedBy(den);
        const expected = quotient.toDecimalPlaces(2, DecimalJs[mode]).toFixed(2).replace(/^-0\.00$/, '0.00');
        expect(roundLine(v, BigInt(den), { rounding: mode })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
