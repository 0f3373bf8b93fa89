import { describe, expect, it } from 'vitest';
import { hourLabel, visitDays, visitInstant, weekdayLabel } from './visit-time';

describe('visit time slots', () => {
  it('offers the next 7 Beijing days, 08:00–20:00, today from two hours ahead', () => {
    // 13:20 in Beijing (05:20 UTC): today's first slot is 15:00.
    const days = visitDays(new Date('2025-03-05T05:20:00Z'));
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ date: '2025-03-05', offset: 0, hours: [15, 16, 17, 18, 19, 20] });
    expect(days[1]).toEqual({ date: '2025-03-06', offset: 1, hours: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] });
    expect(days[6]!.date).toBe('2025-03-11');
  });

  it('skips today when its last slot is gone, and counts days in Beijing, not UTC', () => {
    // 23:30 UTC on the 4th is 07:30 on the 5th in Beijing: today still has every slot from 09:00.
    const early = visitDays(new Date('2025-03-04T23:30:00Z'));
    expect(early[0]).toEqual({ date: '2025-03-05', offset: 0, hours: [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] });
    // 19:30 in Beijing: no slot left today.
    const late = visitDays(new Date('2025-03-05T11:30:00Z'));
    expect(late).toHaveLength(6);
    expect(late[0]!.date).toBe('2025-03-06');
  });

  it('answers an instant with the +08:00 offset, and labels', () => {
    expect(visitInstant('2025-03-06', 9)).toBe('2025-03-06T09:00:00+08:00');
    expect(Date.parse(visitInstant('2025-03-06', 9))).toBe(Date.parse('2025-03-06T01:00:00Z'));
    expect(hourLabel(8)).toBe('08:00');
    expect(weekdayLabel('2025-03-06', 'zh-CN')).toBe('周四');
    expect(weekdayLabel('2025-03-06', 'en')).toBe('Thu');
  });
});
