// `npm run bench -- arrears`: the arrears and aging report 欠费账龄 (GET /api/reports/arrears) over a million
// charges, through the built API server, on PostgreSQL and on PGlite.
//
// Per engine: the seed CLI writes the demo company and a large estate of 100,000 units (both engines
// concurrently; not measured here, see bench/seed.mjs). Then, in SQL (postgres.js on the bench's own database,
// PGlite opened in this process before the server starts), one area fee standard and 10 monthly charges per unit
// (the 10 months before this one, due 30 days after the month starts: 1,000,000 charges, generate_series) and
// payments as ledger entries by unit class — 60 % of units paid all but the last month, 20 % all but the last
// 4, 10 % only the first 3, 10 % nothing (690,000 entries) — and ANALYZE. The server is started, `manager`
// (西湖管理处: the large estate and 翠湖花园) logs in and each report is called once to warm up, then `--calls`
// times one after the other: groupBy estate, building, and unit page 1 (pageSize 20), asOf today (Beijing), over
// everything the manager sees; then the demo estate 翠湖花园 alone (nodeId=, per unit), a small estate beside the big one.
// The figures are ms per call (mean, min, max). The report must agree with a plain SQL count of what is unpaid
// (payments here are always whole: owed = amount of the unpaid charges), otherwise the run fails.
//
// Options: --engines postgres,pglite  --units 100000  --periods 10  --calls 5  --timeout-s 600 (per request)
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres); a fresh
// pm_bench_<random> database is created and dropped.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
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
  out,
  requestJson,
  requireBuilt,
  requireFromApi,
  round,
  runSeed,
  SEED_JS,
  SERVER_JS,
  startNodeServer,
  tempDir,
} from './_lib.mjs';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    units: { type: 'string', default: '100000' },
    periods: { type: 'string', default: '10' },
    calls: { type: 'string', default: '5' },
    'timeout-s': { type: 'string', default: '600' },
  },
});
const units = Number(values.units);
const periods = Number(values.periods);
const calls = Number(values.calls);
const timeoutMs = Number(values['timeout-s']) * 1000;
const engines = parseEngines(values.engines);
const MANAGER = { username: 'manager', password: 'demo1234' };
const REPORTS = [
  { name: 'estate', query: () => 'groupBy=estate' },
  { name: 'building', query: () => 'groupBy=building' },
  { name: 'unit', query: () => 'groupBy=unit&page=1&pageSize=20' },
  // The demo's 翠湖花园 alone (1,008 units, 3 months) in the same database: a small estate beside the big one.
  { name: 'small_estate_unit', query: (ids) => `nodeId=${ids.small}&groupBy=unit&page=1&pageSize=20` },
];

/** Today in Beijing (YYYY-MM-DD), and the first month of the charges (`periods` months before this one). */
const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const firstMonth = (() => {
  const [y, m] = asOf.split('-').map(Number);
  const i = y * 12 + (m - 1) - periods;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
})();

// ---------------------------------------------------------------------------------------------------
// SQL run by the bench itself, the same text on both engines ($n parameters).

const STANDARD_SQL = `
  insert into fee_standards (estate_id, fee_item_id, name, kind, params, cycle, effective_from, due_days, created_by)
  select $1, fi.id, '住宅物业费 ¥2.35/m²·月', 'area', '{"unitPrice":"2.35","areaBasis":"building_area"}'::jsonb, 'monthly', $2::date, 30, s.id
  from fee_items fi, staff_accounts s where fi.name = '物业服务费' and s.username = 'admin'
  returning id, fee_item_id`;

/** `periods` monthly area-fee charges per unit of the estate ($1), from month $2, standard $3, fee item $4. */
const CHARGES_SQL = `
  insert into charges (estate_id, unit_id, fee_item_id, standard_id, period, amount, explanation, due_date, source)
  select u.estate_id, u.id, $4, $3, to_char(p.start, 'YYYY-MM'), x.amount,
         u.building_area::text || ' m² × ¥2.35/m²·月 × 1 月 = ¥' || x.amount::text, p.start + 30, 'billing'
  from units u
  cross join generate_series(0, $5::int - 1) k
  cross join lateral (select ($2::date + make_interval(months => k))::date as start) p
  cross join lateral (select round(u.building_area * 2.35, 2) as amount) x
  where u.estate_id = $1`;

/**
 * Whole payments, by unit class (row number mod 10): classes 0–5 leave the last month unpaid, 6–7 the last 4,
 * 8 pays only the first 3 months, 9 nothing. Paid 5 days before the due date.
 */
const PAYMENTS_SQL = `
  with classes as (select id, (row_number() over (order by id)) % 10 as c from units where estate_id = $1)
  insert into ledger_entries (estate_id, unit_id, kind, amount, owed_delta, charge_id, method, created_at)
  select c.estate_id, c.unit_id, 'payment', c.amount, -c.amount, c.id, 'cash', (c.due_date - 5)::timestamptz
  from charges c join classes k on k.id = c.unit_id
  where c.estate_id = $1
    and c.period < to_char($2::date + make_interval(months => $3::int - (case when k.c < 6 then 1 when k.c < 8 then 4 when k.c = 8 then $3::int - 3 else $3::int end)), 'YYYY-MM')`;

/** What the report must find for the estate: unpaid charges due before asOf ($2), their sum and their units. */
const EXPECTED_SQL = `
  select count(*)::int as charges, count(distinct c.unit_id)::int as units, coalesce(sum(c.amount), 0)::text as total
  from charges c
  where c.estate_id = $1 and c.due_date < $2::date and not exists (select 1 from ledger_entries le where le.charge_id = c.id)`;

// ---------------------------------------------------------------------------------------------------
// Direct database access from the bench (PGlite only while the server is stopped: one process at a time).

async function openDirect(engine, db) {
  if (engine === 'postgres') {
    const postgres = requireFromApi('postgres');
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    return {
      query: async (text, params = []) => {
        const rows = await sql.unsafe(text, params);
        return { rows: [...rows], count: rows.count };
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  // PGlite from apps/api/node_modules (ESM entry, so its WASM files are found next to it).
  const esm = requireFromApi.resolve('@electric-sql/pglite').replace(/index\.cjs$/, 'index.js');
  const { PGlite } = await import(pathToFileURL(esm).href);
  const pg = new PGlite({ dataDir: db.dataDir });
  await pg.waitReady;
  return {
    query: async (text, params = []) => {
      const r = await pg.query(text, params);
      return { rows: r.rows, count: r.affectedRows ?? r.rows.length };
    },
    close: () => pg.close(),
  };
}

async function buildData(engine, db, p) {
  const direct = await openDirect(engine, db);
  try {
    const { rows: estates } = await direct.query(`select id from org_nodes where kind = 'estate' and name = $1`, [`大型测试小区 ${units}`]);
    if (estates.length !== 1) throw new BenchError(`found ${estates.length} estates named 大型测试小区 ${units} after the seed`);
    const estateId = estates[0].id;
    const { rows: small } = await direct.query(`select id from org_nodes where kind = 'estate' and name = '翠湖花园'`);
    if (small.length !== 1) throw new BenchError('the demo estate 翠湖花园 is missing after the seed');
    const { rows: standard } = await direct.query(STANDARD_SQL, [estateId, firstMonth]);
    if (standard.length !== 1) throw new BenchError('could not create the fee standard (no 物业服务费 fee item or admin account?)');
    let t0 = performance.now();
    const charged = await direct.query(CHARGES_SQL, [estateId, firstMonth, standard[0].id, standard[0].fee_item_id, periods]);
    p('build.charges', charged.count);
    p('build.charges_ms', Math.round(performance.now() - t0));
    if (charged.count !== units * periods) throw new BenchError(`inserted ${charged.count} charges, expected ${units * periods}`);
    t0 = performance.now();
    const paid = await direct.query(PAYMENTS_SQL, [estateId, firstMonth, periods]);
    p('build.payments', paid.count);
    p('build.payments_ms', Math.round(performance.now() - t0));
    t0 = performance.now();
    await direct.query('analyze');
    p('build.analyze_ms', Math.round(performance.now() - t0));
    const { rows: all } = await direct.query('select (select count(*) from charges)::int as charges, (select count(*) from ledger_entries)::int as entries');
    p('charges_in_db', all[0].charges);
    p('ledger_entries_in_db', all[0].entries);
    const { rows: expected } = await direct.query(EXPECTED_SQL, [estateId, asOf]);
    p('expected.large_estate_owed', expected[0].total);
    p('expected.large_estate_units', expected[0].units);
    return { estateId, smallId: small[0].id, expected: expected[0] };
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

async function runEngine(engine, db) {
  const p = (k, v) => out(`${engine}.${k}`, v);
  const { estateId, smallId, expected } = await buildData(engine, db, p);
  let api;
  const result = { problems: [], ms: {} };
  try {
    const t0 = performance.now();
    api = await startServer(db);
    p('server_start_ms', Math.round(performance.now() - t0));
    const cookie = await loginStaff(api.base, MANAGER.username, MANAGER.password);
    const get = async (query) => {
      const started = performance.now();
      const res = await requestJson(`${api.base}/api/reports/arrears?asOf=${asOf}&${query}`, { cookie, timeoutMs });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new BenchError(`${ENGINE_NAMES[engine]}: GET /api/reports/arrears?${query} answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
      return { body: res.body, ms, bytes: res.text.length };
    };

    // Correctness first (not timed): the large estate alone, per unit, against the plain SQL count.
    const check = await get(`nodeId=${estateId}&groupBy=unit&pageSize=1`);
    p('check.large_estate_owed', check.body.total);
    p('check.large_estate_units', check.body.totalRows);
    if (check.body.total !== expected.total) result.problems.push(`the report says ${check.body.total} owed in the large estate, SQL says ${expected.total}`);
    if (check.body.totalRows !== expected.units) result.problems.push(`the report lists ${check.body.totalRows} units, SQL says ${expected.units}`);

    const totals = new Set();
    for (const r of REPORTS) {
      const query = r.query({ small: smallId });
      await get(query); // warm-up
      const times = [];
      let last;
      for (let i = 0; i < calls; i++) {
        last = await get(query);
        times.push(last.ms);
      }
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      result.ms[r.name] = mean;
      p(`arrears_${r.name}.ms_per_call`, round(mean, 1));
      p(`arrears_${r.name}.min_ms`, round(Math.min(...times), 1));
      p(`arrears_${r.name}.max_ms`, round(Math.max(...times), 1));
      p(`arrears_${r.name}.rows`, last.body.totalRows);
      p(`arrears_${r.name}.response_bytes`, last.bytes);
      if (r.name !== 'small_estate_unit') totals.add(last.body.total);
    }
    p('report_total_owed', [...totals].join(' / '));
    if (totals.size !== 1) result.problems.push(`the three groupings disagree on the total: ${[...totals].join(' vs ')}`);
  } finally {
    await api?.stop();
  }
  if (api?.exit && api.exit !== 'exit code 0') throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);
  return result;
}

await main(async () => {
  if (!Number.isInteger(units) || units <= 0 || units > 1_000_000) throw new BenchError('--units needs a whole number between 1 and 1000000');
  if (!Number.isInteger(periods) || periods < 4 || periods > 60) throw new BenchError('--periods needs a whole number between 4 and 60');
  if (!Number.isInteger(calls) || calls < 1) throw new BenchError('--calls needs a whole number ≥ 1');
  if (!(timeoutMs > 0)) throw new BenchError('--timeout-s needs a positive number of seconds');
  assertEngines(engines);
  requireBuilt(SERVER_JS, SEED_JS);
  out('units', units);
  out('periods', `${periods} (from ${firstMonth.slice(0, 7)})`);
  out('charges', units * periods);
  out('as_of', asOf);
  out('calls', calls);

  const dbs = {};
  for (const e of engines) dbs[e] = e === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-arrears-') };
  const seedStarted = performance.now();
  await Promise.all(engines.map((e) => runSeed({ units, db: dbs[e], label: `seed ${units} units into ${ENGINE_NAMES[e]}` })));
  out('seed_wall_ms', Math.round(performance.now() - seedStarted));

  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    try {
      const r = await runEngine(engine, dbs[engine]);
      const fmt = (k) => `${k} ${Math.round(r.ms[k])} ms`;
      summary.push(`${name} ${REPORTS.map((x) => fmt(x.name)).join(', ')}${r.problems.length ? ' — FAILED' : ''}`);
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
  console.log(`summary: arrears report over ${units * periods} charges (${units} units × ${periods} months), ms per call by groupBy — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
