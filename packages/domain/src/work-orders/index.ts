/**
 * Work orders 工单: repairs 报修, complaints 投诉, paid services 特约服务 and internal jobs — kinds,
 * categories and SLAs, the state machine as a table (who may do what, with which input, which fields
 * freeze), `decideTransition` and `allowedCommands`, opening an order, SLA status for the dispatch board,
 * the system's timers, and the KPIs. Pure functions of their arguments (the time is always passed in).
 * One concern per file; see README.md for every rule and why.
 */
export { WorkOrderError, type WorkOrderErrorReason } from './errors';
export {
  isWorkOrderKind,
  SURVEYED_KINDS,
  WORK_KINDS,
  WORK_ORDER_KIND_LABELS,
  WORK_ORDER_KINDS,
  WORK_ORDER_LOCATION_LABELS,
  WORK_ORDER_LOCATIONS,
  type WorkOrderKind,
  type WorkOrderLocation,
} from './kinds';
export { isWorkOrderPriority, WORK_ORDER_PRIORITIES, WORK_ORDER_PRIORITY_LABELS, type WorkOrderPriority } from './priority';
export {
  DONE_STATES,
  FINAL_STATES,
  isOpenState,
  isWorkOrderState,
  STATES_BY_KIND,
  WORK_ORDER_STATE_LABELS,
  WORK_ORDER_STATES,
  type WorkOrderState,
} from './states';
export { ACTOR_KIND_LABELS, ACTOR_KINDS, type ActorKind, isActorKind, STAFF_ACTOR_KINDS, type WorkOrderActor } from './actors';
export { categoriesForKind, DEFAULT_CATEGORIES, findCategory, type WorkOrderCategory } from './categories';
export { assertSla, computeDueDates, DEFAULT_SLAS, type DueDates, MAX_SLA_MINUTES, type SlaMinutes } from './sla';
export { categoryAppliesTo, DEFAULT_WORK_ORDER_POLICY, slaFor, type WorkOrderPolicy, workOrderPolicy } from './policy';
export {
  ASSIGNED_VIA,
  type AssignedVia,
  CLOSE_REASONS,
  type CloseReason,
  ESCALATION_LEVELS,
  type EscalationLevel,
  MAX_ESCALATION_LEVEL,
  type MaterialUsed,
  SURVEY_CHANNELS,
  type SurveyChannel,
  WORK_ORDER_FIELDS,
  type WorkOrder,
  type WorkOrderField,
  type WorkOrderPatch,
  type WorkOrderSurvey,
} from './workOrder';
export {
  COMPLETION_FIELDS,
  CONTACT_FIELDS,
  FROZEN_FIELDS_AFTER,
  frozenAmong,
  IDENTITY_FIELDS,
  isFieldFrozen,
  REPORT_FIELDS,
} from './frozenFields';
export {
  COMMAND_INPUT_FIELDS,
  INPUT_FIELDS,
  type InputField,
  isWorkOrderCommand,
  type TransitionInput,
  WORK_ORDER_COMMAND_LABELS,
  WORK_ORDER_COMMANDS,
  type WorkOrderCommand,
} from './commands';
export {
  type ActorRule,
  actorMatches,
  TRANSITION_BRANCHES,
  TRANSITION_GUARDS,
  TRANSITIONS,
  type TransitionBranch,
  type TransitionGuard,
  type TransitionRule,
} from './transitions';
export { GUARD_FAILURES, type GuardFailure } from './guards';
export {
  CLEARABLE_FIELDS,
  FIELD_PROBLEMS,
  type FieldProblem,
  type FieldProblemReason,
  MAX_LABOUR_MINUTES,
  MAX_MATERIALS,
  MAX_NAME_LENGTH,
  MAX_PHOTOS,
  MAX_TEXT_LENGTH,
  type NormalizedInput,
} from './validateInput';
export {
  type InvalidTransitionReason,
  REFUSAL_CODES,
  type RefusalCode,
  type TransitionAccepted,
  type TransitionDecision,
  type TransitionRefusal,
  type WorkOrderEvent,
} from './decision';
export { applyDecision, decideTransition, type TransitionInputLike } from './decideTransition';
export { type AllowedCommandsOptions, allowedCommands, type CommandForm, commandForm } from './allowedCommands';
export { type OpenDecision, type OpenField, OPENERS, type OpenWorkOrderInput, openWorkOrder } from './openWorkOrder';
export { SLA_STATUS_LABELS, SLA_STATUSES, type SlaClock, type SlaStatus, type SlaStatusResult, slaStatus } from './slaStatus';
export { type SystemTimer, systemTimers } from './timers';
export { type KpiOrder, kpiPercent, type KpiRange, type KpiRate, kpiRangeMillis, type WorkOrderKpis, workOrderKpis } from './kpis';
export { MAX_PRICE_LINES, type PaidServiceCharge, type PriceLine, paidServiceCharge } from './paidServiceCharge';
