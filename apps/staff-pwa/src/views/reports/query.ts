// Reading the report screens' state from the URL query: bad or missing values fall back to the defaults.
import { isCalendarDate, isPeriod } from '@pm/domain';
import type { LocationQuery } from 'vue-router';

export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** `query[name]` when it is a date YYYY-MM-DD, else `fallback`. */
export function dateParam(query: LocationQuery, name: string, fallback: string): string {
  const v = str(query[name]);
  return v && isCalendarDate(v) ? v : fallback;
}

/** `query[name]` when it is a period YYYY-MM, else `fallback`. */
export function periodParam(query: LocationQuery, name: string, fallback: string): string {
  const v = str(query[name]);
  return v && isPeriod(v) ? v : fallback;
}

/** `query[name]` when it is one of `options`, else `fallback`. */
export function oneOf<T extends string>(query: LocationQuery, name: string, options: readonly T[], fallback: T): T {
  const v = str(query[name]);
  return v && (options as readonly string[]).includes(v) ? (v as T) : fallback;
}
