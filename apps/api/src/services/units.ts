/** Units 房屋: the list with search by number, owner name or phone; detail with occupancy history. */
import { unitSortKey } from '@pm/domain';
import { type SQL, and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { buildings, occupancies, orgNodes, parties, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { NotFoundError } from '../lib/errors';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import { authorizeBuilding } from './buildings';
import type { PageInput } from './org';

export type UnitType = 'residential' | 'shop' | 'office' | 'parking' | 'storage';
export type UnitState = 'vacant' | 'occupied' | 'renovating';

const estateNode = alias(orgNodes, 'estate_node');
const MAX_PARTY_MATCHES = 2000;
/** Unit lists report an exact total up to this many, then "10,000+" (totalCapped). */
export const COUNT_CAP = 10_000;
const columns = {
  id: units.id,
  estateId: units.estateId,
  estateName: estateNode.name,
  buildingId: units.buildingId,
  buildingName: buildings.name,
  number: units.number,
  floor: units.floor,
  buildingArea: units.buildingArea,
  insideArea: units.insideArea,
  type: units.type,
  state: units.state,
};

function baseQuery(ctx: StaffContext) {
  return ctx.db
    .select(columns)
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(estateNode, eq(estateNode.id, units.estateId));
}

/** Current owners of the given units, for list rows. */
async function ownersOf(ctx: StaffContext, unitIds: string[]) {
  if (unitIds.length === 0) return new Map<string, { partyId: string; name: string }[]>();
  const rows = await ctx.db
    .select({ unitId: occupancies.unitId, partyId: parties.id, name: parties.name })
    .from(occupancies)
    .innerJoin(parties, eq(parties.id, occupancies.partyId))
    .where(and(inArray(occupancies.unitId, unitIds), eq(occupancies.relation, 'owner'), isNull(occupancies.endDate)));
  const map = new Map<string, { partyId: string; name: string }[]>();
  for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), { partyId: r.partyId, name: r.name }]);
  return map;
}

export async function listUnits({
  ctx,
  input,
}: {
  ctx: StaffContext;
  input: PageInput & { estateId?: string; buildingId?: string; type?: UnitType; state?: UnitState };
}) {
  const where: SQL[] = [inScope(units.estateId, ctx.actor, 'unit:read')];
  if (input.estateId) where.push(eq(units.estateId, input.estateId));
  if (input.buildingId) where.push(eq(units.buildingId, input.buildingId));
  if (input.type) where.push(eq(units.type, input.type));
  if (input.state) where.push(eq(units.state, input.state));
  if (input.q) {
    // Two steps, each an index-friendly scan: the units whose current occupant's name or phone matches
    // (capped: a search that broad is refined by the user anyway), then units by number or in that set.
    const pattern = likePattern(input.q);
    const byParty = await ctx.db
      .selectDistinct({ unitId: occupancies.unitId })
      .from(parties)
      .innerJoin(occupancies, eq(occupancies.partyId, parties.id))
      .where(and(isNull(occupancies.endDate), or(ilike(parties.name, pattern), ilike(parties.phone, pattern)), inScope(parties.orgNodeId, ctx.actor, 'unit:read')))
      .limit(MAX_PARTY_MATCHES);
    const ids = byParty.map((r) => r.unitId);
    where.push(ids.length ? or(ilike(units.number, pattern), inArray(units.id, ids))! : ilike(units.number, pattern));
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    baseQuery(ctx)
      .where(cond)
      .orderBy(asc(units.sortKey), asc(units.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    // Counting 100,000 rows on every page costs more than the page itself: count up to a cap, and say so.
    ctx.db.select({ n: count() }).from(ctx.db.select({ one: sql`1` }).from(units).where(cond).limit(COUNT_CAP + 1).as('capped')),
  ]);
  const owners = await ownersOf(
    ctx,
    rows.map((r) => r.id),
  );
  const n = total?.n ?? 0;
  return {
    items: rows.map((r) => ({ ...r, owners: owners.get(r.id) ?? [] })),
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Loads a unit the actor may act on with `permission`; 404 when it is outside what they may read. */
export async function authorizeUnit(ctx: StaffContext, id: string, permission: 'unit:read' | 'unit:write' | 'occupancy:write' | 'binding:read' | 'binding:write') {
  const [row] = await baseQuery(ctx).where(eq(units.id, id));
  if (!row) throw new NotFoundError('unit');
  await authorizeNode(ctx.db, ctx.actor, row.estateId, permission, 'unit:read', 'unit');
  return row;
}

export async function occupanciesOf(ctx: StaffContext, where: SQL) {
  return ctx.db
    .select({
      id: occupancies.id,
      unitId: occupancies.unitId,
      partyId: occupancies.partyId,
      partyName: parties.name,
      partyPhone: parties.phone,
      relation: occupancies.relation,
      startDate: occupancies.startDate,
      endDate: occupancies.endDate,
    })
    .from(occupancies)
    .innerJoin(parties, eq(parties.id, occupancies.partyId))
    .where(where)
    .orderBy(sql`${occupancies.endDate} is not null`, asc(occupancies.relation), asc(occupancies.startDate));
}

export async function getUnit({ ctx, id }: { ctx: StaffContext; id: string }) {
  const row = await authorizeUnit(ctx, id, 'unit:read');
  const [owners, occ] = await Promise.all([ownersOf(ctx, [id]), occupanciesOf(ctx, eq(occupancies.unitId, id))]);
  return { ...row, owners: owners.get(id) ?? [], occupancies: occ };
}

export interface UnitInput {
  buildingId: string;
  number: string;
  floor: number;
  buildingArea: string;
  insideArea?: string | null | undefined;
  type: UnitType;
  state: UnitState;
}

export async function createUnit({ ctx, input }: { ctx: StaffContext; input: UnitInput }) {
  const building = await authorizeBuilding(ctx, input.buildingId, 'unit:write');
  const id = await ctx.db.transaction(async (tx) => {
    const sortKey = unitSortKey({ estateName: building.estateName, buildingName: building.name, floor: input.floor, number: input.number });
    const [row] = await tx
      .insert(units)
      .values({ ...input, insideArea: input.insideArea ?? null, estateId: building.estateId, sortKey })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'unit', entityId: row!.id, after: row });
    return row!.id;
  });
  return getUnit({ ctx, id });
}

export async function updateUnit({ ctx, id, input }: { ctx: StaffContext; id: string; input: Partial<Omit<UnitInput, 'buildingId'>> }) {
  const before = await authorizeUnit(ctx, id, 'unit:write');
  const sortKey = unitSortKey({
    estateName: before.estateName,
    buildingName: before.buildingName,
    floor: input.floor ?? before.floor,
    number: input.number ?? before.number,
  });
  await ctx.db.transaction(async (tx) => {
    await tx.update(units).set({ ...input, sortKey, updatedAt: ctx.clock.now() }).where(eq(units.id, id));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'unit', entityId: id, before, after: input });
  });
  return getUnit({ ctx, id });
}
