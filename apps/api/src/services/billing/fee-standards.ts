/**
 * 收费标准: list, create (with the units it applies to), and revise the price from a date. A revision is a
 * new standard; the old one ends the day before, so charges already posted never change.
 */
import { addDays, BillingError, type FeeStandard as DomainStandard, computeCharge } from '@pm/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { buildings, feeAssignments, feeItems, feeStandards, units } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { loadNode } from '../../lib/scope';
import { authorizeEstate } from './access';

export type StandardKind = (typeof feeStandards.$inferSelect)['kind'];
export type Cycle = (typeof feeStandards.$inferSelect)['cycle'];
export type MeterType = 'cold_water' | 'hot_water' | 'electricity' | 'gas';

/** `params` as stored, per kind (validated at the edge by billing.schemas.ts). */
export type StandardParams =
  | { unitPrice: string; areaBasis: 'building_area' | 'inside_area' }
  | { amount: string }
  | { meterType: MeterType; price: string }
  | { meterType: MeterType; tiers: { upTo: string | null; price: string }[] }
  | { meterType: MeterType; basis: 'building_area' | 'inside_area' | 'household'; price: string };

export interface Assignment {
  targetKind: 'estate' | 'building' | 'unit';
  targetId: string;
}

/** The @pm/domain standard a stored row prices with. */
export function toDomainStandard(row: { kind: StandardKind; params: unknown; cycle: Cycle }): DomainStandard {
  const p = row.params as Record<string, unknown>;
  switch (row.kind) {
    case 'area':
      return { kind: 'area', unitPrice: String(p.unitPrice), areaBasis: p.areaBasis as 'building_area' | 'inside_area', cycle: row.cycle };
    case 'fixed':
      return { kind: 'fixed', amount: String(p.amount), cycle: row.cycle };
    case 'metered':
      return Array.isArray(p.tiers) ? { kind: 'metered', tiers: p.tiers as { upTo: string | null; price: string }[] } : { kind: 'metered', price: String(p.price) };
    case 'shared':
      return { kind: 'shared', basis: p.basis as 'building_area' | 'inside_area' | 'household', price: String(p.price) };
  }
}

/** Prices a sample with the domain rules, so a standard the billing run cannot use is refused now. */
function checkParams(kind: StandardKind, params: StandardParams, cycle: Cycle) {
  const std = toDomainStandard({ kind, params, cycle });
  try {
    if (std.kind === 'area') computeCharge(std, { period: '2026-01', buildingArea: '100', insideArea: '80' });
    else if (std.kind === 'fixed') computeCharge(std, { period: '2026-01' });
    else if (std.kind === 'metered') computeCharge(std, { usage: '1' });
    else computeCharge(std, { units: [{ unitId: 'a', buildingArea: '1', insideArea: '1' }], usage: '1' });
  } catch (e) {
    if (e instanceof BillingError) throw new ValidationError(`收费标准参数无效 Invalid fee standard: ${e.message}`, [{ path: 'params', message: e.message }]);
    throw e;
  }
  if ((kind === 'metered' || kind === 'shared') && cycle !== 'monthly') {
    throw new ValidationError('按表计费的标准按月计费 Metered and shared fees are monthly', [{ path: 'cycle', message: 'must be monthly' }]);
  }
}

async function checkTargets(db: DbOrTx, estateId: string, targets: Assignment[]) {
  if (targets.length === 0) throw new ValidationError('assign the standard to the estate, buildings or units', [{ path: 'assignments', message: 'required' }]);
  for (const kind of ['building', 'unit'] as const) {
    const ids = [...new Set(targets.filter((t) => t.targetKind === kind).map((t) => t.targetId))];
    if (!ids.length) continue;
    const table = kind === 'building' ? buildings : units;
    const found = await db.select({ id: table.id }).from(table).where(and(inArray(table.id, ids), eq(table.estateId, estateId)));
    if (found.length !== ids.length) throw new ValidationError(`some ${kind}s are not in this estate`, [{ path: 'assignments', message: `unknown ${kind}` }]);
  }
  if (targets.some((t) => t.targetKind === 'estate' && t.targetId !== estateId)) {
    throw new ValidationError('an estate assignment must name this estate', [{ path: 'assignments', message: 'other estate' }]);
  }
}

async function checkFeeItem(db: DbOrTx, estateId: string, feeItemId: string) {
  const estate = await loadNode(db, estateId);
  const [item] = await db.select({ nodeId: feeItems.nodeId }).from(feeItems).where(eq(feeItems.id, feeItemId));
  if (!item || !estate?.path.includes(item.nodeId)) throw new ValidationError('the fee item does not apply to this estate', [{ path: 'feeItemId', message: 'unknown' }]);
}

export async function listFeeStandards({ ctx, input }: { ctx: StaffContext; input: { estateId: string } }) {
  await authorizeEstate(ctx, input.estateId, 'fee:read', 'fee:read');
  const rows = await ctx.db
    .select({ standard: feeStandards, feeItemName: feeItems.name })
    .from(feeStandards)
    .innerJoin(feeItems, eq(feeItems.id, feeStandards.feeItemId))
    .where(eq(feeStandards.estateId, input.estateId))
    .orderBy(asc(feeItems.name), desc(feeStandards.effectiveFrom));
  const ids = rows.map((r) => r.standard.id);
  const targets = ids.length
    ? await ctx.db
        .select({
          standardId: feeAssignments.standardId,
          targetKind: feeAssignments.targetKind,
          targetId: feeAssignments.targetId,
          targetName: sql<string>`coalesce((select name from buildings where id = ${feeAssignments.targetId}), (select number from units where id = ${feeAssignments.targetId}), (select name from org_nodes where id = ${feeAssignments.targetId}), '')`,
        })
        .from(feeAssignments)
        .where(inArray(feeAssignments.standardId, ids))
    : [];
  return {
    items: rows.map(({ standard, feeItemName }) => ({
      ...standardOut(standard),
      feeItemName,
      assignments: targets.filter((t) => t.standardId === standard.id).map(({ standardId: _s, ...t }) => t),
    })),
  };
}

function standardOut(s: typeof feeStandards.$inferSelect) {
  return {
    id: s.id,
    estateId: s.estateId,
    feeItemId: s.feeItemId,
    name: s.name,
    kind: s.kind,
    params: s.params as StandardParams,
    cycle: s.cycle,
    chargeStart: s.chargeStart,
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo,
    dueDays: s.dueDays,
    previousId: s.previousId,
  };
}

export async function getFeeStandard(ctx: StaffContext, id: string) {
  const [row] = await ctx.db.select({ estateId: feeStandards.estateId }).from(feeStandards).where(eq(feeStandards.id, id));
  if (!row) throw new NotFoundError('fee standard');
  const { items } = await listFeeStandards({ ctx, input: { estateId: row.estateId } });
  return items.find((s) => s.id === id)!;
}

export interface CreateStandardInput {
  estateId: string;
  feeItemId: string;
  name: string;
  kind: StandardKind;
  params: StandardParams;
  cycle: Cycle;
  chargeStart?: string | null | undefined;
  effectiveFrom: string;
  dueDays?: number | undefined;
  assignments: Assignment[];
}

export async function createFeeStandard({ ctx, input }: { ctx: StaffContext; input: CreateStandardInput }) {
  await authorizeEstate(ctx, input.estateId, 'fee:write', 'fee:read');
  checkParams(input.kind, input.params, input.cycle);
  await checkFeeItem(ctx.db, input.estateId, input.feeItemId);
  await checkTargets(ctx.db, input.estateId, input.assignments);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feeStandards)
      .values({
        estateId: input.estateId,
        feeItemId: input.feeItemId,
        name: input.name,
        kind: input.kind,
        params: input.params,
        cycle: input.cycle,
        chargeStart: input.chargeStart ?? null,
        effectiveFrom: input.effectiveFrom,
        dueDays: input.dueDays ?? 30,
        createdBy: ctx.actor.id,
      })
      .returning();
    await tx.insert(feeAssignments).values(input.assignments.map((a) => ({ standardId: row!.id, ...a }))).onConflictDoNothing();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'fee_standard', entityId: row!.id, after: { ...row, assignments: input.assignments } });
    return row!.id;
  });
  return getFeeStandard(ctx, id);
}

/** A price change from a date: the old standard ends the day before; the new one takes over its units. */
export async function reviseFeeStandard({ ctx, id, input }: { ctx: StaffContext; id: string; input: { effectiveFrom: string; params: StandardParams; name?: string | undefined } }) {
  const [old] = await ctx.db.select().from(feeStandards).where(eq(feeStandards.id, id));
  if (!old) throw new NotFoundError('fee standard');
  await authorizeEstate(ctx, old.estateId, 'fee:write', 'fee:read');
  if (old.effectiveTo !== null) throw new ValidationError('this standard was already replaced; revise the newest one', [{ path: 'id', message: 'not current' }]);
  if (input.effectiveFrom <= old.effectiveFrom) throw new ValidationError('the new price must start after the current one', [{ path: 'effectiveFrom', message: `after ${old.effectiveFrom}` }]);
  checkParams(old.kind, input.params, old.cycle);
  const newId = await ctx.db.transaction(async (tx) => {
    // Only the standard still open may be revised, and only once: the update is the lock.
    const closed = await tx
      .update(feeStandards)
      .set({ effectiveTo: addDays(input.effectiveFrom, -1) })
      .where(and(eq(feeStandards.id, id), sql`${feeStandards.effectiveTo} is null`))
      .returning({ id: feeStandards.id });
    if (closed.length === 0) throw new ValidationError('this standard was already replaced; revise the newest one');
    const [row] = await tx
      .insert(feeStandards)
      .values({
        estateId: old.estateId,
        feeItemId: old.feeItemId,
        name: input.name ?? old.name,
        kind: old.kind,
        params: input.params,
        cycle: old.cycle,
        chargeStart: old.chargeStart,
        effectiveFrom: input.effectiveFrom,
        dueDays: old.dueDays,
        previousId: old.id,
        createdBy: ctx.actor.id,
      })
      .returning();
    await tx.execute(sql`insert into fee_assignments (standard_id, target_kind, target_id) select ${row!.id}, target_kind, target_id from fee_assignments where standard_id = ${old.id}`);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'revise', entity: 'fee_standard', entityId: row!.id, before: old, after: row });
    return row!.id;
  });
  return getFeeStandard(ctx, newId);
}
