// `npm run bench -- api-load`: the built API under load on loopback, on PGlite and then on PostgreSQL,
// with a large estate seeded (default 100,000 units). For each endpoint: requests/s, p50 and p99 latency and
// errors with 50 keep-alive connections, and the ratio to a bare Hono route served the same way.
//
// Options: --units N (100000), --duration S (10, measured window per endpoint), --warmup S (2, excluded;
//   extended up to --max-warmup S (15) until each connection has had a response),
//   --connections C (50), --engines pglite,pg, --user manager, --password demo1234, --timeout-s 60 (per request).
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres); a fresh
// pm_bench_<random> database is created and dropped.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BenchError,
  baseEnv,
  createPgDatabase,
  freePort,
  load,
  loginStaff,
  main,
  out,
  requestJson,
  requireBuilt,
  root,
  round,
  runSeed,
  sleep,
  SEED_JS,
  SERVER_JS,
  startApi,
  startNodeServer,
  tempDir,
} from './_lib.mjs';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'max-warmup': { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    engines: { type: 'string', default: 'pglite,pg' },
    user: { type: 'string', default: 'manager' },
    password: { type: 'string', default: 'demo1234' },
    'timeout-s': { type: 'string', default: '60' },
  },
});
const units = Number(values.units);
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const maxWarmupMs = Math.max(warmupMs, Number(values['max-warmup']) * 1000);
const connections = Number(values.connections);
const timeoutMs = Number(values['timeout-s']) * 1000;
const engines = values.engines.split(',').map((e) => e.trim()).filter(Boolean);
const ENGINE_NAMES = { pglite: 'PGlite', pg: 'PostgreSQL' };
const DEEP_PAGE = 2000;
const PAGE_SIZE = 20;

const ms = (x) => round(x, 2);

/** Logs in and checks the data is what the bench expects; returns the endpoints to load. */
async function prepare(engine, api) {
  const name = ENGINE_NAMES[engine];
  api.cookie = await loginStaff(api.base, values.user, values.password);
  const get = async (path) => {
    const res = await requestJson(api.base + path, { cookie: api.cookie, timeoutMs });
    if (res.status !== 200) throw new BenchError(`${name}: GET ${path} answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
    return res.body;
  };
  await get('/api/me');
  // The unit list caps its count at 10,000 ("10,000+"), so the estates' unit counts tell what is visible.
  const estates = await get('/api/estates?pageSize=200');
  const visible = estates.items.reduce((n, e) => n + e.unitCount, 0);
  if (!(visible >= units)) {
    const seen = estates.items.map((e) => `${e.name} (${e.unitCount})`).join(', ');
    throw new BenchError(
      `${name}: ${values.user} sees only ${visible} units, expected at least ${units} — the large estate is not in that account's scope. ` +
        `Estates it sees: ${seen || 'none'}. apps/api/src/seed/large.ts seeds it under the office of the demo account \`manager\`; ` +
        'log in as an account of that office with --user NAME.',
    );
  }
  const first = { total: visible };
  // page 2000 (rows 39,981–40,000); with a small --units, the last full page instead.
  const deepPage = Math.min(DEEP_PAGE, Math.floor(first.total / PAGE_SIZE));
  const deepPath = `/api/units?page=${deepPage}&pageSize=${PAGE_SIZE}`;
  const deep = await get(deepPath);
  if (deep.items?.length !== PAGE_SIZE) throw new BenchError(`${name}: GET ${deepPath} returned ${deep.items?.length} items, expected ${PAGE_SIZE}`);
  const owner = deep.items.flatMap((u) => u.owners ?? []).find((o) => o.name)?.name;
  if (!owner) throw new BenchError(`${name}: no owner name on ${deepPath} to search for`);
  const searchPath = `/api/units?q=${encodeURIComponent(owner)}`;
  const search = await get(searchPath);
  if (!(search.total >= 1)) throw new BenchError(`${name}: GET /api/units?q=${owner} found nothing`);
  out(`${engine}_user`, values.user);
  out(`${engine}_units_visible`, first.total);
  out(`${engine}_deep_page`, deepPage);
  out(`${engine}_search_owner`, owner);
  out(`${engine}_search_total`, search.total);
  return [
    ['me', '/api/me'],
    ['units_p1', `/api/units?page=1&pageSize=${PAGE_SIZE}`],
    ['units_deep', deepPath],
    ['units_search', searchPath],
  ];
}

await main(async () => {
  if (!Number.isInteger(units) || units <= 0 || units > 2_000_000) throw new BenchError('--units needs a whole number between 1 and 2000000');
  if (!(durationMs > 0) || !(warmupMs >= 0) || !(maxWarmupMs >= 0) || !(timeoutMs > 0)) throw new BenchError('--duration, --warmup and --timeout-s need positive numbers of seconds');
  if (!Number.isInteger(connections) || connections < 1 || connections > 1000) throw new BenchError('--connections needs a whole number between 1 and 1000');
  const unknown = engines.filter((e) => !ENGINE_NAMES[e]);
  if (unknown.length || !engines.length) throw new BenchError(`--engines takes a comma list of: ${Object.keys(ENGINE_NAMES).join(', ')}`);
  requireBuilt(SERVER_JS, SEED_JS);
  const loadOpts = { connections, durationMs, warmupMs, maxWarmupMs, timeoutMs };

  out('units', units);
  out('connections', connections);
  out('duration_s', durationMs / 1000);
  out('warmup_s', warmupMs / 1000);
  out('max_warmup_s', maxWarmupMs / 1000);

  // 1. Databases, seeded concurrently (seeding speed is bench/seed.mjs's business, not this one's).
  const dbs = {};
  if (engines.includes('pg')) dbs.pg = { url: (await createPgDatabase()).url };
  if (engines.includes('pglite')) dbs.pglite = { dataDir: await tempDir('pm-bench-api-') };
  const seedStarted = Date.now();
  await Promise.all(engines.map((e) => runSeed({ units, db: dbs[e], label: `seed ${units} units into ${ENGINE_NAMES[e]}` })));
  out('seed_wall_ms', Date.now() - seedStarted);

  // 2. The baseline: a bare Hono route on @hono/node-server, loaded the same way.
  const barePort = await freePort();
  const bare = await startNodeServer(join(root, 'bench', '_bare-server.mjs'), {
    env: baseEnv({ PORT: String(barePort), HOST: '127.0.0.1' }),
    port: barePort,
    readyPath: '/api/bare',
    label: 'bare Hono server (bench/_bare-server.mjs)',
  });
  const b = await load(`${bare.base}/api/bare`, loadOpts);
  await bare.stop();
  out('bare_rps', Math.round(b.rps));
  out('bare_p50_ms', ms(b.p50));
  out('bare_p99_ms', ms(b.p99));
  out('bare_errors', b.errors);
  if (b.errors) throw new BenchError(`the bare Hono route had ${b.errors} errors: ${JSON.stringify({ ...b.statuses, ...b.failures })}`);

  // 3. The API on each engine. A failing engine is reported and the next one still runs; the exit code is 1.
  const results = {};
  const failedEngines = [];
  let totalErrors = 0;
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    let api;
    try {
      api = await startApi(dbs[engine]);
      const endpoints = await prepare(engine, api);
      results[engine] = {};
      for (const [key, path] of endpoints) {
        const r = await load(api.base + path, { ...loadOpts, headers: { Cookie: api.cookie }, signal: api.died });
        const prefix = `${engine}_${key}`;
        if (r.failed && !api.exit) await sleep(1000); // a dying server's exit event can trail its connection resets
        if (api.exit) throw new BenchError(`${name}: the API server stopped (${api.exit}) during the ${key} load; its last output:\n${api.tail()}`);
        results[engine][key] = r;
        totalErrors += r.errors;
        out(`${prefix}_rps`, Math.round(r.rps));
        out(`${prefix}_p50_ms`, ms(r.p50));
        out(`${prefix}_p99_ms`, ms(r.p99));
        out(`${prefix}_errors`, r.errors);
        out(`${prefix}_warmup_s`, round(r.warmupMs / 1000, 1));
        if (r.errors) console.error(`  ${prefix}: errors by kind: ${JSON.stringify({ ...r.statuses, ...r.failures })}`);
        out(`${prefix}_ratio`, round(r.rps / b.rps, 4));
      }
    } catch (e) {
      failedEngines.push(engine);
      out(`${engine}_failed`, e.message.split('\n')[0]);
      console.error(`error: ${e.message}`);
      delete results[engine];
    } finally {
      await api?.stop();
    }
  }

  out('errors', totalErrors);
  const parts = engines.map((e) => {
    const r = results[e];
    if (!r) return `${ENGINE_NAMES[e]}: FAILED`;
    const show = (k) => `${k} ${Math.round(r[k].rps)} rps p99 ${Math.round(r[k].p99)} ms`;
    return `${ENGINE_NAMES[e]}: ${Object.keys(r).map(show).join(', ')}`;
  });
  console.log(
    `api-load: ${units} units, ${connections} conns, ${durationMs / 1000} s each — bare Hono ${Math.round(b.rps)} rps; ${parts.join('; ')}; ${totalErrors} errors`,
  );
  if (failedEngines.length) throw new BenchError(`failed on ${failedEngines.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *_failed above)`);
  if (totalErrors) throw new BenchError(`${totalErrors} requests failed or answered non-2xx under load (see *_errors above)`);
});
