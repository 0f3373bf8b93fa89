/**
 * Work-order KPIs 工单指标 in SQL, by the definitions of @pm/domain `workOrderKpis` (its README has the table):
 * per estate, technician or category of the orders under an org node, for Beijing days `from`…`to`. One
 * statement with FILTER aggregates, so a year of a company's orders is one scan of its estates' rows; the
 * API tests hold the SQL against the domain function on the same orders. A figure drills down to its orders.
 */
import { DEFAULT_CATEGORIES, type KpiRate, kpiRangeMillis } from '@pm/domain';
import { and, asc, type SQL, sql } from 'drizzle-orm';
import { workOrders } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { ValidationError } from '../../lib/errors';
import { reportScope, rowsOf } from '../billing/reports/scope';
import { listItems } from './view';

export type KpiGroupBy = 'estate' | 'technician' | 'category';
export const KPI_METRICS = ['responseOnTime', 'completionOnTime', 'followUp', 'satisfaction', 'complaintSatisfaction', 'reopen'] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export interface KpiInput {
  nodeId?: string | undefined;
  from: string;
  to: string;
  groupBy?: KpiGroupBy | undefined;
}

/** The base (denominator) and the hit (numerator) of each rate, as predicates on a work_orders row `w`. */
function predicates(start: Date, end: Date, now: Date, options: { withEarlier?: boolean; flat?: boolean } = {}): Record<KpiMetric, { base: SQL; hit: SQL }> {
  const withEarlier = options.withEarlier ?? false;
  // `flat`: the row already carries the survey's answer time and satisfaction as columns (read once per row).
  const answeredAt = options.flat ? sql`w.answered_at` : sql`(w.survey->>'answeredAt')::timestamptz`;
  const satisfactionOf = options.flat ? sql`w.satisfaction` : sql`(w.survey->>'satisfaction')::int`;
  const inRange = (col: string) => sql.raw(`w.${col} >= '${start.toISOString()}' and w.${col} < '${end.toISOString()}'`);
  const late = (done: string, due: string) =>
    sql`(w.${sql.raw(done)} is null and ${inRange(due)} and w.${sql.raw(due)} < ${now.toISOString()}::timestamptz and (w.cancelled_at is null or w.cancelled_at > w.${sql.raw(due)}))`;
  const current = sql`(${answeredAt} >= ${start.toISOString()}::timestamptz and ${answeredAt} < ${end.toISOString()}::timestamptz)`;
  const event = (extra: SQL) =>
    sql`exists (select 1 from work_order_events e where e.work_order_id = w.id and e.command = 'answer_survey' and e.at >= ${start.toISOString()}::timestamptz and e.at < ${end.toISOString()}::timestamptz ${extra})`;
  // Counting (one row per order): the current survey. Listing the orders behind a figure: also the orders
  // whose earlier answer (before a reopen) fell in the range.
  const answered = withEarlier ? sql`(${current} or ${event(sql``)})` : current;
  const satisfied = withEarlier
    ? sql`((${current} and ${satisfactionOf} >= 4) or ${event(sql`and (e.data->>'satisfaction')::int >= 4`)})`
    : sql`(${satisfactionOf} >= 4)`;
  return {
    responseOnTime: { base: sql`(${inRange('responded_at')} or ${late('responded_at', 'response_due_at')})`, hit: sql`(${inRange('responded_at')} and w.responded_at <= w.response_due_at)` },
    completionOnTime: { base: sql`(${inRange('completed_at')} or ${late('completed_at', 'complete_due_at')})`, hit: sql`(${inRange('completed_at')} and w.completed_at <= w.complete_due_at)` },
    followUp: {
      base: sql`(w.kind <> 'internal' and (${answered} or (w.close_reason = 'no_response' and ${inRange('closed_at')})))`,
      hit: sql`(w.kind <> 'internal' and ${answered})`,
    },
    satisfaction: { base: sql`(w.kind in ('repair','paid_service') and ${answered})`, hit: sql`(w.kind in ('repair','paid_service') and ${answered} and ${satisfied})` },
    complaintSatisfaction: { base: sql`(w.kind = 'complaint' and ${answered})`, hit: sql`(w.kind = 'complaint' and ${answered} and ${satisfied})` },
    reopen: { base: inRange('completed_at'), hit: sql`(${inRange('completed_at')} and w.reopen_count > 0)` },
  };
}

function rangeOf(input: KpiInput) {
  if (input.from > input.to) throw new ValidationError('from is after to', [{ path: 'from', message: 'after to' }]);
  const [from, to] = kpiRangeMillis(input.from, input.to);
  return { start: new Date(from), end: new Date(to) };
}

interface EarlierRow {
  key: string | null;
  answered: number;
  sat_base: number;
  sat_count: number;
  csat_base: number;
  csat_count: number;
}

interface RawRow {
  key: string | null;
  label: string | null;
  submitted: number;
  cancelled: number;
  no_response: number;
  avg_response: string | null;
  avg_completion: string | null;
  [k: string]: unknown;
}

export async function workOrderKpiReport({ ctx, input }: { ctx: StaffContext; input: KpiInput }) {
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const { start, end } = rangeOf(input);
  const now = ctx.clock.now();
  const groupBy = input.groupBy ?? 'estate';
  const p = predicates(start, end, now, { flat: true });
  const figures = KPI_METRICS.flatMap((m) => [sql`count(*) filter (where ${p[m].base})::int as ${sql.raw(`"${m}_base"`)}`, sql`count(*) filter (where ${p[m].hit})::int as ${sql.raw(`"${m}_count"`)}`]);
  const minutes = (done: string) =>
    sql`round(avg(extract(epoch from (w.${sql.raw(done)} - w.submitted_at)) / 60) filter (where w.${sql.raw(done)} >= ${start.toISOString()}::timestamptz and w.${sql.raw(done)} < ${end.toISOString()}::timestamptz)::numeric, 2)::text`;
  const key = groupBy === 'estate' ? sql`w.estate_id::text` : groupBy === 'technician' ? sql`w.assignee_id::text` : sql`w.category`;
  const label = groupBy === 'estate' ? sql`max(e.name)` : groupBy === 'technician' ? sql`max(s.name)` : sql`null::text`;
  const joins = groupBy === 'estate' ? sql`join org_nodes e on e.id = w.estate_id` : groupBy === 'technician' ? sql`left join staff_accounts s on s.id = w.assignee_id` : sql``;
  // Only rows that can count anywhere in the range: something happened in it, or a deadline fell in it.
  const touches = sql`(w.submitted_at < ${end.toISOString()}::timestamptz and (w.updated_at >= ${start.toISOString()}::timestamptz or w.response_due_at >= ${start.toISOString()}::timestamptz or w.complete_due_at >= ${start.toISOString()}::timestamptz))`;
  // One pass: the rows that can count are read once, each survey's JSON parsed once (`offset 0` keeps the
  // planner from folding the inner query back in and parsing it per filter), and the groups and the total come
  // from one aggregation (grouping sets; the total is the row where the key is grouped away).
  const body = sql`
    select ${key} as key, ${label} as label, grouping(${key}) = 1 as is_total,
      count(*) filter (where w.submitted_at >= ${start.toISOString()}::timestamptz and w.submitted_at < ${end.toISOString()}::timestamptz)::int as submitted,
      count(*) filter (where w.cancelled_at >= ${start.toISOString()}::timestamptz and w.cancelled_at < ${end.toISOString()}::timestamptz)::int as cancelled,
      count(*) filter (where w.close_reason = 'no_response' and w.kind <> 'internal' and w.closed_at >= ${start.toISOString()}::timestamptz and w.closed_at < ${end.toISOString()}::timestamptz)::int as no_response,
      ${sql.join(figures, sql`, `)},
      ${minutes('responded_at')} as avg_response, ${minutes('completed_at')} as avg_completion
    from (
      select w.estate_id, w.assignee_id, w.category, w.kind, w.submitted_at, w.response_due_at, w.complete_due_at,
             w.responded_at, w.completed_at, w.cancelled_at, w.closed_at, w.close_reason, w.reopen_count,
             (w.survey->>'answeredAt')::timestamptz as answered_at, (w.survey->>'satisfaction')::int as satisfaction
      from work_orders w
      where ${scope.estates(sql`w.estate_id`)} and ${touches}
      offset 0
    ) w ${joins}
    group by grouping sets ((${key}), ())`;
  // Answers given before a reopen (the order's survey was cleared; its answer_survey event stays): each counts in
  // 回访率 and 满意率 of the range it was given in, as @pm/domain's `earlierAnswers`.
  const earlier = (grouping: SQL | null) => sql`
    select ${grouping ? key : sql`null::text`} as key,
      count(*) filter (where w.kind <> 'internal')::int as answered,
      count(*) filter (where w.kind in ('repair','paid_service'))::int as sat_base,
      count(*) filter (where w.kind in ('repair','paid_service') and (e.data->>'satisfaction')::int >= 4)::int as sat_count,
      count(*) filter (where w.kind = 'complaint')::int as csat_base,
      count(*) filter (where w.kind = 'complaint' and (e.data->>'satisfaction')::int >= 4)::int as csat_count
    from work_order_events e join work_orders w on w.id = e.work_order_id
    where e.command = 'answer_survey' and e.at >= ${start.toISOString()}::timestamptz and e.at < ${end.toISOString()}::timestamptz
      and (w.survey is null or e.at <> (w.survey->>'answeredAt')::timestamptz) and ${scope.estates(sql`w.estate_id`)}
    ${grouping ? sql`group by ${key}` : sql``}`;
  const [all, earlierRows, earlierTotal] = await Promise.all([
    rowsOf<RawRow & { is_total: boolean }>(ctx.db, body),
    rowsOf<EarlierRow>(ctx.db, earlier(key)),
    rowsOf<EarlierRow>(ctx.db, earlier(null)),
  ]);
  const totals = all.filter((r) => r.is_total);
  const rows = all.filter((r) => !r.is_total);
  const add = (r: RawRow, e: EarlierRow | undefined) => {
    if (!e) return r;
    const n = (k: string) => Number(r[k]);
    return {
      ...r,
      followUp_count: n('followUp_count') + Number(e.answered),
      followUp_base: n('followUp_base') + Number(e.answered),
      satisfaction_count: n('satisfaction_count') + Number(e.sat_count),
      satisfaction_base: n('satisfaction_base') + Number(e.sat_base),
      complaintSatisfaction_count: n('complaintSatisfaction_count') + Number(e.csat_count),
      complaintSatisfaction_base: n('complaintSatisfaction_base') + Number(e.csat_base),
    };
  };
  const earlierByKey = new Map(earlierRows.map((e) => [e.key, e]));
  const shape = (r: RawRow) => {
    const out: Record<string, unknown> = {
      submitted: Number(r.submitted),
      cancelled: Number(r.cancelled),
      noResponse: Number(r.no_response),
      averageResponseMinutes: r.avg_response,
      averageCompletionMinutes: r.avg_completion,
    };
    for (const m of KPI_METRICS) {
      const count = Number(r[`${m}_count`]);
      const base = Number(r[`${m}_base`]);
      out[m] = { count, base, rate: base === 0 ? null : pct(count, base) } satisfies KpiRate;
    }
    return out as {
      submitted: number;
      cancelled: number;
      noResponse: number;
      averageResponseMinutes: string | null;
      averageCompletionMinutes: string | null;
    } & Record<KpiMetric, KpiRate>;
  };
  const categoryName = (code: string | null) => DEFAULT_CATEGORIES.find((c) => c.code === code)?.zh ?? code ?? '';
  return {
    from: input.from,
    to: input.to,
    groupBy,
    nodeId: scope.node?.id ?? null,
    nodeName: scope.node?.name ?? null,
    total: shape(add(totals[0]!, earlierTotal[0])),
    rows: rows
      .map((r) => add(r, earlierByKey.get(r.key)))
      .map((r) => ({ key: r.key ?? '', label: groupBy === 'category' ? categoryName(r.key) : (r.label ?? (groupBy === 'technician' ? '未分派' : '')), ...shape(r) }))
      .sort((a, b) => b.submitted - a.submitted || a.label.localeCompare(b.label)),
  };
}
export type KpiReport = Awaited<ReturnType<typeof workOrderKpiReport>>;

/** count ÷ base × 100 with 2 decimals, half up, on integers (no float rounding). */
function pct(count: number, base: number): string {
  const hundredths = Math.floor((count * 20000 + base) / (2 * base)); // round(count × 10000 / base)
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The orders behind a figure: those in its base that hit (or miss) it. */
export async function kpiOrders({ ctx, input }: { ctx: StaffContext; input: KpiInput & { metric: KpiMetric; outcome: 'hit' | 'miss'; key?: string | undefined; page: number; pageSize: number } }) {
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const { start, end } = rangeOf(input);
  const now = ctx.clock.now();
  const p = predicates(start, end, now, { withEarlier: true })[input.metric];
  const groupBy = input.groupBy ?? 'estate';
  const keyCond = input.key
    ? groupBy === 'estate'
      ? sql`w.estate_id::text = ${input.key}`
      : groupBy === 'technician'
        ? sql`w.assignee_id::text = ${input.key}`
        : sql`w.category = ${input.key}`
    : sql`true`;
  const ids = await rowsOf<{ id: string }>(
    ctx.db,
    sql`select w.id from work_orders w where ${scope.estates(sql`w.estate_id`)} and ${p.base} and ${input.outcome === 'hit' ? p.hit : sql`not ${p.hit}`} and ${keyCond}
        order by w.submitted_at desc limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
  );
  const rows = ids.length
    ? await ctx.db
        .select()
        .from(workOrders)
        .where(and(sql`${workOrders.id} = any(${sql`ARRAY[${sql.join(ids.map((r) => sql`${r.id}`), sql`, `)}]::uuid[]`})`))
        .orderBy(asc(workOrders.submittedAt))
    : [];
  return { items: await listItems(ctx.db, rows, now), page: input.page, pageSize: input.pageSize };
}

