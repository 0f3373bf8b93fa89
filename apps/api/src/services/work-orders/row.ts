/**
 * The stored row ⇄ the domain's `WorkOrder`. Instants are `timestamptz` in the row and UTC ISO strings in the
 * domain; money is numeric ⇄ a decimal string. Only the fields the domain knows are mapped here.
 */
import type { WorkOrder, WorkOrderPatch, WorkOrderState } from '@pm/domain';
import type { workOrders } from '../../db/schema';
import type { WorkOrderRow } from './access';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null | undefined) => (s ? new Date(s) : null);

export function toDomain(r: WorkOrderRow): WorkOrder {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state as WorkOrderState,
    category: r.category,
    priority: r.priority,
    location: r.location,
    unitId: r.unitId,
    description: r.description,
    reportPhotos: r.reportPhotos,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    appointmentAt: iso(r.appointmentAt),
    reporterId: r.reporterId,
    reportedBy: r.reportedBy as WorkOrder['reportedBy'],
    submittedAt: r.submittedAt.toISOString(),
    responseDueAt: r.responseDueAt.toISOString(),
    completeDueAt: r.completeDueAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    assigneeId: r.assigneeId,
    assignedAt: iso(r.assignedAt),
    assignedVia: r.assignedVia as WorkOrder['assignedVia'],
    acceptedAt: iso(r.acceptedAt),
    startedAt: iso(r.startedAt),
    holdReason: r.holdReason,
    heldAt: iso(r.heldAt),
    completedAt: iso(r.completedAt),
    completionNotes: r.completionNotes,
    completionPhotos: r.completionPhotos,
    materials: r.materials,
    labourMinutes: r.labourMinutes,
    chargeAmount: r.chargeAmount,
    replyText: r.replyText,
    survey: r.survey as WorkOrder['survey'],
    closedAt: iso(r.closedAt),
    closeReason: r.closeReason as WorkOrder['closeReason'],
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
    cancelledBy: r.cancelledBy as WorkOrder['cancelledBy'],
    reopenCount: r.reopenCount,
    reopenedAt: iso(r.reopenedAt),
    reopenReason: r.reopenReason,
    escalationLevel: r.escalationLevel as WorkOrder['escalationLevel'],
    escalatedAt: iso(r.escalatedAt),
  };
}

const INSTANTS = [
  'appointmentAt',
  'submittedAt',
  'responseDueAt',
  'completeDueAt',
  'respondedAt',
  'assignedAt',
  'acceptedAt',
  'startedAt',
  'heldAt',
  'completedAt',
  'closedAt',
  'cancelledAt',
  'reopenedAt',
  'escalatedAt',
] as const;

/** The columns a domain patch (or a whole new order) writes. */
export function toColumns(patch: WorkOrderPatch | WorkOrder): Partial<typeof workOrders.$inferInsert> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = (INSTANTS as readonly string[]).includes(key) ? date(value as string | null) : value;
  }
  return out as Partial<typeof workOrders.$inferInsert>;
}
