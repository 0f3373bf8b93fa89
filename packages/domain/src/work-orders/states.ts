/**
 * Work-order states. One union for every kind; `STATES_BY_KIND` says which a kind can be in (the
 * TRANSITIONS table is the authority on how it gets there).
 */
import type { WorkOrderKind } from './kinds';

export const WORK_ORDER_STATES = [
  'submitted',
  'assigned',
  'accepted',
  'in_progress',
  'on_hold',
  'completed',
  'acknowledged',
  'handling',
  'responded',
  'closed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

const WORK_STATES: readonly WorkOrderState[] = ['submitted', 'assigned', 'accepted', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled'];
const COMPLAINT_STATES: readonly WorkOrderState[] = ['submitted', 'acknowledged', 'handling', 'responded', 'closed', 'cancelled'];

export const STATES_BY_KIND: Readonly<Record<WorkOrderKind, readonly WorkOrderState[]>> = {
  repair: WORK_STATES,
  paid_service: WORK_STATES,
  internal: WORK_STATES,
  complaint: COMPLAINT_STATES,
};

/** States no command leaves except `reopen` (closed) — or none at all (cancelled). */
export const FINAL_STATES: readonly WorkOrderState[] = ['closed', 'cancelled'];

/**
 * "Done" states: the work is finished (completed 已完工 / responded 已答复) and waits for the follow-up, or the
 * order is closed. `completedAt` is set in them.
 */
export const DONE_STATES: readonly WorkOrderState[] = ['completed', 'responded', 'closed'];

/** Open: someone still owes the resident a response or a result (the dispatch board shows these). */
export function isOpenState(state: WorkOrderState): boolean {
  return !DONE_STATES.includes(state) && state !== 'cancelled';
}

export const WORK_ORDER_STATE_LABELS: Readonly<Record<WorkOrderState, { zh: string; en: string }>> = {
  submitted: { zh: '待处理', en: 'Submitted' },
  assigned: { zh: '已派单', en: 'Assigned' },
  accepted: { zh: '已接单', en: 'Accepted' },
  in_progress: { zh: '处理中', en: 'In progress' },
  on_hold: { zh: '已挂起', en: 'On hold' },
  completed: { zh: '已完工待回访', en: 'Completed, awaiting follow-up' },
  acknowledged: { zh: '已受理', en: 'Acknowledged' },
  handling: { zh: '处理中', en: 'Handling' },
  responded: { zh: '已答复待评价', en: 'Replied, awaiting rating' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export function isWorkOrderState(value: unknown): value is WorkOrderState {
  return typeof value === 'string' && (WORK_ORDER_STATES as readonly string[]).includes(value);
}
