/**
 * Frozen fields 冻结字段: what may no longer change while an order is in a state. The technician accepted
 * the job as described, so the description and the deadlines stop moving at the first response; the
 * completion record stops moving once the work is completed (a wrong material list is corrected by a
 * note, not rewritten); a closed or cancelled order is read-only except for a reopen.
 *
 * `decideTransition` refuses a command whose input sets a frozen field (`frozen_field`); the API's own
 * edits (anything not done through a command) must check `isFieldFrozen` too.
 */
import type { WorkOrderState } from './states';
import { WORK_ORDER_FIELDS, type WorkOrderField } from './workOrder';

/** Never change after submission. */
export const IDENTITY_FIELDS: readonly WorkOrderField[] = ['id', 'kind', 'reporterId', 'reportedBy', 'submittedAt'];

/** What was reported and its deadlines: frozen from the first response on. */
export const REPORT_FIELDS: readonly WorkOrderField[] = [
  'description',
  'reportPhotos',
  'location',
  'unitId',
  'category',
  'priority',
  'responseDueAt',
  'completeDueAt',
  'respondedAt',
];

/** The completion record of a work order. */
export const COMPLETION_FIELDS: readonly WorkOrderField[] = [
  'completedAt',
  'completionNotes',
  'completionPhotos',
  'materials',
  'labourMinutes',
  'chargeAmount',
];

/** Editable until the order is closed (customer service fixes a phone number before the follow-up call). */
export const CONTACT_FIELDS: readonly WorkOrderField[] = ['contactName', 'contactPhone'];

const RESPONDED = [...IDENTITY_FIELDS, ...REPORT_FIELDS];
const DONE = [...RESPONDED, 'appointmentAt'] as WorkOrderField[];

export const FROZEN_FIELDS_AFTER: Readonly<Record<WorkOrderState, readonly WorkOrderField[]>> = {
  submitted: IDENTITY_FIELDS,
  assigned: IDENTITY_FIELDS,
  accepted: RESPONDED,
  in_progress: RESPONDED,
  on_hold: RESPONDED,
  completed: [...DONE, ...COMPLETION_FIELDS],
  acknowledged: RESPONDED,
  handling: RESPONDED,
  responded: [...DONE, 'completedAt', 'replyText'],
  closed: WORK_ORDER_FIELDS.filter((f) => f !== 'state'),
  cancelled: WORK_ORDER_FIELDS.filter((f) => f !== 'state'),
};

export function isFieldFrozen(state: WorkOrderState, field: WorkOrderField): boolean {
  return FROZEN_FIELDS_AFTER[state].includes(field);
}

/** The fields of `fields` frozen in `state`, in the order given. */
export function frozenAmong(state: WorkOrderState, fields: readonly string[]): WorkOrderField[] {
  return fields.filter((f): f is WorkOrderField => FROZEN_FIELDS_AFTER[state].includes(f as WorkOrderField));
}
