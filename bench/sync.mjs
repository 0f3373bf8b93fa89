// `npm run bench -- sync`: the offline sync path of the staff app, end to end on loopback, on PGlite and then
// on PostgreSQL.
//  1. device: one phone with N (1,000) `reading.record` commands in its outbox, flushed by the REAL staff-pwa
//     sync engine (apps/staff-pwa/src/offline/{db,outbox,sync}.ts, Dexie on fake-indexeddb, bundled for Node
//     with esbuild) against the built API server — wall time, POSTs, what the server stored, duplicates and
//     rejections (both must be 0, and the server must hold exactly N readings).
//  2. ingest: the server's rate for batches of `reading.record` commands posted directly — sequential
//     batches from one client, then C concurrent clients — readings/s and p50/p99 batch latency.
// Setup (not measured as such): the manager account creates N hot-water meters on homes of 翠湖花园 and
// reading routes for reader1 through the real API.
//
// Options: --engines pglite,postgres  --readings 1000 (device commands = meters)  --batch-size 50
//   --batches 40 (sequential ingest batches)  --clients 4  --client-batches 10 (batches per concurrent client)
//   --timeout-s 120 (deadline for the device's outbox to empty)
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres); a fresh
// pm_bench_<random> database is created and dropped.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  assertEngines,
  BenchError,
  ENGINE_NAMES,
  parseEngines,
  createPgDatabase,
  loginStaff,
  main,
  out,
  requestJson,
  requireBuilt,
  requireFromApi,
  root,
  round,
  SERVER_JS,
  sleep,
  startApi,
  tempDir,
} from './_lib.mjs';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    readings: { type: 'string', default: '1000' },
    'batch-size': { type: 'string', default: '50' },
    batches: { type: 'string', default: '40' },
    clients: { type: 'string', default: '4' },
    'client-batches': { type: 'string', default: '10' },
    'timeout-s': { type: 'string', default: '120' },
  },
});
const N = Number(values.readings);
const batchSize = Number(values['batch-size']);
const seqBatches = Number(values.batches);
const clients = Number(values.clients);
const clientBatches = Number(values['client-batches']);
const flushTimeoutMs = Number(values['timeout-s']) * 1000;
const engines = parseEngines(values.engines);

const ESTATE = '翠湖花园';
const METER_TYPE = 'hot_water';
const MANAGER = { username: 'manager', password: 'demo1234' };
const READER = { username: 'reader1', password: 'demo1234' };
const OFFLINE_DIR = join(root, 'apps', 'staff-pwa', 'src', 'offline');

const ms = (x) => round(x, 1);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN);

/** The period `k` months after `period` (YYYY-MM). */
function shiftPeriod(period, k) {
  const [y, m] = period.split('-').map(Number);
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
/** This month in Asia/Shanghai (what the app calls the current period). */
function currentPeriod() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
}
/**
 * A plausible reading of meter `i` in the k-th period after the device's: new meters start at 0 with no
 * history, so the device's first reading (10–19 m³) is its usage; each later period adds 6 m³ — never lower
 * than the previous reading, never 0 usage, never a spike (> 3 × the recent average).
 */
const readingValue = (i, k) => String(10 + (i % 10) + 6 * k);

// ---------------------------------------------------------------------------------------------------
// The device client: the staff app's own offline modules, bundled for Node.

async function buildDeviceClient() {
  const esbuild = requireFromApi('esbuild');
  const dir = await tempDir('pm-bench-sync-client-');
  const outfile = join(dir, 'device.mjs');
  const started = performance.now();
  await esbuild.build({
    stdin: {
      // fake-indexeddb first: Dexie picks up the global indexedDB when it loads.
      contents: [
        "import 'fake-indexeddb/auto';",
        "export { StaffDb } from './db';",
        "export { enqueue, counts, newId } from './outbox';",
        "export { createSyncEngine } from './sync';",
      ].join('\n'),
      resolveDir: OFFLINE_DIR, // so dexie and fake-indexeddb resolve from apps/staff-pwa/node_modules
      sourcefile: 'bench-sync-device.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const mod = await import(pathToFileURL(outfile).href);
  return { mod, buildMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------
// API helpers

function apiClient(base, cookie, label) {
  const call = async (method, path, body, { timeoutMs = 120_000 } = {}) => {
    const res = await requestJson(base + path, { method, body, cookie, timeoutMs });
    if (res.status !== 200) throw new BenchError(`${label}: ${method} ${path} answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
    return res.body;
  };
  return { get: (path, o) => call('GET', path, undefined, o), post: (path, body, o) => call('POST', path, body, o) };
}

/** Runs `fn` over `items` with `concurrency` workers. */
async function pool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** N hot-water meters on N homes of 翠湖花园 without one, created by the manager; routes are made later. */
async function setupMeters(name, api) {
  const manager = apiClient(api.base, await loginStaff(api.base, MANAGER.username, MANAGER.password), `${name} (manager)`);
  const readerCookie = await loginStaff(api.base, READER.username, READER.password);
  const reader = apiClient(api.base, readerCookie, `${name} (reader1)`);
  const readerId = (await reader.get('/api/me')).id;

  const estates = await manager.get('/api/estates?pageSize=200');
  const estate = estates.items.find((e) => e.name === ESTATE);
  if (!estate) throw new BenchError(`${name}: manager sees no estate named ${ESTATE} (sees: ${estates.items.map((e) => e.name).join(', ')})`);

  const units = [];
  for (let page = 1; ; page++) {
    const r = await manager.get(`/api/units?estateId=${estate.id}&type=residential&page=${page}&pageSize=200`);
    units.push(...r.items);
    if (r.items.length < 200) break;
  }
  const taken = new Set();
  for (let page = 1; ; page++) {
    const r = await manager.get(`/api/meters?estateId=${estate.id}&page=${page}&pageSize=200`);
    for (const m of r.items) if (m.type === METER_TYPE && m.unitId) taken.add(m.unitId);
    if (r.items.length < 200) break;
  }
  const homes = units.filter((u) => !taken.has(u.id)).slice(0, N);
  if (homes.length < N) throw new BenchError(`${name}: only ${homes.length} homes of ${ESTATE} have no ${METER_TYPE} meter; --readings ${N} needs ${N}`);

  const meterIds = new Array(N);
  const started = performance.now();
  await pool(homes, 4, async (u, i) => {
    const m = await manager.post('/api/meters', {
      estateId: estate.id,
      unitId: u.id,
      scope: 'unit',
      type: METER_TYPE,
      serial: `BENCH-HW-${u.number}-${i}`,
      multiplier: '1',
      digits: 5,
      initialReading: '0',
      installDate: '2024-01-01',
    });
    meterIds[i] = m.id;
  });
  const setupMs = performance.now() - started;
  return { manager, reader, readerCookie, readerId, estateId: estate.id, meterIds, setupMs };
}

async function createRoute(ctx, period, meterIds, label) {
  const r = await ctx.manager.post('/api/reading-routes', { estateId: ctx.estateId, period, name: `bench ${label} ${period}`, readerId: ctx.readerId, meterIds });
  if (r.meterCount !== meterIds.length) throw new BenchError(`route ${label} ${period} has ${r.meterCount} meters, expected ${meterIds.length}`);
  return r.id;
}

/** The readings the server holds for a route's meters in its period (GET /api/reading-routes/:id/download). */
async function serverReadings(ctx, routeId) {
  const d = await ctx.reader.get(`/api/reading-routes/${routeId}/download`);
  return d.readings;
}

// ---------------------------------------------------------------------------------------------------
// 1. One device, N queued readings, flushed by the real sync engine.

async function deviceRun(engine, ctx, client, api) {
  const period = currentPeriod();
  const routeId = await createRoute(ctx, period, ctx.meterIds, 'device');
  const { StaffDb, enqueue, counts, createSyncEngine } = client.mod;
  const db = new StaffDb(`pm-staff-bench-${engine}-${randomUUID()}`);
  const deviceId = randomUUID();

  // The phone, offline in the basement: N readings go into the outbox.
  const ids = new Set();
  const enqStarted = performance.now();
  for (let i = 0; i < N; i++) {
    const c = await enqueue(
      {
        type: 'reading.record',
        payload: { meterId: ctx.meterIds[i], routeId, period, value: readingValue(i, 0) },
        at: new Date(Date.now() - (N - i) * 1000),
        group: routeId,
        owner: ctx.readerId,
      },
      { db },
    );
    ids.add(c.id);
  }
  const enqueueMs = performance.now() - enqStarted;
  const before = await counts(db);
  if (before.total.pending !== N) throw new BenchError(`the outbox holds ${before.total.pending} pending commands after ${N} enqueues`);

  // Back online: the engine flushes through a fetch that adds the base URL and reader1's cookie and counts.
  const wire = { posts: 0, other: 0, http: {}, applied: 0, duplicate: 0, rejected: 0, reasons: {} };
  const deviceFetch = async (input, init = {}) => {
    const path = String(input);
    const isPush = path === '/api/sync/commands' && init.method === 'POST';
    if (isPush) wire.posts++;
    else wire.other++;
    const res = await fetch(api.base + path, { ...init, headers: { ...init.headers, cookie: ctx.readerCookie } });
    wire.http[res.status] = (wire.http[res.status] ?? 0) + 1;
    if (isPush && res.ok) {
      const body = await res
        .clone()
        .json()
        .catch(() => null);
      for (const r of body?.results ?? []) {
        wire[r.status] = (wire[r.status] ?? 0) + 1;
        if (r.status === 'rejected') wire.reasons[r.reason?.code] = (wire.reasons[r.reason?.code] ?? 0) + 1;
      }
    }
    return res;
  };
  const engineOpts = { db, fetch: deviceFetch, deviceId, batchSize, locks: null, owner: () => ctx.readerId };
  const syncEngine = createSyncEngine(engineOpts);

  const started = performance.now();
  let flushes = 0;
  let retrying = 0;
  for (;;) {
    const report = await syncEngine.flush();
    flushes++;
    retrying += report.retrying;
    if (report.error) throw new BenchError(`the sync engine reported a local error: ${report.error}`);
    if (report.authRequired) throw new BenchError(`the server answered 401/403 to reader1's session: ${syncEngine.getState().lastError}`);
    const c = await counts(db);
    if (c.total.pending === 0 && c.total.syncing === 0) break;
    if (performance.now() - started > flushTimeoutMs) throw new BenchError(`the outbox still holds ${c.total.pending} pending commands after ${flushTimeoutMs / 1000} s (last error: ${syncEngine.getState().lastError})`);
    await sleep(200); // backoff (5xx, network error) — the next flush sends what is due
  }
  const wallMs = performance.now() - started;
  const after = await counts(db);
  syncEngine.stop();
  db.close();

  // What the server stored.
  const rows = await serverReadings(ctx, routeId);
  const serverIds = new Set(rows.map((r) => r.id));
  const ours = rows.filter((r) => ids.has(r.id)).length;
  const foreign = rows.length - ours;
  const duplicates = Math.max(0, rows.length - N) + wire.duplicate;
  const flagged = rows.filter((r) => r.status !== 'approved').length;
  const missing = [...ids].filter((id) => !serverIds.has(id)).length;

  const p = `${engine}.device`;
  out(`${p}.readings`, N);
  out(`${p}.enqueue_ms`, Math.round(enqueueMs));
  out(`${p}.wall_ms`, Math.round(wallMs));
  out(`${p}.readings_per_s`, Math.round((N / wallMs) * 1000));
  out(`${p}.requests`, wire.posts);
  out(`${p}.other_requests`, wire.other);
  out(`${p}.flushes`, flushes);
  out(`${p}.retried_commands`, retrying);
  out(`${p}.outbox_synced`, after.total.synced);
  out(`${p}.readings_on_server`, rows.length);
  out(`${p}.missing_on_server`, missing);
  // Rejections as answered on the wire, or as the outbox ended up (a whole batch refused by a 4xx).
  const rejected = Math.max(wire.rejected, after.total.rejected);
  out(`${p}.duplicates`, duplicates);
  out(`${p}.rejected`, rejected);
  out(`${p}.flagged_for_review`, flagged);
  if (Object.keys(wire.reasons).length) console.error(`  ${p}: rejections by reason: ${JSON.stringify(wire.reasons)}`);
  const non200 = Object.entries(wire.http).filter(([s]) => s !== '200');
  if (non200.length) console.error(`  ${p}: non-200 answers: ${JSON.stringify(Object.fromEntries(non200))}`);

  const problems = [];
  if (duplicates > 0) problems.push(`${duplicates} duplicates`);
  if (rows.length !== N) problems.push(`${rows.length} readings on the server, expected ${N}`);
  if (foreign > 0) problems.push(`${foreign} readings on the server that the device did not send`);
  if (missing > 0) problems.push(`${missing} of the device's readings are not on the server`);
  if (rejected > 0) problems.push(`${rejected} rejected`);
  if (after.total.synced !== N) problems.push(`${after.total.synced} commands synced in the outbox, expected ${N}`);
  return { wallMs, requests: wire.posts, onServer: rows.length, duplicates, rejected, problems };
}

// ---------------------------------------------------------------------------------------------------
// 2. Server ingest: batches posted straight to /api/sync/commands (the engine's envelope).

/** Posts one batch; returns its latency. Every command must come back `applied`. */
async function postBatch(base, cookie, deviceId, commands, tally) {
  const t0 = performance.now();
  const res = await requestJson(`${base}/api/sync/commands`, { method: 'POST', cookie, body: { deviceId, commands }, timeoutMs: 120_000 });
  const t1 = performance.now();
  if (res.status !== 200) throw new BenchError(`POST /api/sync/commands answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
  for (const r of res.body.results) {
    tally[r.status] = (tally[r.status] ?? 0) + 1;
    if (r.status === 'rejected') tally.reasons[r.reason?.code] = (tally.reasons[r.reason?.code] ?? 0) + 1;
  }
  if (res.body.results.length !== commands.length) tally.missing += commands.length - res.body.results.length;
  return t1 - t0;
}

/** Command j of a stream over `meters` (indices into ctx.meterIds): one reading per meter per period. */
function commandFor(ctx, meters, j, routes, firstPeriodK) {
  const i = meters[j % meters.length];
  const k = firstPeriodK + Math.floor(j / meters.length);
  const route = routes.get(k);
  return { id: randomUUID(), type: 'reading.record', at: new Date().toISOString(), payload: { meterId: ctx.meterIds[i], routeId: route.id, period: route.period, value: readingValue(i, k) } };
}

async function ingestRun(engine, ctx, api) {
  const base = currentPeriod();
  const all = ctx.meterIds.map((_, i) => i);
  // Periods after the device's: the sequential stream first, then the concurrent clients (each client owns
  // an equal share of the meters, so two clients never write the same meter).
  const seqPeriods = Math.ceil((seqBatches * batchSize) / N);
  const share = Math.floor(N / clients);
  const concPeriods = Math.ceil((clientBatches * batchSize) / share);
  const routes = new Map();
  for (let k = 1; k <= seqPeriods + concPeriods; k++) {
    const period = shiftPeriod(base, k);
    routes.set(k, { period, id: await createRoute(ctx, period, ctx.meterIds, 'ingest') });
  }

  const results = {};
  // Sequential: one client, one batch at a time.
  {
    const tally = { applied: 0, duplicate: 0, rejected: 0, missing: 0, reasons: {} };
    const deviceId = randomUUID();
    const lat = [];
    const started = performance.now();
    for (let b = 0; b < seqBatches; b++) {
      const commands = Array.from({ length: batchSize }, (_, x) => commandFor(ctx, all, b * batchSize + x, routes, 1));
      lat.push(await postBatch(api.base, ctx.readerCookie, deviceId, commands, tally));
    }
    const wallMs = performance.now() - started;
    results.seq = { wallMs, lat, tally, readings: seqBatches * batchSize };
  }
  // Concurrent: C clients (own sessions and device ids), each posting its batches one after the other.
  {
    const tally = { applied: 0, duplicate: 0, rejected: 0, missing: 0, reasons: {} };
    const cookies = [];
    for (let c = 0; c < clients; c++) cookies.push(await loginStaff(api.base, READER.username, READER.password));
    const lat = [];
    const batchesOf = cookies.map((_, c) => {
      const mine = all.slice(c * share, (c + 1) * share);
      return Array.from({ length: clientBatches }, (_, b) => Array.from({ length: batchSize }, (_, x) => commandFor(ctx, mine, b * batchSize + x, routes, seqPeriods + 1)));
    });
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie, c) => {
        const deviceId = randomUUID();
        for (const commands of batchesOf[c]) lat.push(await postBatch(api.base, cookie, deviceId, commands, tally));
      }),
    );
    const wallMs = performance.now() - started;
    results.conc = { wallMs, lat, tally, readings: clients * clientBatches * batchSize };
  }

  // What the server stored over the ingest periods.
  let stored = 0;
  for (const r of routes.values()) stored += (await serverReadings(ctx, r.id)).length;
  const expected = results.seq.readings + results.conc.readings;

  const problems = [];
  for (const [key, prefix] of [
    ['seq', `${engine}.ingest`],
    ['conc', `${engine}.ingest_concurrent`],
  ]) {
    const r = results[key];
    const sorted = [...r.lat].sort((a, b) => a - b);
    if (key === 'conc') out(`${prefix}.clients`, clients);
    out(`${prefix}.batch_size`, batchSize);
    out(`${prefix}.batches`, r.lat.length);
    out(`${prefix}.readings`, r.readings);
    out(`${prefix}.wall_ms`, Math.round(r.wallMs));
    out(`${prefix}.readings_per_s`, Math.round((r.readings / r.wallMs) * 1000));
    out(`${prefix}.p50_batch_ms`, ms(pct(sorted, 50)));
    out(`${prefix}.p99_batch_ms`, ms(pct(sorted, 99)));
    out(`${prefix}.max_batch_ms`, ms(sorted.at(-1)));
    const bad = r.tally.duplicate + r.tally.rejected + r.tally.missing;
    out(`${prefix}.not_applied`, bad);
    if (bad) {
      console.error(`  ${prefix}: ${JSON.stringify(r.tally)}`);
      problems.push(`${bad} ${key === 'seq' ? 'sequential' : 'concurrent'} ingest commands not applied`);
    }
  }
  out(`${engine}.ingest.readings_on_server`, stored);
  if (stored !== expected) problems.push(`${stored} ingest readings on the server, expected ${expected}`);
  return { ...results, problems };
}

// ---------------------------------------------------------------------------------------------------

await main(async () => {
  const whole = (x) => Number.isInteger(x) && x > 0;
  if (!whole(N) || N > 1008) throw new BenchError('--readings needs a whole number between 1 and 1008 (the homes of 翠湖花园)');
  if (!whole(batchSize) || batchSize > 200) throw new BenchError('--batch-size needs a whole number between 1 and 200 (the API takes at most 200 commands a POST)');
  if (!whole(seqBatches) || !whole(clients) || !whole(clientBatches) || clients > N) throw new BenchError('--batches, --clients and --client-batches need positive whole numbers (clients ≤ readings)');
  if (!(flushTimeoutMs > 0)) throw new BenchError('--timeout-s needs a positive number of seconds');
  assertEngines(engines);
  requireBuilt(SERVER_JS);

  const client = await buildDeviceClient();
  out('device_client', 'apps/staff-pwa/src/offline/{db,outbox,sync}.ts + dexie + fake-indexeddb, bundled with esbuild');
  out('device_client_build_ms', Math.round(client.buildMs));
  out('readings', N);
  out('batch_size', batchSize);

  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    let api;
    try {
      const db = engine === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-sync-') };
      const startedAt = performance.now();
      api = await startApi(db);
      out(`${engine}.server_start_ms`, Math.round(performance.now() - startedAt));
      const ctx = await setupMeters(name, api);
      out(`${engine}.setup.meters_created`, ctx.meterIds.length);
      out(`${engine}.setup.meters_per_s`, Math.round((ctx.meterIds.length / ctx.setupMs) * 1000));

      const device = await deviceRun(engine, ctx, client, api);
      if (api.exit) throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);
      const ingest = await ingestRun(engine, ctx, api);
      if (api.exit) throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);

      const problems = [...device.problems, ...ingest.problems];
      const rate = (r) => Math.round((r.readings / r.wallMs) * 1000);
      const p99 = (r) => Math.round(pct([...r.lat].sort((a, b) => a - b), 99));
      summary.push(
        `${name}: device ${N} readings in ${(device.wallMs / 1000).toFixed(1)} s (${device.requests} POSTs, ${Math.round((N / device.wallMs) * 1000)}/s, ` +
          `${device.onServer} on server, ${device.duplicates} dup, ${device.rejected} rejected); ingest ${rate(ingest.seq)}/s p99 ${p99(ingest.seq)} ms, ` +
          `${clients} clients ${rate(ingest.conc)}/s p99 ${p99(ingest.conc)} ms${problems.length ? ' — FAILED' : ''}`,
      );
      if (problems.length) {
        out(`${engine}.failed`, problems.join('; '));
        failed.push(engine);
      }
    } catch (e) {
      failed.push(engine);
      out(`${engine}.failed`, e.message.split('\n')[0]);
      console.error(`error: ${e.message}`);
      summary.push(`${name}: FAILED`);
    } finally {
      await api?.stop();
    }
  }
  console.log(`summary: sync (batches of ${batchSize}) — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
