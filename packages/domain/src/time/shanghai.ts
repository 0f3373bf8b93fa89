/**
 * Dates and times as the business sees them: stored in UTC, shown and reasoned about in Beijing time
 * (Asia/Shanghai), whatever timezone the phone or server runs in.
 */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** A timestamp in Beijing time: "2025-03-01 14:05". The input is returned as is when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: BUSINESS_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = get('hour') === '24' ? '00' : get('hour');
  return `${get('year')}-${get('month')}-${get('day')} ${hour}:${get('minute')}`;
}

/** Today's date in Beijing as YYYY-MM-DD (what date columns hold). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The hour of day in Beijing (0–23), e.g. for a greeting. */
export function hourInShanghai(now: Date = new Date()): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TZ, hour: '2-digit', hour12: false }).format(now);
  return Number(h) % 24;
}
