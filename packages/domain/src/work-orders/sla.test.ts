import { describe, expect, it } from 'vitest';
import { categoriesForKind, DEFAULT_CATEGORIES, findCategory } from './categories';
import { WorkOrderError } from './errors';
import { WORK_ORDER_KINDS } from './kinds';
import { DEFAULT_WORK_ORDER_POLICY, slaFor, workOrderPolicy } from './policy';
import { WORK_ORDER_PRIORITIES } from './priority';
import { computeDueDates, DEFAULT_SLAS } from './sla';

function reason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkOrderError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('DEFAULT_SLAS', () => {
  it('are the windows the issue names, tighter for higher priorities', () => {
    expect(DEFAULT_SLAS.urgent).toEqual({ responseMinutes: 30, completeMinutes: 240 });
    expect(DEFAULT_SLAS.normal).toEqual({ responseMinutes: 120, completeMinutes: 2880 });
    for (let i = 1; i < WORK_ORDER_PRIORITIES.length; i++) {
      const [a, b] = [DEFAULT_SLAS[WORK_ORDER_PRIORITIES[i - 1]!], DEFAULT_SLAS[WORK_ORDER_PRIORITIES[i]!]];
      expect(a.responseMinutes).toBeLessThan(b.responseMinutes);
      expect(a.completeMinutes).toBeLessThan(b.completeMinutes);
    }
  });
});

describe('computeDueDates (golden, wall-clock minutes, UTC out)', () => {
  it.each([
    // submitted (Beijing)             sla                         response due (UTC)            complete due (UTC)
    ['2025-03-01T09:00:00+08:00', DEFAULT_SLAS.urgent, '2025-03-01T01:30:00.000Z', '2025-03-01T05:00:00.000Z'], // 09:30 / 13:00 Beijing
    ['2025-03-01T23:50:00+08:00', DEFAULT_SLAS.urgent, '2025-03-01T16:20:00.000Z', '2025-03-01T19:50:00.000Z'], // 00:20 / 03:50 next day, no night pause
    ['2025-02-28T20:00:00+08:00', DEFAULT_SLAS.normal, '2025-02-28T14:00:00.000Z', '2025-03-02T12:00:00.000Z'], // 22:00; 48 h over the month end
    ['2024-02-28T22:00:00+08:00', DEFAULT_SLAS.normal, '2024-02-28T16:00:00.000Z', '2024-03-01T14:00:00.000Z'], // 00:00 on 29 Feb; 48 h later is 1 Mar 22:00 (the leap day counts)
    ['2025-03-08T18:00:00+08:00', DEFAULT_SLAS.low, '2025-03-08T18:00:00.000Z', '2025-03-11T10:00:00.000Z'], // Saturday 18:00 → Sunday 02:00 / Tuesday 18:00 Beijing: no weekend skipped
    ['2025-03-01T01:00:00Z', DEFAULT_SLAS.high, '2025-03-01T02:00:00.000Z', '2025-03-02T01:00:00.000Z'], // given in UTC
  ])('%s + %o', (submittedAt, sla, responseDueAt, completeDueAt) => {
    expect(computeDueDates(submittedAt, sla)).toEqual({ responseDueAt, completeDueAt });
  });

  it('accepts a Date and refuses a time without an offset', () => {
    expect(computeDueDates(new Date('2025-03-01T01:00:00Z'), { responseMinutes: 15, completeMinutes: 15 }).responseDueAt).toBe('2025-03-01T01:15:00.000Z');
    expect(reason(() => computeDueDates('2025-03-01 09:00', DEFAULT_SLAS.urgent))).toBe('INVALID_TIMESTAMP');
    expect(reason(() => computeDueDates('2025-03-01T09:00:00', DEFAULT_SLAS.urgent))).toBe('INVALID_TIMESTAMP');
  });

  it('refuses windows that are not whole positive minutes, or respond later than complete', () => {
    expect(reason(() => computeDueDates('2025-03-01T09:00:00+08:00', { responseMinutes: 0, completeMinutes: 10 }))).toBe('INVALID_SLA');
    expect(reason(() => computeDueDates('2025-03-01T09:00:00+08:00', { responseMinutes: 1.5, completeMinutes: 10 }))).toBe('INVALID_SLA');
    expect(reason(() => computeDueDates('2025-03-01T09:00:00+08:00', { responseMinutes: 60, completeMinutes: 30 }))).toBe('INVALID_SLA');
  });
});

describe('categories and the estate policy', () => {
  it('DEFAULT_CATEGORIES: unique codes, both names, every kind has some and "other"', () => {
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.code)).size).toBe(DEFAULT_CATEGORIES.length);
    for (const kind of WORK_ORDER_KINDS) expect(categoriesForKind(kind).map((c) => c.code)).toContain('other');
    expect(categoriesForKind('complaint').map((c) => c.code)).toContain('noise');
    expect(categoriesForKind('repair').map((c) => c.code)).not.toContain('noise');
    expect(findCategory('elevator')).toMatchObject({ zh: '电梯', en: 'Elevator', defaultPriority: 'high' });
    expect(workOrderPolicy()).toEqual(DEFAULT_WORK_ORDER_POLICY);
  });

  it('slaFor: a category’s own window wins, the policy covers the rest', () => {
    const policy = workOrderPolicy({
      slas: { normal: { responseMinutes: 60, completeMinutes: 1440 } },
      categories: [...DEFAULT_CATEGORIES.filter((c) => c.code !== 'elevator'), { ...findCategory('elevator')!, sla: { urgent: { responseMinutes: 15, completeMinutes: 120 } } }],
    });
    expect(slaFor('elevator', 'urgent', policy)).toEqual({ responseMinutes: 15, completeMinutes: 120 });
    expect(slaFor('elevator', 'high', policy)).toEqual(DEFAULT_SLAS.high);
    expect(slaFor('water_electric', 'normal', policy)).toEqual({ responseMinutes: 60, completeMinutes: 1440 });
    expect(reason(() => slaFor('nope', 'normal'))).toBe('INVALID_CATEGORY');
  });

  it('refuses unusable settings', () => {
    expect(reason(() => workOrderPolicy({ atRiskShare: 1 }))).toBe('INVALID_POLICY');
    expect(reason(() => workOrderPolicy({ surveyDays: 0 }))).toBe('INVALID_POLICY');
    expect(reason(() => workOrderPolicy({ reopenWindowDays: 1.5 }))).toBe('INVALID_POLICY');
    expect(reason(() => workOrderPolicy({ slas: { low: { responseMinutes: 10, completeMinutes: 5 } } }))).toBe('INVALID_SLA');
    expect(reason(() => workOrderPolicy({ categories: [] }))).toBe('INVALID_POLICY');
    const dup = [DEFAULT_CATEGORIES[0]!, DEFAULT_CATEGORIES[0]!];
    expect(reason(() => workOrderPolicy({ categories: dup }))).toBe('INVALID_CATEGORY');
    expect(reason(() => workOrderPolicy({ categories: [{ ...DEFAULT_CATEGORIES[0]!, kinds: [] }] }))).toBe('INVALID_CATEGORY');
    expect(reason(() => workOrderPolicy({ categories: [{ ...DEFAULT_CATEGORIES[0]!, code: 'Bad Code' }] }))).toBe('INVALID_CATEGORY');
  });
});
