/** Internal helpers for whole-fen integer arithmetic (BigInt), used by the allocators. */
import type { Decimal } from './decimal';

/** |value| in fen as a BigInt; `value` must already be on the fen. */
export function absFen(value: Decimal): bigint {
  return BigInt(value.abs().toFixed(2).replace('.', ''));
}

/** `value` (non-negative, at most `scale` decimals) times 10^scale as a BigInt, exactly. */
export function scaledInteger(value: Decimal, scale: number): bigint {
  return BigInt(value.abs().toFixed(scale).replace('.', ''));
}

/** A fen count as a wire amount, negated when asked ("-12.30"); zero is always "0.00". */
export function fenToString(fen: bigint, negative: boolean): string {
  const digits = fen.toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative && fen !== 0n ? `-${text}` : text;
}
