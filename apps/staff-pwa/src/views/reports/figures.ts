/**
 * Display helpers for the report screens. Amounts and rates stay decimal strings from the API; the only
 * arithmetic here is a share of a whole for the width of a bar, done in decimal.js (@pm/domain), never on
 * JS numbers.
 */
import { AGING_BUCKETS, type AgingBucket, compare, toDecimal, todayInShanghai } from '@pm/domain';

export { AGING_BUCKETS, type AgingBucket };

/** i18n key (under `reports.bucket`) of each aging bucket: the API's keys ('365+') are not safe message keys. */
export const BUCKET_KEYS: Readonly<Record<AgingBucket, string>> = {
  '0-30': 'upTo30',
  '31-90': 'upTo90',
  '91-180': 'upTo180',
  '181-365': 'upTo365',
  '365+': 'over365',
};

/** From the freshest arrears to the oldest: green to deep red. */
export const BUCKET_COLORS: Readonly<Record<AgingBucket, string>> = {
  '0-30': '#07c160',
  '31-90': '#ffb300',
  '91-180': '#ff976a',
  '181-365': '#ee0a24',
  '365+': '#9b0d1f',
};

/** A rate "85.23" as "85.23%"; no base (null) as a dash. */
export function formatRate(rate: string | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${rate}%`;
}

/** `part` as a percentage of `whole` for a CSS width ("37.5%"), clamped to 0–100; "0%" without a whole. */
export function shareOf(part: string, whole: string): string {
  if (compare(whole, '0') <= 0 || compare(part, '0') <= 0) return '0%';
  const pct = toDecimal(part).div(toDecimal(whole)).times(100);
  return `${pct.greaterThan(100) ? '100' : pct.toDecimalPlaces(2).toString()}%`;
}

/** A rate string as a bar width: clamped to 0–100 (a rate may pass 100 when earlier overpayments are applied). */
export function rateWidth(rate: string | null | undefined): string {
  if (rate === null || rate === undefined) return '0%';
  if (compare(rate, '0') <= 0) return '0%';
  return compare(rate, '100') >= 0 ? '100%' : `${rate}%`;
}

/**
 * The collection-rate window `[from, to)` (UTC instants of Beijing day boundaries) as the Beijing days it
 * covers: its first day and its last (the day before the exclusive end).
 */
export function windowDays(window: { from: string; to: string }): { from: string; to: string } {
  const from = new Date(window.from);
  const to = new Date(window.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return window;
  return { from: todayInShanghai(from), to: todayInShanghai(new Date(Math.max(from.getTime(), to.getTime() - 1))) };
}
