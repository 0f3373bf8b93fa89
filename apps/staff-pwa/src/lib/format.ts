// Display helpers. Areas and money stay decimal strings end to end: never parsed into a JS number.
import type { Occupancy } from '../api/types';

/** "89.37" → "89.37 m²"; empty for a missing area. */
export function formatArea(area: string | null | undefined): string {
  return area ? `${area} m²` : '';
}

// Beijing-time helpers live in @pm/domain so both apps and the API agree.
export { formatDateTime, hourInShanghai, todayInShanghai } from '@pm/domain';

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

/**
 * A decimal string from the API without its insignificant trailing zeros, for display only ("2719.000" →
 * "2719", "12.500" → "12.5"): the numeric columns answer with their full scale. A string operation, no
 * number is made; anything that is not a plain decimal is returned as it came, a missing value as "".
 */
export function plainDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^\d+\.\d+$/.test(value) ? value.replace(/\.?0+$/, '') : value;
}

/** Decimal string with at most two decimals and greater than zero (an area as the API takes it). */
export function isPositiveDecimal(value: string, maxDecimals = 2): boolean {
  const re = new RegExp(`^\\d{1,10}(\\.\\d{1,${maxDecimals}})?$`);
  return re.test(value) && /[1-9]/.test(value);
}
