/**
 * Work-order KPIs 工单考核指标 over a group of orders (an estate, a technician, a kind — the caller
 * groups) for a range of Beijing calendar days. Pure functions over plain records, so the API can
 * compute the same figures in SQL and test its queries against these. Every rule, with the SQL it
 * amounts to, is in README.md ("KPIs").
 *
 * The rule in one sentence: a figure counts the orders whose measured event (response, completion,
 * follow-up end) falls in the range; an order still without the event whose deadline falls in the range
 * and has passed (before `now`, and before it was cancelled, if it was) counts as late in that range.
 */
import { MoneyDecimal, roundTo } from '../money';
import { isCalendarDate } from '../billing/calendarDate';
import { preview, WorkOrderError } from './errors';
import { DAY_MS, inRange, MINUTE_MS, requireMillis, toMillis } from './instant';
import { SURVEYED_KINDS } from './kinds';
import type { WorkOrder, WorkOrderSurvey } from './workOrder';

/** The fields the KPIs read; a `WorkOrder` is one. */
export type KpiOrder = Pick<
  WorkOrder,
  'kind' | 'submittedAt' | 'responseDueAt' | 'respondedAt' | 'completeDueAt' | 'completedAt' | 'cancelledAt' | 'closedAt' | 'closeReason' | 'reopenCount'
> & {
  survey: Pick<WorkOrderSurvey, 'satisfaction' | 'answeredAt'> | null;
  /**
   * Answers given before a reopen ("not fixed", 2 stars): a reopen clears the order's survey, but the answer was
   * given and counts — in 回访率 and 满意率 of the range it fell in — so a dissatisfied answer never disappears
   * when the redo is rated well. (The API keeps them as the order's answer_survey events.)
   */
  earlierAnswers?: readonly Pick<WorkOrderSurvey, 'satisfaction' | 'answeredAt'>[];
};

/** A rate: `count` of `base`, and count ÷ base × 100 with 2 decimals ROUND_HALF_UP ("95.24"), null when base is 0. */
export interface KpiRate {
  count: number;
  base: number;
  rate: string | null;
}

export interface KpiRange {
  /** First day, "YYYY-MM-DD" (Beijing), inclusive. */
  from: string;
  /** Last day, "YYYY-MM-DD" (Beijing), inclusive. */
  to: string;
  /** The time the figures are taken at: decides which open orders are already late. */
  now: string | Date;
}

export interface WorkOrderKpis {
  from: string;
  to: string;
  /** Orders submitted in the range. */
  submitted: number;
  /** Orders cancelled in the range. */
  cancelled: number;
  /** 响应及时率: responded by the response deadline ÷ (responded in range + unresponded whose deadline passed in range). */
  responseOnTime: KpiRate;
  /** 完成及时率 (维修及时率 for repairs): completed by the deadline ÷ (completed in range + uncompleted whose deadline passed in range). */
  completionOnTime: KpiRate;
  /** 回访率: surveys answered ÷ follow-ups that ended in range (answered + closed as no_response). */
  followUp: KpiRate;
  /** 满意率 (repairs, paid services): satisfied (4–5) ÷ surveys answered in range. */
  satisfaction: KpiRate;
  /** 投诉满意率: the same for complaints. */
  complaintSatisfaction: KpiRate;
  /** 返修率: orders reopened at least once ÷ orders completed in range. */
  reopen: KpiRate;
  /** Follow-ups closed as no_response in range (counted apart, never as satisfied). */
  noResponse: number;
  /** Mean of respondedAt − submittedAt over orders responded in range, minutes with 2 decimals; null when none. */
  averageResponseMinutes: string | null;
  /** Mean of completedAt − submittedAt over orders completed in range, minutes with 2 decimals; null when none. */
  averageCompletionMinutes: string | null;
}

/** count ÷ base × 100, 2 decimals ROUND_HALF_UP, or null without a base — as the billing reports do it. */
export function kpiPercent(count: number, base: number): string | null {
  if (base <= 0) return null;
  return roundTo(new MoneyDecimal(count).times(100).dividedBy(base), 2);
}

function rate(count: number, base: number): KpiRate {
  return { count, base, rate: kpiPercent(count, base) };
}

/** [start, end) in epoch ms of Beijing days `from`…`to` (Asia/Shanghai is UTC+8 all year, no DST since 1991). */
export function kpiRangeMillis(from: string, to: string): [number, number] {
  if (!isCalendarDate(from) || !isCalendarDate(to)) {
    throw new WorkOrderError('INVALID_RANGE', 'from and to must be calendar dates YYYY-MM-DD', { from: preview(from), to: preview(to) });
  }
  if (to < from) throw new WorkOrderError('INVALID_RANGE', 'the range ends before it starts', { from, to });
  const start = Date.parse(`${from}T00:00:00+08:00`);
  return [start, Date.parse(`${to}T00:00:00+08:00`) + DAY_MS];
}

interface Deadline {
  done: number | null;
  due: number;
}

/** On time / late for one deadline in [start, end): counted, and on time when counted. */
function judge(d: Deadline, cancelledMs: number | null, start: number, end: number, nowMs: number): 'on_time' | 'late' | null {
  if (d.done !== null) return inRange(d.done, start, end) ? (d.done <= d.due ? 'on_time' : 'late') : null;
  const passedOpen = d.due < nowMs && (cancelledMs === null || cancelledMs > d.due);
  return passedOpen && inRange(d.due, start, end) ? 'late' : null;
}

function mean(totalMs: number, count: number): string | null {
  return count === 0 ? null : roundTo(new MoneyDecimal(totalMs).dividedBy(MINUTE_MS * count), 2);
}

const SATISFIED = 4;

export function workOrderKpis(orders: readonly KpiOrder[], range: KpiRange): WorkOrderKpis {
  const [start, end] = kpiRangeMillis(range.from, range.to);
  const nowMs = requireMillis(range.now, 'now');
  let submitted = 0;
  let cancelled = 0;
  const response = { onTime: 0, base: 0, totalMs: 0, done: 0 };
  const completion = { onTime: 0, base: 0, totalMs: 0, done: 0 };
  const followUp = { answered: 0, noResponse: 0 };
  const satisfaction = { satisfied: 0, answered: 0 };
  const complaint = { satisfied: 0, answered: 0 };
  const reopen = { reopened: 0, completed: 0 };

  for (const o of orders) {
    const submittedMs = requireMillis(o.submittedAt, 'submittedAt');
    const respondedMs = toMillis(o.respondedAt);
    const completedMs = toMillis(o.completedAt);
    const cancelledMs = toMillis(o.cancelledAt);
    if (inRange(submittedMs, start, end)) submitted += 1;
    if (inRange(cancelledMs, start, end)) cancelled += 1;

    const r = judge({ done: respondedMs, due: requireMillis(o.responseDueAt, 'responseDueAt') }, cancelledMs, start, end, nowMs);
    if (r !== null) {
      response.base += 1;
      if (r === 'on_time') response.onTime += 1;
    }
    if (inRange(respondedMs, start, end)) {
      response.done += 1;
      response.totalMs += respondedMs - submittedMs;
    }

    const c = judge({ done: completedMs, due: requireMillis(o.completeDueAt, 'completeDueAt') }, cancelledMs, start, end, nowMs);
    if (c !== null) {
      completion.base += 1;
      if (c === 'on_time') completion.onTime += 1;
    }
    if (inRange(completedMs, start, end)) {
      completion.done += 1;
      completion.totalMs += completedMs - submittedMs;
      reopen.completed += 1;
      if (o.reopenCount > 0) reopen.reopened += 1;
    }

    if (SURVEYED_KINDS.includes(o.kind)) {
      for (const earlier of o.earlierAnswers ?? []) {
        if (!inRange(toMillis(earlier.answeredAt), start, end)) continue;
        followUp.answered += 1;
        const bucket = o.kind === 'complaint' ? complaint : satisfaction;
        bucket.answered += 1;
        if (earlier.satisfaction >= SATISFIED) bucket.satisfied += 1;
      }
      const answeredMs = toMillis(o.survey?.answeredAt ?? null);
      if (o.survey && inRange(answeredMs, start, end)) {
        followUp.answered += 1;
        const bucket = o.kind === 'complaint' ? complaint : satisfaction;
        bucket.answered += 1;
        if (o.survey.satisfaction >= SATISFIED) bucket.satisfied += 1;
      } else if (o.closeReason === 'no_response' && inRange(toMillis(o.closedAt), start, end)) {
        followUp.noResponse += 1;
      }
    }
  }

  return {
    from: range.from,
    to: range.to,
    submitted,
    cancelled,
    responseOnTime: rate(response.onTime, response.base),
    completionOnTime: rate(completion.onTime, completion.base),
    followUp: rate(followUp.answered, followUp.answered + followUp.noResponse),
    satisfaction: rate(satisfaction.satisfied, satisfaction.answered),
    complaintSatisfaction: rate(complaint.satisfied, complaint.answered),
    reopen: rate(reopen.reopened, reopen.completed),
    noResponse: followUp.noResponse,
    averageResponseMinutes: mean(response.totalMs, response.done),
    averageCompletionMinutes: mean(completion.totalMs, completion.done),
  };
}
