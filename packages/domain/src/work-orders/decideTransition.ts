/**
 * `decideTransition(order, command, actor, input)`: the one place a work order changes state. The API
 * runs it on the stored order for every command (from the staff phone's outbox, the resident app, the
 * survey timer) and writes `set` + `event`, or returns the refusal with the current state. Pure: the
 * order is never modified, the time is the command's `at`, the estate's settings come in `policy`.
 *
 * Checks, in order (the first failure is the answer):
 * 1. the command exists, the state is the one the phone saw (`input.from`, if sent), the command applies
 *    to the kind and can be made from the state → `invalid_transition`;
 * 2. the actor is one the row names (with the assignee / reporter flag) → `not_allowed`;
 * 3. no input field the command takes is frozen in the state → `frozen_field`;
 * 4. `at` and the required fields are present → `missing_fields`;
 * 5. every value is valid, `at` not before submission → `invalid_fields`;
 * 6. the row's guard (time windows, grab pool, escalation level…) → `invalid_transition` with the reason.
 */
import type { WorkOrderActor } from './actors';
import { COMMAND_INPUT_FIELDS, type InputField, isWorkOrderCommand, type TransitionInput, type WorkOrderCommand } from './commands';
import type { TransitionDecision, TransitionRefusal } from './decision';
import { effectsOf } from './effects';
import { WorkOrderError } from './errors';
import { frozenAmong } from './frozenFields';
import { checkGuard } from './guards';
import { requireMillis, toIso, toMillis } from './instant';
import { isWorkOrderKind } from './kinds';
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy } from './policy';
import { STATES_BY_KIND } from './states';
import { actorMatches, TRANSITIONS, type TransitionRule, transitionsFrom } from './transitions';
import { isGiven, validateInput } from './validateInput';
import type { WorkOrder } from './workOrder';

/** A stored order whose kind/state make no sense is a bug or corrupt data, not a person's mistake. */
export function assertOrderState(order: WorkOrder): void {
  if (!isWorkOrderKind(order?.kind)) throw new WorkOrderError('INVALID_ORDER', 'the order has no valid kind', { kind: String(order?.kind) });
  if (!STATES_BY_KIND[order.kind].includes(order.state)) {
    throw new WorkOrderError('INVALID_ORDER', `a ${order.kind} order cannot be in state ${String(order.state)}`, { kind: order.kind, state: String(order.state) });
  }
}

/** The rows for this command, kind and state that `actor` may take. */
export function rowsFor(order: WorkOrder, command: WorkOrderCommand, actor: WorkOrderActor): TransitionRule[] {
  return transitionsFrom(order.kind, order.state).filter((r) => r.command === command && r.actors.some((a) => actorMatches(a, actor)));
}

/** Input fields a row needs, the policy's extras included (completion photos). */
export function requiredOf(row: TransitionRule, policy: WorkOrderPolicy): InputField[] {
  const fields = [...row.requires];
  if (row.command === 'complete' && policy.completionPhotosRequired) fields.push('completionPhotos');
  return fields;
}

export function decideTransition(
  order: WorkOrder,
  command: WorkOrderCommand,
  actor: WorkOrderActor,
  input: TransitionInputLike,
  policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY,
): TransitionDecision {
  assertOrderState(order);
  const state = order.state;
  const refuse = <R extends TransitionRefusal>(code: R['code'], message: string, details: R['details']): TransitionDecision =>
    ({ ok: false, code, state, message, details }) as TransitionRefusal;

  // 1. command, kind, state
  if (!isWorkOrderCommand(command)) {
    return refuse('invalid_transition', `unknown command ${String(command).slice(0, 40)}`, { command: String(command).slice(0, 40), reason: 'unknown_command' });
  }
  const raw = (input ?? {}) as Readonly<Record<string, unknown>>;
  // The phone sends the state it saw; if the order has moved since, the person decided on a stale screen.
  if (raw.from !== undefined && raw.from !== state) {
    return refuse('invalid_transition', `${command} was made on a ${String(raw.from).slice(0, 20)} order that is now ${state}`, {
      command,
      reason: 'stale_state',
      expected: String(raw.from).slice(0, 20),
    });
  }
  const fromHere = transitionsFrom(order.kind, state).filter((r) => r.command === command);
  if (fromHere.length === 0) {
    const forKind = TRANSITIONS.filter((r) => r.command === command && r.kind === order.kind);
    if (forKind.length === 0) {
      return refuse('invalid_transition', `${command} does not apply to a ${order.kind} order`, { command, reason: 'not_for_kind' });
    }
    const allowedFrom = [...new Set(forKind.map((r) => r.from))];
    return refuse('invalid_transition', `${command} cannot be made while the order is ${state}`, { command, reason: 'wrong_state', allowedFrom });
  }

  // 2. actor
  const rows = fromHere.filter((r) => r.actors.some((a) => actorMatches(a, actor)));
  const first = rows[0];
  if (!first) {
    const allowed = fromHere.flatMap((r) => r.actors).filter((a, i, all) => all.findIndex((b) => b.kind === a.kind && b.must === a.must) === i);
    return refuse('not_allowed', `a ${actor.kind} may not ${command} this order`, { command, actor: actor.kind, allowed });
  }

  // 3. frozen fields among what the command would write from its input
  const given = COMMAND_INPUT_FIELDS[command].filter((f) => isGiven(raw, f));
  const frozen = frozenAmong(state, given);
  if (frozen.length > 0) return refuse('frozen_field', `${frozen.join(', ')} can no longer change while the order is ${state}`, { command, fields: frozen });

  // 4. required fields (rows an actor can take for one command and state share their requirements)
  const missing: ('at' | InputField)[] = raw.at === undefined || raw.at === null ? ['at'] : [];
  missing.push(...requiredOf(first, policy).filter((f) => !isGiven(raw, f)));
  if (missing.length > 0) return refuse('missing_fields', `${command} needs ${missing.join(', ')}`, { command, fields: missing, anyOf: false });
  if (first.requiresAnyOf.length > 0 && !first.requiresAnyOf.some((f) => isGiven(raw, f))) {
    return refuse('missing_fields', `${command} needs one of ${first.requiresAnyOf.join(', ')}`, { command, fields: first.requiresAnyOf, anyOf: true });
  }

  // 5. values
  const { input: checked, problems } = validateInput(command, raw, order.kind, policy, order);
  const atMs = toMillis(raw.at);
  if (atMs === null) problems.unshift({ field: 'at', reason: 'not_an_instant' });
  else if (atMs < requireMillis(order.submittedAt, 'submittedAt')) problems.unshift({ field: 'at', reason: 'before_submitted' });
  if (problems.length > 0 || atMs === null) {
    return refuse('invalid_fields', `invalid ${problems.map((p) => `${p.field} (${p.reason})`).join(', ')}`, { command, fields: problems });
  }

  // 6. branch and guard
  const notFixed = checked.fixed === false;
  const row = rows.find((r) => r.when === null || (r.when === 'survey_not_fixed') === notFixed);
  if (!row) throw new WorkOrderError('INVALID_ORDER', `no row of ${command} matches the input`, { command, state });
  if (row.guard !== null) {
    const failed = checkGuard(row.guard, { order, assigneeId: checked.assigneeId, atMs, policy });
    if (failed) {
      const details = failed.until === undefined ? { command, reason: failed.reason } : { command, reason: failed.reason, until: failed.until };
      return refuse('invalid_transition', `${command} refused: ${failed.reason}`, details);
    }
  }

  const at = toIso(atMs);
  const set = { ...effectsOf(command, { order, input: checked, at, actor, policy }), state: row.to };
  return {
    ok: true,
    command,
    from: state,
    to: row.to,
    set,
    event: { command, from: state, to: row.to, at, actor: { kind: actor.kind, id: actor.id }, data: checked },
  };
}

/** What `decideTransition` accepts as input: the typed form, or anything from the wire with an `at`. */
export type TransitionInputLike = TransitionInput | Readonly<Record<string, unknown>>;

/** The order after an accepted decision (a refusal leaves it as it is). */
export function applyDecision(order: WorkOrder, decision: TransitionDecision): WorkOrder {
  return decision.ok ? { ...order, ...decision.set } : order;
}
