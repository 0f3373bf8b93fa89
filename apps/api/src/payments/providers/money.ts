/**
 * Exact conversion between the providers' amounts and whole fen. WeChat Pay speaks integer fen; Alipay speaks
 * yuan strings ("210.02"). Both go through @pm/domain's decimal grammar, so "1e2", "0.001" or "-1" from a
 * provider is an error, never a silently rounded amount.
 */
import { parseMoney, toDecimal, toMoneyString } from '@pm/domain';

/** "210.02" → 21002. Throws on anything that is not a non-negative amount on the fen. */
export function yuanToFen(yuan: string): number {
  const fen = parseMoney(yuan, { allowNegative: false }).times(100);
  if (!fen.isInteger() || fen.greaterThan(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${yuan}`);
  return fen.toNumber();
}

/** 21002 → "210.02". Throws unless `fen` is a non-negative safe integer. */
export function fenToYuan(fen: number): string {
  assertFen(fen);
  return toMoneyString(toDecimal(String(fen)).dividedBy(100));
}

export function assertFen(fen: number, what = 'amount'): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${what} must be a whole, non-negative number of fen, got ${fen}`);
}
