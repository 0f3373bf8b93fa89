/**
 * SLA 时限: how long after an order is submitted someone must respond to it and finish it, in wall-clock
 * minutes. No working-hours calendar: a burst pipe at 23:00 on a Sunday is due at 23:30 like any other
 * (property companies run a 24-hour duty roster for urgent work; low priorities have windows long enough
 * to span a weekend).
 */
import { preview, WorkOrderError } from './errors';
import { MINUTE_MS, requireMillis, toIso } from './instant';
import { WORK_ORDER_PRIORITIES, type WorkOrderPriority } from './priority';

export interface SlaMinutes {
  /** Submitted → first response (a technician accepts, customer service acknowledges a complaint). */
  responseMinutes: number;
  /** Submitted → completion (work completed, complaint replied to). */
  completeMinutes: number;
}

/** Company defaults per priority; an estate overrides them in its policy, a category per priority. */
export const DEFAULT_SLAS: Readonly<Record<WorkOrderPriority, SlaMinutes>> = {
  urgent: { responseMinutes: 30, completeMinutes: 240 }, // 30 min, 4 h
  high: { responseMinutes: 60, completeMinutes: 1440 }, // 1 h, 24 h
  normal: { responseMinutes: 120, completeMinutes: 2880 }, // 2 h, 48 h
  low: { responseMinutes: 480, completeMinutes: 4320 }, // 8 h, 72 h
};

/** Longest window accepted: a year. Anything longer is a typo in the settings, not a deadline. */
export const MAX_SLA_MINUTES = 366 * 24 * 60;

/** Whole minutes from 1 to a year, response no later than completion; `WorkOrderError` INVALID_SLA otherwise. */
export function assertSla(sla: unknown, field = 'sla'): asserts sla is SlaMinutes {
  const s = sla as Partial<SlaMinutes> | null;
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_SLA_MINUTES;
  if (s === null || typeof s !== 'object' || !ok(s.responseMinutes) || !ok(s.completeMinutes)) {
    throw new WorkOrderError('INVALID_SLA', `${field} needs responseMinutes and completeMinutes as whole minutes from 1 to ${MAX_SLA_MINUTES}`, {
      field,
      value: preview(JSON.stringify(sla)),
    });
  }
  if ((s.responseMinutes as number) > (s.completeMinutes as number)) {
    throw new WorkOrderError('INVALID_SLA', `${field}: the response window cannot be longer than the completion window`, { field });
  }
}

/** `DEFAULT_SLAS`-shaped table checked for every priority. */
export function assertSlaTable(table: unknown, field = 'slas'): asserts table is Record<WorkOrderPriority, SlaMinutes> {
  if (table === null || typeof table !== 'object') throw new WorkOrderError('INVALID_SLA', `${field} must name every priority`, { field });
  for (const p of WORK_ORDER_PRIORITIES) assertSla((table as Record<string, unknown>)[p], `${field}.${p}`);
}

export interface DueDates {
  responseDueAt: string;
  completeDueAt: string;
}

/**
 * The deadlines of an order submitted at `submittedAt` (ISO with offset, or a Date): submitted + the
 * minutes, as UTC ISO strings. `computeDueDates('2025-03-01T09:00:00+08:00', DEFAULT_SLAS.urgent)` →
 * responseDueAt "2025-03-01T01:30:00.000Z" (09:30 Beijing), completeDueAt "2025-03-01T05:00:00.000Z" (13:00).
 */
export function computeDueDates(submittedAt: string | Date, sla: SlaMinutes): DueDates {
  assertSla(sla);
  const start = requireMillis(submittedAt, 'submittedAt');
  return {
    responseDueAt: toIso(start + sla.responseMinutes * MINUTE_MS),
    completeDueAt: toIso(start + sla.completeMinutes * MINUTE_MS),
  };
}
