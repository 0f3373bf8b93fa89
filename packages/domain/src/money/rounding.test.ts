import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal } from './decimal';
import { MoneyFormatError } from './errors';
import { multiply } from './multiply';
import { isRoundingMode, ROUNDING_MODE_LABELS, ROUNDING_MODES, type RoundingMode } from './rounding';
import { roundTo } from './roundTo';
import { roundToFen } from './roundToFen';
import { subtract } from './subtract';

const decimalString = (maxScale: number) =>
  fc
    .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => {
      const negative = units < 0n;
      const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return `${negative ? '-' : ''}${text}`;
    });

const mode = fc.constantFrom(...ROUNDING_MODES);

describe('roundToFen', () => {
  it('defaults to ROUND_HALF_UP (四舍五入, half away from zero)', () => {
    expect(roundToFen('2.345')).toBe('2.35');
    expect(roundToFen('2.344999')).toBe('2.34');
    expect(roundToFen('-2.345')).toBe('-2.35');
    expect(roundToFen('210.0195')).toBe('210.02');
    expect(roundToFen(multiply('89.37', '2.35'))).toBe('210.02');
    expect(roundToFen('1.005')).toBe('1.01');
  });

  it.each<[string, RoundingMode, string]>([
    ['2.345', 'ROUND_HALF_EVEN', '2.34'],
    ['2.355', 'ROUND_HALF_EVEN', '2.36'],
    ['2.3451', 'ROUND_HALF_EVEN', '2.35'],
    ['-2.345', 'ROUND_HALF_EVEN', '-2.34'],
    ['2.341', 'ROUND_UP', '2.35'],
    ['-2.341', 'ROUND_UP', '-2.35'],
    ['2.34', 'ROUND_UP', '2.34'],
    ['2.349', 'ROUND_DOWN', '2.34'],
    ['-2.349', 'ROUND_DOWN', '-2.34'],
    ['0.009', 'ROUND_DOWN', '0.00'],
    ['-0.001', 'ROUND_HALF_UP', '0.00'],
    ['-0.004', 'ROUND_DOWN', '0.00'],
    ['-0.001', 'ROUND_UP', '-0.01'],
  ])('%s %s → %s', (value, m, expected) => {
    expect(roundToFen(value, m)).toBe(expected);
  });

  it('always returns exactly two decimals', () => {
    expect(roundToFen('3')).toBe('3.00');
    expect(roundToFen('3.1')).toBe('3.10');
    expect(roundToFen('0')).toBe('0.00');
  });

  it('rejects non-decimal input and unknown modes', () => {
    expect(() => roundToFen(1.234 as unknown as string)).toThrow(MoneyFormatError);
    expect(() => roundToFen('1', 'ROUND_CEIL' as RoundingMode)).toThrow(RangeError);
  });

  it('property: idempotent for every mode', () => {
    fc.assert(
      fc.property(decimalString(8), mode, (value, m) => {
        const once = roundToFen(value, m);
        expect(roundToFen(once, m)).toBe(once);
      }),
    );
  });

  it('property: HALF_UP is within half a fen, and ties go away from zero', () => {
    fc.assert(
      fc.property(decimalString(8), (value) => {
        const rounded = roundToFen(value);
        const error = subtract(rounded, value).abs();
        expect(error.lte('0.005')).toBe(true);
        if (error.eq('0.005')) expect(new MoneyDecimal(rounded).abs().gt(new MoneyDecimal(value).abs())).toBe(true);
      }),
    );
  });

  it('property: DOWN never grows, UP never shrinks the magnitude; both within one fen', () => {
    fc.assert(
      fc.property(decimalString(8), (value) => {
        const v = new MoneyDecimal(value).abs();
        const down = new MoneyDecimal(roundToFen(value, 'ROUND_DOWN')).abs();
        const up = new MoneyDecimal(roundToFen(value, 'ROUND_UP')).abs();
        expect(down.lte(v) && v.minus(down).lt('0.01')).toBe(true);
        expect(up.gte(v) && up.minus(v).lt('0.01')).toBe(true);
      }),
    );
  });

  it('property: a value already on the fen is unchanged by every mode', () => {
    fc.assert(
      fc.property(decimalString(2), mode, (value, m) => {
        expect(new MoneyDecimal(roundToFen(value, m)).eq(value)).toBe(true);
      }),
    );
  });
});

describe('roundTo', () => {
  it('rounds to the jiao (scale 1) and yuan (scale 0), written as wire amounts', () => {
    expect(roundTo('12.35', 1)).toBe('12.40');
    expect(roundTo('12.34', 1)).toBe('12.30');
    expect(roundTo('12.34', 1, 'ROUND_UP')).toBe('12.40');
    expect(roundTo('12.5', 0)).toBe('13.00');
    expect(roundTo('12.5', 0, 'ROUND_HALF_EVEN')).toBe('12.00');
    expect(roundTo('13.5', 0, 'ROUND_HALF_EVEN')).toBe('14.00');
    expect(roundTo('12.99', 0, 'ROUND_DOWN')).toBe('12.00');
    expect(roundTo('-12.5', 0)).toBe('-13.00');
    expect(roundTo('-0.4', 0)).toBe('0.00');
  });

  it('scale 2 is roundToFen; larger scales keep their decimals', () => {
    expect(roundTo('2.345', 2)).toBe(roundToFen('2.345'));
    expect(roundTo('2.34567', 4)).toBe('2.3457');
    expect(roundTo('2.3', 4)).toBe('2.3000');
  });

  it('rejects bad scales', () => {
    expect(() => roundTo('1', -1)).toThrow(RangeError);
    expect(() => roundTo('1', 1.5)).toThrow(RangeError);
    expect(() => roundTo('1', 21)).toThrow(RangeError);
  });

  it('property: idempotent at every scale and mode', () => {
    fc.assert(
      fc.property(decimalString(8), fc.integer({ min: 0, max: 4 }), mode, (value, scale, m) => {
        const once = roundTo(value, scale, m);
        expect(roundTo(once, scale, m)).toBe(once);
      }),
    );
  });
});

describe('rounding modes', () => {
  it('lists the named modes with labels', () => {
    expect(ROUNDING_MODES).toEqual(['ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_UP', 'ROUND_DOWN']);
    for (const m of ROUNDING_MODES) expect(ROUNDING_MODE_LABELS[m].zh).toBeTruthy();
    expect(ROUNDING_MODE_LABELS.ROUND_HALF_UP.zh).toBe('四舍五入');
  });
  it('isRoundingMode', () => {
    expect(isRoundingMode('ROUND_HALF_EVEN')).toBe(true);
    expect(isRoundingMode('ROUND_CEIL')).toBe(false);
    expect(isRoundingMode(4)).toBe(false);
  });
});
