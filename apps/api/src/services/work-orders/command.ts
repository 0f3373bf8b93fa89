/**
 * One command on an order, exactly once: the online endpoints (staff, resident) and the offline sync of a
 * technician's phone all come here. Inside one transaction: lock the order, look for the command's event
 * (its id is the command's client-made id: a replay, or the same command twice at once, finds it and changes
 * nothing), let the domain decide against the order as it is NOW, write the new fields, the event with both
 * times (when it was done on the phone, when the server got it), the notifications, the audit record, and the
 * charge for paid work. A refusal writes nothing and names the current state.
 */
import { decideTransition, type TransitionInput, type WorkOrderActor, type WorkOrderCommand, type WorkOrderState } from '@pm/domain';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { workOrderEvents, workOrders } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { Actor } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import type { WorkOrderRow } from './access';
import { postServiceCharge } from './charge';
import { refusalError } from './errors';
import { notifyEvent } from './notify';
import { checkOwnPhotos } from './photos';
import { toColumns, toDomain } from './row';
import { loadSettings } from './settings';

export interface CommandRequest {
  /** The command's client-made id (the event's id). */
  id: string;
  workOrderId: string;
  command: WorkOrderCommand;
  /** When it was done (the phone's time offline; the server's time online). */
  at: Date;
  /** The state the person saw (offline commands): a different state now refuses it as stale. */
  from?: WorkOrderState | undefined;
  input: Omit<TransitionInput, 'at' | 'from'>;
  /**
   * Offline sync: the phone uploads a command's photos as its blobs only after the command is accepted, so
   * the ids cannot be checked yet; they are served once they arrive (`PUT /sync/blobs/:id?commandId=`).
   */
  photosFollow?: boolean;
}

export interface Who {
  /** May this person see the order at all? (404 otherwise) */
  sees(row: WorkOrderRow): Promise<boolean> | boolean;
  /** The domain actor on this order, or null (404). */
  actor(row: WorkOrderRow): Promise<WorkOrderActor | null> | WorkOrderActor | null;
  staffId: string | null;
  residentId: string | null;
  audit: Actor;
  requestId?: string | undefined;
}

export interface CommandOutcome {
  row: WorkOrderRow;
  /** The command was applied before (a replay): nothing was written now. */
  replay: boolean;
}

const NOTE_OF: Partial<Record<WorkOrderCommand, keyof CommandRequest['input']>> = {
  decline: 'reason',
  hold: 'reason',
  reassign: 'reason',
  reopen: 'reason',
  escalate: 'reason',
  cancel: 'reason',
  complete: 'completionNotes',
  reply: 'replyText',
  answer_survey: 'comment',
};

/** Runs inside the caller's transaction `tx` (the sync endpoint's savepoint, or its own). */
export async function applyCommand(tx: DbOrTx, who: Who, req: CommandRequest, now: Date): Promise<CommandOutcome> {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, req.workOrderId)).for('update');
  if (!row || !(await who.sees(row))) throw new NotFoundError('work order');
  const [done] = await tx.select({ id: workOrderEvents.id, workOrderId: workOrderEvents.workOrderId }).from(workOrderEvents).where(eq(workOrderEvents.id, req.id));
  if (done) {
    if (done.workOrderId !== row.id) throw new NotFoundError('work order');
    return { row, replay: true };
  }
  const actor = await who.actor(row);
  if (!actor) throw new NotFoundError('work order');
  const photos = [...(req.input.completionPhotos ?? []), ...(req.input.reportPhotos ?? [])];
  if (photos.length && !req.photosFollow) await checkOwnPhotos(tx, who.staffId ? { staffId: who.staffId } : { residentId: who.residentId! }, photos);

  const settings = await loadSettings(tx, row.estateId);
  const decision = decideTransition(toDomain(row), req.command, actor, { ...req.input, at: req.at.toISOString(), ...(req.from && { from: req.from }) }, settings.policy);
  if (!decision.ok) throw refusalError(decision);

  const [updated] = await tx
    .update(workOrders)
    .set({ ...toColumns(decision.set), updatedAt: now })
    .where(eq(workOrders.id, row.id))
    .returning();
  let after = updated!;
  if (req.command === 'complete') {
    const chargeId = await postServiceCharge(tx, after, now);
    if (chargeId) [after] = (await tx.update(workOrders).set({ chargeId }).where(eq(workOrders.id, row.id)).returning()) as [WorkOrderRow];
  }
  const noteField = NOTE_OF[req.command];
  const note = noteField ? ((req.input[noteField] as string | undefined) ?? null) : null;
  await tx.insert(workOrderEvents).values({
    id: req.id,
    workOrderId: row.id,
    command: req.command,
    fromState: decision.from,
    toState: decision.to,
    actorKind: actor.kind,
    actorStaffId: who.staffId,
    actorResidentId: who.residentId,
    at: req.at,
    receivedAt: now,
    note,
    data: decision.event.data as unknown as Record<string, unknown>,
  });
  await notifyEvent(tx, { id: req.id, command: req.command, from: decision.from, to: decision.to, actorStaffId: who.staffId, actorResidentId: who.residentId, note }, row, after, now);
  await writeAudit(tx, who.audit, who.requestId, { action: req.command, entity: 'work_order', entityId: row.id, before: { state: row.state }, after: { state: after.state, command: req.id } });
  return { row: after, replay: false };
}

/** 留言: a comment on the timeline (residents and staff); the id makes it once. */
export async function addComment(tx: DbOrTx, who: Who, req: { id: string; workOrderId: string; text: string }, now: Date) {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, req.workOrderId)).for('update');
  if (!row || !(await who.sees(row))) throw new NotFoundError('work order');
  const actor = await who.actor(row);
  if (!actor) throw new NotFoundError('work order');
  const [ev] = await tx
    .insert(workOrderEvents)
    .values({
      id: req.id,
      workOrderId: row.id,
      command: 'comment',
      fromState: row.state,
      toState: row.state,
      actorKind: actor.kind,
      actorStaffId: who.staffId,
      actorResidentId: who.residentId,
      at: now,
      receivedAt: now,
      note: req.text,
      data: null,
    })
    .onConflictDoNothing()
    .returning();
  if (ev) {
    await tx.update(workOrders).set({ updatedAt: now }).where(eq(workOrders.id, row.id));
    await notifyEvent(tx, { id: ev.id, command: 'comment', from: row.state, to: row.state, actorStaffId: who.staffId, actorResidentId: who.residentId, note: req.text }, row, row, now);
  }
  return row;
}
