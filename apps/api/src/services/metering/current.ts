/**
 * Which reading counts. Readings are append-only; of the readings of one meter for one period the newest
 * (by taken_at, then by id) is the current one — @pm/domain `supersedes`/`currentReading` — and the others
 * are kept but no longer count. Only a current reading that is approved feeds billing.
 */
import { currentReading } from '@pm/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { meters, readings } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { authorizeReport } from './access';

/**
 * SQL: the row of `readings` in the outer query is the current reading of its meter and period. The same
 * order as @pm/domain `compareReadings`: taken_at, then id (a uuid compares byte-wise, which is the order of
 * its lower-case text, the order the domain uses).
 */
export const isCurrentReading = sql`not exists (select 1 from ${readings} as newer where newer.meter_id = ${readings.meterId} and newer.period = ${readings.period} and (newer.taken_at, newer.id) > (${readings.takenAt}, ${readings.id}))`;

/** The current reading of a meter in a period (any status), or undefined. */
export async function currentReadingOf(db: DbOrTx, meterId: string, period: string) {
  const [row] = await db
    .select({ id: readings.id, status: readings.status, takenAt: readings.takenAt })
    .from(readings)
    .where(and(eq(readings.meterId, meterId), eq(readings.period, period)))
    .orderBy(sql`${readings.takenAt} desc, ${readings.id} desc`)
    .limit(1);
  return row;
}

export interface ApprovedUsage {
  meterId: string;
  unitId: string | null;
  scope: 'unit' | 'shared' | 'master';
  type: 'cold_water' | 'hot_water' | 'electricity' | 'gas';
  serial: string;
  multiplier: string;
  readingId: string;
  period: string;
  value: string;
  previous: string;
  /** Decimal string (numeric(18,4)). */
  usage: string;
  kind: 'normal' | 'rollover' | 'replaced' | null;
  takenAt: string;
}

/**
 * The usage billing may use: per meter of the estate, the current reading of the period when it is approved
 * (a meter whose current reading is pending or sent back has none — a superseded approved reading does not
 * count either). Give `ctx` to check that the actor may see the estate's readings, or `tx` when the caller
 * (a billing run inside its own transaction) has already done so.
 */
export async function approvedUsageForPeriod(
  args: ({ ctx: StaffContext; tx?: undefined } | { tx: DbOrTx; ctx?: undefined }) & { estateId: string; period: string },
): Promise<ApprovedUsage[]> {
  const db = args.tx ?? args.ctx!.db;
  if (args.ctx) await authorizeReport(args.ctx, args.estateId);
  const rows = await db
    .select({
      id: readings.id,
      meterId: readings.meterId,
      takenAt: readings.takenAt,
      status: readings.status,
      unitId: meters.unitId,
      scope: meters.scope,
      type: meters.type,
      serial: meters.serial,
      multiplier: meters.multiplier,
      period: readings.period,
      value: readings.value,
      previous: readings.previous,
      usage: readings.usage,
      kind: readings.kind,
    })
    .from(readings)
    .innerJoin(meters, eq(meters.id, readings.meterId))
    .where(and(eq(meters.estateId, args.estateId), eq(readings.period, args.period)));
  const byMeter = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const list = byMeter.get(r.meterId) ?? [];
    list.push(r);
    byMeter.set(r.meterId, list);
  }
  const out: ApprovedUsage[] = [];
  for (const list of byMeter.values()) {
    const current = currentReading(list.map((r) => ({ ...r, takenAt: r.takenAt.toISOString() })));
    if (current?.status !== 'approved' || current.usage === null) continue;
    const { id, status: _status, ...rest } = current;
    out.push({ ...rest, readingId: id, usage: current.usage });
  }
  return out.sort((a, b) => (a.meterId < b.meterId ? -1 : a.meterId > b.meterId ? 1 : 0));
}

/**
 * A query of the current readings of an estate's meters in a period (any status), for callers to alias
 * and join: `currentReadingsQuery(db, estateId, period).as('cur')`.
 */
export function currentReadingsQuery(db: DbOrTx, estateId: string, period: string) {
  return db
    .select({
      id: readings.id,
      meterId: readings.meterId,
      routeId: readings.routeId,
      value: readings.value,
      previous: readings.previous,
      usage: readings.usage,
      kind: readings.kind,
      flags: readings.flags,
      status: readings.status,
      note: readings.note,
      readerId: readings.readerId,
      takenAt: readings.takenAt,
      reviewNote: readings.reviewNote,
      sentBackReason: readings.sentBackReason,
    })
    .from(readings)
    .where(
      and(eq(readings.period, period), inArray(readings.meterId, db.select({ id: meters.id }).from(meters).where(eq(meters.estateId, estateId))), isCurrentReading),
    );
}
