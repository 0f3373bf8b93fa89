/** Buildings 楼栋 of an estate. */
import { naturalKey } from '@pm/domain';
import { type SQL, and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import { buildings, orgNodes, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { NotFoundError } from '../lib/errors';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import { replaceSortKeyPart } from '../lib/sort-key';
import type { PageInput } from './org';

const columns = {
  id: buildings.id,
  estateId: buildings.estateId,
  estateName: orgNodes.name,
  name: buildings.name,
  floors: buildings.floors,
  unitCount: sql<number>`(select count(*)::int from ${units} where ${units.buildingId} = ${buildings.id})`,
};

export async function listBuildings({ ctx, input }: { ctx: StaffContext; input: PageInput & { estateId?: string } }) {
  const where: SQL[] = [inScope(buildings.estateId, ctx.actor, 'estate:read')];
  if (input.estateId) where.push(eq(buildings.estateId, input.estateId));
  if (input.q) where.push(ilike(buildings.name, likePattern(input.q)));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(buildings)
      .innerJoin(orgNodes, eq(orgNodes.id, buildings.estateId))
      .where(cond)
      // Natural order: "2栋" before "10栋".
      .orderBy(asc(orgNodes.name), sql`length(${buildings.name})`, asc(buildings.name))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(buildings).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

async function loadBuilding(ctx: StaffContext, id: string) {
  const [row] = await ctx.db.select(columns).from(buildings).innerJoin(orgNodes, eq(orgNodes.id, buildings.estateId)).where(eq(buildings.id, id));
  return row;
}

/** Loads a building the actor may act on with `permission` (404 if outside their scope). */
export async function authorizeBuilding(ctx: StaffContext, id: string, permission: 'estate:read' | 'estate:write' | 'unit:write' | 'unit:read') {
  const row = await loadBuilding(ctx, id);
  if (!row) throw new NotFoundError('building');
  await authorizeNode(ctx.db, ctx.actor, row.estateId, permission, 'estate:read', 'building');
  return row;
}

export async function getBuilding({ ctx, id }: { ctx: StaffContext; id: string }) {
  return authorizeBuilding(ctx, id, 'estate:read');
}

export async function createBuilding({ ctx, input }: { ctx: StaffContext; input: { estateId: string; name: string; floors: number } }) {
  const estate = await authorizeNode(ctx.db, ctx.actor, input.estateId, 'estate:write', 'estate:read', 'estate');
  if (estate.kind !== 'estate') throw new NotFoundError('estate');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(buildings).values(input).returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'building', entityId: row!.id, after: row });
    return row!.id;
  });
  return (await loadBuilding(ctx, id))!;
}

export async function updateBuilding({ ctx, id, input }: { ctx: StaffContext; id: string; input: { name?: string; floors?: number } }) {
  const before = await authorizeBuilding(ctx, id, 'estate:write');
  await ctx.db.transaction(async (tx) => {
    await tx.update(buildings).set({ ...input, updatedAt: ctx.clock.now() }).where(eq(buildings.id, id));
    if (input.name !== undefined && input.name !== before.name) {
      // The building's name is the second part of its units' sort keys.
      await tx.execute(sql`update ${units} set sort_key = ${replaceSortKeyPart(2, naturalKey(input.name))} where ${units.buildingId} = ${id}`);
    }
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'building', entityId: id, before, after: input });
  });
  return (await loadBuilding(ctx, id))!;
}
