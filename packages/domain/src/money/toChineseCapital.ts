import type { MoneyInput } from './decimal';
import { MoneyFormatError } from './errors';
import { toDecimal } from './parse';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
/** Place names inside a four-digit group, indexed by place (0 = ones). */
const PLACES = ['', '拾', '佰', '仟'] as const;

/** Largest integer part supported: 16 digits, i.e. up to 玖仟玖佰玖拾玖万…亿 (under 1 亿亿). */
export const CHINESE_CAPITAL_MAX_INTEGER_DIGITS = 16;

function digit(char: string | undefined): number {
  return char === undefined ? 0 : char.charCodeAt(0) - 48;
}

/**
 * Name of the group unit for group `index` (0 = 元 group, 1 = 万, 2 = 亿, 3 = 万亿). The 万亿 group only
 * says 万 when a non-zero 亿 group follows it (壹拾贰万叁仟亿), and 万亿 otherwise (壹万亿零壹万).
 */
function groupUnit(index: number, nextGroupNonZero: boolean): string {
  switch (index) {
    case 1:
      return '万';
    case 2:
      return '亿';
    case 3:
      return nextGroupNonZero ? '万' : '万亿';
    default:
      return '';
  }
}

/**
 * The integer part in capitals, '' for zero. Reading rules: each group of four digits is read with
 * 仟佰拾, zeros at the end of a group are silent (the group unit follows), any other run of zeros is one
 * 零, and an all-zero group is skipped (its zeros joining the next run).
 */
function integerCapital(integer: string): string {
  const width = Math.ceil(integer.length / 4) * 4;
  const padded = integer.padStart(width, '0');
  const groupCount = width / 4;
  let out = '';
  let pendingZero = false;
  for (let g = 0; g < groupCount; g++) {
    const index = groupCount - 1 - g;
    let groupNonZero = false;
    for (let k = 0; k < 4; k++) {
      const d = digit(padded[g * 4 + k]);
      if (d === 0) {
        if (out !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) out += '零';
      pendingZero = false;
      out += `${DIGITS[d]}${PLACES[3 - k]}`;
      groupNonZero = true;
    }
    if (groupNonZero) {
      const next = padded.slice((g + 1) * 4, (g + 2) * 4);
      out += groupUnit(index, /[1-9]/.test(next));
      pendingZero = false;
    }
  }
  return out;
}

/**
 * The amount in Chinese capitals 大写 as written on receipts and invoices:
 * '1234.56' → '壹仟贰佰叁拾肆元伍角陆分', '100' → '壹佰元整', '10.05' → '壹拾元零伍分', '0.5' → '伍角',
 * '0' → '零元整', '100010.10' → '壹拾万零壹拾元壹角', '-3' → '负叁元整'.
 *
 * Rules (中国人民银行《正确填写票据和结算凭证的基本规定》): 整 follows 元 when there are no 角/分; a run of
 * zeros inside the number is written as one 零; a zero 角 before a non-zero 分 is written 零 (…元零伍分);
 * where the law allows either, zeros in the 元 or 万 place before a non-zero next digit are left silent
 * (壹仟陆佰捌拾元叁角贰分, 壹拾万柒仟元). The amount must be on the fen and under 10^16 yuan.
 */
export function toChineseCapital(amount: MoneyInput): string {
  const value = toDecimal(amount);
  if (value.decimalPlaces() > 2) {
    throw new MoneyFormatError('NOT_ON_FEN', `${value.toFixed()} is not a whole number of fen`, value.toFixed());
  }
  const [integer = '0', fraction = '00'] = value.abs().toFixed(2).split('.');
  if (integer.length > CHINESE_CAPITAL_MAX_INTEGER_DIGITS) {
    throw new MoneyFormatError(
      'OUT_OF_RANGE',
      `amounts in capitals are supported up to ${CHINESE_CAPITAL_MAX_INTEGER_DIGITS} integer digits`,
      value.toFixed(),
    );
  }
  const sign = value.lessThan(0) ? '负' : '';
  const yuan = integerCapital(integer);
  const jiao = digit(fraction[0]);
  const fen = digit(fraction[1]);

  if (jiao === 0 && fen === 0) return `${sign}${yuan || '零'}元整`;
  let out = yuan ? `${yuan}元` : '';
  if (jiao !== 0) out += `${DIGITS[jiao]}角`;
  else if (yuan) out += '零';
  if (fen !== 0) out += `${DIGITS[fen]}分`;
  return `${sign}${out}`;
}
