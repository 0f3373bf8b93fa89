/**
 * The API has no "one meter by id" read: the detail screen gets its meter from the list it was opened
 * from (kept here for the session, and in the history entry's state so a reload still has it).
 */
import type { Meter } from '../../api/metering-admin';

const known = new Map<string, Meter>();

export function rememberMeters(list: readonly Meter[]): void {
  for (const m of list) known.set(m.id, m);
}

export function knownMeter(id: string): Meter | null {
  if (known.has(id)) return known.get(id) ?? null;
  const fromHistory = (typeof window !== 'undefined' ? (window.history.state as { meter?: Meter } | null) : null)?.meter;
  return fromHistory && fromHistory.id === id ? fromHistory : null;
}
