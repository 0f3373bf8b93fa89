import { formatYuan, multiply } from '../money';
import { type BilledMonths, billedMonths, monthsFraction, monthsText, prorationNote } from './billedMonths';
import { CYCLE_LABELS } from './cycle';
import type { ChargeLine, FixedChargeInput, FixedFeeStandard } from './feeStandard';
import { roundLine } from './roundLine';
import { amountOf } from './values';

export interface FixedCharge extends ChargeLine {
  kind: 'fixed';
  months: BilledMonths;
}

/**
 * 定额计费: a fixed amount per unit per cycle. A whole cycle bills the amount as is (`¥900.00/季 × 1 季 =
 * ¥900.00`); a pro-rated one bills the billed months' share of the cycle, exactly, rounded once:
 * `¥900.00/季 × (14/31 + 2)/3 季 = ¥735.48（2025-03-18 起计费，2025-03 按 14/31 天折算）`.
 */
export function fixedCharge(standard: FixedFeeStandard, input: FixedChargeInput): FixedCharge {
  const perCycle = amountOf(standard.amount, 'amount');
  const months = billedMonths(standard.cycle, input.period, input.startDate);
  const [num, den] = monthsFraction(months);
  const amount = roundLine(multiply(perCycle, num.toString()), den * BigInt(months.cycleMonths), standard);
  const unit = CYCLE_LABELS[standard.cycle].unit;
  const whole = num === BigInt(months.cycleMonths) * den;
  const share = whole ? '1' : months.cycleMonths === 1 ? monthsText(months) : `${monthsText(months)}/${months.cycleMonths}`;
  const explanation = `${formatYuan(perCycle)}/${unit} × ${share} ${unit} = ${formatYuan(amount)}${prorationNote(months)}`;
  return { kind: 'fixed', amount, explanation, months };
}
