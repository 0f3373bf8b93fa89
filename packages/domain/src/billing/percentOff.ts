/**
 * Shared by the percentage discounts (空置房, 预交优惠): the payer pays (100 − percentOff)% of the amount,
 * rounded once by the rule; the discount is the exact difference, so payable + discount = amount to the
 * fen, always. Rounding the payable (not the discount) is deliberate: "空置房按 70% 收取" names what is paid.
 */
import { type Decimal, formatYuan, multiply, subtract } from '../money';
import { formatPercent } from './format';
import { type RoundingRule, roundLine } from './roundLine';

export interface PercentSplit {
  payable: string;
  discount: string;
  /** The share paid: "70%". */
  payPercent: string;
  /** "¥210.02 × 70% = ¥147.01，减免 ¥63.01" */
  text: string;
}

export function splitByPercentOff(amount: Decimal, percentOff: Decimal, rule: RoundingRule | undefined, word: string): PercentSplit {
  const payPercent = subtract('100', percentOff);
  const payable = roundLine(multiply(amount, payPercent), 100n, rule);
  const discount = subtract(amount, payable).toFixed(2);
  const text = `${formatYuan(amount)} × ${formatPercent(payPercent)} = ${formatYuan(payable)}，${word} ${formatYuan(discount)}`;
  return { payable, discount, payPercent: formatPercent(payPercent), text };
}
