/**
 * Late fees 违约金: off unless the estate's billing settings turn them on (`penalty: { dailyRate, graceDays,
 * cap }`). For an "as of" date, every charge of the estate that is past due and still owes something gets
 * the penalty @pm/domain `latePenalty` computes on what it owes now — less the penalties already levied on
 * it, so posting every month never charges a day twice and the cap holds over all of them together.
 *
 * A penalty is a `charges` row: source 'penalty', the base charge's fee item, period = the month of `asOf`,
 * due on `asOf`, `detail.baseChargeId` the charge it is levied on, the explanation from `latePenalty`.
 * `penalty_postings` keeps one row per base charge and month (a unique key): a repeated or concurrent
 * posting levies each at most once a month. The base charges are locked (FOR UPDATE, in id order, like the
 * counter) while the penalties are computed and posted, so no payment lands between the two. Waiving one
 * 减免违约金 is a discount of the penalty charge (a `waiver` entry, with a reason, approval above the threshold).
 */
import { randomUUID } from 'node:crypto';
import { type PenaltyPolicy, compare, formatYuan, latePenalty, subtract, sum, todayInShanghai, toMoneyString } from '@pm/domain';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db';
import { billingSettings, buildings, charges, feeItems, penaltyPostings, units } from '../../../db/schema';
import { writeAudit } from '../../../lib/audit';
import type { StaffContext } from '../../../lib/context';
import { AppError, ValidationError } from '../../../lib/errors';
import { authorizeEstate } from '../access';
import { offsetFromPrepaid, owedOf } from '../ledger';

/** Shown with every preview: the legal frame of late fees (民法典 第九百四十四条). */
export const LEGAL_NOTE =
  '违约金须依据物业服务合同或管理规约（业主公约）的约定计收；物业服务人不得采取停止供水、供电、供热、供燃气等方式催交费用（《民法典》第九百四十四条）。' +
  'Late fees may only be charged as the property-service contract or the owners’ rules (规约) provide; water and electricity are never cut off for arrears.';

const MAX_ITEMS = 200;
const CHUNK = 1000;

export type PenaltySettings = { dailyRate: string; graceDays: number; cap: { kind: 'amount'; amount: string } | { kind: 'percent'; percent: string } };

async function policyOf(db: DbOrTx, estateId: string): Promise<{ settings: PenaltySettings | null; policy: PenaltyPolicy }> {
  const [row] = await db.select({ penalty: billingSettings.penalty }).from(billingSettings).where(eq(billingSettings.estateId, estateId));
  const settings = (row?.penalty ?? null) as PenaltySettings | null;
  return { settings, policy: settings ? { enabled: true, ...settings } : { enabled: false } };
}

export interface PenaltyLine {
  baseChargeId: string;
  unitId: string;
  unitNumber: string;
  buildingName: string;
  feeItemId: string;
  feeItemName: string;
  period: string;
  dueDate: string;
  /** What the base charge owes now: the penalty's principal. */
  principal: string;
  daysOverdue: number;
  daysCharged: number;
  capped: boolean;
  /** Penalties already levied on this charge (earlier months). */
  previous: string;
  /** This posting's penalty: the penalty as of `asOf` less `previous`. */
  amount: string;
  explanation: string;
}

/** Past-due charges of the estate that still owe something (late fees themselves excluded). */
function candidates(db: DbOrTx, estateId: string, asOf: string) {
  return db
    .select({
      id: charges.id,
      unitId: charges.unitId,
      unitNumber: units.number,
      buildingName: buildings.name,
      feeItemId: charges.feeItemId,
      feeItemName: feeItems.name,
      period: charges.period,
      dueDate: charges.dueDate,
      owed: sql<string>`${owedOf}::numeric(14,2)::text`,
    })
    .from(charges)
    .innerJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .innerJoin(units, eq(units.id, charges.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(charges.estateId, estateId), ne(charges.source, 'penalty'), lt(charges.dueDate, asOf), sql`${owedOf} > 0`))
    .orderBy(asc(units.sortKey), asc(charges.dueDate), asc(charges.period), asc(charges.id));
}

async function compute(db: DbOrTx, estateId: string, asOf: string, policy: PenaltyPolicy, lock: boolean) {
  let rows = await candidates(db, estateId, asOf);
  if (lock && rows.length) {
    const ids = rows.map((r) => r.id).sort();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await db.execute(sql`select id from charges where id = any(${sql`ARRAY[${sql.join(chunk.map((id) => sql`${id}`), sql`, `)}]::uuid[]`}) order by id for update`);
    }
    // What they owe now that nobody else can pay them meanwhile.
    rows = await candidates(db, estateId, asOf);
  }
  const month = asOf.slice(0, 7);
  const levied = await db
    .select({
      baseChargeId: penaltyPostings.baseChargeId,
      previous: sql<string>`sum(${penaltyPostings.amount})::numeric(14,2)::text`,
      thisMonth: sql<boolean>`bool_or(${penaltyPostings.period} = ${month})`,
    })
    .from(penaltyPostings)
    .where(eq(penaltyPostings.estateId, estateId))
    .groupBy(penaltyPostings.baseChargeId);
  const byBase = new Map(levied.map((l) => [l.baseChargeId, l]));
  const lines: PenaltyLine[] = [];
  let alreadyPosted = 0;
  let nothingDue = 0;
  for (const r of rows) {
    const before = byBase.get(r.id);
    if (before?.thisMonth) {
      alreadyPosted += 1;
      continue;
    }
    const previous = before?.previous ?? '0.00';
    const p = latePenalty({ principal: r.owed, dueDate: r.dueDate, asOf, policy });
    const amount = toMoneyString(subtract(p.amount, previous));
    if (compare(amount, '0') <= 0) {
      nothingDue += 1;
      continue;
    }
    const explanation = before ? `${p.explanation}；已计违约金 ${formatYuan(previous)}，本次 ${formatYuan(amount)}` : p.explanation;
    lines.push({
      baseChargeId: r.id,
      unitId: r.unitId,
      unitNumber: r.unitNumber,
      buildingName: r.buildingName,
      feeItemId: r.feeItemId,
      feeItemName: r.feeItemName,
      period: r.period,
      dueDate: r.dueDate,
      principal: r.owed,
      daysOverdue: p.daysOverdue,
      daysCharged: p.daysCharged,
      capped: p.capped,
      previous,
      amount,
      explanation,
    });
  }
  return { lines, alreadyPosted, nothingDue };
}

function summary(estateId: string, asOf: string, settings: PenaltySettings | null, computed: Awaited<ReturnType<typeof compute>>) {
  return {
    estateId,
    asOf,
    period: asOf.slice(0, 7),
    enabled: settings !== null,
    policy: settings,
    legalNote: LEGAL_NOTE,
    lines: computed.lines.length,
    total: toMoneyString(sum(computed.lines.map((l) => l.amount))),
    alreadyPosted: computed.alreadyPosted,
    nothingDue: computed.nothingDue,
    items: computed.lines.slice(0, MAX_ITEMS),
    itemsTruncated: computed.lines.length > MAX_ITEMS,
  };
}

export interface PenaltyInput {
  estateId: string;
  asOf: string;
}

/** What posting would levy as of `asOf`; writes nothing. With late fees off: no lines, `enabled: false`. */
export async function previewPenalties({ ctx, input }: { ctx: StaffContext; input: PenaltyInput }) {
  await authorizeEstate(ctx, input.estateId, 'billing:run');
  const { settings, policy } = await policyOf(ctx.db, input.estateId);
  if (!settings) return summary(input.estateId, input.asOf, null, { lines: [], alreadyPosted: 0, nothingDue: 0 });
  return summary(input.estateId, input.asOf, settings, await compute(ctx.db, input.estateId, input.asOf, policy, false));
}

/** Levies the late fees as of `asOf` (not after today): idempotent, one per charge and month. */
export async function postPenalties({ ctx, input }: { ctx: StaffContext; input: PenaltyInput }) {
  await authorizeEstate(ctx, input.estateId, 'billing:run');
  const today = todayInShanghai(ctx.clock.now());
  if (input.asOf > today) throw new ValidationError('计算日期不能晚于今天 asOf cannot be after today', [{ path: 'asOf', message: `after ${today}` }]);
  const { settings, policy } = await policyOf(ctx.db, input.estateId);
  if (!settings) throw new AppError(409, 'penalty_disabled', '本项目未启用违约金 Late fees are off for this estate (billing settings)');
  const result = await ctx.db.transaction(async (tx) => {
    const computed = await compute(tx, input.estateId, input.asOf, policy, true);
    const now = ctx.clock.now();
    const rows = computed.lines.map((l) => ({ line: l, chargeId: randomUUID() }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await tx.insert(charges).values(
        chunk.map(({ line: l, chargeId }) => ({
          id: chargeId,
          estateId: input.estateId,
          unitId: l.unitId,
          feeItemId: l.feeItemId,
          standardId: null,
          period: input.asOf.slice(0, 7),
          lineKey: `penalty:${l.baseChargeId}`,
          amount: l.amount,
          explanation: `违约金（${l.period} ${l.feeItemName}）${l.explanation}`,
          detail: { kind: 'penalty', baseChargeId: l.baseChargeId, asOf: input.asOf, principal: l.principal, daysOverdue: l.daysOverdue, daysCharged: l.daysCharged, capped: l.capped, previous: l.previous },
          dueDate: input.asOf,
          source: 'penalty' as const,
        })),
      );
      await tx.insert(penaltyPostings).values(
        chunk.map(({ line: l, chargeId }) => ({
          estateId: input.estateId,
          baseChargeId: l.baseChargeId,
          period: input.asOf.slice(0, 7),
          asOf: input.asOf,
          penaltyChargeId: chargeId,
          principal: l.principal,
          amount: l.amount,
          createdBy: ctx.actor.id,
          createdAt: now,
        })),
      );
    }
    // New receivables: prepaid money offsets them (and anything older) at once, as after a billing run.
    if (rows.length) await offsetFromPrepaid(tx, ctx, [...new Set(rows.map((r) => r.line.unitId))]);
    const out = summary(input.estateId, input.asOf, settings, computed);
    if (rows.length) {
      await writeAudit(tx, ctx.actor, ctx.requestId, {
        action: 'post_penalties',
        entity: 'estate',
        entityId: input.estateId,
        after: { asOf: input.asOf, policy: settings, lines: out.lines, total: out.total, alreadyPosted: out.alreadyPosted },
      });
    }
    return out;
  });
  return { ...result, posted: { inserted: result.lines, total: result.total } };
}
