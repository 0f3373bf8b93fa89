// `npm run bench -- kpi`: the work-order KPI dashboard 工单指标 (GET /api/work-orders/kpis) over a year of one
// company's work orders — 1,000,000 by default — through the built API server, on PostgreSQL and on PGlite.
//
// Per engine: the seed CLI writes the demo company (both engines concurrently; not measured here). Then, in SQL
// (postgres.js on the bench's own database, PGlite opened in this process before the server starts): three more
// estates under the company's two offices (6 in all), 8 technicians and 1 customer-service agent per estate
// (accounts that cannot log in, with grants on their estate), and the orders with a few
// `INSERT … SELECT … FROM generate_series` statements straight into `work_orders` (`--chunk` rows each; the
// spread is described at ORDERS_SQL), then ANALYZE. The server is started, `admin` (group admin) logs in and each
// report is called once to warm up, then `--calls` times one after the other: the whole year (Jan 1 – Dec 31,
// Beijing) with nodeId = the company, groupBy estate, technician and category; and December alone, by estate (a
// month's dashboard over a year of history). Figures: ms per call (median, min, max) and the first call's time.
// Every answer is checked against plain SQL counts (submitted, cancelled, no_response in the range) and its rows
// must add up to its total, otherwise the run fails.
//
// Options: --engines postgres,pglite  --orders 1000000  --year <last full year>  --calls 5  --chunk 250000
//   --timeout-s 600 (per request)
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres); a fresh
// pm_bench_<random> database is created and dropped.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  assertEngines,
  BenchError,
  ENGINE_NAMES,
  parseEngines,
  baseEnv,
  createPgDatabase,
  freePort,
  loginStaff,
  main,
  openDirect,
  out,
  requestJson,
  requireBuilt,
  round,
  runNode,
  SEED_JS,
  SERVER_JS,
  startNodeServer,
  tempDir,
} from './_lib.mjs';

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    orders: { type: 'string', default: '1000000' },
    year: { type: 'string', default: String(thisYear - 1) },
    calls: { type: 'string', default: '5' },
    chunk: { type: 'string', default: '250000' },
    'timeout-s': { type: 'string', default: '600' },
  },
});
const orders = Number(values.orders);
const year = Number(values.year);
const calls = Number(values.calls);
const chunk = Number(values.chunk);
const timeoutMs = Number(values['timeout-s']) * 1000;
const engines = parseEngines(values.engines);
const ADMIN = { username: 'admin', password: 'demo1234' };
const COMPANY = '杭州华悦物业服务有限公司';
const from = `${year}-01-01`;
const to = `${year}-12-31`;
const days = Math.round((Date.parse(`${year + 1}-01-01T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const REPORTS = [
  { name: 'estate', query: `from=${from}&to=${to}&groupBy=estate` },
  { name: 'technician', query: `from=${from}&to=${to}&groupBy=technician` },
  { name: 'category', query: `from=${from}&to=${to}&groupBy=category` },
  { name: 'december_estate', query: `from=${year}-12-01&to=${to}&groupBy=estate` },
];

/** The estates the orders go to, with their share of 20 (a bigger estate files more orders). The first three are the demo's. */
const ESTATES = [
  { name: '翠湖花园', share: 5 },
  { name: '华悦中心', share: 2 },
  { name: '滨江名苑', share: 4 },
  { name: '西溪雅苑', share: 4, office: '西湖管理处', kind: 'residential', address: '杭州市西湖区西溪路 518 号' },
  { name: '钱塘湾', share: 3, office: '滨江管理处', kind: 'residential', address: '杭州市滨江区闻涛路 2288 号' },
  { name: '云栖商务园', share: 2, office: '西湖管理处', kind: 'commercial', address: '杭州市西湖区云栖小镇 8 号' },
];
const TECHS_PER_ESTATE = 8;
/** Units per estate offered to orders located in a unit (estates without units get common-area orders only). */
const UNITS_PER_ESTATE = 200;

// ---------------------------------------------------------------------------------------------------
// SQL run by the bench itself, the same text on both engines ($n parameters).

/** A new estate (org node + estate row) under the office named $1. */
const ESTATE_SQL = `
  with o as (select id, path from org_nodes where kind = 'office' and name = $1),
  n as (
    insert into org_nodes (id, parent_id, kind, name, path)
    select x.id, o.id, 'estate', $2::text, o.path || x.id from o, (select gen_random_uuid() as id) x
    returning id, parent_id)
  insert into estates (id, office_id, kind, address) select id, parent_id, $3::text, $4::text from n returning id`;

/** $3 accounts on estate $1 (username prefix $2, role $4); the password hash is not scrypt: they cannot log in. */
const STAFF_SQL = `
  with s as (
    insert into staff_accounts (username, name, password_hash, home_node_id)
    select $2::text || k, $5::text || k || '号', '!bench-no-login', $1::uuid from generate_series(1, $3::int) k
    returning id, home_node_id)
  insert into grants (staff_id, role, node_id) select id, $4::text, home_node_id from s`;

/**
 * Orders $1…$2 of $13 over the $5 Beijing days of the year starting $4, in time order (as a table fills up): row i
 * is on day i × $5 / $13, the j-th of its day goes to estate bucket j % 20 ($3: the estate index of each bucket) and
 * is numbered GD + yyMMdd + j + 1 (4 digits, unique per day, so per estate and day).
 * Pseudo-random draws are hashes of i (hashint8extended), so both engines get exactly the same orders.
 * - kinds: 70 % repair, 15 % complaint, 8 % internal, 7 % paid service (in estates with units; else repair);
 *   categories by kind; priority = the category's default; due dates by the default SLAs (urgent 30/240 min,
 *   high 60/1440, normal 120/2880, low 480/4320); submitted through the day, 94 % 07:00–21:00.
 * - outcomes: 1.5 % cancelled before a response; 0.5 % still open (on hold / handling, escalated long ago: the
 *   timers leave them alone); the rest closed — 6 % responded late, 8 % completed late (escalated once),
 *   surveys answered for 85 % of resident-facing orders (satisfaction 5: 60 %, 4: 27 %, 3: 7 %, 2: 4 %, 1: 2 %;
 *   app 60 %, phone 40 % recorded by the estate's agent), the rest closed as no_response 7 days after
 *   completion; internal jobs verified; 2 % of surveyed work orders reopened once (60 % of the dissatisfied).
 * - technicians $6 (estate-major, $7 per estate) do the work; the estate's agent $8 takes complaints and phone
 *   intake; units $9 with offsets $10 and counts $11 per estate. updated_at = the last event.
 */
const ORDERS_SQL = `
  insert into work_orders (id, number, estate_id, kind, state, category, priority, location, unit_id, description,
    reporter_id, reported_by, submitted_at, response_due_at, complete_due_at, responded_at, assignee_id, assigned_at, assigned_via,
    accepted_at, started_at, hold_reason, held_at, completed_at, completion_notes, materials, labour_minutes, charge_amount, reply_text,
    survey, closed_at, close_reason, cancelled_at, cancel_reason, cancelled_by, reopen_count, reopened_at, reopen_reason,
    escalation_level, escalated_at, updated_at)
  select gen_random_uuid(),
    'GD' || to_char(b.submitted at time zone 'Asia/Shanghai', 'YYMMDD') || lpad((y.j + 1)::text, 4, '0'),
    e.estate_id, k.kind, t.state, c.category, c.priority, c.location,
    case when c.location = 'unit' then ($9::uuid[])[e.unit_offset + 1 + floor(r.u * e.unit_count)::int] end,
    c.description, case when k.kind = 'internal' then e.tech else e.agent end,
    case when k.kind = 'internal' then 'technician' else 'customer_service' end,
    b.submitted, b.response_due, b.complete_due, t.responded,
    case when t.state = 'cancelled' then null when k.kind = 'complaint' then e.agent else e.tech end,
    case when t.state = 'cancelled' then null else b.submitted + (t.responded - b.submitted) * 0.3 end,
    case when t.state = 'cancelled' then null when k.kind <> 'complaint' and r.via < 0.2 then 'grab' else 'dispatch' end,
    case when k.kind <> 'complaint' then t.responded end,
    case when k.kind <> 'complaint' then t.started end,
    case when t.state = 'on_hold' then '等待配件到货' end, case when t.state = 'on_hold' then t.started + interval '2 hours' end,
    t.completed,
    case when t.completed is not null and k.kind <> 'complaint' then '已处理完毕，现场测试正常' end,
    case when t.completed is not null and k.kind <> 'complaint' and r.mat < 0.3 then '[{"name":"阀芯","quantity":"1","unit":"个"}]'::jsonb else '[]'::jsonb end,
    case when t.completed is not null and k.kind <> 'complaint' then 15 + floor(r.mat * 100)::int end,
    case when k.kind = 'paid_service' then (array[60, 80, 120, 150])[1 + floor(r.mat * 4)::int]::numeric(14,2) end,
    case when t.completed is not null and k.kind = 'complaint' then '已协调处理，感谢您的反馈' end,
    case when s.answered is not null then jsonb_build_object(
      'satisfaction', s.satisfaction,
      'fixed', case when k.kind = 'complaint' then null else s.satisfaction >= 3 end,
      'comment', case when s.satisfaction <= 3 then '处理太慢，希望改进' when r.ch < 0.1 then '师傅很专业' end,
      'channel', case when r.ch < 0.6 then 'app' else 'phone' end,
      'answeredAt', to_char(s.answered at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'recordedBy', case when r.ch >= 0.6 then e.agent::text end) end,
    s.closed, s.reason,
    case when t.state = 'cancelled' then b.submitted + (5 + r.late_r * 55) * interval '1 minute' end,
    case when t.state = 'cancelled' then '住户已自行处理' end,
    case when t.state = 'cancelled' then case when k.kind = 'internal' then 'manager' else 'resident' end end,
    s.reopened, case when s.reopened = 1 then t.started + (t.completed - t.started) * 0.6 end,
    case when s.reopened = 1 then '住户反馈未修好' end,
    t.escalated, case when t.escalated = 1 then case when t.responded > b.response_due then b.response_due else b.complete_due end + interval '1 minute' end,
    coalesce(s.closed, case when t.state = 'cancelled' then b.submitted + (5 + r.late_r * 55) * interval '1 minute' end,
      greatest(t.started + interval '2 hours', b.complete_due + interval '1 minute'))
  from generate_series($1::int, $2::int) i
  cross join lateral (select (i::bigint * $5::int / $13::int)::int as d offset 0) y0
  cross join lateral (select y0.d, (i - (y0.d::bigint * $13::int + $5::int - 1) / $5::int)::int as j,
      (((y0.d + 1)::bigint * $13::int + $5::int - 1) / $5::int - (y0.d::bigint * $13::int + $5::int - 1) / $5::int)::int as per_day offset 0) y
  cross join lateral (select
      (hashint8extended(i::bigint, 2) & 1073741823)::float8 / 1073741824 as kind,
      (hashint8extended(i::bigint, 3) & 1073741823)::float8 / 1073741824 as cat,
      (hashint8extended(i::bigint, 4) & 1073741823)::float8 / 1073741824 as outcome,
      (hashint8extended(i::bigint, 5) & 1073741823)::float8 / 1073741824 as late_r,
      (hashint8extended(i::bigint, 6) & 1073741823)::float8 / 1073741824 as late_c,
      (hashint8extended(i::bigint, 7) & 1073741823)::float8 / 1073741824 as dur,
      (hashint8extended(i::bigint, 8) & 1073741823)::float8 / 1073741824 as survey,
      (hashint8extended(i::bigint, 9) & 1073741823)::float8 / 1073741824 as sat,
      (hashint8extended(i::bigint, 10) & 1073741823)::float8 / 1073741824 as ch,
      (hashint8extended(i::bigint, 11) & 1073741823)::float8 / 1073741824 as via,
      (hashint8extended(i::bigint, 12) & 1073741823)::float8 / 1073741824 as mat,
      (hashint8extended(i::bigint, 13) & 1073741823)::float8 / 1073741824 as who,
      (hashint8extended(i::bigint, 14) & 1073741823)::float8 / 1073741824 as u,
      (hashint8extended(i::bigint, 15) & 1073741823)::float8 / 1073741824 as reopen offset 0) r
  cross join lateral (select ($3::int[])[y.j % 20 + 1] as ex) x
  cross join lateral (select ($8::uuid[])[x.ex + 1] as estate_id,
      ($6::uuid[])[x.ex * $7::int + 1 + floor(r.who * $7::int)::int] as tech, ($12::uuid[])[x.ex + 1] as agent,
      ($10::int[])[x.ex + 1] as unit_offset, ($11::int[])[x.ex + 1] as unit_count) e
  cross join lateral (select case when r.kind < 0.70 then 'repair' when r.kind < 0.85 then 'complaint' when r.kind < 0.93 then 'internal'
      when e.unit_count > 0 then 'paid_service' else 'repair' end as kind offset 0) k
  cross join lateral (select z.category,
      case when z.category = 'safety' then 'urgent' when z.category in ('pipes', 'elevator') then 'high'
           when z.category in ('greenery', 'housekeeping') then 'low' else 'normal' end as priority,
      case when k.kind = 'paid_service' or (k.kind = 'repair' and e.unit_count > 0 and r.u < 0.6) then 'unit' else 'common_area' end as location,
      case k.kind when 'complaint' then '投诉：' when 'internal' then '内部：' when 'paid_service' then '特约服务：' else '报修：' end || z.category as description
    from (select case k.kind
      when 'repair' then (array['water_electric','pipes','doors_windows','elevator','public_facilities','safety','other'])[1 + floor(r.cat * 7)::int]
      when 'complaint' then (array['noise','sanitation','parking','staff_conduct','greenery','public_facilities','elevator'])[1 + floor(r.cat * 7)::int]
      when 'internal' then (array['public_facilities','greenery','sanitation','elevator','safety'])[1 + floor(r.cat * 5)::int]
      else (array['housekeeping','appliance','pipes','water_electric','doors_windows'])[1 + floor(r.cat * 5)::int] end as category) z offset 0) c
  cross join lateral (select
      case c.priority when 'urgent' then 30 when 'high' then 60 when 'normal' then 120 else 480 end as resp_min,
      case c.priority when 'urgent' then 240 when 'high' then 1440 when 'normal' then 2880 else 4320 end as comp_min offset 0) m
  cross join lateral (select d.submitted, d.submitted + m.resp_min * interval '1 minute' as response_due,
      d.submitted + m.comp_min * interval '1 minute' as complete_due
    from (select $4::timestamptz + y.d * interval '1 day' + (case when f < 0.03 then f / 0.03 * 420 when f < 0.97 then 420 + (f - 0.03) / 0.94 * 840
        else 1260 + (f - 0.97) / 0.03 * 179 end) * interval '1 minute' as submitted from (select (y.j + 0.5) / y.per_day as f) z) d offset 0) b
  cross join lateral (select w.state, w.responded, w.started, w.completed, w.escalated from (select o.*,
      case when o.state in ('closed', 'on_hold', 'handling') and (o.responded > b.response_due or coalesce(o.completed, b.complete_due + interval '1 minute') > b.complete_due) then 1 else 0 end as escalated
    from (select p.state, p.responded, p.responded + (p.done - p.responded) * 0.3 as started, case when p.state = 'closed' then p.done end as completed
      from (select
        case when r.outcome < 0.015 then 'cancelled' when r.outcome < 0.02 then case when k.kind = 'complaint' then 'handling' else 'on_hold' end else 'closed' end as state,
        case when r.outcome < 0.015 then null
             when r.late_r < 0.06 then b.submitted + m.resp_min * (1.1 + r.dur * 2) * interval '1 minute'
             else b.submitted + m.resp_min * (0.1 + r.dur * 0.85) * interval '1 minute' end as responded,
        greatest(b.submitted + m.resp_min * interval '1 minute' + interval '15 minutes',
          case when r.late_c < 0.08 then b.submitted + m.comp_min * (1.05 + r.dur * 1.5) * interval '1 minute'
               else b.submitted + m.comp_min * (0.05 + r.dur * 0.9) * interval '1 minute' end) as done offset 0) p offset 0) o offset 0) w offset 0) t
  cross join lateral (select v.*, case when v.closed is null then null when v.answered is not null then 'survey'
        when k.kind = 'internal' then 'verified' else 'no_response' end as reason,
      case when v.answered is not null and k.kind in ('repair', 'paid_service') and (r.reopen < 0.02 or (v.satisfaction <= 2 and r.reopen < 0.6)) then 1 else 0 end as reopened
    from (select q.*, case when t.state <> 'closed' then null when q.answered is not null then q.answered
          when k.kind = 'internal' then t.completed + (30 + r.survey * 1400) * interval '1 minute' else t.completed + interval '7 days' end as closed
      from (select case when t.state = 'closed' and k.kind <> 'internal' and r.survey < 0.85 then t.completed + (1 + r.ch * 71) * interval '1 hour' end as answered,
          case when r.sat < 0.60 then 5 when r.sat < 0.87 then 4 when r.sat < 0.94 then 3 when r.sat < 0.98 then 2 else 1 end as satisfaction offset 0) q offset 0) v offset 0) s`;

/** What every answer must agree with: plain counts over the rows in the range [$1, $2). */
const EXPECTED_SQL = `
  select count(*) filter (where submitted_at >= $1::timestamptz and submitted_at < $2::timestamptz)::int as submitted,
         count(*) filter (where cancelled_at >= $1::timestamptz and cancelled_at < $2::timestamptz)::int as cancelled,
         count(*) filter (where close_reason = 'no_response' and kind <> 'internal' and closed_at >= $1::timestamptz and closed_at < $2::timestamptz)::int as no_response
  from work_orders`;

// ---------------------------------------------------------------------------------------------------

const beijingMidnight = (date) => `${date}T00:00:00+08:00`;
const nextDay = (date) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const arrayLiteral = (xs) => `{${xs.join(',')}}`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function buildData(db, p) {
  const direct = await openDirect(db);
  try {
    const { rows: company } = await direct.query(`select id from org_nodes where kind = 'company' and name = $1`, [COMPANY]);
    if (company.length !== 1) throw new BenchError(`the demo company ${COMPANY} is missing after the seed`);
    const estateIds = [];
    for (const e of ESTATES) {
      if (e.office) {
        const { rows } = await direct.query(ESTATE_SQL, [e.office, e.name, e.kind, e.address]);
        if (rows.length !== 1) throw new BenchError(`could not create the estate ${e.name} under ${e.office}`);
      }
      const { rows } = await direct.query(`select id from org_nodes where kind = 'estate' and name = $1`, [e.name]);
      if (rows.length !== 1) throw new BenchError(`found ${rows.length} estates named ${e.name}`);
      estateIds.push(rows[0].id);
    }
    const techs = [];
    const agents = [];
    const units = [];
    const unitOffsets = [];
    const unitCounts = [];
    for (const [x, id] of estateIds.entries()) {
      await direct.query(STAFF_SQL, [id, `kpi_tech_${x + 1}_`, TECHS_PER_ESTATE, 'technician', `${ESTATES[x].name} 维修工 `]);
      await direct.query(STAFF_SQL, [id, `kpi_cs_${x + 1}_`, 1, 'customer_service', `${ESTATES[x].name} 客服 `]);
      const { rows: t } = await direct.query(`select id from staff_accounts where username like $1 order by username`, [`kpi\\_tech\\_${x + 1}\\_%`]);
      const { rows: a } = await direct.query(`select id from staff_accounts where username = $1`, [`kpi_cs_${x + 1}_1`]);
      if (t.length !== TECHS_PER_ESTATE || a.length !== 1) throw new BenchError(`could not create the staff of ${ESTATES[x].name}`);
      techs.push(...t.map((r) => r.id));
      agents.push(a[0].id);
      const { rows: u } = await direct.query(`select id from units where estate_id = $1 order by sort_key limit $2`, [id, UNITS_PER_ESTATE]);
      unitOffsets.push(units.length);
      unitCounts.push(u.length);
      units.push(...u.map((r) => r.id));
    }
    const buckets = ESTATES.flatMap((e, x) => Array(e.share).fill(x));
    if (buckets.length !== 20) throw new BenchError('the estate shares must add up to 20');
    p('setup.estates', `${estateIds.length} (${ESTATES.map((e) => `${e.name} ${e.share * 5} %`).join(', ')})`);
    p('setup.staff', `${techs.length} technicians, ${agents.length} customer-service agents`);

    const params = (lo, hi) => [
      lo,
      hi,
      arrayLiteral(buckets),
      beijingMidnight(from),
      days,
      arrayLiteral(techs),
      TECHS_PER_ESTATE,
      arrayLiteral(estateIds),
      arrayLiteral(units),
      arrayLiteral(unitOffsets),
      arrayLiteral(unitCounts),
      arrayLiteral(agents),
      orders,
    ];
    // PostgreSQL would JIT-compile this big expression list (cost above jit_above_cost): 5 s at 2,000 rows, minutes
    // at 10,000 (optimisation and inlining); evaluating it plainly is far faster. PGlite has no JIT (a no-op).
    await direct.query('set jit = off');
    const t0 = performance.now();
    let inserted = 0;
    for (let lo = 0; lo < orders; lo += chunk) {
      const hi = Math.min(orders, lo + chunk) - 1;
      inserted += (await direct.query(ORDERS_SQL, params(lo, hi))).count;
    }
    const insertMs = performance.now() - t0;
    if (inserted !== orders) throw new BenchError(`inserted ${inserted} work orders, expected ${orders}`);
    p('seed.orders', inserted);
    p('seed.statements', Math.ceil(orders / chunk));
    p('seed.insert_ms', Math.round(insertMs));
    p('seed.orders_per_s', Math.round((orders / insertMs) * 1000));
    const t1 = performance.now();
    await direct.query('analyze work_orders');
    p('seed.analyze_ms', Math.round(performance.now() - t1));
    const { rows: spread } = await direct.query(
      `select count(*)::int as n, count(*) filter (where state = 'closed')::int as closed, count(*) filter (where state = 'cancelled')::int as cancelled,
              count(*) filter (where state not in ('closed', 'cancelled'))::int as open, count(*) filter (where survey is not null)::int as surveyed,
              count(*) filter (where close_reason = 'no_response')::int as no_response, count(*) filter (where reopen_count > 0)::int as reopened,
              count(*) filter (where escalation_level > 0)::int as late, pg_size_pretty(pg_total_relation_size('work_orders')) as size
       from work_orders`,
    );
    const s = spread[0];
    p('work_orders_in_db', s.n);
    p('work_orders_spread', `closed ${s.closed}, cancelled ${s.cancelled}, open ${s.open}, surveyed ${s.surveyed}, no_response ${s.no_response}, reopened ${s.reopened}, late ${s.late}`);
    p('work_orders_size', s.size);
    const expected = {};
    for (const r of REPORTS) {
      const [, f, t] = /from=([\d-]+)&to=([\d-]+)/.exec(r.query);
      if (!expected[f + t]) expected[f + t] = (await direct.query(EXPECTED_SQL, [beijingMidnight(f), beijingMidnight(nextDay(t))])).rows[0];
      r.expected = expected[f + t];
    }
    p('expected.year', `submitted ${expected[from + to].submitted}, cancelled ${expected[from + to].cancelled}, no_response ${expected[from + to].no_response}`);
    return { companyId: company[0].id, insertMs };
  } finally {
    await direct.close();
  }
}

async function startServer(db) {
  requireBuilt(SERVER_JS);
  const port = await freePort();
  const env = baseEnv({ SEED: 'auto', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }) });
  return startNodeServer(SERVER_JS, { env, port, readyPath: '/api/health', timeoutMs: 300_000, label: 'API server (apps/api/dist/server.js)' });
}

/** The answer's problems: totals against the SQL counts, rows against the total. */
function check(name, body, expected) {
  const problems = [];
  const t = body.total;
  if (t.submitted !== expected.submitted) problems.push(`${name}: total.submitted ${t.submitted}, SQL says ${expected.submitted}`);
  if (t.cancelled !== expected.cancelled) problems.push(`${name}: total.cancelled ${t.cancelled}, SQL says ${expected.cancelled}`);
  if (t.noResponse !== expected.no_response) problems.push(`${name}: total.noResponse ${t.noResponse}, SQL says ${expected.no_response}`);
  for (const k of ['submitted', 'cancelled', 'noResponse']) {
    const sum = body.rows.reduce((n, r) => n + r[k], 0);
    if (sum !== t[k]) problems.push(`${name}: the rows' ${k} add up to ${sum}, the total says ${t[k]}`);
  }
  for (const k of ['responseOnTime', 'completionOnTime', 'followUp', 'satisfaction', 'reopen']) {
    const sum = body.rows.reduce((n, r) => n + r[k].base, 0);
    if (sum !== t[k].base) problems.push(`${name}: the rows' ${k}.base add up to ${sum}, the total says ${t[k].base}`);
  }
  return problems;
}

async function runEngine(engine, db) {
  const p = (k, v) => out(`${engine}.${k}`, v);
  const { companyId, insertMs } = await buildData(db, p);
  let api;
  const result = { problems: [], ms: {}, max: {}, insertMs };
  try {
    const t0 = performance.now();
    api = await startServer(db);
    p('server_start_ms', Math.round(performance.now() - t0));
    const cookie = await loginStaff(api.base, ADMIN.username, ADMIN.password);
    const get = async (query) => {
      const started = performance.now();
      const res = await requestJson(`${api.base}/api/work-orders/kpis?nodeId=${companyId}&${query}`, { cookie, timeoutMs });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new BenchError(`${ENGINE_NAMES[engine]}: GET /api/work-orders/kpis?${query} answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
      return { body: res.body, ms, bytes: res.text.length };
    };
    for (const r of REPORTS) {
      const first = await get(r.query); // warm-up
      result.problems.push(...check(r.name, first.body, r.expected));
      const times = [];
      for (let i = 0; i < calls; i++) times.push((await get(r.query)).ms);
      result.ms[r.name] = median(times);
      result.max[r.name] = Math.max(...times);
      p(`kpi_${r.name}.first_ms`, round(first.ms, 1));
      p(`kpi_${r.name}.median_ms`, round(median(times), 1));
      p(`kpi_${r.name}.min_ms`, round(Math.min(...times), 1));
      p(`kpi_${r.name}.max_ms`, round(Math.max(...times), 1));
      p(`kpi_${r.name}.rows`, first.body.rows.length);
      p(`kpi_${r.name}.response_bytes`, first.bytes);
      if (r.name === 'estate') {
        const t = first.body.total;
        p('kpi_year_total', `submitted ${t.submitted}, response on time ${t.responseOnTime.rate} %, completion on time ${t.completionOnTime.rate} %, follow-up ${t.followUp.rate} %, satisfaction ${t.satisfaction.rate} %, complaints ${t.complaintSatisfaction.rate} %, reopen ${t.reopen.rate} %`);
      }
    }
  } finally {
    await api?.stop();
  }
  if (api?.exit && api.exit !== 'exit code 0') throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);
  return result;
}

await main(async () => {
  if (!Number.isInteger(orders) || orders < 20 || orders > 3_000_000) throw new BenchError('--orders needs a whole number between 20 and 3000000');
  if (!Number.isInteger(year) || year < 2000 || year > thisYear) throw new BenchError(`--year needs a year between 2000 and ${thisYear}`);
  if (!Number.isInteger(calls) || calls < 1) throw new BenchError('--calls needs a whole number ≥ 1');
  if (!Number.isInteger(chunk) || chunk < 1000) throw new BenchError('--chunk needs a whole number ≥ 1000');
  if (!(timeoutMs > 0)) throw new BenchError('--timeout-s needs a positive number of seconds');
  assertEngines(engines);
  requireBuilt(SERVER_JS, SEED_JS);
  out('orders', orders);
  out('range', `${from} … ${to} (Beijing), nodeId = ${COMPANY}`);
  out('calls', calls);

  const dbs = {};
  for (const e of engines) dbs[e] = e === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-kpi-') };
  const seedStarted = performance.now();
  await Promise.all(
    engines.map((e) =>
      runNode(SEED_JS, [], {
        env: baseEnv(dbs[e].url ? { DATABASE_URL: dbs[e].url } : { DATA_DIR: dbs[e].dataDir }),
        timeoutMs: 5 * 60_000,
        label: `seed the demo company into ${ENGINE_NAMES[e]} (node apps/api/dist/seed.js)`,
      }),
    ),
  );
  out('demo_seed_wall_ms', Math.round(performance.now() - seedStarted));

  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    try {
      const r = await runEngine(engine, dbs[engine]);
      const fmt = (k) => `${k} ${Math.round(r.ms[k])} ms (max ${Math.round(r.max[k])})`;
      summary.push(`${name} seed ${(r.insertMs / 1000).toFixed(1)} s; ${REPORTS.map((x) => fmt(x.name)).join(', ')}${r.problems.length ? ' — FAILED' : ''}`);
      if (r.problems.length) {
        out(`${engine}.failed`, r.problems.join('; '));
        failed.push(engine);
      }
    } catch (e) {
      failed.push(engine);
      out(`${engine}.failed`, e.message.split('\n')[0]);
      console.error(`error: ${e.message}`);
      summary.push(`${name}: FAILED`);
    }
  }
  console.log(`summary: work-order KPIs over ${orders} orders of one company in ${year}, median ms per call by groupBy — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
