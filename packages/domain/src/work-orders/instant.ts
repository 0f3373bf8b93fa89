/**
 * Instants as the work-order rules use them: ISO 8601 date-times WITH a UTC offset (what the phone sends,
 * what `timestamptz` returns), turned into epoch milliseconds for wall-clock arithmetic. A time without an
 * offset would be read in the device's zone, so two phones would disagree: it is refused.
 */
import { instantNanos } from '../metering/instant';
import { preview, WorkOrderError } from './errors';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Epoch milliseconds of an ISO instant with an offset (fractions below the millisecond dropped), or null. */
export function toMillis(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  const nanos = instantNanos(value);
  if (nanos === null) return null;
  // Floor division, so 1969 instants do not round towards zero.
  const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  return Number(ms);
}

/** `toMillis` or `WorkOrderError` INVALID_TIMESTAMP naming the field (stored data, not a person's input). */
export function requireMillis(value: unknown, field: string): number {
  const ms = toMillis(value);
  if (ms === null) {
    throw new WorkOrderError('INVALID_TIMESTAMP', `${field} must be an ISO 8601 date-time with a UTC offset`, {
      field,
      value: preview(value instanceof Date ? String(value) : value),
    });
  }
  return ms;
}

/** The UTC ISO form every instant leaves this module in: "2025-03-01T01:30:00.000Z". */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `ms` is in the half-open range [from, to). */
export function inRange(ms: number | null, from: number, to: number): ms is number {
  return ms !== null && ms >= from && ms < to;
}
