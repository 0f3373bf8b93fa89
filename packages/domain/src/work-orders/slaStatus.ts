/**
 * SLA status for the dispatch board 派单看板: for the response and the completion deadline, is the order
 * on track, at risk (less than `atRiskShare` of the window left — 25 % by default), overdue, or already
 * done on time / late. Wall-clock time; the clock does not stop while the order is on hold (a hold
 * explains lateness, it does not excuse it — the board shows the hold reason beside the red badge).
 */
import { MINUTE_MS, requireMillis } from './instant';
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy } from './policy';
import type { WorkOrder } from './workOrder';

export const SLA_STATUSES = ['on_track', 'at_risk', 'overdue', 'met', 'missed', 'cancelled'] as const;
/**
 * on_track / at_risk / overdue: the clock runs; met / missed: done by / after the deadline; cancelled:
 * the order was cancelled before this was done.
 */
export type SlaStatus = (typeof SLA_STATUSES)[number];

export const SLA_STATUS_LABELS: Readonly<Record<SlaStatus, { zh: string; en: string }>> = {
  on_track: { zh: '正常', en: 'On track' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  overdue: { zh: '已超时', en: 'Overdue' },
  met: { zh: '按时', en: 'On time' },
  missed: { zh: '超时完成', en: 'Late' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export interface SlaClock {
  status: SlaStatus;
  dueAt: string;
  /**
   * Whole minutes left while the clock runs (floor: 7.5 minutes left is 7; negative once overdue: 30
   * seconds late is −1); null when it has stopped.
   */
  minutesLeft: number | null;
}

export interface SlaStatusResult {
  response: SlaClock;
  completion: SlaClock;
  /** The more urgent of the two running clocks (overdue > at_risk > on_track), or null when neither runs. */
  board: 'on_track' | 'at_risk' | 'overdue' | null;
}

type OrderClocks = Pick<WorkOrder, 'submittedAt' | 'responseDueAt' | 'completeDueAt' | 'respondedAt' | 'completedAt' | 'cancelledAt'>;

function clock(startMs: number, dueAt: string, doneAt: string | null, cancelled: boolean, nowMs: number, share: number): SlaClock {
  const dueMs = requireMillis(dueAt, 'dueAt');
  if (doneAt !== null) return { status: requireMillis(doneAt, 'doneAt') <= dueMs ? 'met' : 'missed', dueAt, minutesLeft: null };
  if (cancelled) return { status: 'cancelled', dueAt, minutesLeft: null };
  const leftMs = dueMs - nowMs;
  const minutesLeft = Math.floor(leftMs / MINUTE_MS);
  if (leftMs < 0) return { status: 'overdue', dueAt, minutesLeft };
  // At risk when less than `share` of the whole window is left; exactly at the deadline is still not late.
  return { status: leftMs < share * (dueMs - startMs) ? 'at_risk' : 'on_track', dueAt, minutesLeft };
}

const RANK = { on_track: 1, at_risk: 2, overdue: 3 } as const;

export function slaStatus(order: OrderClocks, now: string | Date, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): SlaStatusResult {
  const nowMs = requireMillis(now, 'now');
  const startMs = requireMillis(order.submittedAt, 'submittedAt');
  const cancelled = order.cancelledAt !== null && order.cancelledAt !== undefined;
  const response = clock(startMs, order.responseDueAt, order.respondedAt, cancelled, nowMs, policy.atRiskShare);
  const completion = clock(startMs, order.completeDueAt, order.completedAt, cancelled, nowMs, policy.atRiskShare);
  let board: SlaStatusResult['board'] = null;
  for (const c of [response, completion]) {
    if (c.status === 'on_track' || c.status === 'at_risk' || c.status === 'overdue') {
      if (board === null || RANK[c.status] > RANK[board]) board = c.status;
    }
  }
  return { response, completion, board };
}
