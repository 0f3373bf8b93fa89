import { describe, expect, it } from 'vitest';
import { categoryPromise, duration, slaHint } from './sla-hint';
import { listItem } from './test-data';

const NOW = Date.parse('2025-03-05T10:00:00+08:00');
const at = (hhmm: string, day = '05') => `2025-03-${day}T${hhmm}:00+08:00`;

describe('duration', () => {
  it('rounds a promise up, in minutes, hours up to two days, then days', () => {
    expect(duration(0.2)).toEqual({ key: 'workOrders.duration.minutes', n: 1 });
    expect(duration(45)).toEqual({ key: 'workOrders.duration.minutes', n: 45 });
    expect(duration(59.5)).toEqual({ key: 'workOrders.duration.hours', n: 1 });
    expect(duration(61)).toEqual({ key: 'workOrders.duration.hours', n: 2 });
    expect(duration(120)).toEqual({ key: 'workOrders.duration.hours', n: 2 });
    expect(duration(2880)).toEqual({ key: 'workOrders.duration.hours', n: 48 });
    expect(duration(2881)).toEqual({ key: 'workOrders.duration.days', n: 3 });
    expect(duration(4320)).toEqual({ key: 'workOrders.duration.days', n: 3 });
  });
});

describe('slaHint', () => {
  const submitted = listItem({ submittedAt: at('09:30'), responseDueAt: at('11:30'), completeDueAt: at('09:30', '07') });

  it('before the first response: when to expect it (a complaint is acknowledged)', () => {
    expect(slaHint(submitted, NOW)).toEqual({ key: 'workOrders.sla.respondWithin', duration: { key: 'workOrders.duration.hours', n: 2 }, tone: 'normal' });
    expect(slaHint({ ...submitted, kind: 'complaint' }, NOW)?.key).toBe('workOrders.sla.acknowledgeWithin');
    expect(slaHint({ ...submitted, state: 'assigned' }, NOW)?.duration).toEqual({ key: 'workOrders.duration.hours', n: 2 });
    expect(slaHint(submitted, Date.parse(at('11:20')))?.duration).toEqual({ key: 'workOrders.duration.minutes', n: 10 });
  });

  it('late is said plainly', () => {
    expect(slaHint(submitted, Date.parse(at('11:31')))).toEqual({ key: 'workOrders.sla.respondOverdue', tone: 'danger' });
    const working = { ...submitted, state: 'in_progress' as const, respondedAt: at('10:00') };
    expect(slaHint(working, Date.parse(at('09:31', '07')))).toEqual({ key: 'workOrders.sla.completeOverdue', tone: 'danger' });
  });

  it('once answered: when to expect the work done (a complaint replied), also after a reopen', () => {
    const working = { ...submitted, state: 'in_progress' as const, respondedAt: at('10:00') };
    expect(slaHint(working, NOW)).toEqual({ key: 'workOrders.sla.completeWithin', duration: { key: 'workOrders.duration.hours', n: 48 }, tone: 'normal' });
    expect(slaHint({ ...working, kind: 'complaint', state: 'handling' }, NOW)?.key).toBe('workOrders.sla.replyWithin');
    // Reopened: back to submitted, the first response kept — judged on the completion clock.
    expect(slaHint({ ...working, state: 'submitted' }, NOW)?.key).toBe('workOrders.sla.completeWithin');
  });

  it('waiting for the rating, on hold, or over', () => {
    expect(slaHint({ ...submitted, state: 'completed' }, NOW)).toEqual({ key: 'workOrders.sla.surveyWaiting', tone: 'action' });
    expect(slaHint({ ...submitted, kind: 'complaint', state: 'responded' }, NOW)?.key).toBe('workOrders.sla.surveyWaiting');
    expect(slaHint({ ...submitted, state: 'on_hold' }, NOW)).toEqual({ key: 'workOrders.sla.onHold', tone: 'warning' });
    expect(slaHint({ ...submitted, state: 'closed' }, NOW)).toBeNull();
    expect(slaHint({ ...submitted, state: 'cancelled' }, NOW)).toBeNull();
  });
});

describe('categoryPromise', () => {
  const slas = { normal: { responseMinutes: 120, completeMinutes: 2880 } };

  it("uses the category's own windows, else the estate's for its priority, else promises nothing", () => {
    const own = categoryPromise('repair', { priority: 'high', responseMinutes: 15, completeMinutes: 120 }, slas);
    expect(own).toEqual({
      key: 'workOrders.sla.workPromise',
      respond: { key: 'workOrders.duration.minutes', n: 15 },
      complete: { key: 'workOrders.duration.hours', n: 2 },
    });
    const estate = categoryPromise('complaint', { priority: 'normal', responseMinutes: null, completeMinutes: null }, slas);
    expect(estate?.key).toBe('workOrders.sla.complaintPromise');
    expect(estate?.complete).toEqual({ key: 'workOrders.duration.hours', n: 48 });
    expect(categoryPromise('repair', { priority: 'low', responseMinutes: null, completeMinutes: null }, slas)).toBeNull();
    expect(categoryPromise('repair', { priority: 'low', responseMinutes: null, completeMinutes: null }, undefined)).toBeNull();
  });
});
