import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add } from './add';
import { compare } from './compare';
import { MoneyDecimal } from './decimal';
import { MoneyFormatError } from './errors';
import { isNegative } from './isNegative';
import { isZero } from './isZero';
import { multiply } from './multiply';
import { negate } from './negate';
import { subtract } from './subtract';
import { sum } from './sum';

/** A decimal string with up to `maxScale` decimals built from an integer and a scale. */
const decimalString = (maxScale: number) =>
  fc
    .tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => {
      const negative = units < 0n;
      const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return `${negative ? '-' : ''}${text}`;
    });

describe('add', () => {
  it('adds exactly where JS numbers do not', () => {
    expect(add('0.1', '0.2').toFixed()).toBe('0.3');
    expect(add('1.10', '2.20').toFixed(2)).toBe('3.30');
    expect(add('210.02', '-10.02').toFixed()).toBe('200');
  });
  it('adds any number of amounts, mixing strings and Decimals', () => {
    expect(add().toFixed()).toBe('0');
    expect(add('5').toFixed()).toBe('5');
    expect(add('1', new DecimalJs('2.5'), '0.25').toFixed()).toBe('3.75');
  });
  it('is exact beyond 40 digits of working precision', () => {
    const big = '9'.repeat(30);
    const small = `0.${'0'.repeat(19)}1`;
    expect(add(big, small).toFixed()).toBe(`${big}.${'0'.repeat(19)}1`);
  });
  it('returns a money-clone Decimal and never -0', () => {
    const zero = add('-1', '1');
    expect(zero.constructor).toBe(MoneyDecimal);
    expect(zero.isNegative()).toBe(false);
  });
  it('rejects numbers and bad strings', () => {
    expect(() => add('1', 2 as unknown as string)).toThrow(MoneyFormatError);
    expect(() => add('1', '1e2')).toThrow(MoneyFormatError);
  });
});

describe('sum', () => {
  it('sums a list (empty → 0)', () => {
    expect(sum([]).toFixed()).toBe('0');
    expect(sum(['0.01', '0.02', '0.03']).toFixed()).toBe('0.06');
    expect(sum(Array.from({ length: 10 }, () => '0.1')).toFixed()).toBe('1');
  });
  it('property: sum equals add spread', () => {
    fc.assert(
      fc.property(fc.array(decimalString(4), { maxLength: 20 }), (list) => {
        expect(sum(list).eq(add(...list))).toBe(true);
      }),
    );
  });
});

describe('subtract', () => {
  it('subtracts exactly', () => {
    expect(subtract('0.3', '0.1').toFixed()).toBe('0.2');
    expect(subtract('1', '1.01').toFixed()).toBe('-0.01');
    expect(subtract('5', '5').isNegative()).toBe(false);
  });
  it('property: add/subtract round-trip', () => {
    fc.assert(
      fc.property(decimalString(6), decimalString(6), (a, b) => {
        expect(subtract(add(a, b), b).eq(new MoneyDecimal(a))).toBe(true);
        expect(add(subtract(a, b), b).eq(new MoneyDecimal(a))).toBe(true);
      }),
    );
  });
  it('property: a - b = -(b - a)', () => {
    fc.assert(
      fc.property(decimalString(4), decimalString(4), (a, b) => {
        expect(subtract(a, b).eq(negate(subtract(b, a)))).toBe(true);
      }),
    );
  });
});

describe('multiply', () => {
  it('multiplies without rounding', () => {
    expect(multiply('89.37', '2.35').toFixed()).toBe('210.0195');
    expect(multiply('0.1', '0.1').toFixed()).toBe('0.01');
    expect(multiply('-3', '0.3333').toFixed()).toBe('-0.9999');
    expect(multiply('0', '-5').isNegative()).toBe(false);
  });
  it('keeps every digit of a long product (more than 40 significant digits)', () => {
    const a = '1234567890.1234567890123456789';
    const b = '9876543210.9876543210987654321';
    const exact = (BigInt(a.replace('.', '')) * BigInt(b.replace('.', ''))).toString();
    const product = multiply(a, b).toFixed(38).replace('.', '').replace(/^0+/, '');
    expect(product).toBe(exact);
  });
  it('property: multiply matches BigInt arithmetic on scaled integers', () => {
    fc.assert(
      fc.property(decimalString(6), decimalString(6), (a, b) => {
        const scaled = (s: string) => {
          const [i = '0', f = ''] = s.replace('-', '').split('.');
          return { n: BigInt((s.startsWith('-') ? '-' : '') + i + f), scale: f.length };
        };
        const x = scaled(a);
        const y = scaled(b);
        const expected = new MoneyDecimal((x.n * y.n).toString()).div(new MoneyDecimal(10).pow(x.scale + y.scale));
        expect(multiply(a, b).eq(expected)).toBe(true);
      }),
    );
  });
});

describe('negate', () => {
  it('negates and never yields -0', () => {
    expect(negate('1.5').toFixed()).toBe('-1.5');
    expect(negate('-1.5').toFixed()).toBe('1.5');
    expect(negate('0').isNegative()).toBe(false);
    expect(negate('0.00').toFixed(2)).toBe('0.00');
  });
});

describe('compare', () => {
  it('orders amounts by value', () => {
    expect(compare('1', '2')).toBe(-1);
    expect(compare('2', '1')).toBe(1);
    expect(compare('1.5', '1.50')).toBe(0);
    expect(compare('-0', '0')).toBe(0);
    expect(compare('-10', '-9.99')).toBe(-1);
  });
  it('works as a sort comparator', () => {
    expect(['10', '-1', '2.5', '0', '2.50'].sort(compare)).toEqual(['-1', '0', '2.5', '2.50', '10']);
  });
  it('property: antisymmetric', () => {
    fc.assert(
      fc.property(decimalString(4), decimalString(4), (a, b) => {
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
      }),
    );
  });
});

describe('isZero / isNegative', () => {
  it('isZero', () => {
    expect(isZero('0')).toBe(true);
    expect(isZero('0.00')).toBe(true);
    expect(isZero('-0')).toBe(true);
    expect(isZero('0.01')).toBe(false);
    expect(isZero(new DecimalJs(0))).toBe(true);
  });
  it('isNegative is strict', () => {
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0')).toBe(false);
    expect(isNegative('0')).toBe(false);
    expect(isNegative('3')).toBe(false);
    expect(isNegative(new DecimalJs('-2'))).toBe(true);
  });
  it('reject JS numbers', () => {
    expect(() => isZero(0 as unknown as string)).toThrow(MoneyFormatError);
    expect(() => isNegative(-1 as unknown as string)).toThrow(MoneyFormatError);
  });
});
