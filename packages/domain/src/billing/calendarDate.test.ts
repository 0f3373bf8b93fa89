import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysInMonth, isCalendarDate, toBeijingDate } from './calendarDate';
import { billingReason } from './test-helpers';

describe('calendar dates (Beijing)', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2025, 1)).toBe(31);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it('accepts real dates only', () => {
    expect(isCalendarDate('2025-03-18')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-3-18')).toBe(false);
    expect(isCalendarDate('0999-01-01')).toBe(false);
    expect(isCalendarDate(20250318)).toBe(false);
  });

  it('counts calendar days between dates', () => {
    expect(daysBetween('2025-01-31', '2025-02-01')).toBe(1);
    expect(daysBetween('2025-01-31', '2025-01-31')).toBe(0);
    expect(daysBetween('2025-03-01', '2025-01-31')).toBe(-29);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(billingReason(() => daysBetween('2025-02-30', '2025-03-01'))).toBe('INVALID_DATE');
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-03-01', 0)).toBe('2025-03-01');
  });

  it('reads instants as their Beijing date', () => {
    expect(toBeijingDate('2025-03-18')).toBe('2025-03-18');
    expect(toBeijingDate('2025-03-17T16:30:00Z')).toBe('2025-03-18');
    expect(toBeijingDate('2025-03-17T15:59:59Z')).toBe('2025-03-17');
    expect(toBeijingDate('2025-03-18T00:10:00+08:00')).toBe('2025-03-18');
    expect(toBeijingDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(billingReason(() => toBeijingDate('2025-03-18T10:00:00'))).toBe('INVALID_DATE');
    expect(billingReason(() => toBeijingDate(new Date(Number.NaN)))).toBe('INVALID_DATE');
    expect(billingReason(() => toBeijingDate('soon'))).toBe('INVALID_DATE');
  });

  it('property: day counts add up across any three dates', () => {
    const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
      }),
    );
  });
});
