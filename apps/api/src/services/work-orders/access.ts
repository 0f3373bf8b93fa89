/**
 * Who may see and do what with work orders, and as which actor kind the rules see them.
 * - Staff are mapped per estate: a manager role (group admin, company or office manager) on the estate →
 *   `manager`; `work_order:dispatch` → `customer_service`; `work_order:work` → `technician`.
 * - Staff with `work_order:read` see every order of their estates; a technician sees the orders assigned to
 *   them and the pool (submitted, unassigned work kinds) of their estates, nothing else (404).
 * - A resident sees the orders they filed or that concern a unit they are bound to (never another's
 *   complaint about their unit: complaints are the filer's own).
 */
import { type ActorKind, grantsAllow, type Permission, type Role, type WorkOrderActor } from '@pm/domain';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { residentBindings, workOrders } from '../../db/schema';
import type { ResidentContext, StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { loadNode, type NodeRef, rootsFor, uuidArray } from '../../lib/scope';

const MANAGER_ROLES: readonly Role[] = ['group_admin', 'company_manager', 'office_manager'];
const WORK_KINDS_SQL = sql`('repair','paid_service','internal')`;

export type WorkOrderRow = typeof workOrders.$inferSelect;

/** The actor kind a staff member is on this estate, or null when work orders are none of their business there. */
export function staffKindOn(ctx: StaffContext, node: NodeRef): Exclude<ActorKind, 'resident' | 'system'> | null {
  const grants = ctx.actor.grants.filter((g) => node.path.includes(g.nodeId));
  if (grants.some((g) => MANAGER_ROLES.includes(g.role as Role))) return 'manager';
  if (grantsAllow(ctx.actor.grants, 'work_order:dispatch', node)) return 'customer_service';
  if (grantsAllow(ctx.actor.grants, 'work_order:work', node)) return 'technician';
  return null;
}

export async function estateNode(db: DbOrTx, estateId: string): Promise<NodeRef> {
  const node = await loadNode(db, estateId);
  if (node?.kind !== 'estate') throw new NotFoundError('estate');
  return node;
}

/** The estate when the actor holds any of `permissions` there; 404 otherwise (the estate's existence stays private). */
export async function authorizeEstateAny(ctx: StaffContext, estateId: string, permissions: readonly Permission[]): Promise<NodeRef> {
  const node = await loadNode(ctx.db, estateId);
  if (node?.kind !== 'estate' || !permissions.some((p) => grantsAllow(ctx.actor.grants, p, node))) throw new NotFoundError('estate');
  return node;
}

/** May this staff member see this order? (read access, or a technician's own job or pool order.) */
export function staffSees(ctx: StaffContext, node: NodeRef, row: Pick<WorkOrderRow, 'assigneeId' | 'state' | 'kind'>): boolean {
  if (grantsAllow(ctx.actor.grants, 'work_order:read', node)) return true;
  if (!grantsAllow(ctx.actor.grants, 'work_order:work', node)) return false;
  if (row.assigneeId === ctx.actor.id) return true;
  return row.state === 'submitted' && row.assigneeId === null && row.kind !== 'complaint';
}

/** The domain actor for a staff member on an order. */
export function staffActor(ctx: StaffContext, node: NodeRef, row: Pick<WorkOrderRow, 'assigneeId' | 'reporterId'>): WorkOrderActor | null {
  const kind = staffKindOn(ctx, node);
  if (!kind) return null;
  return { kind, id: ctx.actor.id, isAssignee: row.assigneeId === ctx.actor.id, isReporter: row.reporterId === ctx.actor.id };
}

/** SQL: the orders a staff member may list (their read estates, plus their jobs and pool where they only work). */
export function staffListScope(ctx: StaffContext): SQL {
  const read = rootsFor(ctx.actor, 'work_order:read');
  const work = rootsFor(ctx.actor, 'work_order:work');
  const under = (roots: string[]) => sql`${workOrders.estateId} in (select id from org_nodes where path && ${uuidArray(roots)})`;
  const parts: SQL[] = [];
  if (read.length) parts.push(under(read));
  if (work.length) {
    parts.push(
      sql`(${under(work)} and (${workOrders.assigneeId} = ${ctx.actor.id} or (${workOrders.state} = 'submitted' and ${workOrders.assigneeId} is null and ${workOrders.kind} in ${WORK_KINDS_SQL})))`,
    );
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** The units a resident is bound to now. */
export async function boundUnitIds(db: DbOrTx, residentId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: residentBindings.unitId })
    .from(residentBindings)
    .where(and(eq(residentBindings.residentId, residentId), isNull(residentBindings.revokedAt)));
  return rows.map((r) => r.unitId);
}

/** SQL: the orders a resident may see. */
export function residentScope(residentId: string, units: string[]): SQL {
  const mine = eq(workOrders.residentId, residentId);
  if (units.length === 0) return mine;
  return or(mine, and(inArray(workOrders.unitId, units), sql`${workOrders.kind} <> 'complaint'`))!;
}

export function residentActor(ctx: ResidentContext, row: Pick<WorkOrderRow, 'residentId' | 'unitId' | 'kind'>, units: string[]): WorkOrderActor {
  const own = row.residentId === ctx.actor.id;
  const ofMyUnit = row.kind !== 'complaint' && row.unitId !== null && units.includes(row.unitId);
  return { kind: 'resident', id: ctx.actor.id, isReporter: own || ofMyUnit };
}
