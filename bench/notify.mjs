// `npm run bench -- notify`: payment notifications against the built API on loopback, on PGlite and then on
// PostgreSQL. Per engine the server starts with the sandbox payment provider (its keys in a temporary folder),
// the demo resident (13800138000, bound to 翠湖花园 1-101) logs in with the code the server prints, and opens
// N (900) prepay-only payment orders through `POST /api/resident/payment-orders` (setup, 8 at a time, not
// measured). Then the sandbox provider's own code — apps/api/src/payments/providers/sandbox, bundled for Node
// with esbuild and loaded with the server's keys.json — signs one TRANSACTION.SUCCESS notification per order
// (RSA-SHA256 over timestamp/nonce/body, resource AES-256-GCM with the APIv3 key), and 10 % more are exact
// re-sends of some of them (WeChat Pay's duplicate deliveries), shuffled: 1,000 POSTs to
// /api/payments/notify/wechat, `--concurrency` (20) at a time over keep-alive connections. Figures:
// notifications_per_s (all POSTs / wall time), p50/p99/max latency (request → answer), the answers (all must
// be 204), then — with the server stopped, in SQL — the ledger: orders paid (must be N: none lost), receipts
// of those orders (N) and orders with more than one (0), the online money-in entries against Σ order amounts
// (equal: nothing doubled), and the notification log (N applied, the rest duplicate).
//
// Options: --engines pglite,postgres  --orders 900  --duplicates 100  --concurrency 20
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  apiDir,
  assertEngines,
  BenchError,
  ENGINE_NAMES,
  parseEngines,
  baseEnv,
  createPgDatabase,
  freePort,
  main,
  out,
  requestJson,
  requireBuilt,
  requireFromApi,
  round,
  SERVER_JS,
  sleep,
  startNodeServer,
  tempDir,
} from './_lib.mjs';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    orders: { type: 'string', default: '900' },
    duplicates: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '20' },
  },
});
const N = Number(values.orders);
const DUPS = Number(values.duplicates);
const C = Number(values.concurrency);
const engines = parseEngines(values.engines);
const PHONE = '13800138000';
const ms = (x) => round(x, 1);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

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

/** The sandbox provider's own modules (signing, AES-GCM, its fake WeChat Pay), bundled for Node. */
async function buildSandbox() {
  const esbuild = requireFromApi('esbuild');
  const dir = await tempDir('pm-bench-notify-sandbox-');
  const outfile = join(dir, 'sandbox.mjs');
  await esbuild.build({
    stdin: {
      contents: "export { SandboxProvider } from './sandbox/provider';\nexport { loadOrCreateSandboxKeys } from './sandbox/keys';\n",
      resolveDir: join(apiDir, 'src', 'payments', 'providers'),
      sourcefile: 'bench-notify-sandbox.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

/** Direct SQL on the engine's database (PGlite only once the server has stopped: one process at a time). */
async function openDirect(engine, db) {
  if (engine === 'postgres') {
    const postgres = requireFromApi('postgres');
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    return { query: async (text, params = []) => [...(await sql.unsafe(text, params))], close: () => sql.end({ timeout: 5 }) };
  }
  const esm = requireFromApi.resolve('@electric-sql/pglite').replace(/index\.cjs$/, 'index.js');
  const { PGlite } = await import(pathToFileURL(esm).href);
  const pg = new PGlite({ dataDir: db.dataDir });
  await pg.waitReady;
  return { query: async (text, params = []) => (await pg.query(text, params)).rows, close: () => pg.close() };
}

/** Logs the demo resident in with the code the server prints (`[otp] phone=… code=……`). */
async function loginResident(api) {
  const sent = await requestJson(`${api.base}/api/resident/auth/code`, { method: 'POST', body: { phone: PHONE } });
  if (sent.status !== 200) throw new BenchError(`resident code: HTTP ${sent.status} ${sent.text.slice(0, 200)}`);
  let code;
  for (let i = 0; i < 50 && !code; i++) {
    code = [...api.output.join('').matchAll(new RegExp(`\\[otp\\] phone=${PHONE} code=(\\d{6})`, 'g'))].at(-1)?.[1];
    if (!code) await sleep(100);
  }
  if (!code) throw new BenchError('the server printed no [otp] line for the demo resident');
  const res = await requestJson(`${api.base}/api/resident/auth/login`, { method: 'POST', body: { phone: PHONE, code } });
  if (res.status !== 200) throw new BenchError(`resident login: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('pm_resident='));
  return { cookie, unitId: res.body.units.find((u) => u.number === '1-101')?.unitId };
}

/** Amount of order i: ¥1.00–¥99.99, all different in the last digits, so a double would show in the sum. */
const amountOf = (i) => `${1 + (i % 99)}.${String((i * 37) % 100).padStart(2, '0')}`;
const fenOf = (a) => Number(a.replace('.', ''));

async function runEngine(engine, sandboxModule) {
  const sandboxDir = await tempDir('pm-bench-notify-keys-');
  const db = engine === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-notify-db-') };
  const port = await freePort();
  const env = baseEnv({
    SEED: 'auto',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    HOST: '127.0.0.1',
    PAYMENTS_SANDBOX: 'true',
    PAYMENTS_SANDBOX_DIR: sandboxDir,
    ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }),
  });
  const started = performance.now();
  const api = await startNodeServer(SERVER_JS, { env, port, readyPath: '/api/health', label: 'API server (apps/api/dist/server.js)' });
  out(`${engine}.server_start_ms`, Math.round(performance.now() - started));
  try {
    const resident = await loginResident(api);
    if (!resident.unitId) throw new BenchError('the demo resident is not bound to 1-101');

    // Setup: N orders through the resident API (each one a prepay at the server's sandbox).
    const orders = [];
    const setupStarted = performance.now();
    await pool(
      Array.from({ length: N }, (_, i) => i),
      8,
      async (i) => {
        const amount = amountOf(i);
        const res = await requestJson(`${api.base}/api/resident/payment-orders`, {
          method: 'POST',
          cookie: resident.cookie,
          body: { idempotencyKey: randomUUID(), unitId: resident.unitId, chargeIds: [], prepayment: amount, channel: 'sandbox', expectedTotal: amount },
        });
        if (res.status !== 200) throw new BenchError(`create order ${i}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        orders[i] = { id: res.body.order.id, outTradeNo: res.body.order.outTradeNo, amount };
      },
    );
    out(`${engine}.setup.orders`, orders.length);
    out(`${engine}.setup.orders_per_s`, Math.round((N / (performance.now() - setupStarted)) * 1000));

    // The sandbox signs the notifications with the server's keys (read from its keys.json, not rewritten).
    const sandbox = new sandboxModule.SandboxProvider({ keys: sandboxModule.loadOrCreateSandboxKeys(sandboxDir) });
    const signStarted = performance.now();
    const originals = orders.map((o) => sandbox.createNotification({ order: { outTradeNo: o.outTradeNo, amountFen: fenOf(o.amount) }, outcome: 'SUCCESS' }));
    const deliveries = [...originals];
    for (let d = 0; d < DUPS; d++) deliveries.push(originals[randomInt(originals.length)]);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    out(`${engine}.sign_ms`, Math.round(performance.now() - signStarted));

    // The measured part: every delivery POSTed, C at a time.
    const latencies = [];
    const statuses = {};
    const wallStarted = performance.now();
    await pool(deliveries, C, async (n) => {
      const t0 = performance.now();
      const res = await fetch(`${api.base}/api/payments/notify/wechat`, { method: 'POST', headers: n.headers, body: n.body, signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    });
    const wallMs = performance.now() - wallStarted;
    const sorted = [...latencies].sort((a, b) => a - b);
    out(`${engine}.notifications`, deliveries.length);
    out(`${engine}.duplicates_sent`, DUPS);
    out(`${engine}.concurrency`, C);
    out(`${engine}.wall_ms`, Math.round(wallMs));
    out(`${engine}.notifications_per_s`, Math.round((deliveries.length / wallMs) * 1000));
    out(`${engine}.p50_ms`, ms(pct(sorted, 50)));
    out(`${engine}.p99_ms`, ms(pct(sorted, 99)));
    out(`${engine}.max_ms`, ms(sorted.at(-1)));
    out(`${engine}.answers`, JSON.stringify(statuses));
    if (api.exit) throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);
    await api.stop();

    // The ledger, in SQL.
    const direct = await openDirect(engine, db);
    try {
      const ids = orders.map((o) => o.id);
      const [o] = await direct.query(
        `select count(*) filter (where state = 'paid')::int as paid, count(*) filter (where state <> 'paid')::int as unpaid,
                count(distinct receipt_id)::int as receipts, coalesce(sum(amount) filter (where state = 'paid'), 0)::numeric(14,2)::text as expected
           from payment_orders where id = any($1::uuid[])`,
        [ids],
      );
      const [r] = await direct.query(
        `select count(*)::int as receipts, count(*) - count(distinct r.idempotency_key) as dup_keys,
                coalesce(sum(r.total), 0)::numeric(14,2)::text as receipts_total
           from receipts r where r.idempotency_key = any($1::text[])`,
        [ids.map((id) => `online:${id}`)],
      );
      const [m] = await direct.query(
        `select coalesce(sum(le.amount), 0)::numeric(14,2)::text as money_in, count(*)::int as entries
           from ledger_entries le join payment_orders po on po.receipt_id = le.receipt_id
          where po.id = any($1::uuid[]) and le.kind in ('payment', 'prepayment')`,
        [ids],
      );
      const [doubles] = await direct.query(
        `select count(*)::int as n from (
           select po.id from payment_orders po join ledger_entries le on le.receipt_id = po.receipt_id and le.kind in ('payment', 'prepayment')
            where po.id = any($1::uuid[]) group by po.id, po.amount having sum(le.amount) <> po.amount) x`,
        [ids],
      );
      const logs = await direct.query(`select outcome, count(*)::int as n from payment_notifications where endpoint = 'wechat' group by outcome order by outcome`);
      const expectedTotal = (orders.reduce((t, x) => t + fenOf(x.amount), 0) / 100).toFixed(2);
      out(`${engine}.ledger.orders_paid`, o.paid);
      out(`${engine}.ledger.orders_lost`, o.unpaid);
      out(`${engine}.ledger.receipts`, r.receipts);
      out(`${engine}.ledger.double_payments`, Number(doubles.n) + Number(r.dup_keys));
      out(`${engine}.ledger.money_in`, m.money_in);
      out(`${engine}.ledger.money_expected`, expectedTotal);
      out(`${engine}.log`, logs.map((l) => `${l.outcome}=${l.n}`).join(' '));
      const problems = [];
      if (o.paid !== N) problems.push(`${N - o.paid} orders not paid (lost)`);
      if (r.receipts !== N) problems.push(`${r.receipts} receipts for ${N} orders`);
      if (Number(doubles.n) + Number(r.dup_keys) > 0) problems.push('orders paid more than once');
      if (m.money_in !== expectedTotal || r.receipts_total !== expectedTotal) problems.push(`money in ${m.money_in} / receipts ${r.receipts_total}, expected ${expectedTotal}`);
      if ((statuses[204] ?? 0) !== deliveries.length) problems.push(`answers ${JSON.stringify(statuses)}, expected ${deliveries.length} × 204`);
      const applied = logs.find((l) => l.outcome === 'applied')?.n ?? 0;
      if (applied !== N) problems.push(`${applied} notifications applied, expected ${N}`);
      return { wallMs, rate: (deliveries.length / wallMs) * 1000, p99: pct(sorted, 99), paid: o.paid, receipts: r.receipts, problems };
    } finally {
      await direct.close();
    }
  } finally {
    await api.stop();
  }
}

await main(async () => {
  const whole = (x) => Number.isInteger(x) && x > 0;
  if (!whole(N) || !whole(C) || !(Number.isInteger(DUPS) && DUPS >= 0)) throw new BenchError('--orders and --concurrency need positive whole numbers, --duplicates a whole number');
  assertEngines(engines);
  requireBuilt(SERVER_JS);
  const sandboxModule = await buildSandbox();
  out('orders', N);
  out('notifications', N + DUPS);
  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    try {
      const r = await runEngine(engine, sandboxModule);
      summary.push(
        `${name}: ${N + DUPS} notifications (${DUPS} duplicates) ${Math.round(r.rate)}/s, p99 ${Math.round(r.p99)} ms, ${r.paid}/${N} paid, ${r.receipts} receipts${r.problems.length ? ' — FAILED' : ', no doubles, none lost'}`,
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
  console.log(`summary: notify — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
