/**
 * 收缴率 collection rate of a period, per estate and in total, computed in SQL.
 *
 * Current period 当期 — the charges of `period` (charges.period = period), with ledger entries up to the end
 * of `asOf` (Beijing; default today):
 *   billed 应收       = Σ charge amounts
 *   reduced 减免      = Σ discounts and waivers (they lower the base; forgone money is not collected)
 *   adjusted 调整     = Σ other changes to the charges (adjustments, late fees), signed
 *   receivable 应收净额 = billed − reduced + adjusted
 *   collected 实收    = money settled: payments + offsets from prepaid money − refunds paid back on them
 *   outstanding 未收  = receivable − collected (= what the charges still owe, Σ amount + owed_delta)
 *   rate              = collected ÷ receivable × 100, 2 decimals (ROUND_HALF_UP); null when receivable is 0
 *
 * Back arrears 往期欠费 — charges of earlier periods (charges.period < period):
 *   opening 期初欠费  = what they owed when the period began (entries before its first day), charges owing > 0
 *   collected 本期收回 = money settled on those charges during the period (first day → the end of the month,
 *                      or of `asOf` when that is earlier)
 *   outstanding       = what those charges still owe at that same end
 *   rate              = collected ÷ opening × 100
 */
import { addDays, compare, roundTo, shiftPeriod, sum, todayInShanghai, toDecimal, toMoneyString } from '@pm/domain';
import { sql } from 'drizzle-orm';
import type { StaffContext } from '../../../lib/context';
import { beijingMidnight, isReduced, isSettled, money, reportScope, rowsOf } from './scope';

export interface CurrentFigures {
  charges: number;
  billed: string;
  reduced: string;
  adjusted: string;
  receivable: string;
  collected: string;
  outstanding: string;
  rate: string | null;
}
export interface BackFigures {
  charges: number;
  opening: string;
  collected: string;
  outstanding: string;
  rate: string | null;
}
export interface CollectionRow {
  estateId: string;
  estateName: string;
  current: CurrentFigures;
  backArrears: BackFigures;
}

/** collected ÷ base as a percentage string with 2 decimals ("95.24"), or null without a base. */
export function percent(part: string, whole: string): string | null {
  if (compare(whole, '0') <= 0) return null;
  return roundTo(toDecimal(part).times(100).dividedBy(toDecimal(whole)), 2);
}

function current(r: { n: number; billed: string; reduced: string; adjusted: string; collected: string }): CurrentFigures {
  const receivable = toMoneyString(sum([r.billed, `-${r.reduced}`, r.adjusted]));
  return {
    charges: r.n,
    billed: r.billed,
    reduced: r.reduced,
    adjusted: r.adjusted,
    receivable,
    collected: r.collected,
    outstanding: toMoneyString(sum([receivable, `-${r.collected}`])),
    rate: percent(r.collected, receivable),
  };
}
function back(r: { n: number; opening: string; collected: string; outstanding: string }): BackFigures {
  return { charges: r.n, opening: r.opening, collected: r.collected, outstanding: r.outstanding, rate: percent(r.collected, r.opening) };
}

interface RawCurrent {
  estate_id: string;
  n: number;
  billed: string;
  reduced: string;
  adjusted: string;
  collected: string;
}
interface RawBack {
  estate_id: string;
  n: number;
  opening: string;
  collected: string;
  outstanding: string;
}

export async function collectionRate({ ctx, input }: { ctx: StaffContext; input: { nodeId?: string | undefined; period: string; asOf?: string | undefined } }) {
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const asOf = input.asOf ?? todayInShanghai(ctx.clock.now());
  const { period } = input;
  const start = beijingMidnight(`${period}-01`);
  const asOfEnd = beijingMidnight(addDays(asOf, 1));
  const monthEnd = beijingMidnight(`${shiftPeriod(period, 1)}-01`);
  const windowEnd = new Date(Math.min(asOfEnd.getTime(), monthEnd.getTime()));
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

  const currentRows = await rowsOf<RawCurrent>(
    ctx.db,
    sql`
    select c.estate_id, count(*)::int as n, ${money(sql`sum(c.amount)`)} as billed,
           ${money(sql`coalesce(sum(l.reduced), 0)`)} as reduced, ${money(sql`coalesce(sum(l.adjusted), 0)`)} as adjusted,
           ${money(sql`coalesce(sum(l.settled), 0)`)} as collected
    from charges c
    left join (
      select le.charge_id,
             sum(-le.owed_delta) filter (where ${isSettled}) as settled,
             sum(-le.owed_delta) filter (where ${isReduced}) as reduced,
             sum(le.owed_delta) filter (where not (${isSettled}) and not (${isReduced})) as adjusted
      from ledger_entries le
      join charges lc on lc.id = le.charge_id
      left join ledger_entries orig on orig.id = le.reversal_of
      where lc.period = ${period} and ${scope.estates(sql`lc.estate_id`)} and le.created_at < ${ts(asOfEnd)}
      group by le.charge_id
    ) l on l.charge_id = c.id
    where c.period = ${period} and ${scope.estates(sql`c.estate_id`)}
    group by c.estate_id`,
  );

  const backRows = await rowsOf<RawBack>(
    ctx.db,
    sql`
    select pc.estate_id, count(*)::int as n, ${money(sql`sum(pc.opening)`)} as opening,
           ${money(sql`sum(pc.collected)`)} as collected, ${money(sql`sum(pc.opening + pc.moved)`)} as outstanding
    from (
      select c.estate_id, c.amount + coalesce(l.before, 0) as opening, coalesce(l.collected, 0) as collected, coalesce(l.moved, 0) as moved
      from charges c
      left join (
        select le.charge_id,
               sum(le.owed_delta) filter (where le.created_at < ${ts(start)}) as before,
               sum(-le.owed_delta) filter (where ${isSettled} and le.created_at >= ${ts(start)} and le.created_at < ${ts(windowEnd)}) as collected,
               sum(le.owed_delta) filter (where le.created_at >= ${ts(start)} and le.created_at < ${ts(windowEnd)}) as moved
        from ledger_entries le
        join charges lc on lc.id = le.charge_id
        left join ledger_entries orig on orig.id = le.reversal_of
        where lc.period < ${period} and ${scope.estates(sql`lc.estate_id`)} and le.created_at < ${ts(windowEnd)}
        group by le.charge_id
      ) l on l.charge_id = c.id
      where c.period < ${period} and ${scope.estates(sql`c.estate_id`)}
    ) pc
    where pc.opening > 0
    group by pc.estate_id`,
  );

  const ids = [...new Set([...currentRows.map((r) => r.estate_id), ...backRows.map((r) => r.estate_id)])];
  const names = ids.length
    ? await rowsOf<{ id: string; name: string }>(ctx.db, sql`select id, name from org_nodes where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const zeroCurrent = { n: 0, billed: '0.00', reduced: '0.00', adjusted: '0.00', collected: '0.00' };
  const zeroBack = { n: 0, opening: '0.00', collected: '0.00', outstanding: '0.00' };
  const rows: CollectionRow[] = ids
    .map((id) => ({
      estateId: id,
      estateName: nameOf.get(id) ?? '',
      current: current(currentRows.find((r) => r.estate_id === id) ?? zeroCurrent),
      backArrears: back(backRows.find((r) => r.estate_id === id) ?? zeroBack),
    }))
    .sort((a, b) => a.estateName.localeCompare(b.estateName, 'zh-CN') || (a.estateId < b.estateId ? -1 : 1));

  const total = (pick: (r: RawCurrent | RawBack) => string, list: (RawCurrent | RawBack)[]) => toMoneyString(sum(list.map(pick)));
  return {
    period,
    asOf,
    nodeId: scope.node?.id ?? null,
    nodeName: scope.node?.name ?? null,
    /** When back-arrears collection was counted: [from, to) as instants. */
    window: { from: start.toISOString(), to: windowEnd.toISOString() },
    rows,
    total: {
      current: current({
        n: currentRows.reduce((a, r) => a + r.n, 0),
        billed: total((r) => (r as RawCurrent).billed, currentRows),
        reduced: total((r) => (r as RawCurrent).reduced, currentRows),
        adjusted: total((r) => (r as RawCurrent).adjusted, currentRows),
        collected: total((r) => (r as RawCurrent).collected, currentRows),
      }),
      backArrears: back({
        n: backRows.reduce((a, r) => a + r.n, 0),
        opening: total((r) => (r as RawBack).opening, backRows),
        collected: total((r) => (r as RawBack).collected, backRows),
        outstanding: total((r) => (r as RawBack).outstanding, backRows),
      }),
    },
  };
}
