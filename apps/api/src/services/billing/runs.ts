/**
 * Billing runs 应收计算: preview (no writes) and post. Posting is idempotent by the charges' unique key: a
 * rerun, a retry after a crash halfway, or two managers posting at once insert each line once. Prepaid
 * money on an account offsets the new charges (oldest due first) in the same transaction.
 */
import { sum, toMoneyString } from '@pm/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { billingRuns, charges, staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { authorizeEstate } from './access';
import { type ChargeLineDraft, type ComputedRun, computeRun } from './compute-run';
import { offsetFromPrepaid } from './ledger';

const SAMPLES = 8;
const EXAMPLES = 5;
const CHUNK = 1000;

function summarize(estateId: string, period: string, run: ComputedRun, alreadyPosted: number) {
  const byFeeItem = new Map<string, { feeItemId: string; feeItemName: string; count: number; amounts: string[] }>();
  const byBuilding = new Map<string, { buildingId: string; buildingName: string; count: number; amounts: string[] }>();
  for (const l of run.lines) {
    const f = byFeeItem.get(l.feeItemId) ?? { feeItemId: l.feeItemId, feeItemName: l.feeItemName, count: 0, amounts: [] };
    f.count += 1;
    f.amounts.push(l.amount);
    byFeeItem.set(l.feeItemId, f);
    const b = byBuilding.get(l.buildingId) ?? { buildingId: l.buildingId, buildingName: l.buildingName, count: 0, amounts: [] };
    b.count += 1;
    b.amounts.push(l.amount);
    byBuilding.set(l.buildingId, b);
  }
  const skipped = new Map<string, { standardName: string; reason: string; count: number; examples: string[] }>();
  for (const s of run.skipped) {
    const key = `${s.standardName}|${s.reason}`;
    const g = skipped.get(key) ?? { standardName: s.standardName, reason: s.reason, count: 0, examples: [] };
    g.count += 1;
    if (g.examples.length < EXAMPLES) g.examples.push(s.example);
    skipped.set(key, g);
  }
  const total = (amounts: string[]) => toMoneyString(sum(amounts));
  return {
    estateId,
    period,
    lines: run.lines.length,
    total: total(run.lines.map((l) => l.amount)),
    alreadyPosted,
    byFeeItem: [...byFeeItem.values()].map(({ amounts, ...f }) => ({ ...f, total: total(amounts) })),
    byBuilding: [...byBuilding.values()].map(({ amounts, ...b }) => ({ ...b, total: total(amounts) })),
    samples: samplesOf(run.lines).map((l) => ({ unitNumber: l.unitNumber, buildingName: l.buildingName, feeItemName: l.feeItemName, amount: l.amount, explanation: l.explanation })),
    skipped: [...skipped.values()],
  };
}

/** The first line of each fee item, then more, up to SAMPLES: every kind of charge shows its explanation. */
function samplesOf(lines: ChargeLineDraft[]): ChargeLineDraft[] {
  const seen = new Set<string>();
  const first = lines.filter((l) => !seen.has(l.feeItemId) && seen.add(l.feeItemId));
  const rest = lines.filter((l) => !first.includes(l)).slice(0, Math.max(0, SAMPLES - first.length));
  return [...first, ...rest].slice(0, Math.max(SAMPLES, first.length));
}

async function countPosted(ctx: StaffContext, estateId: string, lines: ChargeLineDraft[]) {
  if (lines.length === 0) return 0;
  const periods = [...new Set(lines.map((l) => l.period))];
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(charges)
    .where(and(eq(charges.estateId, estateId), inArray(charges.period, periods), eq(charges.source, 'billing')));
  return row?.n ?? 0;
}

export async function previewRun({ ctx, input }: { ctx: StaffContext; input: { estateId: string; period: string } }) {
  await authorizeEstate(ctx, input.estateId, 'billing:run');
  const run = await computeRun(ctx.db, input.estateId, input.period);
  return summarize(input.estateId, input.period, run, await countPosted(ctx, input.estateId, run.lines));
}

export async function postRun({ ctx, input }: { ctx: StaffContext; input: { estateId: string; period: string } }) {
  await authorizeEstate(ctx, input.estateId, 'billing:run');
  const result = await ctx.db.transaction(async (tx) => {
    const run = await computeRun(tx, input.estateId, input.period);
    const inserted: { id: string; unitId: string; amount: string }[] = [];
    for (let i = 0; i < run.lines.length; i += CHUNK) {
      const rows = run.lines.slice(i, i + CHUNK).map((l) => ({
        estateId: input.estateId,
        unitId: l.unitId,
        feeItemId: l.feeItemId,
        standardId: l.standardId,
        period: l.period,
        meterId: l.meterId,
        lineKey: l.lineKey,
        amount: l.amount,
        explanation: l.explanation,
        detail: l.detail,
        dueDate: l.dueDate,
        source: 'billing' as const,
      }));
      // Someone else's run (or an earlier one) already posted a line: it stays as it is.
      inserted.push(...(await tx.insert(charges).values(rows).onConflictDoNothing().returning({ id: charges.id, unitId: charges.unitId, amount: charges.amount })));
    }
    const total = toMoneyString(sum(inserted.map((c) => c.amount)));
    const [saved] = await tx
      .insert(billingRuns)
      .values({ estateId: input.estateId, period: input.period, inserted: inserted.length, existing: run.lines.length - inserted.length, total, createdBy: ctx.actor.id })
      .returning();
    await offsetFromPrepaid(tx, ctx, [...new Set(inserted.map((c) => c.unitId))]);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'post', entity: 'billing_run', entityId: saved!.id, after: saved });
    return { saved: saved!, run };
  });
  return {
    run: { id: result.saved.id, inserted: result.saved.inserted, existing: result.saved.existing, total: result.saved.total },
    ...summarize(input.estateId, input.period, result.run, result.saved.existing),
  };
}

export async function listRuns({ ctx, input }: { ctx: StaffContext; input: { estateId: string } }) {
  await authorizeEstate(ctx, input.estateId, 'charge:read');
  const rows = await ctx.db
    .select({
      id: billingRuns.id,
      period: billingRuns.period,
      inserted: billingRuns.inserted,
      existing: billingRuns.existing,
      total: billingRuns.total,
      createdByName: staffAccounts.name,
      createdAt: billingRuns.createdAt,
    })
    .from(billingRuns)
    .innerJoin(staffAccounts, eq(staffAccounts.id, billingRuns.createdBy))
    .where(eq(billingRuns.estateId, input.estateId))
    .orderBy(desc(billingRuns.createdAt))
    .limit(100);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}
