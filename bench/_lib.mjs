// Shared helpers for the benchmarks (bench/NAME.mjs). A leading underscore keeps this file out of
// `npm run bench -- NAME`. Node built-ins only; npm packages (postgres, hono) are borrowed from apps/api.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const apiDir = join(root, 'apps', 'api');
export const SERVER_JS = join(apiDir, 'dist', 'server.js');
export const SEED_JS = join(apiDir, 'dist', 'seed.js');
/** require() that resolves from apps/api, so benches can use its installed packages (postgres, hono, …). */
export const requireFromApi = createRequire(join(apiDir, 'package.json'));

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Prints one `key: value` line. */
export function out(key, value) {
  console.log(`${key}: ${value}`);
}

/** Rounds to `digits` decimals (as a number, so it prints without trailing zeros noise). */
export const round = (n, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

// ---------------------------------------------------------------------------------------------------
// Cleanup: everything a bench creates (child processes, temp dirs, databases) registers an undo step;
// they run in reverse order on success, on failure and on SIGINT/SIGTERM.

const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
  return fn;
}
async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup failed: ${e?.message ?? e}`);
    }
  }
}
/** Runs a bench body: cleans up afterwards, whatever happens, and exits 0 / 1 (or the code thrown as e.exitCode). */
export async function main(body) {
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping, cleaning up`);
    cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code = 0;
  try {
    await body();
  } catch (e) {
    console.error(`error: ${e?.message ?? e}`);
    code = e?.exitCode ?? 1;
  }
  await cleanupAll();
  process.exit(code);
}

export class BenchError extends Error {}

export function requireBuilt(...files) {
  for (const f of files) {
    if (!existsSync(f)) {
      throw new BenchError(`${f} is missing: build first (npm run bench -- NAME builds; or: cd apps/api && node build.mjs)`);
    }
  }
}

/** A fresh temporary folder, removed at cleanup. */
export async function tempDir(prefix = 'pm-bench-') {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** process.env without the variables that would redirect the API or seed CLI to another database. */
export function baseEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'SEED', 'LOG_LEVEL', 'NODE_ENV']) delete env[k];
  return { ...env, NODE_ENV: 'production', ...extra };
}

/** The database engines a benchmark runs on, by their `--engines` names, with the names a report uses. */
export const ENGINE_NAMES = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** `--engines pglite,pg` → ['pglite', 'postgres'] (`pg` is short for postgres); checked by `assertEngines`. */
export function parseEngines(list) {
  return list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => (e === 'pg' ? 'postgres' : e));
}

/** Inside `main`, so a wrong `--engines` ends the run with the usage line like every other bench error. */
export function assertEngines(engines) {
  const unknown = engines.filter((e) => !ENGINE_NAMES[e]);
  if (unknown.length || !engines.length) throw new BenchError(`--engines takes a comma list of: ${Object.keys(ENGINE_NAMES).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------
// Child processes

const tail = (chunks) => chunks.join('').split('\n').slice(-25).join('\n');

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. Resolves once it has exited. */
export function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Runs `node script args…` to completion, collecting output; rejects (with the output's tail) on a
 * non-zero exit or after `timeoutMs`. The child is killed at cleanup if the bench is interrupted.
 */
export function runNode(script, args, { env, timeoutMs, label = script }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const undo = onCleanup(() => stopChild(child, 2000));
    const stdout = [];
    const all = [];
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout.push(d);
      all.push(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => all.push(d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BenchError(`${label} timed out after ${Math.round(timeoutMs / 1000)} s; last output:\n${tail(all)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new BenchError(`${label} could not start: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const i = cleanups.indexOf(undo);
      if (i >= 0) cleanups.splice(i, 1);
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ stdout: stdout.join(''), wallMs });
      else reject(new BenchError(`${label} exited with ${code ?? signal}; last output:\n${tail(all)}`));
    });
  });
}

/**
 * Seeds the demo company and a large estate of `units` units with the built seed CLI.
 * `db` is { dataDir } (PGlite) or { url } (PostgreSQL). Returns the CLI's own seed_ms (the large estate
 * only) and the wall time of the whole child process (start, migrations, demo data, large estate, close).
 */
export async function runSeed({ units, db, timeoutMs = 15 * 60_000, label = 'seed' }) {
  requireBuilt(SEED_JS);
  const env = baseEnv(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir });
  const { stdout, wallMs } = await runNode(SEED_JS, ['--units', String(units)], { env, timeoutMs, label: `${label} (node apps/api/dist/seed.js --units ${units})` });
  const m = /^seed_ms: (\d+)/m.exec(stdout);
  if (!m) throw new BenchError(`${label}: the seed CLI printed no seed_ms line; output:\n${stdout}`);
  const seedMs = Number(m[1]);
  return { seedMs, wallMs: Math.round(wallMs), unitsPerS: Math.round((units / seedMs) * 1000) };
}

/** Polls `url` until it answers 2xx; fails early if `child` exits, or after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs = 60_000, child, output = [], label = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new BenchError(`${label} exited (${child.exitCode ?? child.signalCode}) before ${url} answered; last output:\n${tail(output)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(200);
  }
  throw new BenchError(`${label}: ${url} did not answer 2xx within ${Math.round(timeoutMs / 1000)} s (last: ${last}); last output:\n${tail(output)}`);
}

/** Starts a long-running node process that serves HTTP on `port`; resolves once `readyPath` answers. */
export async function startNodeServer(script, { env, port, readyPath, timeoutMs = 90_000, label = script }) {
  const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (d) => {
    output.push(d);
    if (output.length > 200) output.splice(0, output.length - 100);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  child.on('error', (e) => keep(`spawn error: ${e.message}\n`));
  // `died` aborts when the process exits before stop() (e.g. a crash under load); `exit` describes it.
  const died = new AbortController();
  let stopping = false;
  const server = { base: `http://127.0.0.1:${port}`, child, output, died: died.signal, exit: undefined, tail: () => tail(output) };
  child.on('exit', (code, signal) => {
    server.exit = signal ? `killed by ${signal}` : `exit code ${code}`;
    if (!stopping) died.abort();
  });
  const stop = onCleanup(() => stopChild(child));
  await waitForHttp(server.base + readyPath, { timeoutMs, child, output, label });
  return Object.assign(server, {
    async stop() {
      stopping = true;
      const i = cleanups.indexOf(stop);
      if (i >= 0) cleanups.splice(i, 1);
      await stopChild(child);
    },
  });
}

/** The built API server on a free loopback port; `db` as for runSeed. */
export async function startApi(db) {
  requireBuilt(SERVER_JS);
  const port = await freePort();
  const env = baseEnv({ SEED: 'auto', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }) });
  return startNodeServer(SERVER_JS, { env, port, readyPath: '/api/health', label: 'API server (apps/api/dist/server.js)' });
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL: a throw-away database per run (never touches any other).

export const PG_ADMIN_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates pm_bench_<random> on the server of BENCH_PG_URL; dropped (WITH FORCE) at cleanup. Returns its URL. */
export async function createPgDatabase() {
  const postgres = requireFromApi('postgres');
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  const name = `pm_bench_${randomBytes(5).toString('hex')}`;
  try {
    await sql.unsafe(`create database "${name}"`);
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new BenchError(`PostgreSQL at ${redact(PG_ADMIN_URL)}: could not create database ${name}: ${e.code ?? ''} ${e.message} (set BENCH_PG_URL to an admin connection URL)`);
  }
  onCleanup(async () => {
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await sql.end({ timeout: 2 });
    }
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export const redact = (u) => u.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// ---------------------------------------------------------------------------------------------------
// HTTP helpers

/** JSON request with a timeout; returns { status, body, headers }. */
export async function requestJson(url, { method = 'GET', body, cookie, timeoutMs = 30_000 } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new BenchError(`${method} ${url}: ${e.cause?.code ?? e.message}`);
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

/** Logs in a staff account; returns the `pm_staff=…` cookie pair. */
export async function loginStaff(base, username, password) {
  const res = await requestJson(`${base}/api/auth/login`, { method: 'POST', body: { username, password } });
  if (res.status !== 200) throw new BenchError(`login as ${username} failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('pm_staff='));
  if (!cookie) throw new BenchError(`login as ${username} answered 200 but set no pm_staff cookie`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------------
// Load generator: closed loop over `connections` keep-alive HTTP/1.1 connections, one request in flight on
// each. It speaks HTTP on raw node:net sockets (a pre-encoded request, a minimal response parser for
// Content-Length and chunked bodies), which costs a fraction of node:http's client per request, so the
// generator (sharing the machine with the server) does not become the bottleneck of fast routes.
//   warm-up | measured window (durationMs) | tail: no new requests, the window's last ones finish
// The warm-up lasts warmupMs, and longer if needed (up to maxWarmupMs) until every connection has had an
// answer: a slow endpoint starts with a burst of `connections` requests, and measuring before that burst has
// drained would record a transient rather than the steady state.
// rps = responses completed inside the window / window. p50/p99 come from the latency (request written →
// last byte of the response) of every request *sent* inside the window, each followed to its end in the
// tail — so a backlogged server's queueing delay is counted, not cut off at the window's edge. Errors
// (non-2xx, socket errors, timeouts after timeoutMs) count over the whole run. `signal` aborts the run
// (e.g. when the server under test exits); the result then says aborted: true.

const CRLF2 = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

export async function load(url, { connections = 50, durationMs = 10_000, warmupMs = 2000, maxWarmupMs = 15_000, headers = {}, timeoutMs = 60_000, signal } = {}) {
  const target = new URL(url);
  const port = Number(target.port || 80);
  const head = { Host: target.host, Accept: 'application/json', Connection: 'keep-alive', ...headers };
  const request = Buffer.from(
    `GET ${target.pathname}${target.search} HTTP/1.1\r\n${Object.entries(head)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
    'latin1',
  );

  let latencies = new Float64Array(1 << 16);
  let sampled = 0;
  let completedInWindow = 0;
  let non2xx = 0;
  let failed = 0;
  const statuses = {};
  const failures = {};
  const fail = (code) => {
    failed++;
    failures[code] = (failures[code] ?? 0) + 1;
  };

  const start = performance.now();
  let measureFrom = Number.POSITIVE_INFINITY; // set when the warm-up ends
  let measureTo = Number.POSITIVE_INFINITY;
  let answered = 0; // connections that have had at least one response
  const beginWindow = () => {
    if (measureFrom !== Number.POSITIVE_INFINITY) return;
    measureFrom = performance.now();
    measureTo = measureFrom + durationMs;
  };
  const maybeBeginWindow = () => {
    const elapsed = performance.now() - start;
    if (elapsed >= maxWarmupMs || (elapsed >= warmupMs && answered >= connections)) beginWindow();
  };
  let aborted = false;
  const conns = new Set();

  await new Promise((resolveAll) => {
    let open = 0;
    const done = () => {
      if (--open === 0) resolveAll();
    };

    const connection = () => {
      open++;
      const c = { socket: undefined, t0: 0, busy: false, buf: undefined, state: 0, status: 0, remaining: 0, chunked: false, close: false, finished: false, answered: false };
      conns.add(c);
      const over = () => aborted || performance.now() >= measureTo;
      c.finish = () => {
        if (c.finished) return;
        c.finished = true;
        conns.delete(c);
        c.socket?.removeAllListeners();
        c.socket?.on('error', () => {});
        c.socket?.destroy();
        done();
      };
      const send = () => {
        if (over()) return c.finish();
        c.busy = true;
        c.state = 0;
        c.buf = undefined;
        c.t0 = performance.now();
        c.socket.write(request);
      };
      const completed = () => {
        const t1 = performance.now();
        c.busy = false;
        if (!c.answered) {
          c.answered = true;
          answered++;
        }
        maybeBeginWindow();
        if (c.status < 200 || c.status > 299) {
          non2xx++;
          statuses[c.status] = (statuses[c.status] ?? 0) + 1;
        }
        if (t1 >= measureFrom && t1 <= measureTo) completedInWindow++;
        if (c.t0 >= measureFrom && c.t0 < measureTo) {
          if (sampled === latencies.length) {
            const bigger = new Float64Array(sampled * 2);
            bigger.set(latencies);
            latencies = bigger;
          }
          latencies[sampled++] = t1 - c.t0;
        }
        if (c.close) reconnect(0);
        else send();
      };
      // Feeds received bytes through the parser; returns when it needs more.
      const feed = (chunk) => {
        const buf = c.buf ? Buffer.concat([c.buf, chunk]) : chunk;
        c.buf = undefined;
        let pos = 0;
        for (;;) {
          if (c.state === 0) {
            // status line + headers
            const end = buf.indexOf(CRLF2, pos);
            if (end < 0) break;
            const text = buf.toString('latin1', pos, end);
            pos = end + 4;
            c.status = Number(text.slice(9, 12));
            c.remaining = 0;
            c.chunked = false;
            c.close = false;
            for (const line of text.split('\r\n')) {
              const colon = line.indexOf(':');
              if (colon < 0) continue;
              const name = line.slice(0, colon).trim().toLowerCase();
              const value = line.slice(colon + 1).trim().toLowerCase();
              if (name === 'content-length') c.remaining = Number(value);
              else if (name === 'transfer-encoding' && value.includes('chunked')) c.chunked = true;
              else if (name === 'connection' && value === 'close') c.close = true;
            }
            if (c.status === 204 || c.status === 304 || (c.status >= 100 && c.status < 200)) c.remaining = 0;
            c.state = c.chunked ? 2 : 1;
          } else if (c.state === 1) {
            // Content-Length body
            const take = Math.min(c.remaining, buf.length - pos);
            c.remaining -= take;
            pos += take;
            if (c.remaining > 0) break;
            c.state = 3;
          } else if (c.state === 2) {
            // chunked: size line
            const eol = buf.indexOf(CRLF, pos);
            if (eol < 0) break;
            const size = Number.parseInt(buf.toString('latin1', pos, eol), 16);
            pos = eol + 2;
            if (size === 0) {
              c.state = 4; // trailers until an empty line
            } else {
              c.remaining = size + 2; // data + CRLF
              c.state = 5;
            }
          } else if (c.state === 4) {
            const eol = buf.indexOf(CRLF, pos);
            if (eol < 0) break;
            const empty = eol === pos;
            pos = eol + 2;
            if (empty) c.state = 3;
          } else if (c.state === 5) {
            const take = Math.min(c.remaining, buf.length - pos);
            c.remaining -= take;
            pos += take;
            if (c.remaining > 0) break;
            c.state = 2;
          }
          if (c.state === 3) {
            if (pos < buf.length) {
              fail('UNEXPECTED_BYTES');
              return reconnect(10);
            }
            return completed();
          }
        }
        if (pos < buf.length) c.buf = pos === 0 ? buf : buf.subarray(pos);
      };
      const reconnect = (delay) => {
        c.socket?.removeAllListeners();
        c.socket?.on('error', () => {});
        c.socket?.destroy();
        c.socket = undefined;
        c.busy = false;
        if (over()) return c.finish();
        setTimeout(connect, delay); // a refused/reset connection must not become a hot loop
      };
      const connect = () => {
        if (over()) return c.finish();
        const socket = net.connect({ host: target.hostname, port, noDelay: true });
        c.socket = socket;
        socket.on('connect', send);
        socket.on('data', feed);
        socket.on('error', (e) => {
          fail(e.code ?? e.message);
          reconnect(10);
        });
        socket.on('close', () => {
          if (c.socket !== socket) return;
          if (c.busy) fail('CLOSED');
          reconnect(c.busy ? 10 : 0);
        });
      };
      c.timeout = () => {
        if (c.busy && performance.now() - c.t0 > timeoutMs) {
          fail('TIMEOUT');
          reconnect(0);
        }
      };
      connect();
    };

    const watchdog = setInterval(() => {
      maybeBeginWindow();
      if (signal?.aborted && !aborted) {
        aborted = true;
        for (const c of [...conns]) c.finish();
      }
      for (const c of conns) c.timeout();
      if (!conns.size) clearInterval(watchdog);
    }, 100);
    for (let i = 0; i < connections; i++) connection();
  });

  const sorted = latencies.subarray(0, sampled).sort();
  const pct = (p) => (sampled ? sorted[Math.min(sampled - 1, Math.ceil((p / 100) * sampled) - 1)] : Number.NaN);
  return {
    requests: completedInWindow,
    rps: completedInWindow / (durationMs / 1000),
    sampled,
    p50: pct(50),
    p99: pct(99),
    max: sampled ? sorted[sampled - 1] : Number.NaN,
    warmupMs: measureFrom - start,
    tailMs: Math.max(0, performance.now() - measureTo),
    non2xx,
    failed,
    errors: non2xx + failed,
    statuses,
    failures,
    aborted,
  };
}

// ---------------------------------------------------------------------------------------------------
// Direct database access from a bench: postgres.js on `db.url`, or PGlite opened in this process on
// `db.dataDir` (only while no server has the folder open: PGlite is one process at a time).

/** { query(text, params) → { rows, count }, close() } on `db` ({ url } or { dataDir }). */
export async function openDirect(db) {
  if (db.url) {
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
