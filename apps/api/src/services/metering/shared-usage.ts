/**
 * Shared meters 公摊: each shared meter's approved usage of the period split over the units it serves, by
 * building area or per household, with @pm/domain sharedUsageShares (largest remainder in 0.0001 steps:
 * the units' usages sum exactly to the meter's). Only an approved current reading counts.
 */
import { sharedUsageShares } from '@pm/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { meterShares, meters, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { authorizeReport } from './access';
import { approvedUsageForPeriod } from './current';

export type ShareBasis = 'area' | 'household';

export async function sharedUsage({ ctx, input }: { ctx: StaffContext; input: { estateId: string; period: string; basis: ShareBasis } }) {
  await authorizeReport(ctx, input.estateId);
  const shared = await ctx.db
    .select({ id: meters.id, serial: meters.serial, type: meters.type })
    .from(meters)
    .where(and(eq(meters.estateId, input.estateId), eq(meters.scope, 'shared'), eq(meters.state, 'active')))
    .orderBy(asc(meters.type), asc(meters.serial));
  const [served, approved] = await Promise.all([
    shared.length
      ? ctx.db
          .select({ meterId: meterShares.meterId, unitId: units.id, unitNumber: units.number, area: units.buildingArea })
          .from(meterShares)
          .innerJoin(units, eq(units.id, meterShares.unitId))
          .where(
            inArray(
              meterShares.meterId,
              shared.map((m) => m.id),
            ),
          )
          .orderBy(sql`${units.sortKey}`, asc(units.id))
      : [],
    approvedUsageForPeriod({ tx: ctx.db, estateId: input.estateId, period: input.period }),
  ]);
  const readingOf = new Map(approved.map((a) => [a.meterId, a]));
  const unitsOf = new Map<string, typeof served>();
  for (const s of served) unitsOf.set(s.meterId, [...(unitsOf.get(s.meterId) ?? []), s]);

  const items = [];
  const skipped: { meterId: string; serial: string; reason: 'no_approved_reading' | 'no_units' }[] = [];
  for (const m of shared) {
    const list = unitsOf.get(m.id) ?? [];
    if (list.length === 0) {
      skipped.push({ meterId: m.id, serial: m.serial, reason: 'no_units' });
      continue;
    }
    const reading = readingOf.get(m.id);
    if (!reading) {
      skipped.push({ meterId: m.id, serial: m.serial, reason: 'no_approved_reading' });
      continue;
    }
    const weighted = list.map((u) => ({ ...u, weight: input.basis === 'area' ? u.area : '1' }));
    const shares = sharedUsageShares(
      reading.usage,
      weighted.map((u) => ({ unitId: u.unitId, weight: u.weight })),
    );
    items.push({
      meterId: m.id,
      serial: m.serial,
      type: m.type,
      readingId: reading.readingId,
      usage: reading.usage,
      basis: input.basis,
      units: weighted.map((u, i) => ({ unitId: u.unitId, unitNumber: u.unitNumber, weight: u.weight, usage: shares[i]!.usage })),
    });
  }
  return { items, skipped };
}
