/**
 * In-app notifications 消息 written in the same transaction as the event that causes them: a new assignment
 * for the technician, status changes and the survey waiting for the resident, escalations for the estate's
 * managers, a deadline at risk for the assignee. `source_key` (event id + kind) is unique per recipient, so a
 * replayed command or a repeated timer tick never notifies twice.
 */
import { WORK_ORDER_STATE_LABELS, type WorkOrderState } from '@pm/domain';
import { and, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { grants, notifications } from '../../db/schema';
import type { WorkOrderRow } from './access';

type Note = typeof notifications.$inferInsert;

const stateText = (s: string) => WORK_ORDER_STATE_LABELS[s as WorkOrderState]?.zh ?? s;

async function managersOf(db: DbOrTx, estateId: string): Promise<string[]> {
  const rows = await db
    .select({ staffId: grants.staffId })
    .from(grants)
    .where(and(inArray(grants.role, ['office_manager', 'company_manager']), sql`${grants.nodeId} in (select unnest(path) from org_nodes where id = ${estateId})`))
    .limit(20);
  return [...new Set(rows.map((r) => r.staffId))];
}

/** Notifications for one accepted command (or the creation) on `after`. `actorStaffId` is never notified of their own act. */
export async function notifyEvent(
  db: DbOrTx,
  ev: { id: string; command: string; from: string | null; to: string; actorStaffId: string | null; actorResidentId: string | null; note?: string | null },
  before: Pick<WorkOrderRow, 'assigneeId'> | null,
  after: WorkOrderRow,
  now: Date,
) {
  const notes: Note[] = [];
  const label = `${after.number}`;
  const toStaff = (staffId: string | null, kind: Note['kind'], title: string, body: string) => {
    if (staffId && staffId !== ev.actorStaffId) notes.push({ staffId, kind, workOrderId: after.id, sourceKey: `${ev.id}:${kind}`, title, body, createdAt: now });
  };
  const toResident = (kind: Note['kind'], title: string, body: string) => {
    if (after.residentId && after.residentId !== ev.actorResidentId) notes.push({ residentId: after.residentId, kind, workOrderId: after.id, sourceKey: `${ev.id}:${kind}`, title, body, createdAt: now });
  };

  if (after.assigneeId && after.assigneeId !== before?.assigneeId) {
    toStaff(after.assigneeId, 'assigned', `新工单 ${label}`, after.description.slice(0, 80));
  }
  if (ev.command === 'comment') {
    if (ev.actorResidentId) toStaff(after.assigneeId, 'comment', `${label} 住户留言`, (ev.note ?? '').slice(0, 80));
    else toResident('comment', `${label} 物业回复`, (ev.note ?? '').slice(0, 80));
  } else if (ev.command === 'escalate') {
    for (const id of await managersOf(db, after.estateId)) toStaff(id, 'escalated', `工单升级 ${label}`, ev.note ?? after.description.slice(0, 80));
  } else if (ev.from !== ev.to) {
    const waitingSurvey = (ev.to === 'completed' && after.kind !== 'internal') || ev.to === 'responded';
    if (waitingSurvey) toResident('survey', `${label} 已处理，请评价`, '请对本次服务进行回访评价，满意度、是否解决。');
    else if (['accepted', 'in_progress', 'closed', 'cancelled', 'submitted', 'acknowledged', 'handling'].includes(ev.to) && ev.from !== null) {
      toResident('status', `${label} ${stateText(ev.to)}`, after.description.slice(0, 80));
    }
    if (ev.to === 'cancelled' || (ev.to === 'submitted' && ev.from !== null)) toStaff(before?.assigneeId ?? null, 'status', `${label} ${stateText(ev.to)}`, ev.note ?? '');
  }
  if (notes.length) await db.insert(notifications).values(notes).onConflictDoNothing();
}

/** A deadline at risk (the timer): the assignee, once per order and clock. */
export async function notifyAtRisk(db: DbOrTx, row: WorkOrderRow, clock: 'response' | 'completion', now: Date) {
  if (!row.assigneeId) return;
  await db
    .insert(notifications)
    .values({
      staffId: row.assigneeId,
      kind: 'at_risk',
      workOrderId: row.id,
      sourceKey: `${row.id}:at_risk:${clock}:${row.reopenCount}`,
      title: `${row.number} 即将超时`,
      body: clock === 'response' ? '请尽快接单响应' : '请尽快完工',
      createdAt: now,
    })
    .onConflictDoNothing();
}
