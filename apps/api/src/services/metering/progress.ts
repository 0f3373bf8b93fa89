/**
 * A period's reading progress 抄表进度 for an estate: how many active meters have a current reading, how
 * many of those are approved, pending, sent back or flagged, per route and per reader, and which meters
 * have not been read at all.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { buildings, meters, readingRoutes, routeMeters, staffAccounts, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { authorizeReport } from './access';
import { currentReadingsQuery } from './current';

/** The missing list is for a screen: the first 500 in walking order (the total is exact). */
export const MISSING_LIST_CAP = 500;

export async function meteringProgress({ ctx, input }: { ctx: StaffContext; input: { estateId: string; period: string } }) {
  const { estateId, period } = input;
  await authorizeReport(ctx, estateId);
  const cur = currentReadingsQuery(ctx.db, estateId, period).as('cur');
  const counts = {
    read: sql<number>`count(${cur.id})::int`,
    approved: sql<number>`(count(*) filter (where ${cur.status} = 'approved'))::int`,
    pending: sql<number>`(count(*) filter (where ${cur.status} = 'pending_review'))::int`,
    sentBack: sql<number>`(count(*) filter (where ${cur.status} = 'sent_back'))::int`,
    flagged: sql<number>`(count(*) filter (where cardinality(${cur.flags}) > 0 and ${cur.status} <> 'approved'))::int`,
  };
  const activeOfEstate = and(eq(meters.estateId, estateId), eq(meters.state, 'active'));
  const [[totals], routes, missing] = await Promise.all([
    ctx.db
      .select({ meters: sql<number>`count(*)::int`, ...counts })
      .from(meters)
      .leftJoin(cur, eq(cur.meterId, meters.id))
      .where(activeOfEstate),
    ctx.db
      .select({
        id: readingRoutes.id,
        name: readingRoutes.name,
        readerId: readingRoutes.readerId,
        readerName: staffAccounts.name,
        meterCount: sql<number>`count(*)::int`,
        ...counts,
      })
      .from(readingRoutes)
      .innerJoin(staffAccounts, eq(staffAccounts.id, readingRoutes.readerId))
      .innerJoin(routeMeters, eq(routeMeters.routeId, readingRoutes.id))
      .leftJoin(cur, eq(cur.meterId, routeMeters.meterId))
      .where(and(eq(readingRoutes.estateId, estateId), eq(readingRoutes.period, period)))
      .groupBy(readingRoutes.id, staffAccounts.id)
      .orderBy(asc(readingRoutes.name), asc(readingRoutes.id)),
    ctx.db
      .select({ meterId: meters.id, serial: meters.serial, type: meters.type, unitNumber: units.number, buildingName: buildings.name })
      .from(meters)
      .leftJoin(cur, eq(cur.meterId, meters.id))
      .leftJoin(units, eq(units.id, meters.unitId))
      .leftJoin(buildings, eq(buildings.id, units.buildingId))
      .where(and(activeOfEstate, isNull(cur.id)))
      .orderBy(sql`${units.sortKey} nulls first`, asc(meters.type), asc(meters.serial))
      .limit(MISSING_LIST_CAP),
  ]);
  const t = totals ?? { meters: 0, read: 0, approved: 0, pending: 0, sentBack: 0, flagged: 0 };

  // The route each missing meter is on this period (the first by name when it is on several).
  const onRoutes = missing.length
    ? await ctx.db
        .select({ meterId: routeMeters.meterId, routeId: readingRoutes.id, routeName: readingRoutes.name })
        .from(routeMeters)
        .innerJoin(readingRoutes, eq(readingRoutes.id, routeMeters.routeId))
        .where(and(eq(readingRoutes.period, period), eq(readingRoutes.estateId, estateId), inArray(routeMeters.meterId, missing.map((m) => m.meterId))))
        .orderBy(asc(readingRoutes.name), asc(readingRoutes.id))
    : [];
  const routeOf = new Map<string, { routeId: string; routeName: string }>();
  for (const r of onRoutes) if (!routeOf.has(r.meterId)) routeOf.set(r.meterId, { routeId: r.routeId, routeName: r.routeName });

  const readers = new Map<string, { readerId: string; readerName: string; routes: number; meterCount: number; read: number; flagged: number }>();
  for (const r of routes) {
    const agg = readers.get(r.readerId) ?? { readerId: r.readerId, readerName: r.readerName, routes: 0, meterCount: 0, read: 0, flagged: 0 };
    agg.routes += 1;
    agg.meterCount += r.meterCount;
    agg.read += r.read;
    agg.flagged += r.flagged;
    readers.set(r.readerId, agg);
  }

  return {
    estateId,
    period,
    totals: { ...t, missing: t.meters - t.read },
    routes,
    readers: [...readers.values()].sort((a, b) => a.readerName.localeCompare(b.readerName, 'zh-CN') || (a.readerId < b.readerId ? -1 : 1)),
    missing: missing.map((m) => ({ ...m, routeId: routeOf.get(m.meterId)?.routeId ?? null, routeName: routeOf.get(m.meterId)?.routeName ?? null })),
    missingTotal: t.meters - t.read,
  };
}
