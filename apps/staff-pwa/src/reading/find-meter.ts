// Finding a meter on a route by what the reader types or scans: its QR/bar code, serial or unit number.
import type { RouteMeter } from './types';

function norm(s: string | null | undefined): string {
  return (s ?? '').trim().toLowerCase();
}

/** An exact code or serial match (a scan), or null. */
export function meterByCode(meters: readonly RouteMeter[], code: string): RouteMeter | null {
  const c = norm(code);
  if (!c) return null;
  return meters.find((m) => norm(m.code) === c) ?? meters.find((m) => norm(m.serial) === c) ?? null;
}

/** Meters whose code, serial or unit number contains the text (typing), in route order. */
export function filterMeters<T extends { meter: RouteMeter }>(rows: readonly T[], text: string): T[] {
  const q = norm(text);
  if (!q) return [...rows];
  return rows.filter(({ meter: m }) => [m.code, m.serial, m.unitNumber].some((s) => norm(s).includes(q)));
}
