/**
 * 违约金 (late-payment penalty). Off unless the office turns it on; when on it needs a daily rate, grace
 * days and a cap (DESIGN, Money). The rule:
 * - the due date 到期日 is the last day to pay; the first overdue day is the day after it;
 * - days are Beijing calendar days between the due date and the "as of" date (instants are read as
 *   their Beijing date);
 * - grace days 宽限期 are not charged: the penalty runs from the day after the grace period ends
 *   (overdue 30 days with 10 grace days charges 20 days); within the grace period it is 0;
 * - exact amount = principal × daily rate × days charged, limited to the cap (a fixed amount, or a
 *   percentage of the principal), then rounded once by the policy's rule.
 * The penalty is posted as a `penalty` ledger entry; waiving it is a `waiver` entry the API posts.
 */
import { exactly } from '../money/decimal';
import { type Decimal, formatYuan, multiply } from '../money';
import { addDays, daysBetween, toBeijingDate } from './calendarDate';
import { BillingError, preview } from './errors';
import type { ChargeLine } from './feeStandard';
import { formatPercent, formatQuantity } from './format';
import { type RoundingRule, roundLine } from './roundLine';
import { amountOf, countOf, percentOf, rateOf } from './values';

/** The most a penalty may reach: a fixed amount, or a percentage of the principal. */
export type PenaltyCap = { kind: 'amount'; amount: string } | { kind: 'percent'; percent: string };

export type PenaltyPolicy =
  | { enabled: false }
  | ({
      enabled: true;
      /** Per day, as a fraction of the principal: "0.0003" (万分之三). */
      dailyRate: string;
      /** Days after the due date that are not charged. */
      graceDays: number;
      cap: PenaltyCap;
    } & RoundingRule);

/** The default: no late fees. */
export const PENALTY_OFF: PenaltyPolicy = Object.freeze({ enabled: false });

export interface LatePenaltyInput {
  /** The amount still owed on the charge, on the fen. */
  principal: string;
  /** The last day to pay: "YYYY-MM-DD" (Beijing) or an instant. */
  dueDate: string | Date;
  /** The day the penalty is computed for: "YYYY-MM-DD" (Beijing) or an instant. */
  asOf: string | Date;
  /** Default PENALTY_OFF. */
  policy?: PenaltyPolicy;
}

export interface LatePenalty extends ChargeLine {
  /** Calendar days after the due date (0 when not overdue). */
  daysOverdue: number;
  /** Days charged: daysOverdue − graceDays, not below 0. */
  daysCharged: number;
  /** Whether the cap limited the amount. */
  capped: boolean;
}

/** The cap's exact value, and how an explanation names it ('' or '（本金的 10%）'). */
function capOf(cap: PenaltyCap, principal: Decimal): { value: Decimal; note: string } {
  if (cap?.kind === 'amount') {
    return { value: amountOf(cap.amount, 'cap.amount'), note: '' };
  }
  if (cap?.kind === 'percent') {
    const percent = percentOf(cap.percent, 'cap.percent');
    const value = exactly((D) => new D(multiply(principal, percent)).dividedBy(100));
    return { value, note: `（本金的 ${formatPercent(percent)}）` };
  }
  throw new BillingError('INVALID_INPUT', 'a penalty cap is { kind: "amount", amount } or { kind: "percent", percent }', {
    value: preview((cap as { kind?: unknown } | undefined)?.kind),
  });
}

/** The late-payment penalty on `principal` for `asOf` (see the module comment for the rule). */
export function latePenalty(input: LatePenaltyInput): LatePenalty {
  const principal = amountOf(input.principal, 'principal');
  const due = toBeijingDate(input.dueDate, 'dueDate');
  const asOf = toBeijingDate(input.asOf, 'asOf');
  const policy = input.policy ?? PENALTY_OFF;
  const daysOverdue = Math.max(0, daysBetween(due, asOf));
  const none = (daysCharged: number, explanation: string): LatePenalty => ({
    amount: '0.00',
    explanation,
    daysOverdue,
    daysCharged,
    capped: false,
  });
  if (policy.enabled !== true) return none(0, '未启用违约金');

  const rate = rateOf(policy.dailyRate, 'dailyRate');
  const grace = countOf(policy.graceDays, 'graceDays');
  const cap = capOf(policy.cap, principal);
  const daysCharged = Math.max(0, daysOverdue - grace);
  if (daysOverdue === 0) return none(0, `${due} 到期，截至 ${asOf} 未逾期，不计违约金`);
  if (daysCharged === 0) return none(0, `${due} 到期，逾期 ${daysOverdue} 天，在宽限期 ${grace} 天内，不计违约金`);

  const exact = multiply(multiply(principal, rate), String(daysCharged));
  const capped = exact.greaterThan(cap.value);
  const amount = roundLine(capped ? cap.value : exact, 1n, policy);
  const formula = `${formatYuan(principal)} × ${formatQuantity(rate)}/天 × ${daysCharged} 天`;
  const graceText = grace > 0 ? `，宽限 ${grace} 天` : '';
  const period = `（${due} 到期${graceText}，自 ${addDays(due, grace + 1)} 起计至 ${asOf}）`;
  const explanation = capped
    ? `${formula} = ${formatYuan(roundLine(exact, 1n, policy))}，超过上限 ${formatYuan(amount)}${cap.note}，按上限计${period}`
    : `${formula} = ${formatYuan(amount)}${period}`;
  return { amount, explanation, daysOverdue, daysCharged, capped };
}
