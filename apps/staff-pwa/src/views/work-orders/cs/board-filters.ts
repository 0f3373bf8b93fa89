/**
 * The dispatch board's filter chips and what each asks the list for (`GET /api/work-orders`). The chips
 * are the board's counts, so the number on a chip is the length of the list it opens.
 *
 * "Awaiting follow-up" 待回访 is two states — a completed job (its survey) and a replied complaint (its
 * rating); the list takes one state at a time, so that chip has a second choice between the two.
 */
import type { WorkOrderBoard, WorkOrderQuery } from '../../../api/work-orders';

export const BOARD_FILTERS = ['open', 'unassigned', 'overdue', 'atRisk', 'onHold', 'awaitingFollowUp'] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];

export const FOLLOW_UP_STATES = ['completed', 'responded'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export interface BoardSelection {
  filter: BoardFilter;
  followUp: FollowUpState;
  /** Only this technician's open orders. */
  assigneeId: string | null;
  q: string;
}

export type ListFilter = Omit<WorkOrderQuery, 'estateId' | 'page' | 'pageSize'>;

/** The list query of a selection (the estate and paging are added by the screen). */
export function listFilter(s: BoardSelection): ListFilter {
  const q = s.q.trim() || undefined;
  if (s.assigneeId) return { view: 'all', state: 'open', assigneeId: s.assigneeId, q };
  switch (s.filter) {
    case 'open':
      return { view: 'all', state: 'open', q };
    case 'unassigned':
      return { view: 'unassigned', q };
    case 'overdue':
      return { view: 'overdue', q };
    case 'atRisk':
      return { view: 'at_risk', q };
    case 'onHold':
      return { view: 'all', state: 'on_hold', q };
    case 'awaitingFollowUp':
      return { view: 'all', state: s.followUp, q };
  }
}

/** The count the board shows on a chip. */
export function countOf(board: WorkOrderBoard | null, filter: BoardFilter): number | null {
  return board ? board.counts[filter] : null;
}

/** Chips that mean trouble are red/orange when they are not zero. */
export const FILTER_TONE: Readonly<Record<BoardFilter, 'danger' | 'warning' | ''>> = {
  open: '',
  unassigned: 'warning',
  overdue: 'danger',
  atRisk: 'warning',
  onHold: '',
  awaitingFollowUp: '',
};
