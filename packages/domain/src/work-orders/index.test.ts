import { describe, expect, it } from 'vitest';
import * as domain from '../index';
import * as workOrders from './index';

describe('work-orders public surface', () => {
  it('exports the rules, also from @pm/domain', () => {
    for (const name of [
      'decideTransition',
      'applyDecision',
      'allowedCommands',
      'commandForm',
      'openWorkOrder',
      'computeDueDates',
      'slaFor',
      'slaStatus',
      'systemTimers',
      'workOrderKpis',
      'kpiPercent',
      'workOrderPolicy',
      'isFieldFrozen',
      'paidServiceCharge',
      'WorkOrderError',
    ]) {
      expect(typeof (workOrders as Record<string, unknown>)[name], name).toBe('function');
      expect((domain as Record<string, unknown>)[name], name).toBe((workOrders as Record<string, unknown>)[name]);
    }
    expect(workOrders.TRANSITIONS.length).toBeGreaterThan(100);
    expect(workOrders.WORK_ORDER_KINDS).toEqual(['repair', 'complaint', 'paid_service', 'internal']);
    expect(workOrders.DEFAULT_SLAS.urgent.responseMinutes).toBe(30);
    expect(Object.keys(workOrders.FROZEN_FIELDS_AFTER).sort()).toEqual([...workOrders.WORK_ORDER_STATES].sort());
  });

  it('works end to end: open, dispatch, the board, complete, survey, KPIs', () => {
    const opened = workOrders.openWorkOrder(
      { id: 'wo-9', kind: 'repair', category: 'pipes', location: 'unit', unitId: 'u-101', description: '下水道堵塞', submittedAt: '2025-03-03T09:00:00+08:00' },
      { kind: 'resident', id: 'r1' },
    );
    if (!opened.ok) throw new Error(opened.message);
    let order = opened.order;
    const step = (command: workOrders.WorkOrderCommand, actor: workOrders.WorkOrderActor, input: workOrders.TransitionInput) => {
      const d = workOrders.decideTransition(order, command, actor, input);
      if (!d.ok) throw new Error(d.message);
      order = workOrders.applyDecision(order, d);
    };
    step('dispatch', { kind: 'customer_service', id: 'cs1' }, { at: '2025-03-03T09:10:00+08:00', assigneeId: 't1' });
    expect(workOrders.slaStatus(order, '2025-03-03T09:50:00+08:00').board).toBe('at_risk'); // high: respond by 10:00, 10 of 60 min left
    const t1 = { kind: 'technician' as const, id: 't1', isAssignee: true };
    step('accept', t1, { at: '2025-03-03T09:55:00+08:00' });
    step('start', t1, { at: '2025-03-03T10:30:00+08:00' });
    step('complete', t1, { at: '2025-03-03T11:00:00+08:00', completionNotes: '疏通完毕', labourMinutes: 30 });
    step('answer_survey', { kind: 'resident', id: 'r1', isReporter: true }, { at: '2025-03-03T18:00:00+08:00', satisfaction: 5, fixed: true });
    expect(order.state).toBe('closed');
    const kpis = workOrders.workOrderKpis([order], { from: '2025-03-01', to: '2025-03-31', now: '2025-04-01T00:00:00+08:00' });
    expect(kpis).toMatchObject({
      responseOnTime: { count: 1, base: 1, rate: '100.00' },
      completionOnTime: { rate: '100.00' },
      satisfaction: { rate: '100.00' },
      averageResponseMinutes: '55.00',
      averageCompletionMinutes: '120.00',
    });
  });
});
