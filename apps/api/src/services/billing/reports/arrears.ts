/**
 * 欠费账龄 arrears and aging: what charges still owe (`amount + Σ ledger owed_delta`) that fell due before
 * `asOf`, aged by days past due as of `asOf` (Beijing calendar days; buckets of @pm/domain: 0–30, 31–90,
 * 91–180, 181–365, over 365), summed per estate, building or unit. Everything is aggregated in one SQL
 * statement (per charge → per unit → per group, CASE/FILTER sums per bucket); no charge is loaded into JS.
 * Money received after `asOf` is counted: the report ages what is still owed now.
 */
import { AGING_BUCKETS, type AgingBucket, todayInShanghai } from '@pm/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { StaffContext } from '../../../lib/context';
import { aggregateRows, money, type ReportScope, reportScope } from './scope';

export type ArrearsGroupBy = 'estate' | 'building' | 'unit';
export type Buckets = Record<AgingBucket, string>;

export interface ArrearsInput {
  nodeId?: string | undefined;
  asOf?: string | undefined;
  groupBy?: ArrearsGroupBy | undefined;
  /** Only this building's units (the drill-down building → units); a building outside the scope adds nothing. */
  buildingId?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface ArrearsRow {
  key: string;
  estateId: string;
  estateName: string;
  buildingId?: string;
  buildingName?: string;
  unitId?: string;
  unitNumber?: string;
  ownerName?: string | null;
  owed: string;
  buckets: Buckets;
  charges: number;
  oldestDueDate: string;
}

export interface ArrearsReport {
  asOf: string;
  groupBy: ArrearsGroupBy;
  nodeId: string | null;
  nodeName: string | null;
  total: string;
  buckets: Buckets;
  rows: ArrearsRow[];
  page: number;
  pageSize: number;
  totalRows: number;
}

/** Upper bound (days past due) of each bucket but the last, as in @pm/domain `agingBucket`. */
const BUCKET_UPPER = [30, 90, 180, 365] as const;
const BUCKET_COLS = ['b0', 'b1', 'b2', 'b3', 'b4'] as const;

/**
 * Per unit: what its past-due charges owe, per bucket, how many, the oldest due date. `charges` are only
 * those owing more than 0; `minDays` keeps charges at least that many days past due (≥ 1 anyway).
 */
export function perUnitArrears(scope: ReportScope, asOf: string, minDays = 1, buildingId?: string): SQL {
  const days = sql`(${asOf}::date - pc.due_date)`;
  const bucket = (i: number) => {
    const lower = i === 0 ? 0 : BUCKET_UPPER[i - 1]!;
    const upper = BUCKET_UPPER[i];
    const cond = upper === undefined ? sql`${days} > ${sql.raw(String(lower))}` : sql`${days} > ${sql.raw(String(lower))} and ${days} <= ${sql.raw(String(upper))}`;
    return sql`coalesce(sum(pc.owed) filter (where ${cond}), 0) as ${sql.raw(BUCKET_COLS[i]!)}`;
  };
  const cutoff = Math.max(1, minDays);
  return sql`
    select pc.estate_id, pc.unit_id, sum(pc.owed) as owed,
           ${sql.join(BUCKET_COLS.map((_, i) => bucket(i)), sql`, `)},
           count(*)::int as n, min(pc.due_date) as oldest
    from (
      select c.estate_id, c.unit_id, c.due_date, c.amount + coalesce(l.delta, 0) as owed
      from charges c
      left join (
        select le.charge_id, sum(le.owed_delta) as delta
        from ledger_entries le
        where le.charge_id is not null and ${scope.estates(sql`le.estate_id`)}
        group by le.charge_id
      ) l on l.charge_id = c.id
      where c.due_date <= ${asOf}::date - ${sql.raw(String(cutoff))} and ${scope.estates(sql`c.estate_id`)}
        ${buildingId ? sql`and c.unit_id in (select id from units where building_id = ${buildingId}::uuid)` : sql``}
    ) pc
    where pc.owed > 0
    group by pc.estate_id, pc.unit_id`;
}

function grouped(groupBy: ArrearsGroupBy, perUnit: SQL): SQL {
  const sums = sql.raw(`sum(owed) as owed, ${BUCKET_COLS.map((b) => `sum(${b}) as ${b}`).join(', ')}, sum(n)::int as n, min(oldest) as oldest`);
  if (groupBy === 'unit') return sql`select estate_id, unit_id as key, owed, ${sql.raw(BUCKET_COLS.join(', '))}, n, oldest from (${perUnit}) pu`;
  if (groupBy === 'building') {
    return sql`select pu.estate_id, u.building_id as key, ${sums} from (${perUnit}) pu join units u on u.id = pu.unit_id group by pu.estate_id, u.building_id`;
  }
  return sql`select estate_id, estate_id as key, ${sums} from (${perUnit}) pu group by estate_id`;
}

interface RawRow {
  total_rows: number;
  t_owed: string;
  t_b0: string;
  t_b1: string;
  t_b2: string;
  t_b3: string;
  t_b4: string;
  key: string | null;
  estate_id: string;
  estate_name: string;
  building_id: string | null;
  building_name: string | null;
  unit_number: string | null;
  owner_name: string | null;
  owed: string;
  b0: string;
  b1: string;
  b2: string;
  b3: string;
  b4: string;
  n: number;
  oldest: string;
}

const bucketsOf = (r: Record<string, string>, prefix = ''): Buckets =>
  Object.fromEntries(AGING_BUCKETS.map((b, i) => [b, r[`${prefix}${BUCKET_COLS[i]}`]!])) as Buckets;

/** The report; `limit: null` returns every row (the export). */
export async function queryArrears(ctx: StaffContext, scope: ReportScope, opts: { asOf: string; groupBy: ArrearsGroupBy; buildingId?: string | undefined; limit: number | null; offset: number }) {
  const { asOf, groupBy } = opts;
  const limit = opts.limit === null ? sql.raw('all') : sql.raw(String(Math.trunc(opts.limit)));
  const offset = sql.raw(String(Math.trunc(opts.offset)));
  const names =
    groupBy === 'unit'
      ? sql`left join units u on u.id = p.key
            left join buildings b on b.id = u.building_id
            left join lateral (
              select pa.name from occupancies o join parties pa on pa.id = o.party_id
              where o.unit_id = p.key and o.relation = 'owner' and o.end_date is null
              order by o.start_date, o.id limit 1
            ) ow on true`
      : groupBy === 'building'
        ? sql`left join buildings b on b.id = p.key`
        : sql``;
  const cols =
    groupBy === 'unit'
      ? sql`b.id as building_id, b.name as building_name, u.number as unit_number, ow.name as owner_name`
      : groupBy === 'building'
        ? sql`b.id as building_id, b.name as building_name, null::text as unit_number, null::text as owner_name`
        : sql`null::uuid as building_id, null::text as building_name, null::text as unit_number, null::text as owner_name`;
  const rows = await aggregateRows<RawRow>(
    ctx.db,
    sql`
    with grouped as (${grouped(groupBy, perUnitArrears(scope, asOf, 1, opts.buildingId))}),
    totals as (
      select count(*)::int as total_rows, ${money(sql`coalesce(sum(owed), 0)`)} as t_owed,
             ${sql.join(
               BUCKET_COLS.map((b) => sql`${money(sql`coalesce(sum(${sql.raw(b)}), 0)`)} as ${sql.raw(`t_${b}`)}`),
               sql`, `,
             )}
      from grouped
    ),
    page as (select * from grouped order by owed desc, key limit ${limit} offset ${offset})
    select t.*, p.key, p.estate_id, e.name as estate_name, ${cols},
           ${money(sql`p.owed`)} as owed, ${sql.join(
             BUCKET_COLS.map((b) => sql`${money(sql.raw(`p.${b}`))} as ${sql.raw(b)}`),
             sql`, `,
           )},
           p.n, p.oldest::text as oldest
    from totals t
    left join page p on true
    left join org_nodes e on e.id = p.estate_id
    ${names}
    order by p.owed desc, p.key`,
  );
  const head = rows[0]!;
  const list: ArrearsRow[] = rows
    .filter((r) => r.key !== null)
    .map((r) => {
      const row: ArrearsRow = { key: r.key!, estateId: r.estate_id, estateName: r.estate_name, owed: r.owed, buckets: bucketsOf(r as unknown as Record<string, string>), charges: r.n, oldestDueDate: r.oldest };
      if (groupBy !== 'estate') Object.assign(row, { buildingId: r.building_id!, buildingName: r.building_name! });
      if (groupBy === 'unit') Object.assign(row, { unitId: r.key!, unitNumber: r.unit_number!, ownerName: r.owner_name });
      return row;
    });
  return { total: head.t_owed, buckets: bucketsOf(head as unknown as Record<string, string>, 't_'), rows: list, totalRows: head.total_rows };
}

export async function arrearsReport({ ctx, input }: { ctx: StaffContext; input: ArrearsInput }): Promise<ArrearsReport> {
  const scope = await reportScope(ctx, 'report:read', input.nodeId);
  const asOf = input.asOf ?? todayInShanghai(ctx.clock.now());
  const groupBy = input.groupBy ?? 'estate';
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const result = await queryArrears(ctx, scope, { asOf, groupBy, buildingId: input.buildingId, limit: pageSize, offset: (page - 1) * pageSize });
  return { asOf, groupBy, nodeId: scope.node?.id ?? null, nodeName: scope.node?.name ?? null, ...result, page, pageSize };
}
