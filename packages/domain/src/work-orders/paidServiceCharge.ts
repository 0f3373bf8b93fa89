/**
 * The charge of a paid service 特约服务 from the estate's price list 收费价目: Σ unit price × quantity,
 * computed exactly and rounded once to the fen (ROUND_HALF_UP), as every charge line is. The technician's
 * phone shows it before completing; the server computes it again from the same lines, so the
 * `chargeAmount` the resident is billed is the one they were shown.
 */
import { formatPrice, formatQuantity } from '../billing/format';
import { formatYuan, isMoneyString, MoneyDecimal, roundToFen, toDecimal } from '../money';
import { preview, WorkOrderError } from './errors';

export interface PriceLine {
  /** The price-list item as shown: "上门费", "疏通下水道". */
  name: string;
  /** Yuan per unit, at most 4 decimals, ≥ 0 ("30", "35.50"). */
  unitPrice: string;
  /** How many, > 0, at most 4 decimals ("1", "2.5"). */
  quantity: string;
}

export interface PaidServiceCharge {
  /** On the fen: the `chargeAmount` for the completion. */
  amount: string;
  /** "上门费 ¥30.00 × 1 + 水龙头 ¥35.50 × 2 = ¥101.00" */
  explanation: string;
}

export const MAX_PRICE_LINES = 50;

export function paidServiceCharge(lines: readonly PriceLine[]): PaidServiceCharge {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_PRICE_LINES) {
    throw new WorkOrderError('INVALID_PRICE_LINE', `a paid service needs 1 to ${MAX_PRICE_LINES} price lines`, {});
  }
  let total = new MoneyDecimal(0);
  const parts = lines.map((line, i) => {
    const name = typeof line?.name === 'string' ? line.name.trim() : '';
    if (name === '' || name.length > 100) throw new WorkOrderError('INVALID_PRICE_LINE', `lines[${i}].name must be 1–100 characters`, { index: i });
    if (!isMoneyString(line.unitPrice, { maxScale: 4, allowNegative: false })) {
      throw new WorkOrderError('INVALID_PRICE_LINE', `lines[${i}].unitPrice must be a price ≥ 0 with at most 4 decimals`, { index: i, value: preview(line.unitPrice) });
    }
    if (!isMoneyString(line.quantity, { maxScale: 4, allowNegative: false }) || toDecimal(line.quantity).isZero()) {
      throw new WorkOrderError('INVALID_PRICE_LINE', `lines[${i}].quantity must be > 0 with at most 4 decimals`, { index: i, value: preview(line.quantity) });
    }
    const price = toDecimal(line.unitPrice);
    const quantity = toDecimal(line.quantity);
    total = total.plus(price.times(quantity));
    return `${name} ${formatPrice(price)} × ${formatQuantity(quantity)}`;
  });
  const amount = roundToFen(total);
  return { amount, explanation: `${parts.join(' + ')} = ${formatYuan(amount)}` };
}
