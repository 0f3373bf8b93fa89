/**
 * The arithmetic and timing of a 退款 of an online payment, on decimal strings only (@pm/domain; never a JS
 * number): what was paid, what refunds gave back, what is still on its way and what may still be refunded —
 * the same rule the server applies under the order's lock (the amount less every refund that has not failed) —
 * and how often the screen asks again while a refund is processing.
 */
import { compare, subtract, sum, toMoneyString } from '@pm/domain';
import type { RefundState } from '../../api/payments';

export interface RefundFigures {
  /** What the order took. */
  paid: string;
  /** What succeeded refunds paid back. */
  refunded: string;
  /** What processing refunds are paying back (already booked; the provider has not answered yet). */
  processing: string;
  /** What may still be refunded: paid − succeeded − processing (a failed refund gave its part back). */
  refundable: string;
}

type RefundLike = { amount: string; state: RefundState };

const total = (refunds: readonly RefundLike[], state: RefundState) => toMoneyString(sum(['0', ...refunds.filter((r) => r.state === state).map((r) => r.amount)]));

export function refundFigures(order: { amount: string; refunds: readonly RefundLike[] }): RefundFigures {
  const refunded = total(order.refunds, 'succeeded');
  const processing = total(order.refunds, 'processing');
  const left = toMoneyString(subtract(subtract(order.amount, refunded), processing));
  return { paid: toMoneyString(order.amount), refunded, processing, refundable: compare(left, '0') > 0 ? left : '0.00' };
}

export const isProcessing = (refunds: readonly { state: RefundState }[]) => refunds.some((r) => r.state === 'processing');

/** How many times the screen asks by itself before it leaves the rest to the refresh button. */
export const POLL_TRIES = 20;

/**
 * The wait before the screen's `attempt`-th look at a processing refund (0-based), or null when it stops asking
 * by itself. The sandbox answers at once and WeChat Pay usually within seconds, but a bank card refund can take
 * longer and the server's job asks the provider only once a minute: so quickly at first, then slower (×2 every
 * five tries, up to ×8) — with a 3 s base about four minutes in all.
 */
export function pollDelay(attempt: number, baseMs: number): number | null {
  if (attempt < 0 || attempt >= POLL_TRIES) return null;
  return baseMs * 2 ** Math.min(3, Math.floor(attempt / 5));
}
