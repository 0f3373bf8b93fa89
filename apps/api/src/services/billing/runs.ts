/**
 * Billing runs 应收计算: preview (no writes) and post. Posting is idempotent by the charges' unique key: a
 * rerun, a retry after a crash halfway, or two managers posting at once insert each line once. Prepaid
 * money on an account offsets the new charges (oldest due first) in the same transaction.
 */
import { sum, toMoneyString } from '@pm/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db';
import { billingRuns, charges, staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { authorizeEstate } from './access';
import { type ChargeLineDraft, type ComputedRun, computeRun } from './compute-run';
import { offsetFromPrepaid } from './ledger';

const SAMPLES = 8;
const EXAMPLES = 5;
/** Charge lines per INSERT statement. */
const CHUNK = 10_000;
/** Units per offsetFromPrepaid call (its queries take one parameter per unit and per entry). */
const OFFSET_BATCH = 1000;

function summarize(estateId: string, period: string, run: ComputedRun, alreadyPosted: number) {
  const all = new MoneySum();
  const byFeeItem = new Map<string, { feeItemId: string; feeItemName: string; count: number; amounts: MoneySum }>();
  const byBuilding = new Map<string, { buildingId: string; buildingName: string; count: number; amounts: MoneySum }>();
  for (const l of run.lines) {
    let f = byFeeItem.get(l.feeItemId);
    if (!f) {
      f = { feeItemId: l.feeItemId, feeItemName: l.feeItemName, count: 0, amounts: new MoneySum() };
      byFeeItem.set(l.feeItemId, f);
    }
    let b = byBuilding.get(l.buildingId);
    if (!b) {
      b = { buildingId: l.buildingId, buildingName: l.buildingName, count: 0, amounts: new MoneySum() };
      byBuilding.set(l.buildingId, b);
    }
    f.count += 1;
    b.count += 1;
    const fen = fenOf(l.amount);
    if (fen === null) {
      all.addText(l.amount);
      f.amounts.addText(l.amount);
      b.amounts.addText(l.amount);
    } else {
      all.fen += fen;
      f.amounts.fen += fen;
      b.amounts.fen += fen;
    }
  }
  const skipped = new Map<string, { standardName: string; reason: string; count: number; examples: string[] }>();
  for (const s of run.skipped) {
    const key = `${s.standardName}|${s.reason}`;
    const g = skipped.get(key) ?? { standardName: s.standardName, reason: s.reason, count: 0, examples: [] };
    g.count += 1;
    if (g.examples.length < EXAMPLES) g.examples.push(s.example);
    skipped.set(key, g);
  }
  return {
    estateId,
    period,
    lines: run.lines.length,
    total: all.total(),
    alreadyPosted,
    byFeeItem: [...byFeeItem.values()].map(({ amounts, ...f }) => ({ ...f, total: amounts.total() })),
    byBuilding: [...byBuilding.values()].map(({ amounts, ...b }) => ({ ...b, total: amounts.total() })),
    samples: samplesOf(run.lines).map((l) => ({ unitNumber: l.unitNumber, buildingName: l.buildingName, feeItemName: l.feeItemName, amount: l.amount, explanation: l.explanation })),
    skipped: [...skipped.values()],
  };
}

const ON_THE_FEN = /^(-?)(\d+)\.(\d\d)$/;
/** A wire amount on the fen ("210.02", "-0.50") as whole fen, or null for any other shape. */
function fenOf(amount: string): bigint | null {
  const m = ON_THE_FEN.exec(amount);
  if (!m) return null;
  const fen = BigInt(m[2]! + m[3]!);
  return m[1] ? -fen : fen;
}

/**
 * An exact sum of money strings for the run's totals. Hundreds of thousands of amounts on the fen add up
 * as whole fen (BigInt, exact); anything else is kept for decimal.js, which also makes the final string.
 */
class MoneySum {
  fen = 0n;
  private others: string[] = [];
  addText(amount: string) {
    this.others.push(amount);
  }
  total(): string {
    const abs = (this.fen < 0n ? -this.fen : this.fen).toString().padStart(3, '0');
    const fenText = `${this.fen < 0n ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
    return toMoneyString(sum([fenText, ...this.others]));
  }
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
    .where(and(eq(charges.estateId, estateId), inArray(charges.period, periods), inArray(charges.source, ['billing', 'advance'])));
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
    // A rerun (or a retry after a crash halfway) skips the lines posted before without sending them; the
    // unique key still decides for a concurrent run's lines, which are not visible here yet.
    const posted = await postedKeys(tx, input.estateId, run.lines);
    const todo = posted.size === 0 ? run.lines : run.lines.filter((l) => !posted.has(keyOf(l)));
    let inserted = 0;
    const totals: string[] = [];
    const charged = new Set<string>();
    for (let i = 0; i < todo.length; i += CHUNK) {
      const r = await insertLines(tx, input.estateId, todo.slice(i, i + CHUNK));
      inserted += r.inserted;
      totals.push(r.total);
      for (const unitId of r.units) charged.add(unitId);
    }
    const total = toMoneyString(sum(totals));
    const [saved] = await tx
      .insert(billingRuns)
      .values({ estateId: input.estateId, period: input.period, inserted, existing: run.lines.length - inserted, total, createdBy: ctx.actor.id })
      .returning();
    // Prepaid money offsets the new charges. Only the charged units with a prepaid balance have anything to
    // offset, usually a few: they are handed over (in batches: each unit's offset is its own business).
    const withMoney = await withPrepaidBalance(tx, [...charged]);
    for (let i = 0; i < withMoney.length; i += OFFSET_BATCH) await offsetFromPrepaid(tx, ctx, withMoney.slice(i, i + OFFSET_BATCH));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'post', entity: 'billing_run', entityId: saved!.id, after: saved });
    return { saved: saved!, run };
  });
  return {
    run: { id: result.saved.id, inserted: result.saved.inserted, existing: result.saved.existing, total: result.saved.total },
    ...summarize(input.estateId, input.period, result.run, result.saved.existing),
  };
}

/** A line's unique key in `charges` (unit, standard, period, line). */
const keyOf = (l: { unitId: string; standardId: string; period: string; lineKey: string }) => `${l.unitId}|${l.standardId}|${l.period}|${l.lineKey}`;

/** The unique keys of the estate's charges already posted for the lines' periods. */
async function postedKeys(tx: Tx, estateId: string, lines: ChargeLineDraft[]): Promise<Set<string>> {
  if (lines.length === 0) return new Set();
  const periods = [...new Set(lines.map((l) => l.period))];
  const rows = rowsOf<{ k: string }>(
    await tx.execute(sql`
      select unit_id::text || '|' || standard_id::text || '|' || period || '|' || line_key as k from charges
      where estate_id = ${estateId} and period in (${sql.join(
        periods.map((p) => sql`${p}`),
        sql`, `,
      )}) and standard_id is not null`),
  );
  return new Set(rows.map((r) => r.k));
}

/** Rows of a raw query: postgres.js answers an array, PGlite `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** Of these units, those with a positive prepaid balance (Σ prepaid_delta), as offsetFromPrepaid decides. */
async function withPrepaidBalance(tx: Tx, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select le.unit_id::text as id
      from unnest(string_to_array(${unitIds.join(',')}::text, ',')::uuid[]) as u(id) join ledger_entries le on le.unit_id = u.id
      group by le.unit_id having sum(le.prepaid_delta) > 0`),
  );
  return rows.map((r) => r.id);
}

/**
 * Inserts charge lines in one statement: the lines travel as one JSON parameter, unpacked by
 * json_to_recordset — a few large parameters instead of 12 per row, and no per-value SQL building. A line
 * that is already posted (the unique key) is left as it is. Answers how many were inserted, their total,
 * and the units they were for.
 */
async function insertLines(tx: Tx, estateId: string, lines: ChargeLineDraft[]) {
  const json = JSON.stringify(
    lines.map((l) => ({ u: l.unitId, f: l.feeItemId, s: l.standardId, p: l.period, m: l.meterId, k: l.lineKey, a: l.amount, e: l.explanation, d: l.detail, due: l.dueDate })),
  );
  const [row] = rowsOf<{ n: number; total: string; units: string }>(
    await tx.execute(sql`
      with ins as (
        insert into charges (estate_id, unit_id, fee_item_id, standard_id, period, meter_id, line_key, amount, explanation, detail, due_date, source)
        select ${estateId}::uuid, x.u, x.f, x.s, x.p, x.m, x.k, x.a, x.e, x.d, x.due, 'billing'
        from json_to_recordset(${json}::text::json) as x(u uuid, f uuid, s uuid, p text, m uuid, k text, a numeric, e text, d jsonb, due date)
        on conflict do nothing
        returning unit_id, amount
      )
      select count(*)::int as n, coalesce(sum(amount), 0)::text as total, coalesce(string_agg(distinct unit_id::text, ','), '') as units
      from ins`),
  );
  return { inserted: Number(row!.n), total: row!.total, units: row!.units ? row!.units.split(',') : [] };
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
