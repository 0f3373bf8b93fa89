/**
 * A notice's audience: the whole estate, or some of its buildings and units. Checked against the notice's
 * estate (a building or unit of another estate is refused, never silently dropped), stored as rows, and read
 * back with names for the screens ("翠湖花园", "1栋", "2栋 2-101").
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db';
import { buildings, noticeTargets, notices, orgNodes, units } from '../../db/schema';
import { ValidationError } from '../../lib/errors';

export type TargetInput = { kind: 'estate' } | { kind: 'building'; buildingId: string } | { kind: 'unit'; unitId: string };
export interface NoticeTarget {
  kind: 'estate' | 'building' | 'unit';
  /** The estate's, building's or unit's id. */
  id: string;
  name: string;
}

/** At most this many buildings and units on one notice (a longer list is a whole-estate notice). */
export const MAX_TARGETS = 500;

/** Checks the targets against the estate; returns the rows to store (duplicates removed). */
export async function resolveTargets(db: DbOrTx, estateId: string, targets: readonly TargetInput[]) {
  const bad = (i: number, message: string) => new ValidationError(message, [{ path: `targets.${i}`, message }]);
  const estateAt = targets.findIndex((t) => t.kind === 'estate');
  if (estateAt >= 0 && targets.length > 1) {
    throw bad(estateAt, '整个项目的公告不能再选楼栋或房屋 A whole-estate notice takes no buildings or units');
  }
  if (estateAt >= 0) return [{ kind: 'estate' as const, buildingId: null, unitId: null }];
  const buildingIds = [...new Set(targets.flatMap((t) => (t.kind === 'building' ? [t.buildingId] : [])))];
  const unitIds = [...new Set(targets.flatMap((t) => (t.kind === 'unit' ? [t.unitId] : [])))];
  if (buildingIds.length + unitIds.length > MAX_TARGETS) throw bad(MAX_TARGETS, `at most ${MAX_TARGETS} buildings and units`);
  const ownBuildings = new Set(
    buildingIds.length
      ? (await db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.estateId, estateId), inArray(buildings.id, buildingIds)))).map((r) => r.id)
      : [],
  );
  const ownUnits = new Set(
    unitIds.length ? (await db.select({ id: units.id }).from(units).where(and(eq(units.estateId, estateId), inArray(units.id, unitIds)))).map((r) => r.id) : [],
  );
  targets.forEach((t, i) => {
    if (t.kind === 'building' && !ownBuildings.has(t.buildingId)) throw bad(i, '楼栋不属于该项目 The building is not in the notice’s estate');
    if (t.kind === 'unit' && !ownUnits.has(t.unitId)) throw bad(i, '房屋不属于该项目 The unit is not in the notice’s estate');
  });
  return [
    ...buildingIds.map((buildingId) => ({ kind: 'building' as const, buildingId, unitId: null })),
    ...unitIds.map((unitId) => ({ kind: 'unit' as const, buildingId: null, unitId })),
  ];
}

/** Replaces the notice's targets with `rows` (from resolveTargets). */
export async function storeTargets(db: DbOrTx, noticeId: string, rows: Awaited<ReturnType<typeof resolveTargets>>) {
  await db.delete(noticeTargets).where(eq(noticeTargets.noticeId, noticeId));
  if (rows.length) await db.insert(noticeTargets).values(rows.map((r) => ({ ...r, noticeId })));
}

const unitBuilding = alias(buildings, 'unit_building');

/** The targets of each notice, with names: estate, then buildings by name, then units in walking order. */
export async function targetsOf(db: DbOrTx, noticeIds: readonly string[]): Promise<Map<string, NoticeTarget[]>> {
  const out = new Map<string, NoticeTarget[]>(noticeIds.map((id) => [id, []]));
  if (!noticeIds.length) return out;
  const rows = await db
    .select({
      noticeId: noticeTargets.noticeId,
      kind: noticeTargets.kind,
      estateId: notices.estateId,
      estateName: orgNodes.name,
      buildingId: noticeTargets.buildingId,
      buildingName: buildings.name,
      unitId: noticeTargets.unitId,
      unitNumber: units.number,
      unitBuildingName: unitBuilding.name,
    })
    .from(noticeTargets)
    .innerJoin(notices, eq(notices.id, noticeTargets.noticeId))
    .innerJoin(orgNodes, eq(orgNodes.id, notices.estateId))
    .leftJoin(buildings, eq(buildings.id, noticeTargets.buildingId))
    .leftJoin(units, eq(units.id, noticeTargets.unitId))
    .leftJoin(unitBuilding, eq(unitBuilding.id, units.buildingId))
    .where(inArray(noticeTargets.noticeId, [...noticeIds]))
    .orderBy(sql`case ${noticeTargets.kind} when 'estate' then 0 when 'building' then 1 else 2 end`, asc(buildings.name), asc(units.sortKey));
  for (const r of rows) {
    const target: NoticeTarget =
      r.kind === 'estate'
        ? { kind: 'estate', id: r.estateId, name: r.estateName }
        : r.kind === 'building'
          ? { kind: 'building', id: r.buildingId!, name: r.buildingName ?? '' }
          : { kind: 'unit', id: r.unitId!, name: `${r.unitBuildingName ?? ''} ${r.unitNumber ?? ''}`.trim() };
    out.get(r.noticeId)?.push(target);
  }
  return out;
}
