/**
 * What a verified, decrypted WeChat Pay transaction must still satisfy before it means "our order was paid":
 * paid to our merchant, through our app, for our order number, for the exact amount in CNY. A genuine
 * WeChat signature only proves WeChat sent it; these checks prove it is about the payment we expect.
 */
import type { NotificationRejection } from '../types';
import type { WechatTransaction } from './wire';

export type TransactionCheck =
  | { ok: true }
  | { ok: false; reason: Extract<NotificationRejection, 'mchid_mismatch' | 'appid_mismatch' | 'out_trade_no_mismatch' | 'amount_mismatch' | 'currency_mismatch'>; message: string };

/** Merchant identity only: what the provider itself knows before the order is looked up. */
export function checkMerchant(tx: Pick<WechatTransaction, 'mchid' | 'appid'>, expected: { mchid: string; appid?: string }): TransactionCheck {
  if (tx.mchid !== expected.mchid) return { ok: false, reason: 'mchid_mismatch', message: `mchid ${tx.mchid} is not ours` };
  if (expected.appid !== undefined && tx.appid !== expected.appid) return { ok: false, reason: 'appid_mismatch', message: `appid ${tx.appid} is not ours` };
  return { ok: true };
}

export function checkWechatTransaction(tx: WechatTransaction, expected: { mchid: string; appid: string; outTradeNo: string; totalFen: number }): TransactionCheck {
  const merchant = checkMerchant(tx, expected);
  if (!merchant.ok) return merchant;
  if (tx.out_trade_no !== expected.outTradeNo) {
    return { ok: false, reason: 'out_trade_no_mismatch', message: `out_trade_no ${tx.out_trade_no}, expected ${expected.outTradeNo}` };
  }
  if (tx.amount?.currency !== undefined && tx.amount.currency !== 'CNY') {
    return { ok: false, reason: 'currency_mismatch', message: `currency ${tx.amount.currency}, expected CNY` };
  }
  if (tx.amount?.total !== expected.totalFen) {
    return { ok: false, reason: 'amount_mismatch', message: `amount ${tx.amount?.total} fen, expected ${expected.totalFen} fen` };
  }
  return { ok: true };
}
