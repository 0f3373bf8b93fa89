/**
 * Calendar dates as the business counts them: "YYYY-MM-DD" in Beijing (Asia/Shanghai), the form date
 * columns hold. Day counts (pro-rating, days overdue) are differences of calendar dates, never of
 * instants, so a payment at 23:59 and one at 00:01 Beijing time fall on the days a cashier would say,
 * whatever zone the phone or server runs in.
 */
import { instantNanos } from '../metering/instant';
import { todayInShanghai } from '../time/shanghai';
import { BillingError, preview } from './errors';

const DATE_PATTERN = /^([1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

/** Days in a month of the Gregorian calendar (month 1–12): 28–31. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Is `value` a real calendar date "YYYY-MM-DD" (years 1000–9999; '2025-02-29' is not)? */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  return Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

/** [year, month, day] of a date already checked with `isCalendarDate`. */
export function dateParts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Days since 1970-01-01 (exact: no clock, no time zone involved). */
function dayNumber(date: string): number {
  const [y, m, d] = dateParts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** `date` checked, or `BillingError` INVALID_DATE naming the field. */
export function requireDate(value: unknown, field: string): string {
  if (!isCalendarDate(value)) {
    throw new BillingError('INVALID_DATE', `${field} must be a calendar date YYYY-MM-DD`, { field, value: preview(value) });
  }
  return value;
}

/**
 * `to − from` in calendar days: daysBetween('2025-01-31', '2025-02-01') is 1. Both must be "YYYY-MM-DD"
 * (`BillingError` INVALID_DATE otherwise).
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(requireDate(to, 'to')) - dayNumber(requireDate(from, 'from'));
}

/**
 * The Beijing calendar date of a value: a "YYYY-MM-DD" is taken as already a Beijing date; an ISO 8601
 * date-time must carry its UTC offset ('2025-03-17T16:30:00Z' is 2025-03-18 in Beijing); a Date is an
 * instant. Anything else is `BillingError` INVALID_DATE.
 */
export function toBeijingDate(value: string | Date, field = 'date'): string {
  if (isCalendarDate(value)) return value;
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else {
    const nanos = instantNanos(value);
    if (nanos !== null) ms = Number(nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n));
  }
  const date = Number.isFinite(ms) ? todayInShanghai(new Date(ms)) : '';
  if (!isCalendarDate(date)) {
    throw new BillingError('INVALID_DATE', `${field} must be a date YYYY-MM-DD or a date-time with a UTC offset`, {
      field,
      value: preview(value instanceof Date ? String(value) : value),
    });
  }
  return date;
}

/** The date `days` calendar days after (or, negative, before) `date`: addDays('2025-01-31', 1) = '2025-02-01'. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(requireDate(date, 'date'));
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
