/** Organisation nodes (group → company → office) and estates, which are org nodes with property data. */
import { randomUUID } from 'node:crypto';
import { CHILD_KIND, type NodeKind, naturalKey } from '@pm/domain';
import { type SQL, and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import { buildings, estates, orgNodes, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { NotFoundError, ValidationError } from '../lib/errors';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import { replaceSortKeyPart } from '../lib/sort-key';

export interface PageInput {
  page: number;
  pageSize: number;
  q?: string | undefined;
}

export async function listOrgNodes({ ctx, input }: { ctx: StaffContext; input: PageInput & { kind?: NodeKind; parentId?: string } }) {
  const where: SQL[] = [inScope(orgNodes.id, ctx.actor, 'org:read')];
  if (input.kind) where.push(eq(orgNodes.kind, input.kind));
  if (input.parentId) where.push(eq(orgNodes.parentId, input.parentId));
  if (input.q) where.push(ilike(orgNodes.name, likePattern(input.q)));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ id: orgNodes.id, parentId: orgNodes.parentId, kind: orgNodes.kind, name: orgNodes.name, path: orgNodes.path })
      .from(orgNodes)
      .where(cond)
      .orderBy(sql`array_length(${orgNodes.path}, 1)`, asc(orgNodes.name))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(orgNodes).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function getOrgNode({ ctx, id }: { ctx: StaffContext; id: string }) {
  const node = await authorizeNode(ctx.db, ctx.actor, id, 'org:read', 'org:read', 'org node');
  return node;
}

export async function createOrgNode({ ctx, input }: { ctx: StaffContext; input: { parentId: string; kind: NodeKind; name: string } }) {
  const parent = await authorizeNode(ctx.db, ctx.actor, input.parentId, 'org:write', 'org:read', 'parent node');
  if (input.kind === 'estate') throw new ValidationError('estates are created with POST /api/estates');
  if (CHILD_KIND[parent.kind] !== input.kind) {
    throw new ValidationError(`a ${input.kind} cannot sit under a ${parent.kind}`, [{ path: 'kind', message: `expected ${CHILD_KIND[parent.kind]}` }]);
  }
  return ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    const [row] = await tx
      .insert(orgNodes)
      .values({ id, parentId: parent.id, kind: input.kind, name: input.name, path: [...parent.path, id] })
      .returning({ id: orgNodes.id, parentId: orgNodes.parentId, kind: orgNodes.kind, name: orgNodes.name, path: orgNodes.path });
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'org_node', entityId: id, after: row });
    return row!;
  });
}

export async function updateOrgNode({ ctx, id, input }: { ctx: StaffContext; id: string; input: { name: string } }) {
  const before = await authorizeNode(ctx.db, ctx.actor, id, 'org:write', 'org:read', 'org node');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(orgNodes)
      .set({ name: input.name, updatedAt: ctx.clock.now() })
      .where(eq(orgNodes.id, id))
      .returning({ id: orgNodes.id, parentId: orgNodes.parentId, kind: orgNodes.kind, name: orgNodes.name, path: orgNodes.path });
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'org_node', entityId: id, before, after: row });
    return row!;
  });
}

// ---- estates -------------------------------------------------------------------------------------------

const office = sql`(select o.name from org_nodes o where o.id = ${estates.officeId})`;
const estateColumns = {
  id: estates.id,
  officeId: estates.officeId,
  officeName: sql<string>`${office}`,
  name: orgNodes.name,
  kind: estates.kind,
  address: estates.address,
  buildingCount: sql<number>`(select count(*)::int from ${buildings} where ${buildings.estateId} = ${estates.id})`,
  unitCount: sql<number>`(select count(*)::int from ${units} where ${units.estateId} = ${estates.id})`,
};

export async function listEstates({ ctx, input }: { ctx: StaffContext; input: PageInput & { officeId?: string } }) {
  const where: SQL[] = [inScope(estates.id, ctx.actor, 'estate:read')];
  if (input.officeId) where.push(eq(estates.officeId, input.officeId));
  if (input.q) where.push(ilike(orgNodes.name, likePattern(input.q)));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(estateColumns)
      .from(estates)
      .innerJoin(orgNodes, eq(orgNodes.id, estates.id))
      .where(cond)
      .orderBy(asc(orgNodes.name))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(estates).innerJoin(orgNodes, eq(orgNodes.id, estates.id)).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function getEstate({ ctx, id }: { ctx: StaffContext; id: string }) {
  await authorizeNode(ctx.db, ctx.actor, id, 'estate:read', 'estate:read', 'estate');
  const [row] = await ctx.db.select(estateColumns).from(estates).innerJoin(orgNodes, eq(orgNodes.id, estates.id)).where(eq(estates.id, id));
  if (!row) throw new NotFoundError('estate');
  return row;
}

export interface EstateInput {
  officeId: string;
  name: string;
  kind: 'residential' | 'commercial' | 'mixed';
  address: string;
}

export async function createEstate({ ctx, input }: { ctx: StaffContext; input: EstateInput }) {
  const parent = await authorizeNode(ctx.db, ctx.actor, input.officeId, 'estate:write', 'org:read', 'office');
  if (parent.kind !== 'office') throw new ValidationError('an estate must sit under a management office', [{ path: 'officeId', message: 'not an office' }]);
  const id = await ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.insert(orgNodes).values({ id, parentId: parent.id, kind: 'estate', name: input.name, path: [...parent.path, id] });
    const [row] = await tx.insert(estates).values({ id, officeId: parent.id, kind: input.kind, address: input.address }).returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'estate', entityId: id, after: { ...row, name: input.name } });
    return id;
  });
  return getEstate({ ctx, id });
}

export async function updateEstate({ ctx, id, input }: { ctx: StaffContext; id: string; input: Partial<Omit<EstateInput, 'officeId'>> }) {
  await authorizeNode(ctx.db, ctx.actor, id, 'estate:write', 'estate:read', 'estate');
  const before = await getEstate({ ctx, id });
  await ctx.db.transaction(async (tx) => {
    if (input.name !== undefined) {
      await tx.update(orgNodes).set({ name: input.name, updatedAt: ctx.clock.now() }).where(eq(orgNodes.id, id));
      // The estate's name is the first part of its units' sort keys.
      if (input.name !== before.name) {
        await tx.execute(sql`update ${units} set sort_key = ${replaceSortKeyPart(1, naturalKey(input.name))} where ${units.estateId} = ${id}`);
      }
    }
    if (input.kind !== undefined || input.address !== undefined) {
      await tx
        .update(estates)
        .set({ ...(input.kind && { kind: input.kind }), ...(input.address !== undefined && { address: input.address }), updatedAt: ctx.clock.now() })
        .where(eq(estates.id, id));
    }
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'estate', entityId: id, before, after: input });
  });
  return getEstate({ ctx, id });
}
