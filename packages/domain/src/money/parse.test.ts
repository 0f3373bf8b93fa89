import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal } from './decimal';
import { MoneyFormatError } from './errors';
import { isMoneyString, parseMoney, toDecimal } from './parse';

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MoneyFormatError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseMoney', () => {
  it.each([
    ['210.02', '210.02'],
    ['0', '0'],
    ['0.5', '0.5'],
    ['-0.5', '-0.5'],
    ['12', '12'],
    ['1.50', '1.5'],
    ['007.10', '7.1'],
    ['99999999999999.99', '99999999999999.99'],
  ])('accepts %s', (input, expected) => {
    expect(parseMoney(input).toFixed()).toBe(expected);
  });

  it('returns a Decimal from the money clone', () => {
    const value = parseMoney('1.23');
    expect(DecimalJs.isDecimal(value)).toBe(true);
    expect(value.constructor).toBe(MoneyDecimal);
  });

  it.each(['', 'NaN', 'Infinity', '1e5', '1E5', ' 1', '1 ', '1.', '.5', '+1', '-', '--1', '1,000', '¥1', '0x10', '1.2.3', '１２'])(
    'rejects %j',
    (input) => {
      expect(() => parseMoney(input)).toThrow(MoneyFormatError);
      expect(reasonOf(() => parseMoney(input))).toBe('SYNTAX');
    },
  );

  it('rejects JS numbers and other non-strings', () => {
    for (const input of [12, 0.1, Number.NaN, null, undefined, {}, 10n]) {
      expect(reasonOf(() => parseMoney(input as unknown as string))).toBe('NOT_A_STRING');
    }
  });

  it('enforces the stated scale (default 2)', () => {
    expect(reasonOf(() => parseMoney('1.234'))).toBe('SCALE');
    expect(parseMoney('1.2345', { maxScale: 4 }).toFixed()).toBe('1.2345');
    expect(reasonOf(() => parseMoney('1.5', { maxScale: 0 }))).toBe('SCALE');
    expect(parseMoney('15', { maxScale: 0 }).toFixed()).toBe('15');
  });

  it('can refuse negatives', () => {
    expect(reasonOf(() => parseMoney('-1', { allowNegative: false }))).toBe('NEGATIVE');
    expect(reasonOf(() => parseMoney('-0', { allowNegative: false }))).toBe('NEGATIVE');
    expect(parseMoney('1', { allowNegative: false }).toFixed()).toBe('1');
  });

  it('normalises -0 to 0', () => {
    const zero = parseMoney('-0.00');
    expect(zero.isZero()).toBe(true);
    expect(zero.isNegative()).toBe(false);
  });

  it('refuses more than 40 digits but not leading zeros', () => {
    expect(reasonOf(() => parseMoney('1'.repeat(41)))).toBe('TOO_MANY_DIGITS');
    expect(parseMoney(`${'0'.repeat(50)}1`).toFixed()).toBe('1');
    expect(parseMoney('9'.repeat(38) + '.99').toFixed()).toBe(`${'9'.repeat(38)}.99`);
  });

  it('rejects an invalid maxScale option', () => {
    expect(() => parseMoney('1', { maxScale: -1 })).toThrow(RangeError);
    expect(() => parseMoney('1', { maxScale: 1.5 })).toThrow(RangeError);
  });

  it('error carries code MONEY_FORMAT', () => {
    try {
      parseMoney('1e5');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MoneyFormatError);
      expect((error as MoneyFormatError).code).toBe('MONEY_FORMAT');
    }
  });

  it('property: any integer fen count written as a string parses back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (fen) => {
        const negative = fen < 0n;
        const digits = (negative ? -fen : fen).toString().padStart(3, '0');
        const text = `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
        expect(parseMoney(text).times(100).toFixed()).toBe(fen.toString());
      }),
    );
  });

  it('property: garbage never parses, it throws MoneyFormatError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        if (/^-?\d+(\.\d{1,2})?$/.test(text)) return;
        expect(() => parseMoney(text)).toThrow(MoneyFormatError);
      }),
    );
  });
});

describe('isMoneyString', () => {
  it('accepts wire amounts and rejects the rest', () => {
    expect(isMoneyString('210.02')).toBe(true);
    expect(isMoneyString('-3')).toBe(true);
    expect(isMoneyString('1.234')).toBe(false);
    expect(isMoneyString('1.234', { maxScale: 4 })).toBe(true);
    expect(isMoneyString('-3', { allowNegative: false })).toBe(false);
    expect(isMoneyString(3)).toBe(false);
    expect(isMoneyString('1e5')).toBe(false);
    expect(isMoneyString('')).toBe(false);
    expect(isMoneyString(undefined)).toBe(false);
  });

  it('narrows the type', () => {
    const value: unknown = '1.00';
    if (isMoneyString(value)) expect(value.length).toBe(4);
    else expect.unreachable();
  });
});

describe('toDecimal', () => {
  it('accepts any scale for prices and rates', () => {
    expect(toDecimal('2.3456').toFixed()).toBe('2.3456');
    expect(toDecimal('0.00001').toFixed()).toBe('0.00001');
  });

  it('accepts Decimals from any constructor and copies them into the money clone', () => {
    const foreign = new DecimalJs('1.5');
    const value = toDecimal(foreign);
    expect(value.constructor).toBe(MoneyDecimal);
    expect(value.toFixed()).toBe('1.5');
  });

  it('rejects non-finite Decimals, numbers and bad strings', () => {
    expect(reasonOf(() => toDecimal(new DecimalJs(Number.NaN)))).toBe('NOT_FINITE');
    expect(reasonOf(() => toDecimal(new DecimalJs(Number.POSITIVE_INFINITY)))).toBe('NOT_FINITE');
    expect(reasonOf(() => toDecimal(1 as unknown as string))).toBe('NOT_A_STRING');
    expect(reasonOf(() => toDecimal('1e-3'))).toBe('SYNTAX');
  });
});
