/** Shared by the work-order tests: actors, opening an order, running a script of commands. */
import { expect } from 'vitest';
import type { ActorKind, WorkOrderActor } from './actors';
import type { TransitionInput, WorkOrderCommand } from './commands';
import { applyDecision, decideTransition } from './decideTransition';
import type { TransitionDecision } from './decision';
import type { WorkOrderKind } from './kinds';
import { type OpenWorkOrderInput, openWorkOrder } from './openWorkOrder';
import { DEFAULT_WORK_ORDER_POLICY, type WorkOrderPolicy } from './policy';
import type { WorkOrderState } from './states';
import { TRANSITIONS } from './transitions';
import type { WorkOrder } from './workOrder';

/** An actor as the API would build it for this order: the flags follow from the ids. */
export function actor(order: WorkOrder, kind: ActorKind, id: string): WorkOrderActor {
  return { kind, id, isAssignee: order.assigneeId === id, isReporter: order.reporterId === id };
}

export const SUBMITTED_AT = '2025-03-03T09:00:00+08:00';

/** Minutes after SUBMITTED_AT as an ISO instant with the Beijing offset. */
export function at(minutes: number): string {
  return new Date(Date.parse(SUBMITTED_AT) + minutes * 60_000).toISOString();
}

/** Opens an order of `kind` by the resident r1 (or customer service cs1 for an internal job). */
export function openOrder(kind: WorkOrderKind, overrides: Partial<OpenWorkOrderInput> = {}, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): WorkOrder {
  const category = kind === 'complaint' ? 'noise' : kind === 'paid_service' ? 'housekeeping' : 'water_electric';
  const input: OpenWorkOrderInput = {
    id: `wo-${kind}`,
    kind,
    category,
    description: '厨房水龙头漏水',
    ...(kind === 'complaint' ? {} : { location: 'unit' as const, unitId: 'u-101' }),
    submittedAt: SUBMITTED_AT,
    ...overrides,
  };
  const opener: WorkOrderActor = kind === 'internal' ? { kind: 'customer_service', id: 'cs1' } : { kind: 'resident', id: 'r1' };
  const opened = openWorkOrder(input, opener, policy);
  if (!opened.ok) throw new Error(`could not open: ${opened.message}`);
  return opened.order;
}

export type Step = [WorkOrderCommand, ActorKind, string, Omit<TransitionInput, 'at'> & { at?: string }];

/** Runs the steps, each of which must be accepted; returns the order after them. */
export function run(order: WorkOrder, steps: readonly Step[], policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): WorkOrder {
  let current = order;
  steps.forEach(([command, kind, id, input], i) => {
    const decision = decideTransition(current, command, actor(current, kind, id), { at: at(10 * (i + 1)), ...input }, policy);
    if (!decision.ok) expect.fail(`step ${i} ${command} refused: ${decision.code} ${decision.message}`);
    current = applyDecision(current, decision);
  });
  return current;
}

/** The refusal of a decision (fails the test when it was accepted). */
export function refusal(decision: TransitionDecision) {
  if (decision.ok) return expect.fail(`expected a refusal, got ${decision.from} → ${decision.to}`);
  return decision;
}

/** Freezes an order and everything in it, so a test fails if a rule writes to it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** States reachable from 'submitted' along the table's rows for one kind. */
export function reachable(kind: WorkOrderKind): Set<WorkOrderState> {
  const seen = new Set<WorkOrderState>(['submitted']);
  const queue: WorkOrderState[] = ['submitted'];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const r of TRANSITIONS) {
      if (r.kind === kind && r.from === s && !seen.has(r.to)) {
        seen.add(r.to);
        queue.push(r.to);
      }
    }
  }
  return seen;
}

