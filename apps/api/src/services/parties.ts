/** Parties 客户 and occupancies (who owns, rents or lives in a unit, and since when). */
import { type SQL, and, asc, count, eq, ilike, or } from 'drizzle-orm';
import { occupancies, parties } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { NotFoundError, ValidationError } from '../lib/errors';
import { maskIdNumber } from '../lib/mask';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import type { PageInput } from './org';
import { authorizeUnit, occupanciesOf } from './units';

type PartyRow = typeof parties.$inferSelect;
/** The ID number never leaves the server unmasked. */
export const toParty = (p: PartyRow) => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  phone: p.phone,
  idNumber: maskIdNumber(p.idNumber),
  orgNodeId: p.orgNodeId,
});

export async function listParties({ ctx, input }: { ctx: StaffContext; input: PageInput }) {
  const where: SQL[] = [inScope(parties.orgNodeId, ctx.actor, 'party:read')];
  if (input.q) where.push(or(ilike(parties.name, likePattern(input.q)), ilike(parties.phone, likePattern(input.q)))!);
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(parties)
      .where(cond)
      .orderBy(asc(parties.name))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(parties).where(cond),
  ]);
  return { items: rows.map(toParty), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

async function authorizeParty(ctx: StaffContext, id: string, permission: 'party:read' | 'party:write') {
  const [row] = await ctx.db.select().from(parties).where(eq(parties.id, id));
  if (!row) throw new NotFoundError('party');
  await authorizeNode(ctx.db, ctx.actor, row.orgNodeId, permission, 'party:read', 'party');
  return row;
}

export async function getParty({ ctx, id }: { ctx: StaffContext; id: string }) {
  return toParty(await authorizeParty(ctx, id, 'party:read'));
}

export interface PartyInput {
  kind: 'person' | 'company';
  name: string;
  phone?: string | null | undefined;
  idNumber?: string | null | undefined;
  orgNodeId: string;
}

export async function createParty({ ctx, input }: { ctx: StaffContext; input: PartyInput }) {
  await authorizeNode(ctx.db, ctx.actor, input.orgNodeId, 'party:write', 'org:read', 'org node');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(parties)
      .values({ ...input, phone: input.phone ?? null, idNumber: input.idNumber ?? null })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'party', entityId: row!.id, after: toParty(row!) });
    return toParty(row!);
  });
}

export async function updateParty({ ctx, id, input }: { ctx: StaffContext; id: string; input: Partial<Omit<PartyInput, 'orgNodeId'>> }) {
  const before = await authorizeParty(ctx, id, 'party:write');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(parties)
      .set({ ...input, updatedAt: ctx.clock.now() })
      .where(eq(parties.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'party', entityId: id, before: toParty(before), after: toParty(row!) });
    return toParty(row!);
  });
}

// ---- occupancies ---------------------------------------------------------------------------------------

export async function listOccupancies({ ctx, input }: { ctx: StaffContext; input: { unitId?: string; partyId?: string } }) {
  if (!input.unitId && !input.partyId) throw new ValidationError('unitId or partyId is required');
  const where: SQL[] = [];
  if (input.unitId) {
    await authorizeUnit(ctx, input.unitId, 'unit:read');
    where.push(eq(occupancies.unitId, input.unitId));
  }
  if (input.partyId) {
    await authorizeParty(ctx, input.partyId, 'party:read');
    where.push(eq(occupancies.partyId, input.partyId));
  }
  return { items: await occupanciesOf(ctx, and(...where)!) };
}

export interface OccupancyInput {
  unitId: string;
  partyId: string;
  relation: 'owner' | 'tenant' | 'family';
  startDate: string;
  endDate?: string | null | undefined;
}

export async function createOccupancy({ ctx, input }: { ctx: StaffContext; input: OccupancyInput }) {
  await authorizeUnit(ctx, input.unitId, 'occupancy:write');
  await authorizeParty(ctx, input.partyId, 'party:read');
  if (input.endDate && input.endDate < input.startDate) throw new ValidationError('endDate is before startDate', [{ path: 'endDate', message: 'before startDate' }]);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(occupancies)
      .values({ ...input, endDate: input.endDate ?? null })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'occupancy', entityId: row!.id, after: row });
    return row!.id;
  });
  const [row] = await occupanciesOf(ctx, eq(occupancies.id, id));
  return row!;
}

export async function endOccupancy({ ctx, id, input }: { ctx: StaffContext; id: string; input: { endDate: string | null } }) {
  const [before] = await ctx.db.select().from(occupancies).where(eq(occupancies.id, id));
  if (!before) throw new NotFoundError('occupancy');
  await authorizeUnit(ctx, before.unitId, 'occupancy:write');
  if (input.endDate && input.endDate < before.startDate) throw new ValidationError('endDate is before startDate', [{ path: 'endDate', message: 'before startDate' }]);
  await ctx.db.transaction(async (tx) => {
    await tx.update(occupancies).set({ endDate: input.endDate }).where(eq(occupancies.id, id));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'occupancy', entityId: id, before, after: input });
  });
  const [row] = await occupanciesOf(ctx, eq(occupancies.id, id));
  return row!;
}
