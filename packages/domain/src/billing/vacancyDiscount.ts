import type { ChargeLine } from './feeStandard';
import { splitByPercentOff } from './percentOff';
import type { RoundingRule } from './roundLine';
import { amountOf, percentOf } from './values';

export interface VacancyDiscountInput extends RoundingRule {
  /** The charge for the vacant unit, on the fen. */
  amount: string;
  /** Percentage off while vacant: "30" → the owner pays 70%. */
  percentOff: string;
}

/** A discount: `amount` is the discount (a `discount` ledger entry), `payable` what is left to pay. */
export interface PercentDiscount extends ChargeLine {
  payable: string;
}

/**
 * 空置房优惠: while a unit is vacant its fee is reduced by a percentage. Whether the unit is vacant for the
 * period is the caller's decision (unit state and the office's rules); this computes the money. The
 * payable share is rounded once and the discount is the exact rest (see percentOff.ts):
 * `空置房按 70% 收取：¥210.02 × 70% = ¥147.01，减免 ¥63.01`.
 */
export function vacancyDiscount(input: VacancyDiscountInput): PercentDiscount {
  const amount = amountOf(input.amount, 'amount');
  const percentOff = percentOf(input.percentOff, 'percentOff');
  const split = splitByPercentOff(amount, percentOff, input, '减免');
  return { amount: split.discount, payable: split.payable, explanation: `空置房按 ${split.payPercent} 收取：${split.text}` };
}
