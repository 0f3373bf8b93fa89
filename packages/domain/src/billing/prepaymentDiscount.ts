import { BillingError } from './errors';
import type { ChargeLine } from './feeStandard';
import { formatPercent } from './format';
import { splitByPercentOff } from './percentOff';
import type { RoundingRule } from './roundLine';
import { amountOf, countOf, percentOf } from './values';

/** One row of a prepayment offer: paying at least `minMonths` in advance takes `percentOff` off. */
export interface PrepaymentRule {
  minMonths: number;
  percentOff: string;
}

export interface PrepaymentDiscountInput extends RoundingRule {
  /** What the prepaid months are charged in full, on the fen. */
  amount: string;
  /** Months paid in advance. */
  months: number;
  /** The offer; empty for none. Each `minMonths` at most once. */
  rules: readonly PrepaymentRule[];
}

export interface PrepaymentDiscount extends ChargeLine {
  /** What is left to pay. */
  payable: string;
  /** The rule applied, or null when the months reach none. */
  rule: PrepaymentRule | null;
}

/**
 * 预交优惠: paying N months in advance takes a percentage off. The rule applied is the one with the largest
 * `minMonths` not above N (a table "满 6 个月 95 折, 满 12 个月 9 折" gives 12 months the 10%). The payable
 * share is rounded once and the discount is the exact rest, as for vacancies:
 * `预交 12 个月（满 12 个月优惠 10%）：¥2,520.24 × 90% = ¥2,268.22，优惠 ¥252.02`.
 */
export function prepaymentDiscount(input: PrepaymentDiscountInput): PrepaymentDiscount {
  const amount = amountOf(input.amount, 'amount');
  const months = countOf(input.months, 'months');
  if (!Array.isArray(input.rules)) throw new BillingError('INVALID_INPUT', 'rules must be a list', {});
  const seen = new Set<number>();
  let best: PrepaymentRule | null = null;
  input.rules.forEach((rule, i) => {
    const min = countOf(rule?.minMonths, `rules[${i}].minMonths`);
    percentOf(rule.percentOff, `rules[${i}].percentOff`);
    if (min < 1 || seen.has(min)) {
      throw new BillingError('INVALID_INPUT', 'each rule needs its own minMonths of at least 1', { index: i, minMonths: min });
    }
    seen.add(min);
    if (min <= months && (best === null || min > best.minMonths)) best = rule;
  });
  const rule = best as PrepaymentRule | null;
  if (rule === null) {
    const smallest = Math.min(...seen);
    const why = seen.size === 0 ? '无预交优惠' : `未满 ${smallest} 个月，无预交优惠`;
    return { amount: '0.00', payable: amount.toFixed(2), rule: null, explanation: `预交 ${months} 个月，${why}` };
  }
  const percentOff = percentOf(rule.percentOff, 'percentOff');
  const split = splitByPercentOff(amount, percentOff, input, '优惠');
  return {
    amount: split.discount,
    payable: split.payable,
    rule,
    explanation: `预交 ${months} 个月（满 ${rule.minMonths} 个月优惠 ${formatPercent(percentOff)}）：${split.text}`,
  };
}
