import { BUSINESS_TZ } from '../time/shanghai';
import { MeteringError, preview } from './errors';
import { instantNanos } from './instant';

/** A billing/reading period: "YYYY-MM", years 1000–9999. */
const PERIOD_PATTERN = /^[1-9]\d{3}-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const known = formatters.get(timeZone);
  if (known) return known;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new MeteringError('INVALID_TIME_ZONE', `unknown time zone ${timeZone}`, { timeZone: preview(timeZone) });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * The period "YYYY-MM" an instant falls in, in the business time zone (Asia/Shanghai by default), never the
 * device's local zone: `periodOf('2025-01-31T16:00:00Z')` is "2025-02" (midnight in Beijing).
 * `date` is a Date or an ISO 8601 string with a UTC offset. Throws `MeteringError` INVALID_TIMESTAMP for
 * an invalid date (or one outside the years 1000–9999), INVALID_TIME_ZONE for an unknown zone.
 */
export function periodOf(date: Date | string, tz: string = BUSINESS_TZ): string {
  let ms: number;
  if (date instanceof Date) {
    ms = date.getTime();
  } else {
    const nanos = instantNanos(date);
    ms = nanos === null ? Number.NaN : Number(nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n));
  }
  if (typeof tz !== 'string' || tz === '') {
    throw new MeteringError('INVALID_TIME_ZONE', 'a time zone name is required', { timeZone: preview(tz) });
  }
  const formatter = formatterFor(tz);
  if (!Number.isFinite(ms)) {
    throw new MeteringError('INVALID_TIMESTAMP', 'not a valid date (use an ISO 8601 date-time with a UTC offset)', {
      value: preview(date instanceof Date ? 'Invalid Date' : date),
    });
  }
  const parts = formatter.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const period = `${get('year').padStart(4, '0')}-${get('month').padStart(2, '0')}`;
  if (get('era') !== 'AD' || !isPeriod(period)) {
    throw new MeteringError('INVALID_TIMESTAMP', 'dates are supported from the year 1000 to 9999', {
      value: preview(date instanceof Date ? date.toISOString() : date),
    });
  }
  return period;
}

/** The period `months` months after (or, negative, before) `period`: shiftPeriod('2026-01', -1) = '2025-12'. */
export function shiftPeriod(period: string, months: number): string {
  if (!isPeriod(period) || !Number.isInteger(months)) throw new TypeError(`not a period or month count: ${period}, ${months}`);
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
