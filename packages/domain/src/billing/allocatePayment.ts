import { formatYuan } from '../money';
import { type OpenCharge, PRO_RATA_NOTE, type ChargeSettlement, settleOldestFirst } from './settleOldestFirst';
import { amountOf } from './values';

export interface PaymentAllocation {
  /** One `payment` entry each, oldest due first. */
  settlements: ChargeSettlement[];
  /** What no charge owes: a `prepayment` entry when above zero. */
  surplus: string;
  explanation: string;
}

/**
 * Split a payment over a unit's open charges when the payer names none: oldest due first, same-day
 * ones in proportion to what they owe (民法典 art. 560, see settleOldestFirst.ts), never more than a
 * charge owes; the surplus goes to the prepaid balance. The API posts one `payment` per settlement and
 * one `prepayment` for the surplus, in one transaction.
 * `收款 ¥500.00：2025-01 物业费 ¥210.02（结清）、2025-02 物业费 ¥210.02（结清）；余 ¥79.96 转入预存`.
 */
export function allocatePayment(amount: string, openCharges: readonly OpenCharge[]): PaymentAllocation {
  const value = amountOf(amount, 'amount');
  const result = settleOldestFirst(value, openCharges);
  const head = `收款 ${formatYuan(value)}：`;
  const body = result.settlements.length === 0 ? '无欠费' : `按到期先后冲抵 ${result.text}${result.proRata ? PRO_RATA_NOTE : ''}`;
  const tail = result.rest === '0.00' ? '' : result.settlements.length === 0 ? `，全部转入预存` : `；余 ${formatYuan(result.rest)} 转入预存`;
  return { settlements: result.settlements, surplus: result.rest, explanation: `${head}${body}${tail}` };
}
