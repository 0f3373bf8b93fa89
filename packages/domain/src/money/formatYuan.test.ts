import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyFormatError } from './errors';
import { fenToString } from './fen';
import { formatYuan, groupThousands } from './formatYuan';
import { parseMoney } from './parse';
import { parseYuan } from './parseYuan';

const fenAmount = fc
  .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
  .map((fen) => fenToString(fen < 0n ? -fen : fen, fen < 0n));

describe('formatYuan', () => {
  it.each([
    ['1234.5', '¥1,234.50'],
    ['-0.5', '-¥0.50'],
    ['0', '¥0.00'],
    ['-0', '¥0.00'],
    ['0.01', '¥0.01'],
    ['999', '¥999.00'],
    ['1000', '¥1,000.00'],
    ['100000', '¥100,000.00'],
    ['1234567.89', '¥1,234,567.89'],
    ['-1234567.89', '-¥1,234,567.89'],
    ['12345678901234567890.12', '¥12,345,678,901,234,567,890.12'],
  ])('%s → %s', (input, expected) => {
    expect(formatYuan(input)).toBe(expected);
  });

  it('formats Decimals exactly, even beyond JS number precision', () => {
    expect(formatYuan(new DecimalJs('9007199254740993.01'))).toBe('¥9,007,199,254,740,993.01');
  });

  it('can leave out the symbol', () => {
    expect(formatYuan('1234.5', { symbol: false })).toBe('1,234.50');
    expect(formatYuan('-1234.5', { symbol: false })).toBe('-1,234.50');
  });

  it('takes separators from a locale when asked', () => {
    expect(formatYuan('1234567.5', { locale: 'zh-CN' })).toBe('¥1,234,567.50');
    expect(formatYuan('1234567.5', { locale: 'en' })).toBe('¥1,234,567.50');
    expect(formatYuan('1234567.5', { locale: 'de-DE' })).toBe('¥1.234.567,50');
  });

  it('refuses amounts not on the fen and JS numbers', () => {
    expect(() => formatYuan('1.005')).toThrow(MoneyFormatError);
    expect(() => formatYuan(12 as unknown as string)).toThrow(MoneyFormatError);
  });

  it('property: parseYuan(formatYuan(x)) = x, with and without symbol, in several locales', () => {
    fc.assert(
      fc.property(fenAmount, fc.boolean(), fc.constantFrom(undefined, 'zh-CN', 'en', 'de-DE', 'fr-FR'), (amount, symbol, locale) => {
        const text = formatYuan(amount, { symbol, locale });
        expect(parseYuan(text, { locale }).eq(parseMoney(amount))).toBe(true);
        expect(formatYuan(parseYuan(text, { locale }), { symbol, locale })).toBe(text);
      }),
    );
  });
});

describe('parseYuan', () => {
  it('accepts display forms', () => {
    expect(parseYuan('¥1,234.50').toFixed(2)).toBe('1234.50');
    expect(parseYuan('-¥0.50').toFixed(2)).toBe('-0.50');
    expect(parseYuan('￥12').toFixed(2)).toBe('12.00');
    expect(parseYuan('1234.5').toFixed(2)).toBe('1234.50');
    expect(parseYuan('1,000').toFixed(2)).toBe('1000.00');
  });
  it.each(['', '¥', '1,23', '12,345,67', '¥¥1', '1.234', '¥-1', ' ¥1', '1,0000.00', '1.', '.5', '1e3'])(
    'rejects %j',
    (text) => {
      expect(() => parseYuan(text)).toThrow(MoneyFormatError);
    },
  );
  it('rejects non-strings', () => {
    expect(() => parseYuan(5 as unknown as string)).toThrow(MoneyFormatError);
  });
});

describe('groupThousands', () => {
  it('groups from the right', () => {
    expect(groupThousands('1', ',')).toBe('1');
    expect(groupThousands('123', ',')).toBe('123');
    expect(groupThousands('1234', ',')).toBe('1,234');
    expect(groupThousands('123456', ',')).toBe('123,456');
    expect(groupThousands('1234567', ' ')).toBe('1 234 567');
  });
});
