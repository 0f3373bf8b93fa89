import type { MoneyInput } from './decimal';
import { separatorsFor } from './separators';
import { toMoneyString } from './toMoneyString';

export const YUAN_SYMBOL = '¥';

export interface FormatYuanOptions {
  /** Prefix '¥'. Default true. */
  symbol?: boolean;
  /** Take the grouping/decimal separators from this locale; default ',' and '.'. */
  locale?: string;
}

/** Insert `separator` between groups of three digits, counting from the right. */
export function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/**
 * Display an amount: '1234.5' → '¥1,234.50', '-0.5' → '-¥0.50', '0' → '¥0.00'. Exact for any size (it works
 * on the decimal string). The amount must be on the fen (`MoneyFormatError` otherwise): display never
 * rounds a second time.
 */
export function formatYuan(amount: MoneyInput, options: FormatYuanOptions = {}): string {
  const text = toMoneyString(amount);
  const negative = text.startsWith('-');
  const [integer = '0', fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  const { group, decimal } = separatorsFor(options.locale);
  const symbol = options.symbol === false ? '' : YUAN_SYMBOL;
  return `${negative ? '-' : ''}${symbol}${groupThousands(integer, group)}${decimal}${fraction}`;
}
