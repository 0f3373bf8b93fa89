/**
 * What an actor can do to an order now — the buttons the apps show — and what each command's form must
 * ask for. Both read the same TRANSITIONS rows as `decideTransition`, so a button never leads to a
 * refusal for the state or the actor (a property test checks it). Input-dependent conditions (another
 * assignee than the current one) are left to the form.
 */
import type { WorkOrderActor } from './actors';
import { COMMAND_INPUT_FIELDS, type InputField, WORK_ORDER_COMMANDS, type WorkOrderCommand } from './commands';
import { assertOrderState, requiredOf, rowsFor } from './decideTransition';
import { frozenAmong } from './frozenFields';
import { checkGuard } from './guards';
import { requireMillis } from './instant';
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy } from './policy';
import type { TransitionRule } from './transitions';
import type { WorkOrder } from './workOrder';

export interface AllowedCommandsOptions {
  /** The time to judge time windows at (reopen window, survey window, overdue). Without it they are not judged. */
  now?: string | Date;
  policy?: WorkOrderPolicy;
}

function rowPossible(row: TransitionRule, order: WorkOrder, atMs: number | null, policy: WorkOrderPolicy): boolean {
  // A command whose only purpose is to change fields that are all frozen here cannot succeed.
  if (row.requiresAnyOf.length > 0 && frozenAmong(order.state, row.requiresAnyOf).length === row.requiresAnyOf.length) return false;
  if (row.guard === null || row.guard === 'other_assignee') return true;
  const timed = row.guard === 'within_reopen_window' || row.guard === 'survey_window_elapsed' || row.guard === 'deadline_passed';
  if (timed && atMs === null) return row.guard !== 'deadline_passed' || order.escalationLevel < 1;
  return checkGuard(row.guard, { order, atMs: atMs ?? 0, policy }) === null;
}

/** Commands `actor` may make on `order` now, in WORK_ORDER_COMMANDS order. */
export function allowedCommands(order: WorkOrder, actor: WorkOrderActor, options: AllowedCommandsOptions = {}): WorkOrderCommand[] {
  assertOrderState(order);
  const policy = options.policy ?? DEFAULT_WORK_ORDER_POLICY;
  const atMs = options.now === undefined ? null : requireMillis(options.now, 'now');
  return WORK_ORDER_COMMANDS.filter((command) => rowsFor(order, command, actor).some((row) => rowPossible(row, order, atMs, policy)));
}

export interface CommandForm {
  /** Fields the form must fill. */
  requires: InputField[];
  /** At least one of these (edit, reclassify). */
  requiresAnyOf: InputField[];
  /** Every field the command takes that is not frozen now (optional ones included). */
  accepts: InputField[];
}

/** The form for `command` by `actor` on `order`, or null when the actor cannot make it in this state. */
export function commandForm(order: WorkOrder, command: WorkOrderCommand, actor: WorkOrderActor, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): CommandForm | null {
  assertOrderState(order);
  const row = rowsFor(order, command, actor)[0];
  if (!row) return null;
  const frozen = frozenAmong(order.state, COMMAND_INPUT_FIELDS[command]);
  const open = (f: InputField) => !frozen.includes(f as never);
  return {
    requires: requiredOf(row, policy),
    requiresAnyOf: row.requiresAnyOf.filter(open),
    accepts: COMMAND_INPUT_FIELDS[command].filter(open),
  };
}
