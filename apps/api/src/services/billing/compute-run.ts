/**
 * What a billing run 应收计算 for one estate and period would post: every charge line with its amount and
 * explanation (priced by @pm/domain), and the units skipped and why. No writes — preview and post share it.
 *
 * Rules (docs/decisions/billing-run.md says why):
 * - A standard bills per cycle; the charge's `period` is the cycle's first month (a quarterly fee run in
 *   November bills 2026-10 … 2026-12 once). The unique key (unit, standard, period, line) makes every rerun
 *   add only what is missing.
 * - The version of a standard in force on the cycle's first day prices the whole cycle; a price change
 *   dated inside a cycle takes effect from the next one. A brand-new standard (no earlier version) starting
 *   inside a cycle is charged from its start date, the first month pro-rated by days.
 * - Vacant units get the estate's vacancy discount on area and fixed fees.
 * - Metered and shared fees use only approved current readings of the month; a meter without one is
 *   skipped (`missing_approved_reading`) and billed by a later rerun once it is approved.
 */
import {
  areaCharge,
  BillingError,
  billedMonths,
  CYCLE_MONTHS,
  formatYuan,
  fixedCharge,
  meteredCharge,
  sharedCharges,
  vacancyDiscount,
  addDays,
  daysInMonth,
} from '@pm/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { billingSettings, buildings, charges, feeAssignments, feeItems, feeStandards, meterShares, units } from '../../db/schema';
import { approvedUsageForPeriod } from '../metering/current';
import { type StandardParams, toDomainStandard } from './fee-standards';

export interface ChargeLineDraft {
  unitId: string;
  unitNumber: string;
  buildingId: string;
  buildingName: string;
  feeItemId: string;
  feeItemName: string;
  standardId: string;
  period: string;
  meterId: string | null;
  lineKey: string;
  amount: string;
  explanation: string;
  detail: Record<string, unknown>;
  dueDate: string;
}

export type SkipReason = 'missing_approved_reading' | 'no_inside_area' | 'not_started' | 'invalid';

export interface Skip {
  standardName: string;
  reason: SkipReason;
  /** Unit numbers (or meter serials) for the screen. */
  example: string;
}

export interface ComputedRun {
  lines: ChargeLineDraft[];
  skipped: Skip[];
}

interface UnitRow {
  id: string;
  number: string;
  buildingId: string;
  buildingName: string;
  buildingArea: string;
  insideArea: string | null;
  state: 'vacant' | 'occupied' | 'renovating';
}

const firstDay = (period: string) => `${period}-01`;
const lastDay = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** The first month of the cycle that contains `period` (cycles start in January). */
export function cycleStartOf(period: string, cycleMonths: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const start = Math.floor((m - 1) / cycleMonths) * cycleMonths + 1;
  return `${y}-${String(start).padStart(2, '0')}`;
}

function cycleEndOf(cycleStart: string, cycleMonths: number): string {
  const [y, m] = cycleStart.split('-').map(Number) as [number, number];
  const end = m + cycleMonths - 1;
  return lastDay(`${y}-${String(end).padStart(2, '0')}`);
}

/** Narrows a run to one unit and some standards (a 预交 quote prices future cycles of one unit this way). */
export interface RunFilter {
  unitId: string;
  standardIds?: readonly string[];
}

export async function computeRun(db: DbOrTx, estateId: string, period: string, only?: RunFilter): Promise<ComputedRun> {
  const [settings] = await db.select().from(billingSettings).where(eq(billingSettings.estateId, estateId));
  const vacancyPct = settings?.vacancyDiscountPct ?? '0';

  // Every version that touches the period; which one prices a cycle is decided per standard below.
  const standards = await db
    .select({ s: feeStandards, feeItemName: feeItems.name })
    .from(feeStandards)
    .innerJoin(feeItems, eq(feeItems.id, feeStandards.feeItemId))
    .where(
      and(
        eq(feeStandards.estateId, estateId),
        sql`${feeStandards.effectiveFrom} <= ${lastDay(period)}`,
        sql`(${feeStandards.effectiveTo} is null or ${feeStandards.effectiveTo} >= ${`${cycleStartOf(period, 12)}-01`})`,
        only?.standardIds ? inArray(feeStandards.id, [...only.standardIds]) : undefined,
      ),
    );
  if (standards.length === 0) return { lines: [], skipped: [] };

  const unitRows: UnitRow[] = await db
    .select({
      id: units.id,
      number: units.number,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      buildingArea: units.buildingArea,
      insideArea: units.insideArea,
      state: units.state,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.estateId, estateId), only ? eq(units.id, only.unitId) : undefined))
    .orderBy(units.sortKey);
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const unitOrder = new Map(unitRows.map((u, i) => [u.id, i]));

  const assignments = await db
    .select()
    .from(feeAssignments)
    .where(
      inArray(
        feeAssignments.standardId,
        standards.map((s) => s.s.id),
      ),
    );

  const needsUsage = standards.some((s) => s.s.kind === 'metered' || s.s.kind === 'shared');
  const usages = needsUsage ? await approvedUsageForPeriod({ tx: db, estateId, period }) : [];

  const lines: ChargeLineDraft[] = [];
  const skipped: Skip[] = [];
  /** One charge line; a plain literal (no spreads) — a run makes hundreds of thousands of them. */
  const line = (b: LineBase, u: UnitRow, meterId: string | null, amount: string, explanation: string, detail: Record<string, unknown>): ChargeLineDraft => ({
    unitId: u.id,
    unitNumber: u.number,
    buildingId: u.buildingId,
    buildingName: u.buildingName,
    feeItemId: b.feeItemId,
    feeItemName: b.feeItemName,
    standardId: b.standardId,
    period: b.period,
    meterId,
    lineKey: meterId ?? '',
    amount,
    explanation,
    detail,
    dueDate: b.dueDate,
  });

  for (const { s, feeItemName } of standards) {
    const months = CYCLE_MONTHS[s.cycle];
    const cycleStart = s.kind === 'metered' || s.kind === 'shared' ? period : cycleStartOf(period, months);
    const cycleFirst = firstDay(cycleStart);
    const cycleLast = cycleEndOf(cycleStart, months);
    // In force on the cycle's first day, or a new standard starting inside the cycle.
    const inForce = s.effectiveFrom <= cycleFirst && (s.effectiveTo === null || s.effectiveTo >= cycleFirst);
    const startsInside = s.previousId === null && s.effectiveFrom > cycleFirst && s.effectiveFrom <= cycleLast;
    if (!inForce && !startsInside) continue;
    const starts = [s.chargeStart, startsInside ? s.effectiveFrom : null].filter((d): d is string => !!d).sort();
    const startDate = starts.at(-1);
    if (startDate && startDate > cycleLast) {
      skipped.push({ standardName: s.name, reason: 'not_started', example: startDate });
      continue;
    }
    const isTarget = targetsOf(s.id, assignments, unitRows, unitById);
    const base: LineBase = { feeItemId: s.feeItemId, feeItemName, standardId: s.id, period: cycleStart, dueDate: addDays(cycleFirst, s.dueDays) };
    const std = toDomainStandard(s);
    const params = s.params as StandardParams & { meterType?: string };

    if (std.kind === 'area' || std.kind === 'fixed') {
      const periodInput = { period: cycleStart, ...(startDate && startDate > cycleFirst && { startDate }) };
      // The line is a pure function of the standard, the period and the area billed (a fixed fee: of nothing
      // more), and an estate has few distinct areas: each is priced once, vacancy discounts likewise.
      const priced = new Map<string, { amount: string; explanation: string }>();
      const discounted = new Map<string, { amount: string; explanation: string; discount: string }>();
      let billed: ReturnType<typeof billedMonths> | undefined;
      const vacancyOn = vacancyPct !== '0' && Number(vacancyPct) > 0;
      for (const u of unitRows) {
        if (!isTarget(u.id)) continue;
        if (std.kind === 'area' && std.areaBasis === 'inside_area' && !u.insideArea) {
          skipped.push({ standardName: s.name, reason: 'no_inside_area', example: `${u.buildingName} ${u.number}` });
          continue;
        }
        const key = std.kind === 'fixed' ? '' : std.areaBasis === 'inside_area' ? (u.insideArea as string) : u.buildingArea;
        let charge = priced.get(key);
        if (charge === undefined) {
          charge =
            std.kind === 'area'
              ? areaCharge(std, { ...periodInput, buildingArea: u.buildingArea, ...(u.insideArea && { insideArea: u.insideArea }) })
              : fixedCharge(std, periodInput);
          priced.set(key, { amount: charge.amount, explanation: charge.explanation });
        }
        billed ??= billedMonths(std.cycle, cycleStart, periodInput.startDate);
        const detail: Record<string, unknown> = { kind: std.kind, months: billed };
        if (u.state === 'vacant' && vacancyOn) {
          let d = discounted.get(charge.amount);
          if (d === undefined) {
            const v = vacancyDiscount({ amount: charge.amount, percentOff: vacancyPct });
            d = { amount: v.payable, explanation: v.explanation, discount: v.amount };
            discounted.set(charge.amount, d);
          }
          detail.vacancyDiscount = d.discount;
          lines.push(line(base, u, null, d.amount, `${charge.explanation}；${d.explanation}`, detail));
        } else {
          lines.push(line(base, u, null, charge.amount, charge.explanation, detail));
        }
      }
      continue;
    }

    if (std.kind === 'metered') {
      const relevant = usages.filter((r) => r.scope === 'unit' && r.type === params.meterType && r.unitId && isTarget(r.unitId));
      const haveUsage = new Set(relevant.map((r) => r.unitId));
      const usedBefore = std.tiers ? await usedThisYear(db, estateId, s.id, period) : new Map<string, string>();
      for (const r of relevant) {
        const u = unitById.get(r.unitId!)!;
        try {
          const charge = meteredCharge(std, {
            usage: r.usage,
            usedBefore: usedBefore.get(`${u.id}|${r.meterId}`) ?? '0',
            ...(r.kind === 'normal' && { previous: r.previous, current: r.value, multiplier: r.multiplier }),
          });
          lines.push(
            line(base, u, r.meterId, charge.amount, `${r.serial}：${charge.explanation}`, { kind: 'metered', usage: r.usage, readingId: r.readingId, portions: charge.portions }),
          );
        } catch (e) {
          if (!(e instanceof BillingError)) throw e;
          skipped.push({ standardName: s.name, reason: 'invalid', example: `${u.buildingName} ${u.number} ${r.serial}: ${e.message}` });
        }
      }
      // Units that have a meter of the type but no approved reading this month. Meters that have one are
      // left out in SQL (their units are in haveUsage and would be passed over here anyway).
      const missing = await db
        .select({ serial: sql<string>`m.serial`, unitId: sql<string>`m.unit_id` })
        .from(sql`meters m left join unnest(string_to_array(${relevant.map((r) => r.meterId).join(',')}, ',')::uuid[]) as billed(id) on billed.id = m.id`)
        .where(sql`m.estate_id = ${estateId} and m.scope = 'unit' and m.type = ${params.meterType} and m.state = 'active' and billed.id is null`);
      for (const m of missing) {
        if (!isTarget(m.unitId) || haveUsage.has(m.unitId)) continue;
        const u = unitById.get(m.unitId);
        skipped.push({ standardName: s.name, reason: 'missing_approved_reading', example: u ? `${u.buildingName} ${u.number} ${m.serial}` : m.serial });
      }
      continue;
    }

    // Shared 公摊: each shared meter's approved usage split over the units it serves (and the standard covers).
    const shared = usages.filter((r) => r.scope === 'shared' && r.type === params.meterType);
    const servedRows = shared.length
      ? await db
          .select({ meterId: meterShares.meterId, unitId: meterShares.unitId })
          .from(meterShares)
          .where(
            inArray(
              meterShares.meterId,
              shared.map((r) => r.meterId),
            ),
          )
      : [];
    for (const r of shared) {
      // In walking order (the units' sort keys): the largest-remainder split gives a tied fen to the first,
      // so the same data always bills the same shares whatever order the database returns the rows in.
      const served = servedRows
        .filter((x) => x.meterId === r.meterId && isTarget(x.unitId))
        .map((x) => unitById.get(x.unitId)!)
        .sort((a, b) => unitOrder.get(a.id)! - unitOrder.get(b.id)!);
      if (served.length === 0) continue;
      const result = sharedCharges(std, {
        units: served.map((u) => ({ unitId: u.id, buildingArea: u.buildingArea, ...(u.insideArea && { insideArea: u.insideArea }) })),
        usage: r.usage,
      });
      for (const share of result.shares) {
        const u = unitById.get(share.unitId)!;
        lines.push(
          line(base, u, r.meterId, share.amount, `${r.serial} 公摊 ${formatYuan(result.amount)}（${result.explanation}）：${share.explanation}`, {
            kind: 'shared',
            usage: r.usage,
            readingId: r.readingId,
            weight: share.weight,
            total: result.amount,
          }),
        );
      }
    }
  }
  return { lines, skipped };
}

interface LineBase {
  feeItemId: string;
  feeItemName: string;
  standardId: string;
  period: string;
  dueDate: string;
}

/** Whether a unit is among a standard's targets: every unit for an estate-wide assignment, else a set. */
function targetsOf(standardId: string, assignments: (typeof feeAssignments.$inferSelect)[], unitRows: UnitRow[], unitById: Map<string, UnitRow>): (unitId: string) => boolean {
  const mine = assignments.filter((a) => a.standardId === standardId);
  if (mine.some((a) => a.targetKind === 'estate')) return (id) => unitById.has(id);
  const ids = new Set<string>();
  for (const a of mine) {
    if (a.targetKind === 'unit') ids.add(a.targetId);
    else for (const u of unitRows) if (u.buildingId === a.targetId) ids.add(u.id);
  }
  return (id) => ids.has(id);
}

/** Usage already billed this year per unit and meter for a tiered standard's fee item (for 阶梯 tiers). */
async function usedThisYear(db: DbOrTx, estateId: string, standardId: string, period: string): Promise<Map<string, string>> {
  const year = period.slice(0, 4);
  const rows = await db
    .select({
      unitId: charges.unitId,
      lineKey: charges.lineKey,
      used: sql<string>`coalesce(sum((${charges.detail}->>'usage')::numeric), 0)::text`,
    })
    .from(charges)
    .innerJoin(feeStandards, eq(feeStandards.id, charges.standardId))
    .where(
      and(
        // The estate's charges only (its units' are all there): the (estate, period) index, not every estate's.
        eq(charges.estateId, estateId),
        sql`${feeStandards.feeItemId} = (select fee_item_id from fee_standards where id = ${standardId})`,
        sql`${charges.period} >= ${`${year}-01`} and ${charges.period} < ${period}`,
      ),
    )
    .groupBy(charges.unitId, charges.lineKey);
  return new Map(rows.map((r) => [`${r.unitId}|${r.lineKey}`, r.used]));
}
