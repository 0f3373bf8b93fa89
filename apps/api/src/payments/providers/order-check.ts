/**
 * The last check before a verified notification is applied: is it about the payment order we found, for
 * its exact amount? Signature checks prove who sent the event, not that it matches our order.
 */
import type { NotificationRejection, ProviderEvent } from './types';

export type OrderCheck = { ok: true } | { ok: false; reason: Extract<NotificationRejection, 'out_trade_no_mismatch' | 'amount_mismatch'>; message: string };

export function checkEventAgainstOrder(event: ProviderEvent, expected: { outTradeNo: string; amountFen: number }): OrderCheck {
  if (event.outTradeNo !== expected.outTradeNo) {
    return { ok: false, reason: 'out_trade_no_mismatch', message: `event is for ${event.outTradeNo}, expected ${expected.outTradeNo}` };
  }
  if (event.amountFen !== expected.amountFen) {
    return { ok: false, reason: 'amount_mismatch', message: `event amount ${event.amountFen} fen, order amount ${expected.amountFen} fen` };
  }
  return { ok: true };
}
