/**
 * The state machine as data 状态流转表 (after open-condo-software's ticket status table): one row per
 * (command, kind, from-state) with the target state, who may do it, the input it requires and the
 * fields frozen once it is done. `decideTransition` only ever moves an order along a row of this table;
 * the README draws it.
 *
 * A row may carry a `guard` (a condition on the order, the time or the policy: "within the reopen
 * window") and a `when` (which of two rows the input picks: a survey saying "fixed" closes, "not fixed"
 * reopens). `to === from` is a command that stays (escalate, reclassify, edit, reassign a complaint).
 */
import type { ActorKind } from './actors';
import type { InputField, WorkOrderCommand } from './commands';
import { FROZEN_FIELDS_AFTER } from './frozenFields';
import type { WorkOrderKind } from './kinds';
import type { WorkOrderState } from './states';
import type { WorkOrderField } from './workOrder';

/** Who may make a transition: an actor kind, and for some the assignee / reporter flag. */
export interface ActorRule {
  kind: ActorKind;
  must?: 'assignee' | 'reporter';
}

/** Conditions checked after the input (see guards.ts for what each means). */
export const TRANSITION_GUARDS = [
  'grab_enabled',
  'other_assignee',
  'not_responded',
  'within_reopen_window',
  'survey_window_elapsed',
  'deadline_passed',
  'below_max_escalation',
] as const;
export type TransitionGuard = (typeof TRANSITION_GUARDS)[number];

/** Which of two rows with the same command and state the input picks. */
export const TRANSITION_BRANCHES = ['survey_fixed', 'survey_not_fixed'] as const;
export type TransitionBranch = (typeof TRANSITION_BRANCHES)[number];

export interface TransitionRule {
  command: WorkOrderCommand;
  kind: WorkOrderKind;
  from: WorkOrderState;
  to: WorkOrderState;
  actors: readonly ActorRule[];
  /** Input fields that must be present. */
  requires: readonly InputField[];
  /** At least one of these must be present (edit, reclassify). */
  requiresAnyOf: readonly InputField[];
  when: TransitionBranch | null;
  guard: TransitionGuard | null;
  /** The fields frozen once the order is in `to` (FROZEN_FIELDS_AFTER[to]). */
  freezes: readonly WorkOrderField[];
}

interface RuleSpec {
  command: WorkOrderCommand;
  kinds: readonly WorkOrderKind[];
  from: readonly WorkOrderState[];
  to: WorkOrderState | 'same';
  actors: readonly ActorRule[];
  requires?: readonly InputField[];
  requiresAnyOf?: readonly InputField[];
  when?: TransitionBranch;
  guard?: TransitionGuard;
}

function rows(spec: RuleSpec): TransitionRule[] {
  return spec.kinds.flatMap((kind) =>
    spec.from.map((from) => {
      const to = spec.to === 'same' ? from : spec.to;
      return Object.freeze({
        command: spec.command,
        kind,
        from,
        to,
        actors: spec.actors,
        requires: spec.requires ?? [],
        requiresAnyOf: spec.requiresAnyOf ?? [],
        when: spec.when ?? null,
        guard: spec.guard ?? null,
        freezes: FROZEN_FIELDS_AFTER[to],
      });
    }),
  );
}

const RESIDENT: ActorRule = { kind: 'resident', must: 'reporter' };
const ASSIGNEE: ActorRule = { kind: 'technician', must: 'assignee' };
const ANY_TECHNICIAN: ActorRule = { kind: 'technician' };
const SYSTEM: ActorRule = { kind: 'system' };
const STAFF: readonly ActorRule[] = [{ kind: 'customer_service' }, { kind: 'manager' }];
const RESIDENT_OR_STAFF: readonly ActorRule[] = [RESIDENT, ...STAFF];

const WORK: readonly WorkOrderKind[] = ['repair', 'paid_service', 'internal'];
/** Work kinds a resident files and is surveyed on. */
const RESIDENT_WORK: readonly WorkOrderKind[] = ['repair', 'paid_service'];
const COMPLAINT: readonly WorkOrderKind[] = ['complaint'];

const WORK_OPEN: readonly WorkOrderState[] = ['submitted', 'assigned', 'accepted', 'in_progress', 'on_hold'];
const COMPLAINT_OPEN: readonly WorkOrderState[] = ['submitted', 'acknowledged', 'handling'];
const EDIT_FIELDS: readonly InputField[] = ['description', 'reportPhotos', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt'];

export const TRANSITIONS: readonly TransitionRule[] = Object.freeze([
  // ── work kinds: dispatch or grab, accept, work, complete ──
  ...rows({ command: 'dispatch', kinds: WORK, from: ['submitted'], to: 'assigned', actors: STAFF, requires: ['assigneeId'] }),
  ...rows({ command: 'grab', kinds: WORK, from: ['submitted'], to: 'assigned', actors: [ANY_TECHNICIAN], guard: 'grab_enabled' }),
  ...rows({
    command: 'reassign',
    kinds: WORK,
    from: ['assigned', 'accepted', 'in_progress', 'on_hold'],
    to: 'assigned',
    actors: STAFF,
    requires: ['assigneeId', 'reason'],
    guard: 'other_assignee',
  }),
  ...rows({ command: 'accept', kinds: WORK, from: ['assigned'], to: 'accepted', actors: [ASSIGNEE] }),
  ...rows({ command: 'decline', kinds: WORK, from: ['assigned', 'accepted'], to: 'submitted', actors: [ASSIGNEE], requires: ['reason'] }),
  ...rows({ command: 'start', kinds: WORK, from: ['accepted'], to: 'in_progress', actors: [ASSIGNEE] }),
  ...rows({ command: 'hold', kinds: WORK, from: ['in_progress'], to: 'on_hold', actors: [ASSIGNEE, ...STAFF], requires: ['reason'] }),
  ...rows({ command: 'resume', kinds: WORK, from: ['on_hold'], to: 'in_progress', actors: [ASSIGNEE, ...STAFF] }),
  ...rows({ command: 'complete', kinds: ['repair', 'internal'], from: ['in_progress'], to: 'completed', actors: [ASSIGNEE], requires: ['completionNotes'] }),
  ...rows({
    command: 'complete',
    kinds: ['paid_service'],
    from: ['in_progress'],
    to: 'completed',
    actors: [ASSIGNEE],
    requires: ['completionNotes', 'chargeAmount'],
  }),
  ...rows({ command: 'verify', kinds: ['internal'], from: ['completed'], to: 'closed', actors: STAFF }),

  // ── complaints: acknowledge, handle, reply ──
  ...rows({ command: 'acknowledge', kinds: COMPLAINT, from: ['submitted'], to: 'acknowledged', actors: STAFF }),
  ...rows({
    command: 'reassign',
    kinds: COMPLAINT,
    from: ['acknowledged', 'handling'],
    to: 'same',
    actors: STAFF,
    requires: ['assigneeId', 'reason'],
    guard: 'other_assignee',
  }),
  ...rows({ command: 'start_handling', kinds: COMPLAINT, from: ['acknowledged'], to: 'handling', actors: STAFF }),
  ...rows({ command: 'reply', kinds: COMPLAINT, from: ['handling'], to: 'responded', actors: STAFF, requires: ['replyText'] }),

  // ── follow-up 回访: the survey closes the order, or reopens it when not fixed ──
  ...rows({
    command: 'answer_survey',
    kinds: RESIDENT_WORK,
    from: ['completed'],
    to: 'closed',
    actors: RESIDENT_OR_STAFF,
    requires: ['satisfaction', 'fixed'],
    when: 'survey_fixed',
  }),
  ...rows({
    command: 'answer_survey',
    kinds: RESIDENT_WORK,
    from: ['completed'],
    to: 'submitted',
    actors: RESIDENT_OR_STAFF,
    requires: ['satisfaction', 'fixed'],
    when: 'survey_not_fixed',
  }),
  ...rows({ command: 'answer_survey', kinds: COMPLAINT, from: ['responded'], to: 'closed', actors: RESIDENT_OR_STAFF, requires: ['satisfaction'], when: 'survey_fixed' }),
  ...rows({
    command: 'answer_survey',
    kinds: COMPLAINT,
    from: ['responded'],
    to: 'handling',
    actors: RESIDENT_OR_STAFF,
    requires: ['satisfaction'],
    when: 'survey_not_fixed',
  }),
  ...rows({ command: 'close_no_response', kinds: RESIDENT_WORK, from: ['completed'], to: 'closed', actors: [SYSTEM], guard: 'survey_window_elapsed' }),
  ...rows({ command: 'close_no_response', kinds: COMPLAINT, from: ['responded'], to: 'closed', actors: [SYSTEM], guard: 'survey_window_elapsed' }),

  // ── reopen 返修 / 重新处理: not fixed after all ──
  ...rows({ command: 'reopen', kinds: RESIDENT_WORK, from: ['completed'], to: 'submitted', actors: RESIDENT_OR_STAFF, requires: ['reason'] }),
  ...rows({
    command: 'reopen',
    kinds: RESIDENT_WORK,
    from: ['closed'],
    to: 'submitted',
    actors: RESIDENT_OR_STAFF,
    requires: ['reason'],
    guard: 'within_reopen_window',
  }),
  ...rows({ command: 'reopen', kinds: ['internal'], from: ['completed'], to: 'submitted', actors: STAFF, requires: ['reason'] }),
  ...rows({ command: 'reopen', kinds: ['internal'], from: ['closed'], to: 'submitted', actors: STAFF, requires: ['reason'], guard: 'within_reopen_window' }),
  ...rows({ command: 'reopen', kinds: COMPLAINT, from: ['responded'], to: 'handling', actors: RESIDENT_OR_STAFF, requires: ['reason'] }),
  ...rows({ command: 'reopen', kinds: COMPLAINT, from: ['closed'], to: 'handling', actors: RESIDENT_OR_STAFF, requires: ['reason'], guard: 'within_reopen_window' }),

  // ── cancel: the resident before acceptance, staff with a reason while open ──
  ...rows({ command: 'cancel', kinds: RESIDENT_WORK, from: ['submitted', 'assigned'], to: 'cancelled', actors: [RESIDENT] }),
  ...rows({ command: 'cancel', kinds: COMPLAINT, from: ['submitted'], to: 'cancelled', actors: [RESIDENT] }),
  ...rows({ command: 'cancel', kinds: WORK, from: WORK_OPEN, to: 'cancelled', actors: STAFF, requires: ['reason'] }),
  ...rows({ command: 'cancel', kinds: COMPLAINT, from: COMPLAINT_OPEN, to: 'cancelled', actors: STAFF, requires: ['reason'] }),

  // ── escalate 升级 (a level, not a state): the timer when a deadline passes, staff by hand ──
  ...rows({ command: 'escalate', kinds: WORK, from: WORK_OPEN, to: 'same', actors: [SYSTEM], guard: 'deadline_passed' }),
  ...rows({ command: 'escalate', kinds: COMPLAINT, from: COMPLAINT_OPEN, to: 'same', actors: [SYSTEM], guard: 'deadline_passed' }),
  ...rows({ command: 'escalate', kinds: WORK, from: WORK_OPEN, to: 'same', actors: STAFF, requires: ['reason'], guard: 'below_max_escalation' }),
  ...rows({ command: 'escalate', kinds: COMPLAINT, from: COMPLAINT_OPEN, to: 'same', actors: STAFF, requires: ['reason'], guard: 'below_max_escalation' }),

  // ── reclassify: category / priority (and so the deadlines) until the first response ──
  ...rows({ command: 'reclassify', kinds: WORK, from: ['submitted', 'assigned'], to: 'same', actors: STAFF, requiresAnyOf: ['category', 'priority'], guard: 'not_responded' }),
  ...rows({ command: 'reclassify', kinds: COMPLAINT, from: ['submitted'], to: 'same', actors: STAFF, requiresAnyOf: ['category', 'priority'], guard: 'not_responded' }),

  // ── edit details; frozen fields (frozenFields.ts) say what can still change ──
  ...rows({ command: 'edit', kinds: RESIDENT_WORK, from: ['submitted', 'assigned'], to: 'same', actors: [RESIDENT], requiresAnyOf: EDIT_FIELDS }),
  ...rows({ command: 'edit', kinds: COMPLAINT, from: ['submitted'], to: 'same', actors: [RESIDENT], requiresAnyOf: EDIT_FIELDS }),
  ...rows({ command: 'edit', kinds: WORK, from: [...WORK_OPEN, 'completed'], to: 'same', actors: STAFF, requiresAnyOf: EDIT_FIELDS }),
  ...rows({ command: 'edit', kinds: COMPLAINT, from: [...COMPLAINT_OPEN, 'responded'], to: 'same', actors: STAFF, requiresAnyOf: EDIT_FIELDS }),
]);

const BY_KIND_AND_STATE = new Map<string, TransitionRule[]>();
for (const r of TRANSITIONS) {
  const key = `${r.kind}:${r.from}`;
  const list = BY_KIND_AND_STATE.get(key);
  if (list) list.push(r);
  else BY_KIND_AND_STATE.set(key, [r]);
}

/** The rows that start from `state` for `kind` (indexed once; the table never changes). */
export function transitionsFrom(kind: WorkOrderKind, state: WorkOrderState): readonly TransitionRule[] {
  return BY_KIND_AND_STATE.get(`${kind}:${state}`) ?? [];
}

/** Does `actor` satisfy `rule` (kind, and the assignee/reporter flag when the rule asks for one)? */
export function actorMatches(rule: ActorRule, actor: { kind: ActorKind; isAssignee?: boolean; isReporter?: boolean }): boolean {
  if (rule.kind !== actor.kind) return false;
  if (rule.must === 'assignee') return actor.isAssignee === true;
  if (rule.must === 'reporter') return actor.isReporter === true;
  return true;
}
