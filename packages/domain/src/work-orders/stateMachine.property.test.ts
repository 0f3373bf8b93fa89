/**
 * Property tests of the state machine as the API will drive it: random sequences of commands by random
 * actors (with the right or wrong assignee/reporter flags), with valid, partial or garbage input, at
 * increasing times, under random estate policies. After every command:
 * - an accepted one moved along a row of TRANSITIONS that names this command, kind, state and actor,
 *   and the order's new state is reachable from 'submitted' in the table;
 * - a refused one left the order exactly as it was and reported its current state;
 * - `allowedCommands` agrees with `decideTransition` (a button never leads to a refusal, an accepted
 *   command always had its button);
 * - the order's invariants hold (an assignee while assigned…in progress, a completion time once done,
 *   deadlines and identity never move except by reclassify, frozen fields stay put except on reopen).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, type WorkOrderActor } from './actors';
import { allowedCommands } from './allowedCommands';
import { type TransitionInput, WORK_ORDER_COMMANDS, type WorkOrderCommand } from './commands';
import { applyDecision, decideTransition } from './decideTransition';
import { FROZEN_FIELDS_AFTER, IDENTITY_FIELDS } from './frozenFields';
import { WORK_ORDER_KINDS, type WorkOrderKind } from './kinds';
import { type WorkOrderPolicy, workOrderPolicy } from './policy';
import { WORK_ORDER_PRIORITIES } from './priority';
import { DONE_STATES, isOpenState, STATES_BY_KIND, type WorkOrderState } from './states';
import { deepFreeze, openOrder, reachable, SUBMITTED_AT } from './test-helpers';
import { actorMatches, TRANSITIONS, transitionsFrom } from './transitions';
import type { WorkOrder } from './workOrder';

const IDS = ['t1', 't2', 'cs1', 'm1', 'r1', 'r2', 'system'] as const;
const REAL_ACTORS: readonly { kind: WorkOrderActor['kind']; id: string }[] = [
  { kind: 'resident', id: 'r1' },
  { kind: 'resident', id: 'r2' },
  { kind: 'customer_service', id: 'cs1' },
  { kind: 'manager', id: 'm1' },
  { kind: 'technician', id: 't1' },
  { kind: 'technician', id: 't2' },
  { kind: 'system', id: 'system' },
];
const REACHABLE = Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, reachable(k)])) as Record<WorkOrderKind, Set<WorkOrderState>>;
const BACKWARDS: readonly WorkOrderCommand[] = ['cancel', 'reassign', 'decline', 'reopen'];
const ASSIGNED_STATES: readonly WorkOrderState[] = ['assigned', 'accepted', 'in_progress', 'on_hold'];
/** Commands that undo work and so may rewrite fields frozen where they start. */
const reopens = (command: WorkOrderCommand, to: WorkOrderState, kind: WorkOrderKind) =>
  command === 'reopen' || (command === 'answer_survey' && to !== 'closed') || (kind === 'complaint' && to === 'handling' && command !== 'start_handling');

const derived = (order: WorkOrder, kind: WorkOrderActor['kind'], id: string): WorkOrderActor => ({
  kind,
  id,
  isAssignee: order.assigneeId === id,
  isReporter: order.reporterId === id,
});

/** Input every check accepts for `command` on `order`. */
function validInput(command: WorkOrderCommand, order: WorkOrder, atIso: string, s: StepSeed): TransitionInput {
  const base = { at: atIso };
  switch (command) {
    case 'dispatch':
      return { ...base, assigneeId: s.assignee };
    case 'reassign':
      return { ...base, assigneeId: order.assigneeId === 't1' ? 't2' : 't1', reason: '换人' };
    case 'decline':
    case 'hold':
    case 'reopen':
    case 'cancel':
    case 'escalate':
      return { ...base, reason: '原因' };
    case 'complete':
      return { ...base, completionNotes: '已完成', completionPhotos: ['p1'], ...(order.kind === 'paid_service' ? { chargeAmount: '50.00' } : {}) };
    case 'answer_survey':
      return { ...base, satisfaction: s.satisfaction, fixed: s.fixed };
    case 'reply':
      return { ...base, replyText: '已答复' };
    case 'reclassify':
      return { ...base, priority: s.priority };
    case 'edit':
      return { ...base, contactPhone: '13800138000' };
    default:
      return base;
  }
}

interface StepSeed {
  guided: boolean;
  pick: number;
  command: WorkOrderCommand;
  actorKind: WorkOrderActor['kind'];
  actorId: string;
  flags: 'derived' | 'random';
  isAssignee: boolean;
  isReporter: boolean;
  inputMode: 'valid' | 'partial' | 'garbage';
  drop: number;
  garbage: Record<string, unknown>;
  assignee: string;
  satisfaction: number;
  fixed: boolean;
  priority: (typeof WORK_ORDER_PRIORITIES)[number];
  minutes: number;
}

const stepSeed: fc.Arbitrary<StepSeed> = fc.record({
  guided: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(),
  command: fc.constantFrom(...WORK_ORDER_COMMANDS),
  actorKind: fc.constantFrom(...ACTOR_KINDS),
  actorId: fc.constantFrom(...IDS),
  flags: fc.constantFrom('derived' as const, 'random' as const),
  isAssignee: fc.boolean(),
  isReporter: fc.boolean(),
  inputMode: fc.constantFrom('valid' as const, 'valid' as const, 'valid' as const, 'partial' as const, 'garbage' as const),
  drop: fc.nat(),
  garbage: fc.record(
    {
      assigneeId: fc.constantFrom('', '  ', 't1', 7),
      reason: fc.constantFrom('', 'ok', null, 'x'.repeat(2001)),
      satisfaction: fc.integer({ min: -1, max: 7 }),
      fixed: fc.constantFrom(true, false, 'no', 0),
      chargeAmount: fc.constantFrom('1', '1.234', '-1', 'abc', '0'),
      completionNotes: fc.constantFrom('', 'done'),
      priority: fc.constantFrom('urgent', 'asap'),
      category: fc.constantFrom('noise', 'water_electric', 'nope'),
      description: fc.constantFrom('', '新描述'),
      location: fc.constantFrom('unit', 'common_area', 'roof'),
      appointmentAt: fc.constantFrom('2025-03-04T10:00:00+08:00', 'tomorrow', null),
      labourMinutes: fc.constantFrom(30, -5, 1.5),
    },
    { requiredKeys: [] },
  ),
  assignee: fc.constantFrom('t1', 't2'),
  satisfaction: fc.integer({ min: 1, max: 5 }),
  fixed: fc.boolean(),
  priority: fc.constantFrom(...WORK_ORDER_PRIORITIES),
  minutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 12 * 24 * 60 })),
});

const policyArb: fc.Arbitrary<WorkOrderPolicy> = fc
  .record({
    allowGrab: fc.boolean(),
    surveyDays: fc.integer({ min: 1, max: 10 }),
    reopenWindowDays: fc.integer({ min: 0, max: 10 }),
    completionPhotosRequired: fc.boolean(),
  })
  .map((o) => workOrderPolicy(o));

function checkInvariants(before: WorkOrder, after: WorkOrder, command: WorkOrderCommand): void {
  const s = after.state;
  if (ASSIGNED_STATES.includes(s)) expect(after.assigneeId).not.toBeNull();
  if (s === 'submitted' && after.kind !== 'complaint') expect(after.assigneeId).toBeNull();
  if (DONE_STATES.includes(s)) expect(after.completedAt).not.toBeNull();
  if (isOpenState(s)) expect(after.completedAt).toBeNull();
  expect(after.closedAt !== null && after.closeReason !== null).toBe(s === 'closed');
  expect(after.cancelledAt !== null).toBe(s === 'cancelled');
  if (s === 'closed' && after.closeReason === 'survey') expect(after.survey).not.toBeNull();
  if (after.kind === 'internal') expect(after.survey).toBeNull();
  if (after.kind === 'paid_service' && DONE_STATES.includes(s)) expect(after.chargeAmount).toMatch(/^\d+\.\d{2}$/);
  expect(after.reopenCount).toBeGreaterThanOrEqual(before.reopenCount);
  expect(after.escalationLevel).toBeGreaterThanOrEqual(before.escalationLevel);
  expect([0, 1, 2]).toContain(after.escalationLevel);
  if (before.respondedAt !== null) expect(after.respondedAt).toBe(before.respondedAt);
  for (const f of IDENTITY_FIELDS) expect(after[f]).toEqual(before[f]);
  if (command !== 'reclassify') {
    expect(after.responseDueAt).toBe(before.responseDueAt);
    expect(after.completeDueAt).toBe(before.completeDueAt);
  }
}

interface Coverage {
  states: Set<string>;
  rows: Set<number>;
}

/** Runs one walk of commands on a fresh order, checking every decision; `guided: false` never guides. */
function walk(kind: WorkOrderKind, policy: WorkOrderPolicy, seeds: readonly StepSeed[], guide: boolean, coverage: Coverage): void {
  let order = deepFreeze(openOrder(kind, {}, policy));
  let atMs = Date.parse(SUBMITTED_AT);
  for (const s of seeds) {
    atMs += s.minutes * 60_000;
    const atIso = new Date(atMs).toISOString();
    const guided = guide && s.guided;
    let command = s.command;
    let who: WorkOrderActor;
    if (guided) {
      // Mostly commands that move the order on: edit/escalate keep it where it is, cancel (which many
      // actors may do) would end most walks early, and reassign/decline/reopen walk backwards.
      const current = order;
      const all = REAL_ACTORS.flatMap((a) => allowedCommands(current, derived(current, a.kind, a.id), { now: atIso, policy }).map((c) => ({ a, c })));
      const forward = all.filter(
        ({ a, c }) =>
          !BACKWARDS.includes(c) &&
          transitionsFrom(kind, current.state).some((r) => r.command === c && r.to !== r.from && r.actors.some((x) => actorMatches(x, derived(current, a.kind, a.id)))),
      );
      const pairs = forward.length > 0 && s.pick % 8 !== 0 ? forward : all;
      const pair = pairs[Math.floor(s.pick / 8) % Math.max(1, pairs.length)];
      if (!pair) return;
      command = pair.c;
      who = derived(order, pair.a.kind, pair.a.id);
    } else {
      who = s.flags === 'derived' ? derived(order, s.actorKind, s.actorId) : { kind: s.actorKind, id: s.actorId, isAssignee: s.isAssignee, isReporter: s.isReporter };
    }
    let input: Record<string, unknown> = { ...validInput(command, order, atIso, s) };
    if (s.inputMode === 'partial' && !guided) {
      const keys = Object.keys(input);
      const key = keys[s.drop % keys.length];
      if (key !== undefined) delete input[key];
    } else if (s.inputMode === 'garbage') {
      input = { at: atIso, ...s.garbage };
    }
    const snapshot = JSON.stringify(order);
    const decision = decideTransition(order, command, who, input, policy);
    const buttons = allowedCommands(order, who, { now: atIso, policy });

    if (!decision.ok) {
      expect(decision.state).toBe(order.state);
      expect(JSON.stringify(order)).toBe(snapshot);
      expect(applyDecision(order, decision)).toBe(order);
      if (s.inputMode !== 'garbage' && (guided || s.inputMode === 'valid') && buttons.includes(command)) {
        expect.fail(`${command} was offered to ${who.kind} in ${order.state} but refused: ${decision.code} ${decision.message}`);
      }
      continue;
    }
    const rowIndex = TRANSITIONS.findIndex(
      (r) => r.command === command && r.kind === kind && r.from === order.state && r.to === decision.to && r.actors.some((a) => actorMatches(a, who)),
    );
    expect(rowIndex, `${command} ${kind} ${order.state} → ${decision.to} by ${who.kind}`).toBeGreaterThanOrEqual(0);
    coverage.rows.add(rowIndex);
    expect(buttons).toContain(command);
    expect(decision.from).toBe(order.state);
    expect(decision.set.state).toBe(decision.to);
    const after = deepFreeze(applyDecision(order, decision));
    expect(STATES_BY_KIND[kind]).toContain(after.state);
    expect(REACHABLE[kind].has(after.state)).toBe(true);
    checkInvariants(order, after, command);
    if (!reopens(command, decision.to, kind)) {
      for (const f of FROZEN_FIELDS_AFTER[order.state]) expect(after[f], `${command} changed frozen ${f} in ${order.state}`).toEqual(order[f]);
    }
    coverage.states.add(`${kind}:${after.state}`);
    order = after;
  }
}

describe('work-order state machine (property)', () => {
  it('random commands by random actors only ever move along the table; refusals change nothing', () => {
    const coverage: Coverage = { states: new Set(), rows: new Set() };
    fc.assert(
      fc.property(fc.constantFrom(...WORK_ORDER_KINDS), policyArb, fc.array(stepSeed, { minLength: 1, maxLength: 30 }), (kind, policy, seeds) =>
        walk(kind, policy, seeds, false, coverage),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('guided walks explore every state of every kind and most rows, with buttons and decisions agreeing', () => {
    const coverage: Coverage = { states: new Set(), rows: new Set() };
    fc.assert(
      fc.property(fc.constantFrom(...WORK_ORDER_KINDS), policyArb, fc.array(stepSeed, { minLength: 20, maxLength: 60 }), (kind, policy, seeds) =>
        walk(kind, policy, seeds, true, coverage),
      ),
      { numRuns: 200 },
    );
    const allStates = WORK_ORDER_KINDS.flatMap((k) => STATES_BY_KIND[k].filter((s) => s !== 'submitted').map((s) => `${k}:${s}`));
    expect(allStates.filter((s) => !coverage.states.has(s))).toEqual([]);
    const unused = TRANSITIONS.filter((_, i) => !coverage.rows.has(i)).map((r) => `${r.command} ${r.kind} ${r.from}→${r.to}`);
    expect(coverage.rows.size / TRANSITIONS.length, `rows never taken: ${unused.join('; ')}`).toBeGreaterThan(0.75);
  }, 60_000);
});
