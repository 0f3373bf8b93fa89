/**
 * Which part of a cycle is billed: the partial first period rule 首期按天折算.
 *
 * A cycle covers `CYCLE_MONTHS[cycle]` calendar months from `period` (its first month, "YYYY-MM"). Without
 * a charge start date 计费起始日 (or with one before the cycle), every month is billed in full. When the
 * start date falls inside the cycle:
 * - months of the cycle before the start month are not billed;
 * - the start month is pro-rated by days: (days from the start date to the end of that month, both
 *   inclusive) / (days in that month) — starting on the 18th of a 31-day month bills 14/31 of a month;
 *   starting on the 1st bills the whole month;
 * - the months after it are billed in full.
 * A start date after the cycle's last month is a `BillingError` START_AFTER_PERIOD: nothing is billable,
 * and a billing run must not post a charge for that unit and period.
 *
 * The fraction is kept exact (fullMonths + days/daysInMonth) and multiplied into the line before its one
 * rounding (see `roundLine`); it is never turned into a decimal on the way.
 */
import { isPeriod, shiftPeriod } from '../metering/period';
import { dateParts, daysInMonth, requireDate } from './calendarDate';
import { type BillingCycle, CYCLE_MONTHS, requireCycle } from './cycle';
import { BillingError, preview } from './errors';

/** The pro-rated start month. */
export interface PartialMonth {
  /** The start month, "YYYY-MM". */
  month: string;
  /** The charge start date, "YYYY-MM-DD" (Beijing). */
  startDate: string;
  /** Days billed: from the start date to the end of the month, inclusive. */
  days: number;
  /** Days in that month (28–31). */
  daysInMonth: number;
}

export interface BilledMonths {
  /** Months in a whole cycle: 1, 3 or 12. */
  cycleMonths: number;
  /** The cycle's first month, "YYYY-MM". */
  period: string;
  /** Months billed in full. */
  fullMonths: number;
  /** The pro-rated start month, or null when every billed month is whole. */
  partial: PartialMonth | null;
}

/** The billed part of a cycle (see the module comment for the rule). */
export function billedMonths(cycle: BillingCycle, period: string, startDate?: string): BilledMonths {
  const cycleMonths = CYCLE_MONTHS[requireCycle(cycle)];
  if (!isPeriod(period)) {
    throw new BillingError('INVALID_PERIOD', 'the period must be YYYY-MM', { value: preview(period) });
  }
  const whole: BilledMonths = { cycleMonths, period, fullMonths: cycleMonths, partial: null };
  if (startDate === undefined) return whole;
  const start = requireDate(startDate, 'startDate');
  const startMonth = start.slice(0, 7);
  const lastMonth = shiftPeriod(period, cycleMonths - 1);
  if (startMonth < period) return whole;
  if (startMonth > lastMonth) {
    throw new BillingError('START_AFTER_PERIOD', `the charge starts on ${start}, after the period ${period}–${lastMonth}`, {
      startDate: start,
      period,
    });
  }
  const [y, m, d] = dateParts(start);
  let skipped = 0;
  while (shiftPeriod(period, skipped) !== startMonth) skipped += 1;
  const later = cycleMonths - skipped - 1;
  if (d === 1) return { cycleMonths, period, fullMonths: later + 1, partial: null };
  const dim = daysInMonth(y, m);
  return { cycleMonths, period, fullMonths: later, partial: { month: startMonth, startDate: start, days: dim - d + 1, daysInMonth: dim } };
}

/** The billed months as an exact fraction: [numerator, denominator] with denominator = days in the start month (or 1). */
export function monthsFraction(months: BilledMonths): [bigint, bigint] {
  if (!months.partial) return [BigInt(months.fullMonths), 1n];
  const dim = BigInt(months.partial.daysInMonth);
  return [BigInt(months.fullMonths) * dim + BigInt(months.partial.days), dim];
}

/** The billed months as an explanation writes them: '1', '14/31', '(14/31 + 2)'. */
export function monthsText(months: BilledMonths): string {
  if (!months.partial) return String(months.fullMonths);
  const part = `${months.partial.days}/${months.partial.daysInMonth}`;
  return months.fullMonths === 0 ? part : `(${part} + ${months.fullMonths})`;
}

/** The note an explanation ends with when the cycle is not billed whole: '（2025-03-18 起计费，2025-03 按 14/31 天折算）'. */
export function prorationNote(months: BilledMonths): string {
  const billedWhole = months.partial === null && months.fullMonths === months.cycleMonths;
  if (billedWhole) return '';
  if (!months.partial) {
    return `（${shiftPeriod(months.period, months.cycleMonths - months.fullMonths)}-01 起计费）`;
  }
  const { startDate, month, days, daysInMonth: dim } = months.partial;
  return `（${startDate} 起计费，${month} 按 ${days}/${dim} 天折算）`;
}
