// Display helpers of the ledger screens. Amounts stay decimal strings (formatted by @pm/domain).
import { compare, formatYuan } from '@pm/domain';

/** An adjustment with its sign: "+¥15.00" raises what is owed, "-¥20.00" lowers it. */
export function signedYuan(amount: string): string {
  return compare(amount, '0') > 0 ? `+${formatYuan(amount)}` : formatYuan(amount);
}

/**
 * The API's legal note on late fees in the user's language. It is written "中文。English" and its English
 * half names 规约 in Chinese, so the generic message splitter (last CJK character) would cut it wrongly:
 * cut at the first full stop 。 followed by Latin text instead.
 */
export function legalNoteIn(note: string, locale: string): string {
  const m = /。\s*(?=[A-Za-z])/.exec(note);
  if (!m) return note;
  return locale === 'en' ? note.slice(m.index + m[0].length).trim() : note.slice(0, m.index + 1).trim();
}
