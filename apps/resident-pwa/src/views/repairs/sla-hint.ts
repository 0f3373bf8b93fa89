/**
 * The "SLA-ish" line a resident sees under an order: when to expect a response or the work done, counted
 * from the order's own deadlines (the estate's SLA for its category and priority), or that it waits for
 * their rating. Residents get expectations, not the board's at-risk colours; a missed deadline is said
 * plainly. Returns i18n keys with their parameters so the screens stay in the resident's language.
 */
import type { ResidentWorkOrderSettings, WorkOrderCategoryOption, WorkOrderListItem } from '../../api/work-orders';

export type HintTone = 'normal' | 'warning' | 'danger' | 'action';

export interface Duration {
  key: 'workOrders.duration.minutes' | 'workOrders.duration.hours' | 'workOrders.duration.days';
  n: number;
}

export interface Hint {
  key: string;
  /** Filled in as `{d}` in the message. */
  duration?: Duration;
  tone: HintTone;
}

const MINUTE_MS = 60_000;

/**
 * Minutes as a resident reads a promise: under an hour in minutes, up to two days in hours, beyond in days,
 * always rounded up ("预计 2 小时内" for 61–120 minutes — never promising sooner than the deadline).
 */
export function duration(minutes: number): Duration {
  const m = Math.max(1, Math.ceil(minutes));
  if (m < 60) return { key: 'workOrders.duration.minutes', n: m };
  if (m <= 48 * 60) return { key: 'workOrders.duration.hours', n: Math.ceil(m / 60) };
  return { key: 'workOrders.duration.days', n: Math.ceil(m / (24 * 60)) };
}

type HintOrder = Pick<WorkOrderListItem, 'kind' | 'state' | 'responseDueAt' | 'completeDueAt' | 'respondedAt'>;

function minutesUntil(iso: string, now: number): number {
  return (Date.parse(iso) - now) / MINUTE_MS;
}

export function slaHint(order: HintOrder, now: number = Date.now()): Hint | null {
  const complaint = order.kind === 'complaint';
  switch (order.state) {
    case 'cancelled':
    case 'closed':
      return null;
    case 'completed':
    case 'responded':
      return { key: 'workOrders.sla.surveyWaiting', tone: 'action' };
    case 'on_hold':
      return { key: 'workOrders.sla.onHold', tone: 'warning' };
  }
  // Not yet answered: the response clock. A reopened order keeps its first response, so it is judged
  // on the completion clock like any order being worked on.
  if (!order.respondedAt) {
    const left = minutesUntil(order.responseDueAt, now);
    if (left < 0) return { key: 'workOrders.sla.respondOverdue', tone: 'danger' };
    return { key: complaint ? 'workOrders.sla.acknowledgeWithin' : 'workOrders.sla.respondWithin', duration: duration(left), tone: 'normal' };
  }
  const left = minutesUntil(order.completeDueAt, now);
  if (left < 0) return { key: 'workOrders.sla.completeOverdue', tone: 'danger' };
  return { key: complaint ? 'workOrders.sla.replyWithin' : 'workOrders.sla.completeWithin', duration: duration(left), tone: 'normal' };
}

/**
 * What a category promises before filing: "预计 2 小时内响应，48 小时内完成" — its own windows, else the
 * estate's for its priority; null when neither is known (then nothing is promised). The API sends the
 * estate's windows for every priority; `slas` is whatever of them is known (nothing before they load).
 */
export function categoryPromise(
  kind: WorkOrderListItem['kind'],
  c: Pick<WorkOrderCategoryOption, 'priority' | 'responseMinutes' | 'completeMinutes'>,
  slas: Partial<ResidentWorkOrderSettings['slas']> | undefined,
): { key: string; respond: Duration; complete: Duration } | null {
  const respond = c.responseMinutes ?? slas?.[c.priority]?.responseMinutes;
  const complete = c.completeMinutes ?? slas?.[c.priority]?.completeMinutes;
  if (!respond || !complete) return null;
  return {
    key: kind === 'complaint' ? 'workOrders.sla.complaintPromise' : 'workOrders.sla.workPromise',
    respond: duration(respond),
    complete: duration(complete),
  };
}
