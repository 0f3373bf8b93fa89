/** Staff accounts and the grants that give them roles on parts of the organisation tree. */
import { type Role, canGrantRole, rolesOn } from '@pm/domain';
import { type SQL, and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import { grants, orgNodes, staffAccounts } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { hashPassword } from '../lib/password';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import { deleteSessionsOf } from './auth/sessions';
import type { PageInput } from './org';

type StaffRow = typeof staffAccounts.$inferSelect;

async function grantsOf(ctx: StaffContext, staffIds: string[]) {
  if (staffIds.length === 0) return [];
  return ctx.db
    .select({ id: grants.id, staffId: grants.staffId, role: grants.role, nodeId: grants.nodeId, nodeName: orgNodes.name, nodeKind: orgNodes.kind })
    .from(grants)
    .innerJoin(orgNodes, eq(orgNodes.id, grants.nodeId))
    .where(inArray(grants.staffId, staffIds))
    .orderBy(asc(grants.createdAt));
}

function toStaff(s: StaffRow, g: Awaited<ReturnType<typeof grantsOf>>) {
  return {
    id: s.id,
    username: s.username,
    name: s.name,
    phone: s.phone,
    homeNodeId: s.homeNodeId,
    active: s.active,
    grants: g.filter((x) => x.staffId === s.id).map((x) => ({ ...x, role: x.role as Role })),
  };
}

export async function listStaff({ ctx, input }: { ctx: StaffContext; input: PageInput }) {
  const where: SQL[] = [inScope(staffAccounts.homeNodeId, ctx.actor, 'staff:read')];
  if (input.q) where.push(or(ilike(staffAccounts.name, likePattern(input.q)), ilike(staffAccounts.username, likePattern(input.q)), ilike(staffAccounts.phone, likePattern(input.q)))!);
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(staffAccounts)
      .where(cond)
      .orderBy(asc(staffAccounts.username))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(staffAccounts).where(cond),
  ]);
  const g = await grantsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toStaff(r, g)), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

async function authorizeStaff(ctx: StaffContext, id: string, permission: 'staff:read' | 'staff:write' | 'grant:write') {
  const [row] = await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  if (!row) throw new NotFoundError('staff account');
  await authorizeNode(ctx.db, ctx.actor, row.homeNodeId, permission, 'staff:read', 'staff account');
  return row;
}

export async function getStaff({ ctx, id }: { ctx: StaffContext; id: string }) {
  const row = await authorizeStaff(ctx, id, 'staff:read');
  return toStaff(row, await grantsOf(ctx, [id]));
}

export async function createStaff({
  ctx,
  input,
}: {
  ctx: StaffContext;
  input: { username: string; name: string; phone?: string | null | undefined; password: string; homeNodeId: string };
}) {
  await authorizeNode(ctx.db, ctx.actor, input.homeNodeId, 'staff:write', 'org:read', 'org node');
  const username = input.username.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.username, username));
    if (existing) throw new ConflictError('用户名已存在 Username already taken', { field: 'username' });
    const [row] = await tx
      .insert(staffAccounts)
      .values({ username, name: input.name, phone: input.phone ?? null, passwordHash, homeNodeId: input.homeNodeId })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'staff_account', entityId: row!.id, after: row });
    return row!.id;
  });
  return getStaff({ ctx, id });
}

export async function updateStaff({
  ctx,
  id,
  input,
}: {
  ctx: StaffContext;
  id: string;
  input: { name?: string; phone?: string | null; active?: boolean; password?: string };
}) {
  const before = await authorizeStaff(ctx, id, 'staff:write');
  const { password, ...rest } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(staffAccounts)
      .set({ ...rest, ...(passwordHash && { passwordHash }), updatedAt: ctx.clock.now() })
      .where(eq(staffAccounts.id, id));
    // Deactivation or a new password ends every open session of that account.
    if (input.active === false || passwordHash) await deleteSessionsOf(tx, id);
    await writeAudit(tx, ctx.actor, ctx.requestId, {
      action: 'update',
      entity: 'staff_account',
      entityId: id,
      before,
      after: { ...rest, ...(passwordHash && { passwordChanged: true }) },
    });
  });
  return getStaff({ ctx, id });
}

/** The actor may hand out `role` on `node` only if a role they hold there outranks or equals it. */
function assertMayGrant(ctx: StaffContext, node: { id: string; path: string[] }, role: Role) {
  const held = rolesOn(ctx.actor.grants, node);
  if (!held.some((r) => canGrantRole(r, role))) throw new ForbiddenError('不能授予高于自身的角色 Cannot grant a role above your own');
}

export async function createGrant({ ctx, input }: { ctx: StaffContext; input: { staffId: string; role: Role; nodeId: string } }) {
  await authorizeStaff(ctx, input.staffId, 'staff:read');
  const node = await authorizeNode(ctx.db, ctx.actor, input.nodeId, 'grant:write', 'org:read', 'org node');
  assertMayGrant(ctx, node, input.role);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(grants).values(input).returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'grant', entityId: row!.id, after: row });
    return row!.id;
  });
  const [row] = await ctx.db
    .select({ id: grants.id, staffId: grants.staffId, role: grants.role, nodeId: grants.nodeId, nodeName: orgNodes.name, nodeKind: orgNodes.kind })
    .from(grants)
    .innerJoin(orgNodes, eq(orgNodes.id, grants.nodeId))
    .where(eq(grants.id, id));
  return { ...row!, role: row!.role as Role };
}

export async function deleteGrant({ ctx, id }: { ctx: StaffContext; id: string }) {
  const [row] = await ctx.db.select().from(grants).where(eq(grants.id, id));
  if (!row) throw new NotFoundError('grant');
  const node = await authorizeNode(ctx.db, ctx.actor, row.nodeId, 'grant:write', 'staff:read', 'grant');
  assertMayGrant(ctx, node, row.role as Role);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(grants).where(eq(grants.id, id));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'delete', entity: 'grant', entityId: id, before: row });
  });
  return { ok: true as const };
}
