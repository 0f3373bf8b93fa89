/**
 * The work order as the rules see it: every field a command reads or writes. The API stores these
 * columns (plus its own: estate, number 工单号, audit); `{ ...order, ...decision.set }` is the order after a
 * command. Instants are ISO 8601 strings with an offset; money is a decimal string on the fen.
 */
import type { ActorKind } from './actors';
import type { WorkOrderKind, WorkOrderLocation } from './kinds';
import type { WorkOrderPriority } from './priority';
import type { WorkOrderState } from './states';

/** Material used on a job 材料: name, quantity as a decimal string ("2", "1.5"), optional unit ("个", "米"). */
export interface MaterialUsed {
  name: string;
  quantity: string;
  unit?: string;
}

/** Where a survey answer came from: the resident in the app, or customer service on the phone. */
export const SURVEY_CHANNELS = ['app', 'phone'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** The follow-up survey 回访 answer. */
export interface WorkOrderSurvey {
  /** 1 (very dissatisfied) … 5 (very satisfied); 4 and 5 count as satisfied. */
  satisfaction: number;
  /** Was it fixed? Asked for repairs and paid services; null when not asked (a complaint may leave it out). */
  fixed: boolean | null;
  comment: string | null;
  channel: SurveyChannel;
  answeredAt: string;
  /** The staff member who recorded a phone answer; null for the resident's own answer. */
  recordedBy: string | null;
}

/** How a closed order was closed: survey answered, survey unanswered in time, internal job verified by staff. */
export const CLOSE_REASONS = ['survey', 'no_response', 'verified'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** How the current assignee got the order: dispatched 派单 by staff, or grabbed 抢单 from the pool. */
export const ASSIGNED_VIA = ['dispatch', 'grab'] as const;
export type AssignedVia = (typeof ASSIGNED_VIA)[number];

/** Escalation 升级 levels: 0 none, 1 the office manager 项目经理, 2 the company 公司. */
export const ESCALATION_LEVELS = [0, 1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const MAX_ESCALATION_LEVEL: EscalationLevel = 2;

export interface WorkOrder {
  id: string;
  kind: WorkOrderKind;
  state: WorkOrderState;
  /** Category code (see categories.ts). */
  category: string;
  priority: WorkOrderPriority;
  /** Repairs and internal jobs: in a unit or a common area; paid services: always 'unit'; complaints: optional. */
  location: WorkOrderLocation | null;
  unitId: string | null;
  description: string;
  /** Photo ids the reporter attached. */
  reportPhotos: readonly string[];
  contactName: string | null;
  contactPhone: string | null;
  /** A visit time agreed with the resident 预约时间 (does not move the deadlines). */
  appointmentAt: string | null;
  /**
   * Who raised it: a resident account id or a staff id. null in a copy for someone who may not know who filed
   * it (an anonymous complaint, another resident of the unit); no rule reads it, it only never changes.
   */
  reporterId: string | null;
  /** The kind of actor who raised it (resident in the app, customer service at the counter/phone, staff). */
  reportedBy: ActorKind;
  submittedAt: string;
  responseDueAt: string;
  completeDueAt: string;
  /** First response: the first acceptance by a technician, or the acknowledgement of a complaint. Never moved afterwards. */
  respondedAt: string | null;
  /** The technician (work kinds) or complaint handler. */
  assigneeId: string | null;
  assignedAt: string | null;
  assignedVia: AssignedVia | null;
  acceptedAt: string | null;
  startedAt: string | null;
  holdReason: string | null;
  heldAt: string | null;
  /** Work completed (work kinds) or complaint replied to. The latest time, after a reopen the redo's. */
  completedAt: string | null;
  completionNotes: string | null;
  completionPhotos: readonly string[];
  materials: readonly MaterialUsed[];
  labourMinutes: number | null;
  /** What the resident is charged for the work, on the fen ("120.00"); required for a paid service. */
  chargeAmount: string | null;
  /** A complaint's reply 答复. */
  replyText: string | null;
  survey: WorkOrderSurvey | null;
  closedAt: string | null;
  closeReason: CloseReason | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  cancelledBy: ActorKind | null;
  reopenCount: number;
  reopenedAt: string | null;
  reopenReason: string | null;
  escalationLevel: EscalationLevel;
  escalatedAt: string | null;
}

export type WorkOrderField = keyof WorkOrder;

/** Every field, in declaration order (for frozen-field lists and the API's column mapping). */
export const WORK_ORDER_FIELDS = [
  'id',
  'kind',
  'state',
  'category',
  'priority',
  'location',
  'unitId',
  'description',
  'reportPhotos',
  'contactName',
  'contactPhone',
  'appointmentAt',
  'reporterId',
  'reportedBy',
  'submittedAt',
  'responseDueAt',
  'completeDueAt',
  'respondedAt',
  'assigneeId',
  'assignedAt',
  'assignedVia',
  'acceptedAt',
  'startedAt',
  'holdReason',
  'heldAt',
  'completedAt',
  'completionNotes',
  'completionPhotos',
  'materials',
  'labourMinutes',
  'chargeAmount',
  'replyText',
  'survey',
  'closedAt',
  'closeReason',
  'cancelledAt',
  'cancelReason',
  'cancelledBy',
  'reopenCount',
  'reopenedAt',
  'reopenReason',
  'escalationLevel',
  'escalatedAt',
] as const satisfies readonly WorkOrderField[];

/** What a command writes: the new state and the changed fields. */
export type WorkOrderPatch = Partial<WorkOrder> & { state: WorkOrderState };
