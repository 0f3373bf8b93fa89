import { describe, expect, it } from 'vitest';
import { decideTransition } from './decideTransition';
import { workOrderPolicy } from './policy';
import { at, openOrder, run } from './test-helpers';
import { systemTimers } from './timers';

const DAY = 24 * 60;
const system = { kind: 'system' as const, id: 'system' };

describe('systemTimers', () => {
  it('escalation after the earliest deadline still owed', () => {
    const order = openOrder('repair'); // normal: respond by +120 min, complete by +48 h
    expect(systemTimers(order)).toEqual([{ command: 'escalate', after: at(120) }]);
    const accepted = run(order, [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
    ]);
    expect(systemTimers(accepted)).toEqual([{ command: 'escalate', after: at(2 * DAY) }]);
    const escalated = run(order, [['escalate', 'manager', 'm1', { reason: '住户催促' }]]);
    expect(systemTimers(escalated)).toEqual([]);
  });

  it('the no-response close once the survey window ends, and the command then succeeds', () => {
    const completed = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
      ['complete', 'technician', 't1', { completionNotes: '修好了' }],
    ]);
    const policy = workOrderPolicy({ surveyDays: 3 });
    const [timer] = systemTimers(completed, policy);
    expect(timer?.command).toBe('close_no_response');
    const after = Date.parse(timer?.after ?? '');
    expect(new Date(after + 1).toISOString()).toBe(at(40 + 3 * DAY));
    expect(decideTransition(completed, 'close_no_response', system, { at: new Date(after + 1).toISOString() }, policy).ok).toBe(true);
    expect(decideTransition(completed, 'close_no_response', system, { at: timer?.after ?? '' }, policy).ok).toBe(false);
  });

  it('none for closed, cancelled or internal completed orders', () => {
    const internal = run(openOrder('internal'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
      ['complete', 'technician', 't1', { completionNotes: '换灯' }],
    ]);
    expect(systemTimers(internal)).toEqual([]);
    expect(systemTimers(run(openOrder('repair'), [['cancel', 'resident', 'r1', {}]]))).toEqual([]);
  });
});
