import type { Decimal } from './decimal';
import { MoneyFormatError } from './errors';
import { parseMoney } from './parse';
import { separatorsFor } from './separators';

export interface ParseYuanOptions {
  /** The locale the text was formatted for (see `formatYuan`); default ',' and '.'. */
  locale?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The inverse of `formatYuan`: accepts '¥1,234.50', '-¥0.50', '￥12', '1234.5' (symbol optional, grouping
 * optional but, when present, in threes; at most 2 decimals). Anything else is a `MoneyFormatError`.
 */
export function parseYuan(text: string, options: ParseYuanOptions = {}): Decimal {
  if (typeof text !== 'string') {
    throw new MoneyFormatError('NOT_A_STRING', `an amount must be a string, got ${typeof text}`, text);
  }
  const { group, decimal } = separatorsFor(options.locale);
  const g = escapeRegExp(group);
  const d = escapeRegExp(decimal);
  const pattern = new RegExp(`^(-?)[¥￥]?(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`);
  const match = pattern.exec(text);
  if (!match) {
    throw new MoneyFormatError('SYNTAX', `"${text.slice(0, 64)}" is not a yuan amount`, text);
  }
  const integer = (match[2] ?? '').split(group).join('');
  const fraction = match[3] === undefined ? '' : `.${match[3]}`;
  return parseMoney(`${match[1] ?? ''}${integer}${fraction}`);
}
