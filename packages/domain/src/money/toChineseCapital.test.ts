import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyFormatError } from './errors';
import { fenToString } from './fen';
import { toChineseCapital } from './toChineseCapital';

/**
 * An independent reader of capitals back into fen, used to check that every output means the amount.
 * 拾佰仟 multiply the digit before them, 万 multiplies the current section, 亿 everything so far.
 */
function readCapital(text: string): bigint {
  const DIGITS = '零壹贰叁肆伍陆柒捌玖';
  const PLACE: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  let negative = false;
  let result = 0n;
  let section = 0n;
  let digit = 0n;
  let yuan = 0n;
  let jiao = 0n;
  let fen = 0n;
  for (const ch of text) {
    const d = DIGITS.indexOf(ch);
    if (ch === '负') negative = true;
    else if (d >= 0) digit = BigInt(d);
    else if (ch in PLACE) {
      section += digit * (PLACE[ch] ?? 0n);
      digit = 0n;
    } else if (ch === '万') {
      result += (section + digit) * 10_000n;
      section = 0n;
      digit = 0n;
    } else if (ch === '亿') {
      result = (result + section + digit) * 100_000_000n;
      section = 0n;
      digit = 0n;
    } else if (ch === '元') {
      yuan = result + section + digit;
      digit = 0n;
    } else if (ch === '角') {
      jiao = digit;
      digit = 0n;
    } else if (ch === '分') {
      fen = digit;
      digit = 0n;
    } else if (ch !== '整') throw new Error(`unexpected ${ch} in ${text}`);
  }
  const total = yuan * 100n + jiao * 10n + fen;
  return negative ? -total : total;
}

const MAX_FEN = 10n ** 18n - 1n; // 16 integer digits + 2 decimals

/** Fen amounts with many zeros, so 零 handling across 万/亿 groups is exercised hard. */
const sparseFen = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 9 })), {
    minLength: 1,
    maxLength: 18,
  })
  .map((digits) => BigInt(digits.join('')));

const anyFen = fc.oneof(fc.bigInt({ min: 0n, max: MAX_FEN }), sparseFen, fc.bigInt({ min: 0n, max: 100_000n }));

describe('toChineseCapital', () => {
  it.each([
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['100', '壹佰元整'],
    ['1000000.00', '壹佰万元整'],
    ['10.05', '壹拾元零伍分'],
    ['0.5', '伍角'],
    ['0.50', '伍角'],
    ['0.05', '伍分'],
    ['0.55', '伍角伍分'],
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['100010.10', '壹拾万零壹拾元壹角'],
    ['10', '壹拾元整'],
    ['1', '壹元整'],
    ['1409.50', '壹仟肆佰零玖元伍角'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    ['101000', '壹拾万壹仟元整'],
    ['1001000', '壹佰万壹仟元整'],
    ['10000001', '壹仟万零壹元整'],
    ['10010000', '壹仟零壹万元整'],
    ['100000000', '壹亿元整'],
    ['100000100', '壹亿零壹佰元整'],
    ['100010000', '壹亿零壹万元整'],
    ['1000000000000', '壹万亿元整'],
    ['1000000010000', '壹万亿零壹万元整'],
    ['1000100000000', '壹万零壹亿元整'],
    ['1234560000000000', '壹仟贰佰叁拾肆万伍仟陆佰亿元整'],
    ['123456000000000', '壹佰贰拾叁万肆仟伍佰陆拾亿元整'],
    ['1200001000000000', '壹仟贰佰万零壹拾亿元整'],
    ['1200000000100000', '壹仟贰佰万亿零壹拾万元整'],
    ['9999999999999999.99', '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['210.02', '贰佰壹拾元零贰分'],
    ['-3', '负叁元整'],
    ['-1234.56', '负壹仟贰佰叁拾肆元伍角陆分'],
    ['-0.00', '零元整'],
  ])('%s → %s', (amount, expected) => {
    expect(toChineseCapital(amount)).toBe(expected);
  });

  it('accepts Decimals', () => {
    expect(toChineseCapital(new DecimalJs('20.3'))).toBe('贰拾元叁角');
  });

  it('throws for amounts off the fen, too large, or not decimal strings', () => {
    expect(() => toChineseCapital('1.005')).toThrow(MoneyFormatError);
    expect(() => toChineseCapital('10000000000000000')).toThrow(MoneyFormatError);
    expect(() => toChineseCapital('1e3')).toThrow(MoneyFormatError);
    expect(() => toChineseCapital(5 as unknown as string)).toThrow(MoneyFormatError);
  });

  it('property: never 零零, and ends with 整 iff there are no 角/分', () => {
    fc.assert(
      fc.property(anyFen, fc.boolean(), (fen, negative) => {
        const text = toChineseCapital(fenToString(fen, negative));
        expect(text).not.toContain('零零');
        expect(text.endsWith('整')).toBe(fen % 100n === 0n);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: well formed (no 零 before a unit or at the ends, 负 only for negatives)', () => {
    fc.assert(
      fc.property(anyFen, fc.boolean(), (fen, negative) => {
        const text = toChineseCapital(fenToString(fen, negative));
        if (text === '零元整') return;
        expect(text).not.toMatch(/零[万亿元角分拾佰仟整]/);
        expect(text).not.toMatch(/^负?零/);
        expect(text.startsWith('负')).toBe(negative && fen !== 0n);
        expect(text).toMatch(/^负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]*(元(整|零?[壹贰叁肆伍陆柒捌玖]分|[壹贰叁肆伍陆柒捌玖]角([壹贰叁肆伍陆柒捌玖]分)?)|[壹贰叁肆伍陆柒捌玖]角([壹贰叁肆伍陆柒捌玖]分)?|[壹贰叁肆伍陆柒捌玖]分)$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: reading the capitals back gives the amount', () => {
    fc.assert(
      fc.property(anyFen, fc.boolean(), (fen, negative) => {
        const text = toChineseCapital(fenToString(fen, negative));
        expect(readCapital(text)).toBe(negative ? -fen : fen);
      }),
      { numRuns: 2000 },
    );
  });
});
