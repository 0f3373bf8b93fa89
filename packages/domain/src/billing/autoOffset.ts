import { formatYuan } from '../money';
import { type OpenCharge, PRO_RATA_NOTE, type ChargeSettlement, settleOldestFirst } from './settleOldestFirst';
import { amountOf } from './values';

export interface OffsetAllocation {
  /** One `offset` entry each, oldest due first. */
  offsets: ChargeSettlement[];
  /** The prepaid balance left afterwards. */
  remainingPrepaid: string;
  explanation: string;
}

/**
 * 预存自动冲抵: the prepaid balance settles open charges, the oldest due first (same-day ones in proportion,
 * see settleOldestFirst.ts), never beyond what a charge owes. Which charges may be offset (all, only those
 * due, only one fee item) is the caller's choice of `openCharges`.
 * `预存 ¥300.00 冲抵 2025-01 物业费 ¥210.02（结清）、2025-02 物业费 ¥89.98（尚欠 ¥120.04）；剩余预存 ¥0.00`.
 */
export function autoOffset(prepaid: string, openCharges: readonly OpenCharge[]): OffsetAllocation {
  const value = amountOf(prepaid, 'prepaid');
  const result = settleOldestFirst(value, openCharges);
  const explanation =
    result.settlements.length === 0
      ? `无可冲抵的应收，预存余额 ${formatYuan(value)}`
      : `预存 ${formatYuan(value)} 冲抵 ${result.text}${result.proRata ? PRO_RATA_NOTE : ''}；剩余预存 ${formatYuan(result.rest)}`;
  return { offsets: result.settlements, remainingPrepaid: result.rest, explanation };
}
