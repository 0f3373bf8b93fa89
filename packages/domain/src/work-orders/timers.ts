/**
 * The system's own commands and when they fall due, for the API's timer: close an unanswered survey as
 * `no_response` after `surveyDays`, escalate an order to the office manager once a deadline passes.
 * The timer runs `decideTransition(order, command, { kind: 'system', id: 'system' }, { at: now })` once
 * `now` is later than `after`; the rules check again, so a late or repeated tick changes nothing.
 */
import { surveyDeadline } from './guards';
import { requireMillis, toIso } from './instant';
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy } from './policy';
import { isOpenState } from './states';
import type { WorkOrder } from './workOrder';

export interface SystemTimer {
  command: 'close_no_response' | 'escalate';
  /** Run once the current time is after this instant (UTC ISO). */
  after: string;
}

export function systemTimers(order: WorkOrder, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): SystemTimer[] {
  const timers: SystemTimer[] = [];
  const awaitingSurvey = (order.state === 'completed' && order.kind !== 'internal') || order.state === 'responded';
  if (awaitingSurvey && order.completedAt !== null) {
    // The guard accepts `at` equal to the window's end; "after" it is a safe trigger for a timer.
    timers.push({ command: 'close_no_response', after: toIso(surveyDeadline(order, policy) - 1) });
  }
  if (isOpenState(order.state) && order.escalationLevel < 1) {
    const owed: number[] = [];
    if (order.respondedAt === null) owed.push(requireMillis(order.responseDueAt, 'responseDueAt'));
    if (order.completedAt === null) owed.push(requireMillis(order.completeDueAt, 'completeDueAt'));
    if (owed.length > 0) timers.push({ command: 'escalate', after: toIso(Math.min(...owed)) });
  }
  return timers;
}
