// Small display helpers shared by the reading screens.
import type { MeterState } from './meter-state';
import type { RouteMeter } from './types';

export const STATE_TAG: Record<MeterState, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  unread: 'default',
  pending: 'primary',
  done: 'success',
  flagged: 'warning',
  sent_back: 'danger',
  rejected: 'danger',
};

/** Where a meter is: "1栋 · 101" for a unit meter, the serial for a shared/master meter. */
export function meterPlace(m: Pick<RouteMeter, 'buildingName' | 'unitNumber' | 'serial'>): string {
  return m.unitNumber ? [m.buildingName, m.unitNumber].filter(Boolean).join(' · ') : m.serial;
}

/** Meters grouped by building, then floor (route order kept inside a group). */
export function groupByPlace<T extends { meter: Pick<RouteMeter, 'buildingName' | 'floor'> }>(rows: readonly T[]): { key: string; building: string | null; floor: number | null; rows: T[] }[] {
  const groups: { key: string; building: string | null; floor: number | null; rows: T[] }[] = [];
  for (const row of rows) {
    const key = `${row.meter.buildingName ?? ''}\u001f${row.meter.floor ?? ''}`;
    const last = groups.at(-1);
    if (last?.key === key) last.rows.push(row);
    else groups.push({ key, building: row.meter.buildingName, floor: row.meter.floor, rows: [row] });
  }
  return groups;
}
