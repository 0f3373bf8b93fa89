/**
 * Commands 操作: what a person (or a timer) asks to do to an order. The phone queues them offline as
 * `{ commandId, workOrderId, command, at, input }`; the server runs `decideTransition` on its current
 * copy, so an illegal one comes back as a refusal with the current state.
 */
import type { WorkOrderLocation } from './kinds';
import type { WorkOrderPriority } from './priority';
import type { WorkOrderState } from './states';
import type { MaterialUsed } from './workOrder';

export const WORK_ORDER_COMMANDS = [
  // work kinds (repair, paid service, internal)
  'dispatch',
  'grab',
  'reassign',
  'accept',
  'decline',
  'start',
  'hold',
  'resume',
  'complete',
  'verify',
  // complaints
  'acknowledge',
  'start_handling',
  'reply',
  // every kind
  'answer_survey',
  'close_no_response',
  'reopen',
  'cancel',
  'escalate',
  'reclassify',
  'edit',
] as const;
export type WorkOrderCommand = (typeof WORK_ORDER_COMMANDS)[number];

export const WORK_ORDER_COMMAND_LABELS: Readonly<Record<WorkOrderCommand, { zh: string; en: string }>> = {
  dispatch: { zh: '派单', en: 'Dispatch' },
  grab: { zh: '抢单', en: 'Grab' },
  reassign: { zh: '改派', en: 'Reassign' },
  accept: { zh: '接单', en: 'Accept' },
  decline: { zh: '退单', en: 'Decline' },
  start: { zh: '开始维修', en: 'Start work' },
  hold: { zh: '挂起', en: 'Put on hold' },
  resume: { zh: '恢复处理', en: 'Resume' },
  complete: { zh: '完工', en: 'Complete' },
  verify: { zh: '验收关闭', en: 'Verify and close' },
  acknowledge: { zh: '受理', en: 'Acknowledge' },
  start_handling: { zh: '开始处理', en: 'Start handling' },
  reply: { zh: '答复', en: 'Reply' },
  answer_survey: { zh: '回访评价', en: 'Answer follow-up' },
  close_no_response: { zh: '回访超时关闭', en: 'Close: no response' },
  reopen: { zh: '未解决，重新处理', en: 'Not fixed: reopen' },
  cancel: { zh: '取消', en: 'Cancel' },
  escalate: { zh: '升级', en: 'Escalate' },
  reclassify: { zh: '调整分类/紧急程度', en: 'Change category/priority' },
  edit: { zh: '修改信息', en: 'Edit details' },
};

export function isWorkOrderCommand(value: unknown): value is WorkOrderCommand {
  return typeof value === 'string' && (WORK_ORDER_COMMANDS as readonly string[]).includes(value);
}

/**
 * What a command may carry besides its time. Every field is optional in the type because input comes
 * from the wire: the table says which a command requires (`missing_fields`) and each value is checked
 * (`invalid_fields`). A field the command does not take is refused, so a `priority` sent with `edit`
 * cannot be silently dropped (use `reclassify`).
 */
export interface TransitionInput {
  /** When the person did it (the phone's time, kept when it syncs later): ISO 8601 with an offset. */
  at: string;
  /**
   * The state the order was in on the person's screen (the offline command's `from`). When sent and the
   * order has moved on since, the command is refused (`invalid_transition`, reason `stale_state`) rather
   * than applied to an order the person did not see.
   */
  from?: WorkOrderState;
  /** dispatch / reassign: the technician; acknowledge: the complaint handler (default: the actor). */
  assigneeId?: string;
  /** decline, hold, reassign, reopen, escalate, cancel (staff; optional for the resident). */
  reason?: string;
  completionNotes?: string;
  completionPhotos?: readonly string[];
  materials?: readonly MaterialUsed[];
  labourMinutes?: number;
  /** On the fen, ≥ 0 ("120.00"); required for a paid service, refused for an internal job. */
  chargeAmount?: string;
  /** answer_survey: 1–5. */
  satisfaction?: number;
  /** answer_survey: was it fixed? Required for repairs and paid services; `false` reopens the order. */
  fixed?: boolean;
  comment?: string;
  replyText?: string;
  category?: string;
  priority?: WorkOrderPriority;
  description?: string;
  reportPhotos?: readonly string[];
  location?: WorkOrderLocation;
  unitId?: string;
  /** null clears it (edit: no appointment any more); see CLEARABLE_FIELDS. */
  contactName?: string | null;
  contactPhone?: string | null;
  appointmentAt?: string | null;
}

export type InputField = Exclude<keyof TransitionInput, 'at' | 'from'>;

export const INPUT_FIELDS = [
  'assigneeId',
  'reason',
  'completionNotes',
  'completionPhotos',
  'materials',
  'labourMinutes',
  'chargeAmount',
  'satisfaction',
  'fixed',
  'comment',
  'replyText',
  'category',
  'priority',
  'description',
  'reportPhotos',
  'location',
  'unitId',
  'contactName',
  'contactPhone',
  'appointmentAt',
] as const satisfies readonly InputField[];

/** The input fields each command takes (required ones are named by the TRANSITIONS rows). */
export const COMMAND_INPUT_FIELDS: Readonly<Record<WorkOrderCommand, readonly InputField[]>> = {
  dispatch: ['assigneeId'],
  grab: [],
  reassign: ['assigneeId', 'reason'],
  accept: [],
  decline: ['reason'],
  start: [],
  hold: ['reason'],
  resume: [],
  complete: ['completionNotes', 'completionPhotos', 'materials', 'labourMinutes', 'chargeAmount'],
  verify: [],
  acknowledge: ['assigneeId'],
  start_handling: [],
  reply: ['replyText'],
  answer_survey: ['satisfaction', 'fixed', 'comment'],
  close_no_response: [],
  reopen: ['reason'],
  cancel: ['reason'],
  escalate: ['reason'],
  reclassify: ['category', 'priority'],
  edit: ['description', 'reportPhotos', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt'],
};
