/**
 * The order's history as the resident reads it, newest first: what happened (a resident-worded title per
 * command), who did it (by role, and name when the API gives one), when, and the note (a reason, a reply,
 * a comment). A survey line also says how it was rated.
 */
import type { WorkOrderEventView } from '../../api/work-orders';

export interface TimelineEntry {
  id: string;
  /** i18n key of the title. */
  titleKey: string;
  /** i18n key of the actor's role. */
  roleKey: string;
  name: string | null;
  at: string;
  note: string | null;
  satisfaction: number | null;
  fixed: boolean | null;
  isComment: boolean;
}

function field(data: unknown, key: string): unknown {
  return data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

export function timelineEntries(events: readonly WorkOrderEventView[]): TimelineEntry[] {
  return events
    .map((e, i) => ({ e, i, ms: Date.parse(e.at) }))
    // Newest first; events at the same instant keep the server's order (reversed with the rest).
    .sort((a, b) => b.ms - a.ms || b.i - a.i)
    .map(({ e }) => ({
      id: e.id,
      titleKey: `workOrders.event.${e.command}`,
      roleKey: `workOrders.actor.${e.actorKind}`,
      name: e.actorName,
      at: e.at,
      note: e.note?.trim() || null,
      satisfaction: e.command === 'answer_survey' ? num(field(e.data, 'satisfaction')) : null,
      fixed: e.command === 'answer_survey' ? bool(field(e.data, 'fixed')) : null,
      isComment: e.command === 'comment',
    }));
}
