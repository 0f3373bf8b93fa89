/**
 * The review queue 读数审核: the period's current readings of the estates the actor may review, flagged
 * ones first, then in building/unit order, each with its meter, route, reader, photos and the usage of
 * the last approved periods, so a reviewer can decide without opening anything else.
 */
import { shiftPeriod } from '@pm/domain';
import { type SQL, and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db';
import { buildings, meters, photos, readingRoutes, readings, staffAccounts, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { likePattern } from '../../lib/schemas';
import { authorizeNode, inScope } from '../../lib/scope';
import type { PageInput } from '../org';
import { isCurrentReading } from './current';

const reader = alias(staffAccounts, 'reading_reader');
const reviewer = alias(staffAccounts, 'reading_reviewer');

const itemColumns = {
  id: readings.id,
  meterId: readings.meterId,
  serial: meters.serial,
  type: meters.type,
  scope: meters.scope,
  multiplier: meters.multiplier,
  unitId: meters.unitId,
  unitNumber: units.number,
  buildingName: buildings.name,
  estateId: meters.estateId,
  routeId: readings.routeId,
  routeName: readingRoutes.name,
  period: readings.period,
  value: readings.value,
  previous: readings.previous,
  usage: readings.usage,
  kind: readings.kind,
  flags: readings.flags,
  explanation: readings.explanation,
  status: readings.status,
  note: readings.note,
  readerId: readings.readerId,
  readerName: reader.name,
  takenAt: readings.takenAt,
  receivedAt: readings.receivedAt,
  supersedesId: readings.supersedesId,
  reviewNote: readings.reviewNote,
  reviewedBy: readings.reviewedBy,
  reviewedByName: reviewer.name,
  reviewedAt: readings.reviewedAt,
  sentBackReason: readings.sentBackReason,
  isCurrent: sql<boolean>`${isCurrentReading}`,
};

function itemQuery(db: DbOrTx) {
  return db
    .select(itemColumns)
    .from(readings)
    .innerJoin(meters, eq(meters.id, readings.meterId))
    .leftJoin(units, eq(units.id, meters.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(readingRoutes, eq(readingRoutes.id, readings.routeId))
    .innerJoin(reader, eq(reader.id, readings.readerId))
    .leftJoin(reviewer, eq(reviewer.id, readings.reviewedBy));
}
type Row = Awaited<ReturnType<typeof itemQuery>>[number];

/** How far back the usage history of a page looks for its last three approved periods. */
const HISTORY_MONTHS = 24;

/** Rows → wire items: ISO times, the photos of each reading, the usage of its last ≤ 3 approved periods. */
async function toItems(db: DbOrTx, rows: Row[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const meterIds = [...new Set(rows.map((r) => r.meterId))];
  const periods = rows.map((r) => r.period).sort();
  const [photoRows, approved] = await Promise.all([
    db.select({ id: photos.id, commandId: photos.commandId }).from(photos).where(inArray(photos.commandId, ids)).orderBy(asc(photos.createdAt), asc(photos.id)),
    db
      .select({ meterId: readings.meterId, period: readings.period, usage: readings.usage })
      .from(readings)
      .where(
        and(
          inArray(readings.meterId, meterIds),
          eq(readings.status, 'approved'),
          isNotNull(readings.usage),
          lt(readings.period, periods[periods.length - 1]!),
          gte(readings.period, shiftPeriod(periods[0]!, -HISTORY_MONTHS)),
        ),
      )
      .orderBy(asc(readings.meterId), desc(readings.period), desc(readings.takenAt), desc(readings.id)),
  ]);
  const photosOf = new Map<string, string[]>();
  for (const p of photoRows) photosOf.set(p.commandId, [...(photosOf.get(p.commandId) ?? []), p.id]);
  const approvedOf = new Map<string, { period: string; usage: string }[]>();
  for (const a of approved) approvedOf.set(a.meterId, [...(approvedOf.get(a.meterId) ?? []), { period: a.period, usage: a.usage! }]);
  return rows.map((r) => {
    const history: { period: string; usage: string }[] = [];
    for (const h of approvedOf.get(r.meterId) ?? []) {
      if (h.period >= r.period || history.some((x) => x.period === h.period)) continue;
      history.push(h);
      if (history.length === 3) break;
    }
    return {
      ...r,
      takenAt: r.takenAt.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      photoIds: photosOf.get(r.id) ?? [],
      history,
    };
  });
}
export type ReviewItem = Awaited<ReturnType<typeof toItems>>[number];

export interface ReadingListInput extends PageInput {
  estateId?: string | undefined;
  period?: string | undefined;
  status?: 'pending_review' | 'approved' | 'sent_back' | undefined;
  routeId?: string | undefined;
  meterId?: string | undefined;
  flagged?: boolean | undefined;
  includeSuperseded?: boolean | undefined;
}

export async function listReadings({ ctx, input }: { ctx: StaffContext; input: ReadingListInput }) {
  const where: SQL[] = [inScope(meters.estateId, ctx.actor, 'reading:review')];
  if (input.estateId) where.push(eq(meters.estateId, input.estateId));
  if (input.period) where.push(eq(readings.period, input.period));
  if (input.status) where.push(eq(readings.status, input.status));
  if (input.routeId) where.push(eq(readings.routeId, input.routeId));
  if (input.meterId) where.push(eq(readings.meterId, input.meterId));
  if (input.flagged === true) where.push(sql`cardinality(${readings.flags}) > 0`);
  if (input.flagged === false) where.push(sql`cardinality(${readings.flags}) = 0`);
  if (!input.includeSuperseded) where.push(isCurrentReading);
  if (input.q) {
    const q = likePattern(input.q);
    where.push(or(ilike(meters.serial, q), ilike(meters.code, q), ilike(units.number, q))!);
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    itemQuery(ctx.db)
      .where(cond)
      .orderBy(
        sql`cardinality(${readings.flags}) = 0`,
        sql`${units.sortKey} nulls first`,
        asc(meters.type),
        asc(meters.serial),
        desc(readings.period),
        desc(readings.takenAt),
        desc(readings.id),
      )
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db
      .select({ n: count() })
      .from(readings)
      .innerJoin(meters, eq(meters.id, readings.meterId))
      .leftJoin(units, eq(units.id, meters.unitId))
      .where(cond),
  ]);
  return { items: await toItems(ctx.db, rows), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/** One reading as the queue shows it (no scope check: callers have authorised it). */
export async function reviewItem(db: DbOrTx, id: string): Promise<ReviewItem> {
  const rows = await itemQuery(db).where(eq(readings.id, id));
  if (rows.length === 0) throw new NotFoundError('reading');
  return (await toItems(db, rows))[0]!;
}

/**
 * Load a reading for a review action: no read access to its estate → 404; read but not review → 403.
 * Readers (meter:read) see that the reading exists; the cashier and other offices do not.
 */
export async function authorizeReading(ctx: StaffContext, id: string) {
  const [row] = await ctx.db
    .select({ id: readings.id, meterId: readings.meterId, period: readings.period, estateId: meters.estateId })
    .from(readings)
    .innerJoin(meters, eq(meters.id, readings.meterId))
    .where(eq(readings.id, id));
  if (!row) throw new NotFoundError('reading');
  await authorizeNode(ctx.db, ctx.actor, row.estateId, 'reading:review', 'meter:read', 'reading');
  return row;
}
