/**
 * Residents bound to units. Staff issue invite codes for a unit and can revoke a binding; a resident binds
 * with an invite code or by matching the owner's name and phone on record. A resident sees only units
 * with a live binding.
 */
import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, ilike, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db';
import { buildings, estates, occupancies, orgNodes, parties, residentAccounts, residentBindings, unitInvites, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { ResidentContext, StaffContext } from '../lib/context';
import { AppError, ConflictError, NotFoundError } from '../lib/errors';
import { assertWithinLimits, recordAttempt } from '../lib/rate-limit';
import { likePattern } from '../lib/schemas';
import { authorizeUnit } from './units';

export const INVITE_TTL_DAYS = 7;
// No 0/O/1/I/L: codes are read aloud over the counter and typed on phones.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export async function createInvite({ ctx, unitId, relation }: { ctx: StaffContext; unitId: string; relation: 'owner' | 'tenant' | 'family' }) {
  await authorizeUnit(ctx, unitId, 'binding:write');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(unitInvites)
      .values({
        code: newCode(),
        unitId,
        relation,
        createdBy: ctx.actor.id,
        createdAt: ctx.clock.now(),
        expiresAt: new Date(ctx.clock.now().getTime() + INVITE_TTL_DAYS * 86400_000),
      })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'unit_invite', entityId: row!.id, after: { unitId, relation } });
    return { code: row!.code, expiresAt: row!.expiresAt.toISOString(), unitId, relation };
  });
}

const bindingColumns = {
  id: residentBindings.id,
  residentId: residentBindings.residentId,
  phone: residentAccounts.phone,
  relation: residentBindings.relation,
  via: residentBindings.via,
  createdAt: residentBindings.createdAt,
  revokedAt: residentBindings.revokedAt,
};
export async function listUnitBindings({ ctx, unitId }: { ctx: StaffContext; unitId: string }) {
  await authorizeUnit(ctx, unitId, 'binding:read');
  const rows = await ctx.db
    .select(bindingColumns)
    .from(residentBindings)
    .innerJoin(residentAccounts, eq(residentAccounts.id, residentBindings.residentId))
    .where(eq(residentBindings.unitId, unitId))
    .orderBy(sql`${residentBindings.revokedAt} is not null`, desc(residentBindings.createdAt));
  return { items: rows.map(toBinding) };
}
function toBinding(b: { id: string; residentId: string; phone: string; relation: 'owner' | 'tenant' | 'family'; via: 'invite' | 'match' | 'seed'; createdAt: Date; revokedAt: Date | null }) {
  return { ...b, createdAt: b.createdAt.toISOString(), revokedAt: b.revokedAt ? b.revokedAt.toISOString() : null };
}

export async function revokeBinding({ ctx, id }: { ctx: StaffContext; id: string }) {
  const [before] = await ctx.db.select().from(residentBindings).where(eq(residentBindings.id, id));
  if (!before) throw new NotFoundError('binding');
  await authorizeUnit(ctx, before.unitId, 'binding:write');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(residentBindings)
      .set({ revokedAt: ctx.clock.now(), revokedBy: ctx.actor.id })
      .where(and(eq(residentBindings.id, id), isNull(residentBindings.revokedAt)));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'revoke', entity: 'resident_binding', entityId: id, before });
  });
  const [row] = await ctx.db
    .select(bindingColumns)
    .from(residentBindings)
    .innerJoin(residentAccounts, eq(residentAccounts.id, residentBindings.residentId))
    .where(eq(residentBindings.id, id));
  return toBinding(row!);
}

// ---- the resident side ---------------------------------------------------------------------------------

const estateNode = alias(orgNodes, 'estate_node');
const residentUnitColumns = {
  bindingId: residentBindings.id,
  unitId: units.id,
  relation: residentBindings.relation,
  estateName: estateNode.name,
  buildingName: buildings.name,
  number: units.number,
  buildingArea: units.buildingArea,
  type: units.type,
};

export async function residentUnits(db: DbOrTx, residentId: string, bindingId?: string) {
  return db
    .select(residentUnitColumns)
    .from(residentBindings)
    .innerJoin(units, eq(units.id, residentBindings.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(estateNode, eq(estateNode.id, units.estateId))
    .where(and(eq(residentBindings.residentId, residentId), isNull(residentBindings.revokedAt), bindingId ? eq(residentBindings.id, bindingId) : undefined))
    .orderBy(asc(residentBindings.createdAt));
}

const BIND_LIMIT = { max: 10, windowSeconds: 15 * 60 };

async function bind(ctx: ResidentContext, unitId: string, relation: 'owner' | 'tenant' | 'family', via: 'invite' | 'match', tx: DbOrTx) {
  const [live] = await tx
    .select({ id: residentBindings.id })
    .from(residentBindings)
    .where(and(eq(residentBindings.residentId, ctx.actor.id), eq(residentBindings.unitId, unitId), isNull(residentBindings.revokedAt)));
  if (live) throw new ConflictError('已绑定该房屋 Already bound to this unit');
  const [row] = await tx.insert(residentBindings).values({ residentId: ctx.actor.id, unitId, relation, via, createdAt: ctx.clock.now() }).returning();
  await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'bind', entity: 'resident_binding', entityId: row!.id, after: row });
  return row!.id;
}

export async function bindWithInvite({ ctx, code }: { ctx: ResidentContext; code: string }) {
  const key = `bind:${ctx.actor.id}`;
  await assertWithinLimits(ctx.db, ctx.clock, [{ key, ...BIND_LIMIT }]);
  const normalized = code.trim().toUpperCase();
  const bindingId = await ctx.db.transaction(async (tx) => {
    // Claiming the invite and binding happen together; the conditional update makes the code single use.
    const [invite] = await tx
      .update(unitInvites)
      .set({ usedAt: ctx.clock.now(), usedBy: ctx.actor.id })
      .where(and(eq(unitInvites.code, normalized), isNull(unitInvites.usedAt), gt(unitInvites.expiresAt, ctx.clock.now())))
      .returning();
    if (!invite) return undefined;
    return bind(ctx, invite.unitId, invite.relation, 'invite', tx);
  });
  if (!bindingId) {
    await recordAttempt(ctx.db, ctx.clock, [key], false);
    throw new AppError(422, 'invalid_invite', '邀请码无效或已过期 The invite code is invalid or has expired');
  }
  const [unit] = await residentUnits(ctx.db, ctx.actor.id, bindingId);
  return unit!;
}

export async function bindByOwnerMatch({
  ctx,
  input,
}: {
  ctx: ResidentContext;
  input: { estateId: string; buildingName: string; unitNumber: string; ownerName: string };
}) {
  const key = `bind:${ctx.actor.id}`;
  await assertWithinLimits(ctx.db, ctx.clock, [{ key, ...BIND_LIMIT }]);
  // The owner on record must have this name AND the phone the resident logged in with.
  const [match] = await ctx.db
    .select({ unitId: units.id })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(occupancies, and(eq(occupancies.unitId, units.id), eq(occupancies.relation, 'owner'), isNull(occupancies.endDate)))
    .innerJoin(parties, eq(parties.id, occupancies.partyId))
    .where(
      and(
        eq(units.estateId, input.estateId),
        eq(buildings.name, input.buildingName.trim()),
        eq(units.number, input.unitNumber.trim()),
        eq(parties.name, input.ownerName.trim()),
        eq(parties.phone, ctx.actor.phone),
      ),
    )
    .limit(1);
  if (!match) {
    await recordAttempt(ctx.db, ctx.clock, [key], false);
    // One message for every failure: the API must not reveal which part did not match.
    throw new AppError(422, 'no_match', '未找到与您手机号匹配的业主信息，请联系物业获取邀请码 No owner on record matches your phone; ask the office for an invite code');
  }
  const bindingId = await ctx.db.transaction((tx) => bind(ctx, match.unitId, 'owner', 'match', tx));
  const [unit] = await residentUnits(ctx.db, ctx.actor.id, bindingId);
  return unit!;
}

/** Estate names a resident can pick from when binding by owner match. */
export async function listEstateNames({ ctx, q }: { ctx: ResidentContext; q?: string | undefined }) {
  const rows = await ctx.db
    .select({ id: estates.id, name: orgNodes.name })
    .from(estates)
    .innerJoin(orgNodes, eq(orgNodes.id, estates.id))
    .where(q ? ilike(orgNodes.name, likePattern(q)) : undefined)
    .orderBy(asc(orgNodes.name))
    .limit(50);
  return { items: rows };
}
