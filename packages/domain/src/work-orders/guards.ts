/**
 * The conditions some TRANSITIONS rows carry, checked after the input. Each returns null when the row
 * may be taken, or why not (the `reason` of an `invalid_transition` refusal) with, for time windows,
 * the instant it changes (`until`).
 */
import { DAY_MS, requireMillis, toIso } from './instant';
import type { WorkOrderPolicy } from './policy';
import type { TransitionGuard } from './transitions';
import { MAX_ESCALATION_LEVEL, type WorkOrder } from './workOrder';

export const GUARD_FAILURES = [
  'grab_disabled',
  'same_assignee',
  'already_responded',
  'reopen_window_passed',
  'survey_window_open',
  'not_overdue',
  'already_escalated',
  'max_escalation',
] as const;
export type GuardFailure = (typeof GUARD_FAILURES)[number];

export interface GuardContext {
  order: WorkOrder;
  /** The assignee named by the input, if any (reassign). */
  assigneeId?: string | undefined;
  /** The command's time, epoch ms. */
  atMs: number;
  policy: WorkOrderPolicy;
}

export interface GuardRefusal {
  reason: GuardFailure;
  until?: string;
}

/**
 * The earliest deadline the order has missed by `atMs` (response not made by responseDueAt, or not
 * completed by completeDueAt), or null. Equal to the deadline is still on time.
 */
export function missedDeadline(order: WorkOrder, atMs: number): 'response' | 'completion' | null {
  if (order.respondedAt === null && atMs > requireMillis(order.responseDueAt, 'responseDueAt')) return 'response';
  if (order.completedAt === null && atMs > requireMillis(order.completeDueAt, 'completeDueAt')) return 'completion';
  return null;
}

/** When the unanswered survey of a completed / replied order may be closed as no_response. */
export function surveyDeadline(order: WorkOrder, policy: WorkOrderPolicy): number {
  return requireMillis(order.completedAt, 'completedAt') + policy.surveyDays * DAY_MS;
}

/** Until when a closed order may be reopened (inclusive). */
export function reopenDeadline(order: WorkOrder, policy: WorkOrderPolicy): number {
  return requireMillis(order.closedAt, 'closedAt') + policy.reopenWindowDays * DAY_MS;
}

/** The first instant after `atMs` at which a deadline the order still owes passes, or null. */
function nextDeadline(order: WorkOrder, atMs: number): number | null {
  const owed: number[] = [];
  if (order.respondedAt === null) owed.push(requireMillis(order.responseDueAt, 'responseDueAt'));
  if (order.completedAt === null) owed.push(requireMillis(order.completeDueAt, 'completeDueAt'));
  const later = owed.filter((ms) => ms >= atMs);
  return later.length === 0 ? null : Math.min(...later);
}

export function checkGuard(guard: TransitionGuard, ctx: GuardContext): GuardRefusal | null {
  const { order, atMs, policy } = ctx;
  switch (guard) {
    case 'grab_enabled':
      return policy.allowGrab ? null : { reason: 'grab_disabled' };
    case 'other_assignee':
      return ctx.assigneeId !== undefined && ctx.assigneeId === order.assigneeId ? { reason: 'same_assignee' } : null;
    case 'not_responded':
      return order.respondedAt === null ? null : { reason: 'already_responded' };
    case 'within_reopen_window': {
      const until = reopenDeadline(order, policy);
      return atMs <= until ? null : { reason: 'reopen_window_passed', until: toIso(until) };
    }
    case 'survey_window_elapsed': {
      const from = surveyDeadline(order, policy);
      return atMs >= from ? null : { reason: 'survey_window_open', until: toIso(from) };
    }
    case 'deadline_passed': {
      // The timer escalates once, to the office manager; further levels are a person's decision.
      if (order.escalationLevel >= 1) return { reason: 'already_escalated' };
      if (missedDeadline(order, atMs) !== null) return null;
      const next = nextDeadline(order, atMs);
      return next === null ? { reason: 'not_overdue' } : { reason: 'not_overdue', until: toIso(next) };
    }
    case 'below_max_escalation':
      return order.escalationLevel < MAX_ESCALATION_LEVEL ? null : { reason: 'max_escalation' };
  }
}
