/** Meters 仪表 and reading routes 抄表路线: registry, assignment to readers, and the route a phone downloads. */
import { type MeterType, currentReading } from '@pm/domain';
import { type SQL, and, asc, count, desc, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { buildings, meterReplacements, meters, orgNodes, readingRoutes, readings, routeMeters, staffAccounts, units } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { NotFoundError, ValidationError } from '../lib/errors';
import { likePattern } from '../lib/schemas';
import { authorizeNode, inScope } from '../lib/scope';
import type { PageInput } from './org';
import { applicableReplacement } from './metering/basis';
import { authorizeUnit } from './units';

const estateNode = alias(orgNodes, 'meter_estate');
export const meterColumns = {
  id: meters.id,
  estateId: meters.estateId,
  estateName: estateNode.name,
  unitId: meters.unitId,
  unitNumber: units.number,
  buildingName: buildings.name,
  scope: meters.scope,
  type: meters.type,
  serial: meters.serial,
  code: meters.code,
  multiplier: meters.multiplier,
  digits: meters.digits,
  installDate: meters.installDate,
  initialReading: meters.initialReading,
  state: meters.state,
};

function meterQuery(ctx: StaffContext) {
  return ctx.db
    .select(meterColumns)
    .from(meters)
    .innerJoin(estateNode, eq(estateNode.id, meters.estateId))
    .leftJoin(units, eq(units.id, meters.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId));
}

export async function listMeters({ ctx, input }: { ctx: StaffContext; input: PageInput & { estateId?: string; unitId?: string; code?: string } }) {
  const where: SQL[] = [inScope(meters.estateId, ctx.actor, 'meter:read')];
  if (input.estateId) where.push(eq(meters.estateId, input.estateId));
  if (input.unitId) where.push(eq(meters.unitId, input.unitId));
  if (input.code) where.push(eq(meters.code, input.code));
  if (input.q) where.push(or(ilike(meters.serial, likePattern(input.q)), ilike(meters.code, likePattern(input.q)), ilike(units.number, likePattern(input.q)))!);
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    meterQuery(ctx)
      .where(cond)
      .orderBy(sql`${units.sortKey} nulls first`, asc(meters.type), asc(meters.serial))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(meters).leftJoin(units, eq(units.id, meters.unitId)).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function authorizeMeter(ctx: StaffContext, id: string, permission: 'meter:read' | 'meter:write' | 'reading:write') {
  const [row] = await meterQuery(ctx).where(eq(meters.id, id));
  if (!row) throw new NotFoundError('meter');
  await authorizeNode(ctx.db, ctx.actor, row.estateId, permission, 'meter:read', 'meter');
  return row;
}

export interface MeterInput {
  estateId: string;
  unitId?: string | null | undefined;
  scope: 'unit' | 'shared' | 'master';
  type: MeterType;
  serial: string;
  code?: string | null | undefined;
  multiplier: string;
  digits: number;
  installDate?: string | null | undefined;
  initialReading: string;
  servedUnitIds?: string[] | undefined;
}

export async function createMeter({ ctx, input }: { ctx: StaffContext; input: MeterInput }) {
  await authorizeNode(ctx.db, ctx.actor, input.estateId, 'meter:write', 'meter:read', 'estate');
  if ((input.scope === 'unit') !== !!input.unitId) throw new ValidationError('a unit meter needs unitId; shared and master meters have none', [{ path: 'unitId', message: 'required exactly for scope unit' }]);
  for (const unitId of [input.unitId, ...(input.servedUnitIds ?? [])].filter((x): x is string => !!x)) {
    const unit = await authorizeUnit(ctx, unitId, 'unit:read');
    if (unit.estateId !== input.estateId) throw new ValidationError('the unit is in another estate', [{ path: 'unitId', message: 'other estate' }]);
  }
  const { servedUnitIds, ...row } = input;
  const id = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(meters).values({ ...row, unitId: row.unitId ?? null, code: row.code ?? null, installDate: row.installDate ?? null }).returning();
    if (input.scope === 'shared' && servedUnitIds?.length) {
      await tx.execute(sql`insert into meter_shares (meter_id, unit_id) select ${created!.id}, unnest(${sql`ARRAY[${sql.join(servedUnitIds.map((u) => sql`${u}`), sql`, `)}]::uuid[]`})`);
    }
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'meter', entityId: created!.id, after: created });
    return created!.id;
  });
  return authorizeMeter(ctx, id, 'meter:read');
}

// ---- routes -------------------------------------------------------------------------------------------

export async function createRoute({
  ctx,
  input,
}: {
  ctx: StaffContext;
  input: { estateId: string; period: string; name: string; readerId: string; meterIds?: string[] | undefined; buildingIds?: string[] | undefined };
}) {
  await authorizeNode(ctx.db, ctx.actor, input.estateId, 'meter:write', 'meter:read', 'estate');
  const [reader] = await ctx.db.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.id, input.readerId));
  if (!reader) throw new ValidationError('unknown reader', [{ path: 'readerId', message: 'not found' }]);
  // The meters: those listed, or every active meter of units in the given buildings, in walking order.
  const where: SQL[] = [eq(meters.estateId, input.estateId), eq(meters.state, 'active')];
  if (input.meterIds?.length) where.push(inArray(meters.id, input.meterIds));
  else if (input.buildingIds?.length) where.push(inArray(units.buildingId, input.buildingIds));
  else throw new ValidationError('give meterIds or buildingIds');
  const list = await ctx.db
    .select({ id: meters.id })
    .from(meters)
    .leftJoin(units, eq(units.id, meters.unitId))
    .where(and(...where))
    .orderBy(sql`${units.sortKey} nulls first`, asc(meters.type), asc(meters.serial));
  if (input.meterIds?.length && list.length !== new Set(input.meterIds).size) {
    throw new ValidationError('some meters are not active meters of this estate', [{ path: 'meterIds', message: 'unknown or other estate' }]);
  }
  if (list.length === 0) throw new ValidationError('the route has no meters');
  const id = await ctx.db.transaction(async (tx) => {
    const [route] = await tx
      .insert(readingRoutes)
      .values({ estateId: input.estateId, period: input.period, name: input.name, readerId: input.readerId, createdBy: ctx.actor.id })
      .returning();
    await tx.insert(routeMeters).values(list.map((m, i) => ({ routeId: route!.id, meterId: m.id, position: i + 1 })));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'reading_route', entityId: route!.id, after: { ...route, meters: list.length } });
    return route!.id;
  });
  return getRoute({ ctx, id });
}

/** A route is visible to its reader and to whoever may read meters of its estate. */
async function authorizeRoute(ctx: StaffContext, id: string) {
  const [route] = await ctx.db.select().from(readingRoutes).where(eq(readingRoutes.id, id));
  if (!route) throw new NotFoundError('route');
  if (route.readerId !== ctx.actor.id) await authorizeNode(ctx.db, ctx.actor, route.estateId, 'meter:read', 'meter:read', 'route');
  return route;
}

const routeSummary = {
  id: readingRoutes.id,
  estateId: readingRoutes.estateId,
  period: readingRoutes.period,
  name: readingRoutes.name,
  readerId: readingRoutes.readerId,
  // Qualified by hand: inside a subquery drizzle writes a bare "id", which would bind to the subquery's table.
  meterCount: sql<number>`(select count(*)::int from ${routeMeters} rm where rm.route_id = "reading_routes"."id")`,
  readCount: sql<number>`(select count(distinct r.meter_id)::int from ${readings} r where r.route_id = "reading_routes"."id")`,
};

export async function getRoute({ ctx, id }: { ctx: StaffContext; id: string }) {
  await authorizeRoute(ctx, id);
  const [row] = await ctx.db.select(routeSummary).from(readingRoutes).where(eq(readingRoutes.id, id));
  return row!;
}

export async function listRoutes({ ctx, input }: { ctx: StaffContext; input: { period?: string | undefined; mine?: boolean | undefined } }) {
  const where: SQL[] = [input.mine ? eq(readingRoutes.readerId, ctx.actor.id) : or(eq(readingRoutes.readerId, ctx.actor.id), inScope(readingRoutes.estateId, ctx.actor, 'meter:read'))!];
  if (input.period) where.push(eq(readingRoutes.period, input.period));
  const items = await ctx.db
    .select(routeSummary)
    .from(readingRoutes)
    .where(and(...where))
    .orderBy(desc(readingRoutes.period), asc(readingRoutes.name));
  return { items };
}

/** Everything the phone needs to read the route offline: meters in order, last approved reading, usage history. */
export async function downloadRoute({ ctx, id }: { ctx: StaffContext; id: string }) {
  const route = await authorizeRoute(ctx, id);
  const list = await ctx.db
    .select({ ...meterColumns, position: routeMeters.position, floor: units.floor })
    .from(routeMeters)
    .innerJoin(meters, eq(meters.id, routeMeters.meterId))
    .innerJoin(estateNode, eq(estateNode.id, meters.estateId))
    .leftJoin(units, eq(units.id, meters.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .where(eq(routeMeters.routeId, id))
    .orderBy(asc(routeMeters.position));
  const meterIds = list.map((m) => m.id);
  // Approved readings of earlier periods, newest first: the last one is "previous", their usages the history.
  const approved = meterIds.length
    ? await ctx.db
        .select({ meterId: readings.meterId, period: readings.period, value: readings.value, usage: readings.usage, takenAt: readings.takenAt })
        .from(readings)
        .where(and(inArray(readings.meterId, meterIds), eq(readings.status, 'approved'), sql`${readings.period} < ${route.period}`, isNotNull(readings.usage)))
        .orderBy(asc(readings.meterId), desc(readings.period), desc(readings.takenAt), desc(readings.id))
    : [];
  const history = new Map<string, { value: string; usage: string; period: string; takenAt: Date }[]>();
  for (const r of approved) {
    const h = history.get(r.meterId) ?? [];
    // One per period: the newest approved reading of that period.
    if (!h.some((x) => x.period === r.period) && h.length < 6) h.push({ value: r.value, usage: r.usage!, period: r.period, takenAt: r.takenAt });
    history.set(r.meterId, h);
  }
  // The latest replacement of each meter: it applies when it was recorded after the previous reading.
  const replacements = meterIds.length
    ? await ctx.db
        .selectDistinctOn([meterReplacements.meterId])
        .from(meterReplacements)
        .where(inArray(meterReplacements.meterId, meterIds))
        .orderBy(meterReplacements.meterId, desc(meterReplacements.createdAt), desc(meterReplacements.id))
    : [];
  const latestReplacement = new Map(replacements.map((r) => [r.meterId, r]));
  const recorded = meterIds.length
    ? await ctx.db
        .select({
          id: readings.id,
          meterId: readings.meterId,
          value: readings.value,
          status: readings.status,
          flags: readings.flags,
          takenAt: readings.takenAt,
          sentBackReason: readings.sentBackReason,
        })
        .from(readings)
        .where(and(inArray(readings.meterId, meterIds), eq(readings.period, route.period)))
        .orderBy(asc(readings.takenAt), asc(readings.id))
    : [];
  const wireReadings = recorded.map((r) => ({ ...r, takenAt: r.takenAt.toISOString() }));
  // The current reading of each meter in the period (the newest: @pm/domain currentReading).
  const byMeter = new Map<string, typeof wireReadings>();
  for (const r of wireReadings) byMeter.set(r.meterId, [...(byMeter.get(r.meterId) ?? []), r]);
  return {
    route: { id: route.id, estateId: route.estateId, period: route.period, name: route.name, readerId: route.readerId },
    meters: list.map((m) => {
      const h = history.get(m.id) ?? [];
      const replacement = applicableReplacement(h[0] ?? null, latestReplacement.get(m.id));
      const current = currentReading(byMeter.get(m.id) ?? []);
      return {
        ...m,
        previous: h[0]?.value ?? null,
        history: h.map((x) => ({ period: x.period, usage: x.usage })),
        replacement: replacement && {
          oldFinal: replacement.oldFinal,
          newInitial: replacement.newInitial,
          newMultiplier: replacement.newMultiplier,
          newDigits: replacement.newDigits,
          replacedOn: replacement.replacedOn,
          oldMultiplier: replacement.oldMultiplier,
          oldDigits: replacement.oldDigits,
          oldSerial: replacement.oldSerial,
        },
        status: current?.status ?? ('unread' as const),
        sentBackReason: current?.status === 'sent_back' ? current.sentBackReason : null,
        readingId: current?.id ?? null,
      };
    }),
    readings: wireReadings,
  };
}
