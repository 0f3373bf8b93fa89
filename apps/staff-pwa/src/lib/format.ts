// Display helpers. Areas and money stay decimal strings end to end: never parsed into a JS number.
import type { Occupancy } from '../api/types';

const TZ = 'Asia/Shanghai';

/** "89.37" → "89.37 m²"; empty for a missing area. */
export function formatArea(area: string | null | undefined): string {
  return area ? `${area} m²` : '';
}

/** A timestamp shown in Beijing time: "2025-03-01 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
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
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The hour of day in Beijing, for the greeting. */
export function hourInShanghai(now: Date = new Date()): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hour12: false }).format(now);
  return Number(h) % 24;
}

/** An occupancy is current until the day after its end date (the end date is the last day). */
export function isCurrentOccupancy(o: Pick<Occupancy, 'endDate'>, today: string): boolean {
  return o.endDate === null || o.endDate >= today;
}

const RELATION_ORDER = { owner: 0, tenant: 1, family: 2 } as const;

/** Current occupants first owners, then tenants, then family; past ones newest end date first. */
export function splitOccupancies(list: readonly Occupancy[], today: string): { current: Occupancy[]; past: Occupancy[] } {
  const current = list
    .filter((o) => isCurrentOccupancy(o, today))
    .sort((a, b) => RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation] || a.startDate.localeCompare(b.startDate));
  const past = list
    .filter((o) => !isCurrentOccupancy(o, today))
    .sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''));
  return { current, past };
}

/** Units of a building grouped by floor, top floor first (as the building is drawn), numbers in natural order. */
export function groupByFloor<T extends { floor: number; number: string }>(units: readonly T[]): { floor: number; units: T[] }[] {
  const map = new Map<number, T[]>();
  for (const u of units) {
    const list = map.get(u.floor);
    if (list) list.push(u);
    else map.set(u.floor, [u]);
  }
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return [...map.entries()]
    .sort(([a], [b]) => b - a)
    .map(([floor, list]) => ({ floor, units: list.sort((a, b) => collator.compare(a.number, b.number)) }));
}

/** Decimal string with at most two decimals and greater than zero (an area as the API takes it). */
export function isPositiveDecimal(value: string, maxDecimals = 2): boolean {
  const re = new RegExp(`^\\d{1,10}(\\.\\d{1,${maxDecimals}})?$`);
  return re.test(value) && /[1-9]/.test(value);
}
