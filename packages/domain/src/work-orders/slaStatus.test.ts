import { describe, expect, it } from 'vitest';
import { workOrderPolicy } from './policy';
import { slaStatus } from './slaStatus';

const T = (hhmm: string) => `2025-03-03T${hhmm}+08:00`;
/** Urgent: submitted 09:00, respond by 09:30 (30-min window), complete by 13:00 (240-min window). */
const urgent = {
  submittedAt: T('09:00:00'),
  responseDueAt: T('09:30:00'),
  completeDueAt: T('13:00:00'),
  respondedAt: null as string | null,
  completedAt: null as string | null,
  cancelledAt: null as string | null,
};

describe('slaStatus', () => {
  it('is on track while at least 25 % of the window is left', () => {
    // 8 of 30 minutes left (≥ 7.5)
    expect(slaStatus(urgent, T('09:22:00'))).toEqual({
      response: { status: 'on_track', dueAt: T('09:30:00'), minutesLeft: 8 },
      completion: { status: 'on_track', dueAt: T('13:00:00'), minutesLeft: 218 },
      board: 'on_track',
    });
  });

  it('is at risk below 25 % left, up to and including the deadline itself', () => {
    expect(slaStatus(urgent, T('09:22:31')).response).toEqual({ status: 'at_risk', dueAt: T('09:30:00'), minutesLeft: 7 }); // 7.48 min left
    expect(slaStatus(urgent, T('09:30:00')).response).toEqual({ status: 'at_risk', dueAt: T('09:30:00'), minutesLeft: 0 });
    expect(slaStatus(urgent, T('09:23:00')).board).toBe('at_risk');
  });

  it('is overdue after the deadline, with negative minutes', () => {
    const s = slaStatus(urgent, T('09:30:30'));
    expect(s.response).toEqual({ status: 'overdue', dueAt: T('09:30:00'), minutesLeft: -1 });
    expect(s.board).toBe('overdue');
    expect(slaStatus(urgent, T('10:15:00')).response.minutesLeft).toBe(-45);
  });

  it('stops a clock when it is met or missed; the other keeps running', () => {
    const responded = { ...urgent, respondedAt: T('09:25:00') };
    expect(slaStatus(responded, T('12:00:00'))).toEqual({
      response: { status: 'met', dueAt: T('09:30:00'), minutesLeft: null },
      completion: { status: 'on_track', dueAt: T('13:00:00'), minutesLeft: 60 }, // exactly 25 % of 240 left
      board: 'on_track',
    });
    expect(slaStatus(responded, T('12:00:01')).completion.status).toBe('at_risk');
    const late = { ...urgent, respondedAt: T('09:31:00'), completedAt: T('13:10:00') };
    expect(slaStatus(late, T('14:00:00'))).toMatchObject({ response: { status: 'missed' }, completion: { status: 'missed' }, board: null });
  });

  it('shows cancelled for the clocks a cancelled order had not met', () => {
    const cancelled = { ...urgent, respondedAt: T('09:10:00'), cancelledAt: T('09:40:00') };
    expect(slaStatus(cancelled, T('15:00:00'))).toMatchObject({ response: { status: 'met' }, completion: { status: 'cancelled', minutesLeft: null }, board: null });
  });

  it('uses the estate’s at-risk share', () => {
    const half = workOrderPolicy({ atRiskShare: 0.5 });
    expect(slaStatus(urgent, T('09:16:00'), half).response.status).toBe('at_risk'); // 14 of 30 left < 15
    expect(slaStatus(urgent, T('09:15:00'), half).response.status).toBe('on_track');
  });

  it('refuses a time without an offset', () => {
    expect(() => slaStatus(urgent, '2025-03-03 09:00')).toThrow(/UTC offset/);
  });
});
