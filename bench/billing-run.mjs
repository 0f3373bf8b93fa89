// `npm run bench -- billing-run`: the billing run 应收计算 of a large estate — 100,000 units × 3 fee standards
// (area, fixed, metered cold water with tiers) for one period — posted through the built API server, beside a
// plain `INSERT INTO charges … SELECT … FROM units …` of the same number of charge rows in the same database
// (the floor: what writing those rows costs without any application code), on PGlite and on PostgreSQL.
//
// Per engine: the seed CLI writes the demo company and the large estate right before that engine's turn (not
// measured here, see bench/seed.mjs); one cold-water meter per unit and one approved current reading per meter
// for the period are generated in SQL (the same statements on both engines: postgres.js on the bench's own
// database, PGlite opened in this process before the server starts); the server is started; as `admin`, fee
// items and three estate-wide standards are created through the API; then the bench times
// `POST /api/billing-runs/preview`, `POST /api/billing-runs` (must insert units × 3 rows) and the same post
// again (must insert 0). With the server stopped, it counts the period's charges in SQL and times the floor
// (one INSERT … SELECT of units × 3 rows for another period, in its own transaction), then deletes those rows.
//
// Options: --engines pglite,postgres  --units 100000  --period 2025-06  --timeout-s 600 (per request)
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
    engines: { type: 'string', default: 'pglite,postgres' },
    units: { type: 'string', default: '100000' },
    period: { type: 'string', default: '2025-06' },
    'timeout-s': { type: 'string', default: '600' },
  },
});
const units = Number(values.units);
const period = values.period;
const timeoutMs = Number(values['timeout-s']) * 1000;
const engines = parseEngines(values.engines);
const ADMIN = { username: 'admin', password: 'demo1234' };
const STANDARDS = 3;
const GOAL_RATIO = 3;

const nextPeriod = (p) => {
  const [y, m] = p.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const floorPeriod = nextPeriod(period);

// ---------------------------------------------------------------------------------------------------
// SQL run by the bench itself, the same text on both engines ($n parameters).

/** One cold-water meter per unit of the estate ($1), serial CW-<unit number>. */
const METERS_SQL = `
  insert into meters (id, estate_id, unit_id, scope, type, serial, multiplier, digits, install_date, initial_reading)
  select gen_random_uuid(), u.estate_id, u.id, 'unit', 'cold_water', 'CW-' || u.number, 1, 6, date '2024-01-01', 0
  from units u where u.estate_id = $1`;

/**
 * One approved reading per meter for the period ($2), by reader1, taken on the 25th: what
 * approvedUsageForPeriod returns (the meter's only — so current — reading, approved, kind normal, with
 * usage = value − previous). Previous readings spread over 0–99,991 m³ with 3 decimals, so nearly every
 * meter's line is different (as in a real estate); usages 3–27.5 m³.
 */
const READINGS_SQL = `
  insert into readings (id, meter_id, period, value, previous, usage, kind, status, reader_id, taken_at, received_at)
  select gen_random_uuid(), m.id, $2, x.prev + x.use, x.prev, x.use, 'normal', 'approved',
         (select id from staff_accounts where username = 'reader1'), $3::timestamptz, $3::timestamptz
  from (select id, row_number() over () as n from meters where estate_id = $1 and type = 'cold_water' and scope = 'unit') m
  cross join lateral (select ((m.n * 7919) % 99991 + (m.n * 13 % 1000) / 1000.0)::numeric(14,3) as prev,
                             (3 + (m.n * 37) % 25 + case when m.n % 7 = 0 then 0.5 else 0 end)::numeric(18,4) as use) x`;

/**
 * The floor: units × the estate's standards as charge rows for another period ($2), in one statement — the
 * amounts and explanations computed in SQL in the shape the run writes (area: `89.37 m² × ¥2.35/m²·月 × 1 月 =
 * ¥210.02`; fixed: `¥30.00/月 × 1 月 = ¥30.00`; metered: the meter's serial and reading, priced at the first
 * tier), the metered line with its meter id as line key and a detail of the same shape. Same table, same
 * indexes, unique key and foreign keys as the run's rows.
 */
const FLOOR_SQL = `
  insert into charges (estate_id, unit_id, fee_item_id, standard_id, period, meter_id, line_key, amount, explanation, detail, due_date, source)
  select u.estate_id, u.id, s.fee_item_id, s.id, $2, m.id, coalesce(m.id::text, ''), x.amount,
         case s.kind
           when 'area' then u.building_area::text || ' m² × ¥' || (s.params->>'unitPrice') || '/m²·月 × 1 月 = ¥' || x.amount::text
           when 'fixed' then '¥' || (s.params->>'amount') || '/月 × 1 月 = ¥' || x.amount::text
           else m.serial || '：(' || r.value::text || ' − ' || r.previous::text || ') × 1 = ' || r.usage::text || '；第1档 ' || r.usage::text
             || ' × ¥' || (s.params->'tiers'->0->>'price') || ' = ¥' || x.amount::text || '（年累计 0 → ' || r.usage::text || '）'
         end,
         case s.kind
           when 'metered' then jsonb_build_object('kind', 'metered', 'usage', r.usage::text, 'readingId', r.id, 'portions',
             jsonb_build_array(jsonb_build_object('tier', 1, 'from', '0', 'upTo', '216', 'usage', r.usage::text, 'price', s.params->'tiers'->0->>'price')))
           else jsonb_build_object('kind', s.kind, 'months', jsonb_build_object('cycleMonths', 1, 'period', $2::text, 'fullMonths', 1, 'partial', null))
         end,
         ($2 || '-01')::date + s.due_days, 'billing'
  from units u
  join fee_standards s on s.estate_id = u.estate_id
  left join meters m on s.kind = 'metered' and m.unit_id = u.id and m.type = 'cold_water' and m.scope = 'unit'
  left join readings r on r.meter_id = m.id and r.period = $3
  cross join lateral (select case s.kind
      when 'area' then round(u.building_area * (s.params->>'unitPrice')::numeric, 2)
      when 'fixed' then (s.params->>'amount')::numeric(14,2)
      else round(r.usage * (s.params->'tiers'->0->>'price')::numeric, 2) end as amount) x
  where u.estate_id = $1`;

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
      transaction: (fn) => sql.begin((tx) => fn({ query: async (text, params = []) => ({ count: (await tx.unsafe(text, params)).count }) })),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  // PGlite from apps/api/node_modules (ESM entry, so its WASM files are found next to it).
  const esm = requireFromApi.resolve('@electric-sql/pglite').replace(/index\.cjs$/, 'index.js');
  const { PGlite } = await import(pathToFileURL(esm).href);
  const pg = new PGlite({ dataDir: db.dataDir });
  await pg.waitReady;
  const wrap = (c) => ({
    query: async (text, params = []) => {
      const r = await c.query(text, params);
      return { rows: r.rows, count: r.affectedRows ?? r.rows.length };
    },
  });
  return { ...wrap(pg), transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))), close: () => pg.close() };
}

async function estateIdOf(direct) {
  const { rows } = await direct.query(`select id from org_nodes where kind = 'estate' and name = $1`, [`大型测试小区 ${units}`]);
  if (rows.length !== 1) throw new BenchError(`found ${rows.length} estates named 大型测试小区 ${units} after the seed`);
  return rows[0].id;
}

/** Meters and approved readings in SQL; returns how long it took. */
async function meterSetup(direct, estateId) {
  const t0 = performance.now();
  const m = await direct.query(METERS_SQL, [estateId]);
  const r = await direct.query(READINGS_SQL, [estateId, period, `${period}-25T10:00:00+08:00`]);
  await direct.query('analyze meters');
  await direct.query('analyze readings');
  if (m.count !== units || r.count !== units) throw new BenchError(`meter setup wrote ${m.count} meters and ${r.count} readings, expected ${units} each`);
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------------

async function startServer(db) {
  requireBuilt(SERVER_JS);
  const port = await freePort();
  const env = baseEnv({ SEED: 'auto', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }) });
  return startNodeServer(SERVER_JS, { env, port, readyPath: '/api/health', timeoutMs: 180_000, label: 'API server (apps/api/dist/server.js)' });
}

function apiClient(base, cookie, label) {
  return async (method, path, body) => {
    const t0 = performance.now();
    const res = await requestJson(base + path, { method, body, cookie, timeoutMs });
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new BenchError(`${label}: ${method} ${path} answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
    return { body: res.body, ms };
  };
}

/** Fee items and the three estate-wide standards, through the API as admin. */
async function createStandards(call, estateId) {
  const item = async (name, category) => (await call('POST', '/api/fee-items', { nodeId: estateId, name, category })).body.id;
  const estateWide = [{ targetKind: 'estate', targetId: estateId }];
  const common = { estateId, cycle: 'monthly', effectiveFrom: '2025-01-01', dueDays: 30, assignments: estateWide };
  const specs = [
    { feeItemId: await item('物业服务费', 'service'), name: '住宅物业费 ¥2.35/m²·月', kind: 'area', params: { unitPrice: '2.35', areaBasis: 'building_area' } },
    { feeItemId: await item('垃圾清运费', 'sanitation'), name: '垃圾清运费 ¥30/月', kind: 'fixed', params: { amount: '30.00' } },
    {
      feeItemId: await item('水费', 'utility'),
      name: '居民阶梯水价',
      kind: 'metered',
      params: { meterType: 'cold_water', tiers: [{ upTo: '216', price: '2.90' }, { upTo: '300', price: '3.85' }, { upTo: null, price: '6.70' }] },
    },
  ];
  for (const s of specs) await call('POST', '/api/fee-standards', { ...common, ...s });
}

async function runEngine(engine, db) {
  const p = (k, v) => out(`${engine}.${k}`, v);
  const expected = units * STANDARDS;

  // 1. Meters and readings in SQL (PGlite: before the server opens the folder).
  let direct = await openDirect(engine, db);
  const estateId = await estateIdOf(direct);
  p('setup.meters_sql_ms', Math.round(await meterSetup(direct, estateId)));
  await direct.close();

  // 2. The server; standards through the API; preview, post, post again.
  let api;
  const result = {};
  try {
    const t0 = performance.now();
    api = await startServer(db);
    p('server_start_ms', Math.round(performance.now() - t0));
    const call = apiClient(api.base, await loginStaff(api.base, ADMIN.username, ADMIN.password), ENGINE_NAMES[engine]);
    await createStandards(call, estateId);

    const preview = await call('POST', '/api/billing-runs/preview', { estateId, period });
    result.previewMs = preview.ms;
    p('preview_ms', Math.round(preview.ms));
    if (preview.body.lines !== expected) throw new BenchError(`the preview has ${preview.body.lines} lines, expected ${expected}`);
    if (preview.body.skipped.length) throw new BenchError(`the preview skipped: ${JSON.stringify(preview.body.skipped).slice(0, 400)}`);

    const run = await call('POST', '/api/billing-runs', { estateId, period });
    result.runMs = run.ms;
    result.inserted = run.body.run.inserted;
    result.runTotal = run.body.run.total;
    p('run_ms', Math.round(run.ms));
    p('run_inserted', run.body.run.inserted);
    p('run_total', run.body.run.total);

    const rerun = await call('POST', '/api/billing-runs', { estateId, period });
    result.rerunMs = rerun.ms;
    result.rerunInserted = rerun.body.run.inserted;
    p('rerun_ms', Math.round(rerun.ms));
    p('rerun_inserted', rerun.body.run.inserted);
  } finally {
    await api?.stop();
  }
  if (api.exit && api.exit !== 'exit code 0') throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);

  // 3. What is in the database, and the floor.
  direct = await openDirect(engine, db);
  try {
    const count = async (per) => Number((await direct.query('select count(*)::int as n from charges where estate_id = $1 and period = $2', [estateId, per])).rows[0].n);
    result.rows = await count(period);
    const { rows: sums } = await direct.query('select sum(amount)::text as total from charges where estate_id = $1 and period = $2', [estateId, period]);
    p('rows', result.rows);
    result.rowsTotal = sums[0].total;
    p('rows_total', sums[0].total);
    p('rows_per_s', Math.round((result.rows / result.runMs) * 1000));
    if (await count(floorPeriod)) throw new BenchError(`the floor period ${floorPeriod} already has charges`);
    const t0 = performance.now();
    const floorRows = await direct.transaction(async (tx) => (await tx.query(FLOOR_SQL, [estateId, floorPeriod, period])).count);
    result.floorMs = performance.now() - t0;
    result.floorRows = floorRows;
    p('floor_rows', floorRows);
    p('floor_ms', Math.round(result.floorMs));
    p('floor_rows_per_s', Math.round((floorRows / result.floorMs) * 1000));
    // The two sets of rows should weigh the same: average stored row size (bytes) of the run's and the floor's.
    const width = async (per) =>
      Number((await direct.query('select round(avg(pg_column_size(c.*)))::int as w from charges c where estate_id = $1 and period = $2', [estateId, per])).rows[0].w);
    p('row_bytes', `${await width(period)} (run), ${await width(floorPeriod)} (floor)`);
    result.ratio = result.runMs / result.floorMs;
    p('ratio', round(result.ratio, 2));
    await direct.query('delete from charges where estate_id = $1 and period = $2', [estateId, floorPeriod]);
  } finally {
    await direct.close();
  }

  const problems = [];
  if (result.rows !== expected) problems.push(`${result.rows} charges posted for ${period}, expected ${expected}`);
  if (result.inserted !== expected) problems.push(`the run reported ${result.inserted} inserted, expected ${expected}`);
  if (result.rowsTotal !== result.runTotal) problems.push(`the period's charges sum to ${result.rowsTotal}, the run reported ${result.runTotal}`);
  if (result.rerunInserted !== 0) problems.push(`the rerun inserted ${result.rerunInserted}, expected 0`);
  if (result.floorRows !== expected) problems.push(`the floor inserted ${result.floorRows} rows, expected ${expected}`);
  return { ...result, problems };
}

await main(async () => {
  if (!Number.isInteger(units) || units <= 0 || units > 1_000_000) throw new BenchError('--units needs a whole number between 1 and 1000000');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period) || period < '2025-01') throw new BenchError('--period needs YYYY-MM, 2025-01 or later (the standards start on 2025-01-01)');
  if (!(timeoutMs > 0)) throw new BenchError('--timeout-s needs a positive number of seconds');
  assertEngines(engines);
  requireBuilt(SERVER_JS, SEED_JS);
  out('units', units);
  out('standards', `${STANDARDS} (area ¥2.35/m²·月, fixed ¥30/月, metered cold water with 3 tiers), estate-wide`);
  out('period', period);
  out('expected_rows', units * STANDARDS);

  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    try {
      // Seeded right before use (not all at the start): the server then starts on the migrations the seed ran.
      const db = engine === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-billing-') };
      const seed = await runSeed({ units, db, label: `seed ${units} units into ${name}` });
      out(`${engine}.setup.seed_ms`, seed.wallMs);
      const r = await runEngine(engine, db);
      summary.push(
        `${name} run ${(r.runMs / 1000).toFixed(1)} s (${Math.round((r.rows / r.runMs) * 1000)} rows/s, preview ${(r.previewMs / 1000).toFixed(1)} s, ` +
          `rerun ${(r.rerunMs / 1000).toFixed(1)} s) vs floor ${(r.floorMs / 1000).toFixed(1)} s = ${r.ratio.toFixed(2)}× (${r.ratio <= GOAL_RATIO ? 'within' : 'OVER'} the goal)${r.problems.length ? ' — FAILED' : ''}`,
      );
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
  console.log(`summary: billing-run ${units} units × ${STANDARDS} standards (goal ≤ ${GOAL_RATIO}× the INSERT … SELECT floor) — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
