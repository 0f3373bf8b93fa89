/** The answer of `decideTransition`: the move and what to write, or a refusal with the current state. */
import type { ActorKind } from './actors';
import type { InputField, WorkOrderCommand } from './commands';
import type { GuardFailure } from './guards';
import type { WorkOrderState } from './states';
import type { ActorRule } from './transitions';
import type { FieldProblem, NormalizedInput } from './validateInput';
import type { WorkOrderField, WorkOrderPatch } from './workOrder';

/** What the API writes to the order's history 工单日志 (and the audit record). */
export interface WorkOrderEvent {
  /** The command, or 'submit' for the order's creation. */
  command: WorkOrderCommand | 'submit';
  /** null for 'submit'. */
  from: WorkOrderState | null;
  to: WorkOrderState;
  /** The command's time (the phone's, kept when it synced later), UTC ISO. */
  at: string;
  actor: { kind: ActorKind; id: string };
  /** The checked input (the reason, the survey, the completion record…). */
  data: NormalizedInput;
}

export interface TransitionAccepted {
  ok: true;
  command: WorkOrderCommand;
  from: WorkOrderState;
  to: WorkOrderState;
  /** Fields to write, `state` included: `{ ...order, ...set }` is the order afterwards. */
  set: WorkOrderPatch;
  event: WorkOrderEvent;
}

export const REFUSAL_CODES = ['invalid_transition', 'not_allowed', 'missing_fields', 'frozen_field', 'invalid_fields'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why a command cannot be made in the current state. */
export type InvalidTransitionReason = 'unknown_command' | 'stale_state' | 'not_for_kind' | 'wrong_state' | GuardFailure;

interface RefusalBase {
  ok: false;
  /** The order's state now (the phone shows it with the refusal: "rejected: the order is already closed"). */
  state: WorkOrderState;
  /** For developers and logs (English); the apps translate `code` and `details.reason`. */
  message: string;
}

export type TransitionRefusal =
  | (RefusalBase & {
      code: 'invalid_transition';
      details: {
        command: string;
        reason: InvalidTransitionReason;
        /** wrong_state: the states this command can be made from (for this kind). */
        allowedFrom?: readonly WorkOrderState[];
        /** A time window: when the command becomes (or stopped being) possible. */
        until?: string;
        /** stale_state: the state the phone saw when the person acted. */
        expected?: string;
      };
    })
  | (RefusalBase & { code: 'not_allowed'; details: { command: WorkOrderCommand; actor: ActorKind; allowed: readonly ActorRule[] } })
  | (RefusalBase & { code: 'missing_fields'; details: { command: WorkOrderCommand; fields: readonly (InputField | 'at')[]; anyOf: boolean } })
  | (RefusalBase & { code: 'frozen_field'; details: { command: WorkOrderCommand; fields: readonly WorkOrderField[] } })
  | (RefusalBase & { code: 'invalid_fields'; details: { command: WorkOrderCommand; fields: readonly FieldProblem[] } });

export type TransitionDecision = TransitionAccepted | TransitionRefusal;
