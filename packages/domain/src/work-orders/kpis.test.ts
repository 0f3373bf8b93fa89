/**
 * KPIs against a fixture computed by hand. March 2025 (Beijing days 1–31), figures taken on 2 April
 * 10:00. Each order says which figures it lands in and why; the totals are added up by hand below.
 */
import { describe, expect, it } from 'vitest';
import { type KpiOrder, kpiPercent, workOrderKpis } from './kpis';

const T = (beijing: string) => `${beijing}:00+08:00`; // "2025-03-02T09:00" → ISO with the Beijing offset

function o(fields: Partial<KpiOrder> & Pick<KpiOrder, 'kind' | 'submittedAt' | 'responseDueAt' | 'completeDueAt'>): KpiOrder {
  return { respondedAt: null, completedAt: null, cancelledAt: null, closedAt: null, closeReason: null, reopenCount: 0, survey: null, ...fields };
}

const FIXTURE: Record<string, KpiOrder> = {
  // A: responded in 60 min (on time), completed in 1440 min (on time), answered 5 → satisfied.
  A: o({
    kind: 'repair',
    submittedAt: T('2025-03-02T09:00'),
    responseDueAt: T('2025-03-02T11:00'),
    respondedAt: T('2025-03-02T10:00'),
    completeDueAt: T('2025-03-04T09:00'),
    completedAt: T('2025-03-03T09:00'),
    survey: { satisfaction: 5, answeredAt: T('2025-03-04T10:00') },
    closedAt: T('2025-03-04T10:00'),
    closeReason: 'survey',
  }),
  // B: responded in 210 min (late), completed in 4320 min (late), answered 3 → not satisfied.
  B: o({
    kind: 'repair',
    submittedAt: T('2025-03-05T08:00'),
    responseDueAt: T('2025-03-05T10:00'),
    respondedAt: T('2025-03-05T11:30'),
    completeDueAt: T('2025-03-07T08:00'),
    completedAt: T('2025-03-08T08:00'),
    survey: { satisfaction: 3, answeredAt: T('2025-03-09T09:00') },
    closedAt: T('2025-03-09T09:00'),
    closeReason: 'survey',
  }),
  // C: urgent; 20 min (on time), 180 min (on time) after one reopen; survey unanswered → no_response.
  C: o({
    kind: 'repair',
    submittedAt: T('2025-03-10T22:00'),
    responseDueAt: T('2025-03-10T22:30'),
    respondedAt: T('2025-03-10T22:20'),
    completeDueAt: T('2025-03-11T02:00'),
    completedAt: T('2025-03-11T01:00'),
    reopenCount: 1,
    closedAt: T('2025-03-18T01:00'),
    closeReason: 'no_response',
  }),
  // D: paid service; 30 min (on time), 1440 min (on time), answered 4 → satisfied.
  D: o({
    kind: 'paid_service',
    submittedAt: T('2025-03-12T10:00'),
    responseDueAt: T('2025-03-12T12:00'),
    respondedAt: T('2025-03-12T10:30'),
    completeDueAt: T('2025-03-14T10:00'),
    completedAt: T('2025-03-13T10:00'),
    survey: { satisfaction: 4, answeredAt: T('2025-03-13T12:00') },
    closedAt: T('2025-03-13T12:00'),
    closeReason: 'survey',
  }),
  // E: still in progress; 60 min (on time); completion deadline 22 March passed → late.
  E: o({
    kind: 'repair',
    submittedAt: T('2025-03-20T09:00'),
    responseDueAt: T('2025-03-20T11:00'),
    respondedAt: T('2025-03-20T10:00'),
    completeDueAt: T('2025-03-22T09:00'),
  }),
  // F: never responded; response deadline 31 March 22:00 is in March and passed → late response;
  //    completion due 2 April 20:00: not in March (and not passed) → not counted.
  F: o({
    kind: 'repair',
    submittedAt: T('2025-03-31T20:00'),
    responseDueAt: T('2025-03-31T22:00'),
    completeDueAt: T('2025-04-02T20:00'),
  }),
  // G: cancelled by the resident at 09:30, before any deadline → in no rate; counted as cancelled.
  G: o({
    kind: 'repair',
    submittedAt: T('2025-03-15T09:00'),
    responseDueAt: T('2025-03-15T11:00'),
    completeDueAt: T('2025-03-17T09:00'),
    cancelledAt: T('2025-03-15T09:30'),
  }),
  // H: cancelled by staff at 15:00, after the response deadline passed unanswered → late response;
  //    completion due 18 March, after the cancellation → not counted.
  H: o({
    kind: 'repair',
    submittedAt: T('2025-03-16T09:00'),
    responseDueAt: T('2025-03-16T11:00'),
    completeDueAt: T('2025-03-18T09:00'),
    cancelledAt: T('2025-03-16T15:00'),
  }),
  // I: complaint; 45 min (on time), replied in 1440 min (on time), rated 2 → not satisfied.
  I: o({
    kind: 'complaint',
    submittedAt: T('2025-03-25T09:00'),
    responseDueAt: T('2025-03-25T11:00'),
    respondedAt: T('2025-03-25T09:45'),
    completeDueAt: T('2025-03-27T09:00'),
    completedAt: T('2025-03-26T09:00'),
    survey: { satisfaction: 2, answeredAt: T('2025-03-26T18:00') },
    closedAt: T('2025-03-26T18:00'),
    closeReason: 'survey',
  }),
  // J: complaint; 60 min (on time), 1440 min (on time), rated 5 → satisfied.
  J: o({
    kind: 'complaint',
    submittedAt: T('2025-03-28T10:00'),
    responseDueAt: T('2025-03-28T12:00'),
    respondedAt: T('2025-03-28T11:00'),
    completeDueAt: T('2025-03-30T10:00'),
    completedAt: T('2025-03-29T10:00'),
    survey: { satisfaction: 5, answeredAt: T('2025-03-29T20:00') },
    closedAt: T('2025-03-29T20:00'),
    closeReason: 'survey',
  }),
  // K: submitted and responded in February (not in March's response figures); completed 2 March,
  //    a day after its deadline → late in March, 4320 min; answered 5 on 3 March → satisfied.
  K: o({
    kind: 'repair',
    submittedAt: T('2025-02-27T09:00'),
    responseDueAt: T('2025-02-27T11:00'),
    respondedAt: T('2025-02-27T10:00'),
    completeDueAt: T('2025-03-01T09:00'),
    completedAt: T('2025-03-02T09:00'),
    survey: { satisfaction: 5, answeredAt: T('2025-03-03T09:00') },
    closedAt: T('2025-03-03T09:00'),
    closeReason: 'survey',
  }),
  // L: internal job; 30 min (on time), 1440 min (on time); verified, no survey → not in follow-up.
  L: o({
    kind: 'internal',
    submittedAt: T('2025-03-06T08:00'),
    responseDueAt: T('2025-03-06T10:00'),
    respondedAt: T('2025-03-06T08:30'),
    completeDueAt: T('2025-03-08T08:00'),
    completedAt: T('2025-03-07T08:00'),
    closedAt: T('2025-03-07T09:00'),
    closeReason: 'verified',
  }),
  // M: responded 30 March in 60 min (on time, March); completed 1 April → April's completion figures.
  M: o({
    kind: 'repair',
    submittedAt: T('2025-03-30T09:00'),
    responseDueAt: T('2025-03-30T11:00'),
    respondedAt: T('2025-03-30T10:00'),
    completeDueAt: T('2025-04-01T09:00'),
    completedAt: T('2025-04-01T08:00'),
  }),
  // N: submitted 31 March 23:00, response due 1 April 01:00 and missed → late, but in April's figures.
  N: o({
    kind: 'repair',
    submittedAt: T('2025-03-31T23:00'),
    responseDueAt: T('2025-04-01T01:00'),
    completeDueAt: T('2025-04-02T23:00'),
  }),
};

describe('workOrderKpis (hand-computed fixture)', () => {
  const kpis = workOrderKpis(Object.values(FIXTURE), { from: '2025-03-01', to: '2025-03-31', now: T('2025-04-02T10:00') });

  it('counts submissions and cancellations by their own dates', () => {
    // submitted in March: all but K = 13; cancelled in March: G, H
    expect(kpis.submitted).toBe(13);
    expect(kpis.cancelled).toBe(2);
  });

  it('response on time: 8 of 11', () => {
    // counted: A B C D E I J L M (responded in March) + F (missed, due in March) + H (cancelled after missing it) = 11
    // on time: A C D E I J L M = 8 → 72.7272… → 72.73
    expect(kpis.responseOnTime).toEqual({ count: 8, base: 11, rate: '72.73' });
  });

  it('completion on time 维修及时率: 6 of 9', () => {
    // counted: A B C D I J K L (completed in March) + E (open, deadline 22 March passed) = 9
    // on time: A C D I J L = 6 → 66.666… → 66.67
    expect(kpis.completionOnTime).toEqual({ count: 6, base: 9, rate: '66.67' });
  });

  it('follow-up 回访率: 6 of 7, no_response counted apart', () => {
    // ended in March: answered A B D I J K (6) + C closed as no_response (1); L is internal, never surveyed
    // 6 / 7 = 85.714… → 85.71
    expect(kpis.followUp).toEqual({ count: 6, base: 7, rate: '85.71' });
    expect(kpis.noResponse).toBe(1);
  });

  it('satisfaction 满意率 (repairs and paid services): 3 of 4; complaints: 1 of 2', () => {
    // answered: A 5, B 3, D 4, K 5 → satisfied A D K = 3 / 4 = 75.00; C (no response) is in neither count
    expect(kpis.satisfaction).toEqual({ count: 3, base: 4, rate: '75.00' });
    // complaints: I 2, J 5 → 1 / 2 = 50.00
    expect(kpis.complaintSatisfaction).toEqual({ count: 1, base: 2, rate: '50.00' });
  });

  it('reopen 返修率: 1 of 8', () => {
    // completed in March: A B C D I J K L = 8; reopened at least once: C → 12.50
    expect(kpis.reopen).toEqual({ count: 1, base: 8, rate: '12.50' });
  });

  it('average response and completion minutes', () => {
    // response (responded in March): A 60 + B 210 + C 20 + D 30 + E 60 + I 45 + J 60 + L 30 + M 60 = 575 / 9 = 63.888… → 63.89
    expect(kpis.averageResponseMinutes).toBe('63.89');
    // completion (completed in March): A 1440 + B 4320 + C 180 + D 1440 + I 1440 + J 1440 + K 4320 + L 1440 = 16020 / 8 = 2002.50
    expect(kpis.averageCompletionMinutes).toBe('2002.50');
  });

  it('gives the late orders to the month their deadline fell in', () => {
    const april = workOrderKpis(Object.values(FIXTURE), { from: '2025-04-01', to: '2025-04-30', now: T('2025-04-02T10:00') });
    // response: N missed 1 April 01:00 → 0 of 1; completion: M on time 1 April (F, N not yet due) → 1 of 1
    expect(april.responseOnTime).toEqual({ count: 0, base: 1, rate: '0.00' });
    expect(april.completionOnTime).toEqual({ count: 1, base: 1, rate: '100.00' });
    expect(april.submitted).toBe(0);
  });

  it('does not count an open order before its deadline has passed', () => {
    const early = workOrderKpis([FIXTURE.E!, FIXTURE.F!], { from: '2025-03-01', to: '2025-03-31', now: T('2025-03-21T00:00') });
    // E responded (on time); its completion is due 22 March, not passed on the 21st; F's response due 31 March not passed
    expect(early.responseOnTime).toEqual({ count: 1, base: 1, rate: '100.00' });
    expect(early.completionOnTime).toEqual({ count: 0, base: 0, rate: null });
  });

  it('has no rate without a base', () => {
    const none = workOrderKpis([], { from: '2025-03-01', to: '2025-03-31', now: T('2025-04-02T10:00') });
    expect(none).toMatchObject({ submitted: 0, averageResponseMinutes: null, averageCompletionMinutes: null });
    for (const r of [none.responseOnTime, none.completionOnTime, none.followUp, none.satisfaction, none.complaintSatisfaction, none.reopen]) {
      expect(r).toEqual({ count: 0, base: 0, rate: null });
    }
  });

  it('counts the range by Beijing days: 1 March 00:00 in, 1 April 00:00 out', () => {
    const edge = (submittedAt: string) =>
      workOrderKpis([o({ kind: 'repair', submittedAt, responseDueAt: submittedAt, completeDueAt: submittedAt })], {
        from: '2025-03-01',
        to: '2025-03-31',
        now: T('2025-04-02T10:00'),
      }).submitted;
    expect(edge('2025-02-28T16:00:00Z')).toBe(1); // 1 March 00:00 Beijing
    expect(edge('2025-02-28T15:59:59Z')).toBe(0);
    expect(edge('2025-03-31T15:59:59Z')).toBe(1);
    expect(edge('2025-03-31T16:00:00Z')).toBe(0); // 1 April 00:00 Beijing
  });

  it('an answer given before a reopen still counts: "not fixed, 2 stars" stays in 满意率 after the redo is rated 5', () => {
    // Reopened in March after a 2-star answer on 10 March, redone and rated 5 on 20 March.
    const redone = o({
      kind: 'repair',
      submittedAt: T('2025-03-09T09:00'),
      responseDueAt: T('2025-03-09T11:00'),
      completeDueAt: T('2025-03-11T09:00'),
      respondedAt: T('2025-03-09T10:00'),
      completedAt: T('2025-03-19T09:00'),
      reopenCount: 1,
      survey: { satisfaction: 5, answeredAt: T('2025-03-20T09:00') },
      earlierAnswers: [{ satisfaction: 2, answeredAt: T('2025-03-10T09:00') }],
    });
    const k = workOrderKpis([redone], { from: '2025-03-01', to: '2025-03-31', now: T('2025-04-02T10:00') });
    // two answers, one satisfied: 1 of 2 = 50.00 (without the earlier answer it would read 100.00)
    expect(k.satisfaction).toEqual({ count: 1, base: 2, rate: '50.00' });
    expect(k.followUp).toEqual({ count: 2, base: 2, rate: '100.00' });
    // an earlier answer outside the range is not counted in it
    const april = workOrderKpis([redone], { from: '2025-03-15', to: '2025-03-31', now: T('2025-04-02T10:00') });
    expect(april.satisfaction).toEqual({ count: 1, base: 1, rate: '100.00' });
  });

  it('refuses a range that is not two dates in order', () => {
    expect(() => workOrderKpis([], { from: '2025-03-31', to: '2025-03-01', now: T('2025-04-02T10:00') })).toThrow(/ends before/);
    expect(() => workOrderKpis([], { from: '2025-03', to: '2025-03-31', now: T('2025-04-02T10:00') })).toThrow(/calendar dates/);
  });
});

describe('kpiPercent', () => {
  it('is ×100 with 2 decimals ROUND_HALF_UP, null without a base (as the collection-rate report)', () => {
    expect(kpiPercent(1, 160)).toBe('0.63'); // 0.625 → 0.63 (half-even would say 0.62)
    expect(kpiPercent(2, 3)).toBe('66.67');
    expect(kpiPercent(3, 3)).toBe('100.00');
    expect(kpiPercent(0, 7)).toBe('0.00');
    expect(kpiPercent(0, 0)).toBeNull();
  });
});
