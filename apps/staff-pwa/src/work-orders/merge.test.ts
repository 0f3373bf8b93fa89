import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../offline';
import type { CachedOrder } from './cache';
import { byUrgency, jobViews, tabOf } from './merge';
import { detail, moved, OTHER_TECH, poolOrder, SUBMITTED, TECH } from './test-fixtures';
import { WORK_ORDER_COMMAND_TYPE, type WorkOrderCommandPayload, type WorkOrderDetail } from './types';

const NOW = new Date('2026-11-28T02:00:00.000Z');

function cached(order: WorkOrderDetail, list: CachedOrder['list'] = 'job'): CachedOrder {
  return { list, order, storedAt: '2026-11-28T01:30:00.000Z' };
}

let seq = 0;
function cmd(payload: WorkOrderCommandPayload, patch: Partial<OutboxCommand> = {}): OutboxCommand {
  seq += 1;
  const at = `2026-11-28T01:${String(40 + seq).padStart(2, '0')}:00.000Z`;
  return {
    id: `c${seq}`,
    type: WORK_ORDER_COMMAND_TYPE,
    payload,
    at,
    createdAt: at,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    result: null,
    rejection: null,
    syncedAt: null,
    owner: TECH,
    ...patch,
  };
}

function one(input: { cached?: CachedOrder[]; commands?: OutboxCommand[]; now?: Date; me?: string }) {
  return jobViews({ cached: input.cached ?? [cached(detail())], commands: input.commands ?? [], me: input.me ?? TECH, now: input.now ?? NOW });
}

describe('jobViews: optimistic steps', () => {
  it('applies waiting steps in order with the domain rules: accept then start moves the job to in progress at once', () => {
    const views = one({
      commands: [
        cmd({ workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} }),
        cmd({ workOrderId: 'wo-1', command: 'start', from: 'accepted', input: {} }, { status: 'syncing' }),
      ],
    });
    const v = views[0]!;
    expect(v.order.state).toBe('in_progress');
    expect(v.server.state).toBe('assigned');
    // The first acceptance is the response: the response clock stops with the phone's time.
    expect(v.order.respondedAt).toBe('2026-11-28T01:41:00.000Z');
    expect(v.sla?.response.status).toBe('met');
    expect(v.steps.map((s) => [s.command, s.status, s.to])).toEqual([
      ['accept', 'pending', 'accepted'],
      ['start', 'pending', 'in_progress'],
    ]);
    expect(v.pending).toBe(2);
    expect(v.allowed).toEqual(['hold', 'complete']);
  });

  it('a grab from the pool makes the job mine on the phone; buttons follow', () => {
    const views = one({ cached: [cached(poolOrder(), 'pool')], commands: [cmd({ workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} })] });
    const v = views[0]!;
    expect(v.order).toMatchObject({ state: 'assigned', assigneeId: TECH, assignedVia: 'grab' });
    expect(v.mine).toBe(true);
    expect(tabOf(v)).toBe('mine');
    expect(v.allowed).toEqual(['accept', 'decline']);
  });

  it('a waiting step the newest server copy no longer allows is a conflict, not applied', () => {
    const cancelled = moved(detail(), { state: 'cancelled', cancelledAt: '2026-11-28T01:50:00.000Z', cancelReason: '住户已自行修好', cancelledBy: 'customer_service' }, { id: 'ev-cancel', command: 'cancel', fromState: 'assigned', toState: 'cancelled', receivedAt: '2026-11-28T01:50:00.000Z' });
    const v = one({ cached: [cached(cancelled)], commands: [cmd({ workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} })] })[0]!;
    expect(v.order.state).toBe('cancelled');
    expect(v.steps[0]!.conflict).toMatchObject({ code: 'invalid_transition', details: { reason: 'stale_state' } });
    expect(v.steps[0]!.to).toBeNull();
    expect(v.allowed).toEqual([]);
  });

  it('a step the server already has (its answer was lost, the download came first) is not applied twice', () => {
    const c = cmd({ workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} });
    const accepted = moved(detail(), { state: 'accepted', acceptedAt: c.at, respondedAt: c.at }, { id: c.id, command: 'accept', fromState: 'assigned', toState: 'accepted', at: c.at, receivedAt: '2026-11-28T01:55:00.000Z' });
    const v = one({ cached: [cached(accepted)], commands: [c] })[0]!;
    expect(v.order.state).toBe('accepted');
    expect(v.steps[0]!.conflict).toBeNull();
  });
});

describe('jobViews: server answers', () => {
  it('after sync the server copy that came back replaces the download (newest event wins)', () => {
    const c = cmd({ workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} });
    const result = moved(detail(), { state: 'accepted', acceptedAt: c.at, respondedAt: c.at }, { id: c.id, command: 'accept', fromState: 'assigned', toState: 'accepted', at: c.at, receivedAt: '2026-11-28T01:58:00.000Z' });
    c.status = 'synced';
    c.result = result;
    c.syncedAt = '2026-11-28T01:58:00.000Z';
    const v = one({ commands: [c] })[0]!;
    expect(v.server.state).toBe('accepted');
    expect(v.order.state).toBe('accepted');
    expect(v.pending).toBe(0);
    expect(v.synced).toBe(1);

    // A later download (newer event) wins over the sync answer.
    const later = moved(result, { state: 'in_progress', startedAt: '2026-11-28T02:10:00.000Z' }, { id: 'ev-start', command: 'start', fromState: 'accepted', toState: 'in_progress', receivedAt: '2026-11-28T02:10:00.000Z' });
    expect(one({ cached: [cached(later)], commands: [c] })[0]!.order.state).toBe('in_progress');
  });

  it('a rejected step shows the server’s reason and its current state replaces the phone’s — never silently', () => {
    const grabbedByOther = moved(poolOrder(), { state: 'assigned', assigneeId: OTHER_TECH, assigneeName: '王师傅', assignedVia: 'grab' }, { id: 'ev-grab-other', command: 'grab', fromState: 'submitted', toState: 'assigned', receivedAt: '2026-11-28T01:45:00.000Z' });
    const grab = cmd(
      { workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} },
      { status: 'rejected', rejection: { code: 'invalid_transition', message: 'grab cannot be made while the order is assigned', details: { state: 'assigned', reason: 'stale_state' }, current: grabbedByOther } },
    );
    const accept = cmd({ workOrderId: 'wo-2', command: 'accept', from: 'assigned', input: {} });
    const v = one({ cached: [cached(poolOrder(), 'pool')], commands: [grab, accept] })[0]!;
    expect(v.server.assigneeId).toBe(OTHER_TECH);
    expect(v.order.assigneeId).toBe(OTHER_TECH);
    expect(v.rejected.map((s) => s.rejection?.code)).toEqual(['invalid_transition']);
    // My accept made after my (failed) grab cannot stand on the server's copy either.
    expect(v.steps[1]!.conflict?.code).toBe('not_allowed');
    expect(v.mine).toBe(false);
    expect(tabOf(v)).toBe('pool');
  });

  it('an order known only from a rejection (no longer downloaded) is still shown; one with only synced steps is not', () => {
    const current = moved(poolOrder(), { state: 'cancelled', cancelledAt: '2026-11-28T01:45:00.000Z' }, { id: 'ev-c', command: 'cancel', fromState: 'submitted', toState: 'cancelled', receivedAt: '2026-11-28T01:45:00.000Z' });
    const rejected = cmd({ workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} }, { status: 'rejected', rejection: { code: 'invalid_transition', message: 'x', details: { state: 'cancelled' }, current } });
    const synced = cmd({ workOrderId: 'wo-9', command: 'accept', from: 'assigned', input: {} }, { status: 'synced', result: detail({ id: 'wo-9', state: 'accepted' }) });
    const views = one({ cached: [], commands: [rejected, synced] });
    expect(views.map((v) => [v.id, v.order.state])).toEqual([['wo-2', 'cancelled']]);
    expect(tabOf(views[0]!)).toBe('done');
  });
});

describe('jobViews: shared phone', () => {
  it('only the signed-in technician’s steps count', () => {
    const mine = cmd({ workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} });
    const theirs = cmd({ workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} }, { owner: OTHER_TECH });
    const noOwner = cmd({ workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} }, { owner: undefined });
    const reading = cmd({ workOrderId: 'wo-1', command: 'start', from: 'accepted', input: {} }, { type: 'reading.record' });
    const views = one({ cached: [cached(detail()), cached(poolOrder(), 'pool')], commands: [mine, theirs, noOwner, reading] });
    const byId = new Map(views.map((v) => [v.id, v]));
    expect(byId.get('wo-1')!.order.state).toBe('accepted');
    expect(byId.get('wo-1')!.steps).toHaveLength(1);
    expect(byId.get('wo-2')!.order.state).toBe('submitted');
    expect(byId.get('wo-2')!.steps).toHaveLength(0);
  });
});

describe('SLA at the phone’s time', () => {
  it('on track, at risk (< 25 % of the window left), overdue; the list puts the most urgent first', () => {
    const at = (iso: string) => one({ now: new Date(iso) })[0]!.sla;
    expect(at('2026-11-28T02:00:00.000Z')?.response).toMatchObject({ status: 'on_track', minutesLeft: 60 });
    expect(at('2026-11-28T02:40:00.000Z')?.response).toMatchObject({ status: 'at_risk', minutesLeft: 20 });
    expect(at('2026-11-28T03:00:30.000Z')?.response).toMatchObject({ status: 'overdue', minutesLeft: -1 });
    expect(at('2026-11-28T03:00:30.000Z')?.board).toBe('overdue');

    const urgent = detail({ id: 'wo-u', priority: 'urgent', responseDueAt: '2026-11-28T01:30:00.000Z', completeDueAt: '2026-11-28T05:00:00.000Z', submittedAt: SUBMITTED });
    const views = one({ cached: [cached(detail()), cached(urgent)], now: new Date('2026-11-28T01:35:00.000Z') });
    expect([...views].sort(byUrgency).map((v) => v.id)).toEqual(['wo-u', 'wo-1']);
  });
});
