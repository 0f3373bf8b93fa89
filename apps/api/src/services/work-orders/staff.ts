/**
 * The staff verbs on work orders: read one, act on one (online), comment, the lists (dispatch board views,
 * my jobs, the pool), the board's counts and technicians by load, and the technician's offline download.
 */
import { grantsAllow, type WorkOrderCommand, type WorkOrderState } from '@pm/domain';
import { and, asc, desc, eq, gte, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { grants, staffAccounts, workOrders } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { authorizeEstateAny, estateNode, staffActor, staffListScope, staffSees, type WorkOrderRow } from './access';
import { addComment, applyCommand, type Who } from './command';
import { detailOf, listItems, type WorkOrderDetail } from './view';

const CLOSED: WorkOrderState[] = ['closed', 'cancelled'];
const DONE: WorkOrderState[] = ['completed', 'responded', 'closed', 'cancelled'];

export function staffWho(ctx: StaffContext): Who {
  return {
    // A technician acting on a job that left the pool meanwhile (taken, cancelled) must hear why, with the
    // state: for commands they may see any work-kind order of their estates (lists stay their jobs and pool).
    sees: async (row) => {
      const node = await estateNode(ctx.db, row.estateId);
      return staffSees(ctx, node, row) || (row.kind !== 'complaint' && grantsAllow(ctx.actor.grants, 'work_order:work', node));
    },
    actor: async (row) => staffActor(ctx, await estateNode(ctx.db, row.estateId), row),
    staffId: ctx.actor.id,
    residentId: null,
    audit: ctx.actor,
    requestId: ctx.requestId,
  };
}

export async function staffDetail(ctx: StaffContext, row: WorkOrderRow): Promise<WorkOrderDetail> {
  const node = await estateNode(ctx.db, row.estateId);
  const actor = staffActor(ctx, node, row);
  const manager = actor?.kind === 'manager';
  return detailOf(ctx.db, row, { actor, audience: 'staff', now: ctx.clock.now(), seeReporter: !row.anonymous || manager });
}

export async function getWorkOrder({ ctx, id }: { ctx: StaffContext; id: string }) {
  const [row] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  if (!row || !staffSees(ctx, await estateNode(ctx.db, row.estateId), row)) throw new NotFoundError('work order');
  return staffDetail(ctx, row);
}

export async function commandWorkOrder({
  ctx,
  id,
  input,
}: {
  ctx: StaffContext;
  id: string;
  input: { id: string; command: WorkOrderCommand; from?: WorkOrderState | undefined; input: Record<string, unknown> };
}) {
  const now = ctx.clock.now();
  const out = await ctx.db.transaction((tx) =>
    applyCommand(tx, { ...staffWho({ ...ctx, db: tx as unknown as StaffContext['db'] }) }, { id: input.id, workOrderId: id, command: input.command, at: now, from: input.from, input: input.input }, now),
  );
  return staffDetail(ctx, out.row);
}

export async function commentWorkOrder({ ctx, id, input }: { ctx: StaffContext; id: string; input: { id: string; text: string } }) {
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) => addComment(tx, staffWho({ ...ctx, db: tx as unknown as StaffContext['db'] }), { id: input.id, workOrderId: id, text: input.text }, now));
  return getWorkOrder({ ctx, id });
}

export type ListView = 'all' | 'unassigned' | 'overdue' | 'at_risk' | 'mine' | 'pool';

export interface ListInput {
  estateId?: string | undefined;
  view?: ListView | undefined;
  kind?: 'repair' | 'complaint' | 'paid_service' | 'internal' | undefined;
  state?: string | undefined;
  assigneeId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** The due time still running first: response when not responded, else completion. */
const runningDue = sql`(case when ${workOrders.respondedAt} is null then least(${workOrders.responseDueAt}, ${workOrders.completeDueAt}) else ${workOrders.completeDueAt} end)`;

export async function listWorkOrders({ ctx, input }: { ctx: StaffContext; input: ListInput }) {
  const now = ctx.clock.now();
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const where: (SQL | undefined)[] = [staffListScope(ctx)];
  if (input.estateId) {
    await authorizeEstateAny(ctx, input.estateId, ['work_order:read', 'work_order:work']);
    where.push(eq(workOrders.estateId, input.estateId));
  }
  if (input.kind) where.push(eq(workOrders.kind, input.kind));
  if (input.assigneeId) where.push(eq(workOrders.assigneeId, input.assigneeId));
  if (input.state === 'open') where.push(notInArray(workOrders.state, DONE));
  else if (input.state === 'done') where.push(inArray(workOrders.state, DONE));
  else if (input.state) where.push(eq(workOrders.state, input.state));
  if (input.q) {
    const q = `%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(or(sql`${workOrders.number} ilike ${q}`, sql`${workOrders.description} ilike ${q}`));
  }
  const open = and(notInArray(workOrders.state, [...DONE]), isNull(workOrders.cancelledAt));
  switch (input.view) {
    case 'unassigned':
      where.push(open, isNull(workOrders.assigneeId));
      break;
    case 'overdue':
      where.push(notInArray(workOrders.state, CLOSED), sql`${runningDue} < ${nowSql}`, sql`(${workOrders.completedAt} is null)`);
      break;
    case 'at_risk':
      // Less than the at-risk share (a quarter by default) of the running window left, not yet late.
      where.push(
        open,
        sql`${runningDue} >= ${nowSql}`,
        sql`${runningDue} - ${nowSql} < (${runningDue} - ${workOrders.submittedAt}) * 0.25`,
      );
      break;
    case 'mine':
      where.push(eq(workOrders.assigneeId, ctx.actor.id));
      break;
    case 'pool':
      where.push(eq(workOrders.state, 'submitted'), isNull(workOrders.assigneeId), inArray(workOrders.kind, ['repair', 'paid_service', 'internal']));
      break;
    default:
      break;
  }
  const cond = and(...where);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(workOrders).where(cond);
  const rows = await ctx.db
    .select()
    .from(workOrders)
    .where(cond)
    .orderBy(sql`(${workOrders.state} in ('completed','responded','closed','cancelled'))`, asc(runningDue), desc(workOrders.submittedAt))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: await listItems(ctx.db, rows, now), page: input.page, pageSize: input.pageSize, total: n };
}

/** 调度看板: the estate's counts and its technicians by open load. */
export async function boardOf({ ctx, estateId }: { ctx: StaffContext; estateId: string }) {
  const node = await authorizeEstateAny(ctx, estateId, ['work_order:read']);
  const now = ctx.clock.now();
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const [counts] = await ctx.db
    .select({
      open: sql<number>`count(*) filter (where ${workOrders.state} not in ('completed','responded','closed','cancelled'))::int`,
      unassigned: sql<number>`count(*) filter (where ${workOrders.state} in ('submitted') and ${workOrders.assigneeId} is null)::int`,
      overdue: sql<number>`count(*) filter (where ${workOrders.state} not in ('closed','cancelled') and ${workOrders.completedAt} is null and ${runningDue} < ${nowSql})::int`,
      atRisk: sql<number>`count(*) filter (where ${workOrders.state} not in ('completed','responded','closed','cancelled') and ${runningDue} >= ${nowSql} and ${runningDue} - ${nowSql} < (${runningDue} - ${workOrders.submittedAt}) * 0.25)::int`,
      onHold: sql<number>`count(*) filter (where ${workOrders.state} = 'on_hold')::int`,
      awaitingFollowUp: sql<number>`count(*) filter (where (${workOrders.state} = 'completed' and ${workOrders.kind} <> 'internal') or ${workOrders.state} = 'responded')::int`,
    })
    .from(workOrders)
    .where(eq(workOrders.estateId, estateId));
  // Technicians: staff whose technician grant covers the estate.
  const techs = await ctx.db
    .selectDistinct({ id: staffAccounts.id, name: staffAccounts.name })
    .from(grants)
    .innerJoin(staffAccounts, eq(staffAccounts.id, grants.staffId))
    .where(and(eq(grants.role, 'technician'), sql`${grants.nodeId} in (select unnest(path) from org_nodes where id = ${estateId})`));
  const loads = techs.length
    ? await ctx.db
        .select({
          id: workOrders.assigneeId,
          open: sql<number>`count(*) filter (where ${workOrders.state} not in ('completed','responded','closed','cancelled'))::int`,
          overdue: sql<number>`count(*) filter (where ${workOrders.state} not in ('closed','cancelled') and ${workOrders.completedAt} is null and ${runningDue} < ${nowSql})::int`,
        })
        .from(workOrders)
        .where(and(eq(workOrders.estateId, estateId), inArray(workOrders.assigneeId, techs.map((t) => t.id))))
        .groupBy(workOrders.assigneeId)
    : [];
  const load = new Map(loads.map((l) => [l.id, l]));
  return {
    estateId: node.id,
    counts: counts ?? { open: 0, unassigned: 0, overdue: 0, atRisk: 0, onHold: 0, awaitingFollowUp: 0 },
    technicians: techs
      .map((t) => ({ id: t.id, name: t.name, open: load.get(t.id)?.open ?? 0, overdue: load.get(t.id)?.overdue ?? 0 }))
      .sort((a, b) => a.open - b.open || a.name.localeCompare(b.name)),
  };
}

/** A technician's offline download: their open (and lately completed) jobs, and the grab-able pool of their estates. */
export async function myWork({ ctx }: { ctx: StaffContext }) {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const jobs = await ctx.db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.assigneeId, ctx.actor.id), or(notInArray(workOrders.state, CLOSED), gte(workOrders.updatedAt, since))))
    .orderBy(asc(runningDue))
    .limit(200);
  const roots = ctx.actor.grants.filter((g) => grantsAllow([g], 'work_order:work', { id: g.nodeId, path: g.nodePath })).map((g) => g.nodeId);
  const pool = roots.length
    ? await ctx.db
        .select()
        .from(workOrders)
        .where(
          and(
            eq(workOrders.state, 'submitted'),
            isNull(workOrders.assigneeId),
            inArray(workOrders.kind, ['repair', 'paid_service', 'internal']),
            sql`${workOrders.estateId} in (select id from org_nodes where path && ${sql`ARRAY[${sql.join(roots.map((r) => sql`${r}`), sql`, `)}]::uuid[]`})`,
          ),
        )
        .orderBy(asc(runningDue))
        .limit(200)
    : [];
  const detail = (rows: WorkOrderRow[]) => Promise.all(rows.map((r) => staffDetail(ctx, r)));
  return { serverTime: now.toISOString(), jobs: await detail(jobs), pool: await detail(pool) };
}
