import { describe, expect, it } from 'vitest';
import { allowedCommands, commandForm } from './allowedCommands';
import { workOrderPolicy } from './policy';
import { actor, at, openOrder, run } from './test-helpers';

const DAY = 24 * 60;

describe('allowedCommands (the buttons)', () => {
  it('per actor on a fresh repair', () => {
    const order = openOrder('repair');
    expect(allowedCommands(order, actor(order, 'resident', 'r1'))).toEqual(['cancel', 'edit']);
    expect(allowedCommands(order, actor(order, 'resident', 'r2'))).toEqual([]);
    expect(allowedCommands(order, actor(order, 'customer_service', 'cs1'))).toEqual(['dispatch', 'cancel', 'escalate', 'reclassify', 'edit']);
    expect(allowedCommands(order, actor(order, 'technician', 't1'))).toEqual(['grab']);
    expect(allowedCommands(order, actor(order, 'technician', 't1'), { policy: workOrderPolicy({ allowGrab: false }) })).toEqual([]);
  });

  it('follows the assignee flag and the state', () => {
    const order = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
    ]);
    expect(allowedCommands(order, actor(order, 'technician', 't1'))).toEqual(['hold', 'complete']);
    expect(allowedCommands(order, actor(order, 'technician', 't2'))).toEqual([]);
    expect(allowedCommands(order, actor(order, 'resident', 'r1'))).toEqual([]);
    expect(allowedCommands(order, actor(order, 'manager', 'm1'))).toEqual(['reassign', 'hold', 'cancel', 'escalate', 'edit']);
  });

  it('judges time windows when given the time', () => {
    const completed = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
      ['complete', 'technician', 't1', { completionNotes: '修好了' }],
    ]);
    const system = { kind: 'system' as const, id: 'system' };
    expect(allowedCommands(completed, system, { now: at(50) })).toEqual([]);
    expect(allowedCommands(completed, system, { now: at(40 + 7 * DAY) })).toEqual(['close_no_response']);
    expect(allowedCommands(completed, actor(completed, 'resident', 'r1'))).toEqual(['answer_survey', 'reopen']);

    const closed = run(completed, [['answer_survey', 'resident', 'r1', { satisfaction: 5, fixed: true, at: at(60) }]]);
    expect(allowedCommands(closed, actor(closed, 'resident', 'r1'), { now: at(60 + DAY) })).toEqual(['reopen']);
    expect(allowedCommands(closed, actor(closed, 'resident', 'r1'), { now: at(60 + 8 * DAY) })).toEqual([]);
  });

  it('offers the timer’s escalation only once a deadline has passed, and only once', () => {
    const order = openOrder('complaint'); // respond by +120 min
    const system = { kind: 'system' as const, id: 'system' };
    expect(allowedCommands(order, system, { now: at(100) })).toEqual([]);
    expect(allowedCommands(order, system, { now: at(121) })).toEqual(['escalate']);
    const escalated = run(order, [['escalate', 'system', 'system', { at: at(121) }]]);
    expect(allowedCommands(escalated, system, { now: at(500) })).toEqual([]);
  });

  it('hides an edit whose fields are all frozen, and the form lists only open fields', () => {
    const order = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
    ]);
    const cs = actor(order, 'customer_service', 'cs1');
    expect(commandForm(order, 'edit', cs)).toEqual({
      requires: [],
      requiresAnyOf: ['contactName', 'contactPhone', 'appointmentAt'],
      accepts: ['contactName', 'contactPhone', 'appointmentAt'],
    });
    expect(commandForm(order, 'reassign', cs)).toEqual({ requires: ['assigneeId', 'reason'], requiresAnyOf: [], accepts: ['assigneeId', 'reason'] });
    expect(commandForm(order, 'complete', cs)).toBeNull();
  });

  it('states the paid-service charge and the estate’s photo rule in the completion form', () => {
    const order = run(openOrder('paid_service'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
    ]);
    const t1 = actor(order, 'technician', 't1');
    expect(commandForm(order, 'complete', t1)?.requires).toEqual(['completionNotes', 'chargeAmount']);
    expect(commandForm(order, 'complete', t1, workOrderPolicy({ completionPhotosRequired: true }))?.requires).toEqual([
      'completionNotes',
      'chargeAmount',
      'completionPhotos',
    ]);
  });
});
