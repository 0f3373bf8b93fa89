import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MeteringError } from './errors';
import { isReadingString, parseReading, readingValue } from './parseReading';

describe('parseReading', () => {
  it.each([
    ['1285.3', 5, '1285.3'],
    ['1285.30', 5, '1285.3'],
    ['0012.300', 4, '12.3'],
    ['0', 4, '0'],
    ['0.000', 4, '0'],
    ['9999', 4, '9999'],
    ['9999.999', 4, '9999.999'],
    ['00009999', 4, '9999'],
    ['9999999999.999', 10, '9999999999.999'],
  ])('accepts %s on a %i-digit dial as %s', (input, digits, expected) => {
    expect(parseReading(input, { digits })).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['10000', 4, 'too_many_digits'],
    ['12345.6', 4, 'too_many_digits'],
    ['10000000000', 10, 'too_many_digits'],
    ['1.2345', 4, 'too_many_decimals'],
    ['-1', 4, 'negative'],
    ['-0', 4, 'negative'],
    ['-1.5', 4, 'negative'],
    ['', 4, 'syntax'],
    ['abc', 4, 'syntax'],
    ['1e3', 4, 'syntax'],
    ['.5', 4, 'syntax'],
    ['1.', 4, 'syntax'],
    ['+1', 4, 'syntax'],
    [' 1', 4, 'syntax'],
    ['1,5', 4, 'syntax'],
    ['１２', 4, 'syntax'],
  ])('refuses %j on a %i-digit dial: %s', (input, digits, reason) => {
    expect(parseReading(input, { digits })).toEqual({ ok: false, reason });
  });

  it('refuses non-strings without throwing', () => {
    expect(parseReading(12 as unknown as string, { digits: 4 })).toEqual({ ok: false, reason: 'not_a_string' });
    expect(parseReading(null as unknown as string, { digits: 4 })).toEqual({ ok: false, reason: 'not_a_string' });
  });

  it('refuses a megabyte of digits cheaply', () => {
    expect(parseReading('9'.repeat(1_000_000), { digits: 10 })).toEqual({ ok: false, reason: 'too_many_digits' });
    expect(parseReading(`1.${'0'.repeat(1_000_000)}`, { digits: 10 })).toEqual({ ok: false, reason: 'too_many_decimals' });
  });

  it('throws only when the meter is wrong', () => {
    for (const digits of [3, 11, 4.5, Number.NaN]) {
      expect(() => parseReading('1', { digits })).toThrow(MeteringError);
    }
  });

  it('isReadingString and readingValue follow the same rules', () => {
    expect(isReadingString('9999', 4)).toBe(true);
    expect(isReadingString('10000', 4)).toBe(false);
    expect(readingValue('12.5', 4, 'previous').toFixed()).toBe('12.5');
    try {
      readingValue('10000', 4, 'previous');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MeteringError);
      expect((error as MeteringError).details).toMatchObject({ reason: 'INVALID_READING', field: 'previous', readingReason: 'too_many_digits' });
    }
    // without a dial, any size (up to decimal precision) is accepted
    expect(readingValue('123456789012345', null, 'current').toFixed()).toBe('123456789012345');
  });

  it('property: a value fits iff it is below 10^digits (and the canonical form keeps its value)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 10 }), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 3 }), (digits, units, scale) => {
        const text = units.toString().padStart(scale + 1, '0');
        const input = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
        const fits = units < 10n ** BigInt(digits + scale);
        const result = parseReading(input, { digits });
        expect(result.ok).toBe(fits);
        if (result.ok) {
          expect(Number(result.value)).toBe(Number(input));
          expect(result.value).not.toMatch(/^0\d|\.\d*0$/);
        } else {
          expect(result.reason).toBe('too_many_digits');
        }
      }),
    );
  });
});
