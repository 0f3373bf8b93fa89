/**
 * 提交工单: a resident files a repair, complaint or paid service for one of their units (or its estate's common
 * area); customer service files one on a resident's behalf (phone, counter); staff raise internal jobs. The
 * domain's `openWorkOrder` checks who may open which kind and what it must say and computes the deadlines
 * from the estate's settings. The client-made id is the idempotency key: the same id again returns the order.
 */
import { openWorkOrder, type OpenWorkOrderInput, type WorkOrderActor, type WorkOrderKind, type WorkOrderLocation, type WorkOrderPriority } from '@pm/domain';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { units, workOrderEvents, workOrders } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { ResidentContext, StaffContext } from '../../lib/context';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { authorizeEstateAny, boundUnitIds, staffKindOn } from './access';
import { openError } from './errors';
import { notifyEvent } from './notify';
import { checkOwnPhotos } from './photos';
import { toColumns } from './row';
import { activeCategories, loadSettings } from './settings';
import { nextWorkOrderNumber } from './number';
import { detailOf, type WorkOrderDetail } from './view';

export interface OpenInput {
  id: string;
  kind: WorkOrderKind;
  category: string;
  priority?: WorkOrderPriority | undefined;
  location?: WorkOrderLocation | undefined;
  unitId?: string | undefined;
  description: string;
  reportPhotos?: string[] | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  appointmentAt?: string | undefined;
  anonymous?: boolean | undefined;
}

interface Opener {
  actor: WorkOrderActor;
  estateId: string;
  staffId: string | null;
  residentId: string | null;
}

async function create(db: DbOrTx, who: Opener, input: OpenInput, now: Date, audit: (tx: DbOrTx, row: typeof workOrders.$inferSelect) => Promise<void>) {
  const settings = await loadSettings(db, who.estateId);
  if (!activeCategories(settings, input.kind).some((c) => c.code === input.category)) {
    throw new ValidationError('this category is not offered for this kind here', [{ path: 'category', message: 'unknown or inactive category' }]);
  }
  if (input.anonymous && input.kind !== 'complaint') throw new ValidationError('only complaints may be anonymous', [{ path: 'anonymous', message: 'complaints only' }]);
  await checkOwnPhotos(db, who.staffId ? { staffId: who.staffId } : { residentId: who.residentId! }, input.reportPhotos ?? []);
  const domainInput: OpenWorkOrderInput = {
    id: input.id,
    kind: input.kind,
    category: input.category,
    ...(input.priority && { priority: input.priority }),
    location: input.location ?? null,
    unitId: input.unitId ?? null,
    description: input.description,
    reportPhotos: input.reportPhotos ?? [],
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    appointmentAt: input.appointmentAt ?? null,
    submittedAt: now.toISOString(),
  };
  const decision = openWorkOrder(domainInput, who.actor, settings.policy);
  if (!decision.ok) throw openError(decision);
  return db.transaction(async (tx) => {
    const number = await nextWorkOrderNumber(tx, who.estateId, now);
    const [row] = await tx
      .insert(workOrders)
      .values({
        ...(toColumns(decision.order) as typeof workOrders.$inferInsert),
        estateId: who.estateId,
        number,
        residentId: who.residentId,
        anonymous: input.anonymous ?? false,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null; // the same id, posted concurrently: the caller answers with the stored order
    await tx.insert(workOrderEvents).values({
      id: row.id,
      workOrderId: row.id,
      command: 'submit',
      fromState: null,
      toState: row.state,
      actorKind: who.actor.kind,
      actorStaffId: who.staffId,
      actorResidentId: who.residentId,
      at: now,
      receivedAt: now,
      note: null,
      data: { kind: row.kind, category: row.category, priority: row.priority },
    });
    await notifyEvent(tx, { id: row.id, command: 'submit', from: null, to: row.state, actorStaffId: who.staffId, actorResidentId: who.residentId }, null, row, now);
    await audit(tx, row);
    return row;
  });
}

async function existing(db: DbOrTx, id: string) {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  return row;
}

async function unitOfEstate(db: DbOrTx, unitId: string) {
  const [u] = await db.select({ id: units.id, estateId: units.estateId }).from(units).where(eq(units.id, unitId));
  if (!u) throw new NotFoundError('unit');
  return u;
}

export async function openForStaff({ ctx, input }: { ctx: StaffContext; input: OpenInput & { estateId: string } }): Promise<WorkOrderDetail> {
  const node = await authorizeEstateAny(ctx, input.estateId, ['work_order:read', 'work_order:work']);
  const kind = staffKindOn(ctx, node);
  if (!kind) throw new ForbiddenError();
  if (input.unitId && (await unitOfEstate(ctx.db, input.unitId)).estateId !== input.estateId) throw new ValidationError('the unit is not in this estate', [{ path: 'unitId', message: 'other estate' }]);
  const now = ctx.clock.now();
  const seen = await existing(ctx.db, input.id);
  if (seen) {
    if (seen.reporterId !== ctx.actor.id) throw new ConflictError('this id was used for another order', { code: 'idempotency_conflict' });
  } else {
    await create(ctx.db, { actor: { kind, id: ctx.actor.id }, estateId: input.estateId, staffId: ctx.actor.id, residentId: null }, input, now, (tx, row) =>
      writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'work_order', entityId: row.id, after: row }),
    );
  }
  const row = (await existing(ctx.db, input.id))!;
  return detailOf(ctx.db, row, { actor: { kind, id: ctx.actor.id, isAssignee: row.assigneeId === ctx.actor.id, isReporter: true }, audience: 'staff', now, seeReporter: true });
}

export async function openForResident({ ctx, input }: { ctx: ResidentContext; input: OpenInput & { unitId: string } }): Promise<WorkOrderDetail> {
  const bound = await boundUnitIds(ctx.db, ctx.actor.id);
  if (!bound.includes(input.unitId)) throw new NotFoundError('unit');
  const unit = await unitOfEstate(ctx.db, input.unitId);
  if (input.priority) throw new ValidationError('priority is set by the property office', [{ path: 'priority', message: 'staff only' }]);
  const now = ctx.clock.now();
  const location = input.kind === 'paid_service' ? 'unit' : (input.location ?? 'unit');
  // A common-area report names the estate through the resident's unit but is not about the unit itself.
  const body: OpenInput = { ...input, location, unitId: location === 'unit' ? input.unitId : undefined };
  const seen = await existing(ctx.db, input.id);
  if (seen) {
    if (seen.residentId !== ctx.actor.id) throw new ConflictError('this id was used for another order', { code: 'idempotency_conflict' });
  } else {
    await create(ctx.db, { actor: { kind: 'resident', id: ctx.actor.id }, estateId: unit.estateId, staffId: null, residentId: ctx.actor.id }, body, now, (tx, row) =>
      writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'work_order', entityId: row.id, after: row }),
    );
  }
  const row = (await existing(ctx.db, input.id))!;
  return detailOf(ctx.db, row, { actor: { kind: 'resident', id: ctx.actor.id, isReporter: true }, audience: 'resident', now, seeReporter: true });
}
