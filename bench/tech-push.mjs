// `npm run bench -- tech-push`: many technicians' phones pushing work-order commands at once — 200 technicians by
// default, each posting batches of `work_order.command` to POST /api/sync/commands on loopback, some batches twice
// — on PGlite, then on PostgreSQL. Commands/s, batch latency, and the database checked afterwards: exactly one
// event per command id, no order moved twice by the same command, none lost.
//
// Per engine: a fresh database, the demo company from the seed CLI (not measured). Then, in SQL (postgres.js on the
// bench's own database, PGlite opened in this process before the server starts): `--techs` technician accounts
// with a `technician` grant on 翠湖花园 and one shared scrypt hash of their password (the shape of
// apps/api/src/lib/password.ts), and `--orders` repairs assigned to each (submitted 20 minutes ago, dispatched by 林客服
// 10 minutes ago, with their submit and dispatch events; every other one filed by the resident 张伟 for his home,
// so his notifications are written too). The server is started and every technician logs in through the API
// (`--login-concurrency` at a time). Each technician's commands — accept every order, then start and complete
// them one by one (`from` = the state the phone saw, completion notes, materials and labour) — are cut into
// batches of `--min-batch`…`--max-batch` (3–10), and all technicians push at once, each one batch after the
// other with its own device id and session. A share (`--resend`, 10 %) of the batches is sent twice: half again
// right after the answer (a response lost on the way), half twice at the same time (a retry while the first is
// still in flight). Every command must be answered `applied` exactly once and `duplicate` every other time.
// With the server stopped, the database must hold one event per command id, every order completed with exactly
// one accept, start and complete, and one sync_commands row per command id.
//
// Options: --engines pglite,postgres  --techs 200  --orders 10 (per technician)  --min-batch 3  --max-batch 10
//   --resend 0.1  --login-concurrency 8  --seed 5 (batch sizes and resends)  --timeout-s 120 (per request)
// PostgreSQL: BENCH_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres); a fresh
// pm_bench_<random> database is created and dropped.
import { randomBytes, randomUUID, scrypt } from 'node:crypto';
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

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    techs: { type: 'string', default: '200' },
    orders: { type: 'string', default: '10' },
    'min-batch': { type: 'string', default: '3' },
    'max-batch': { type: 'string', default: '10' },
    resend: { type: 'string', default: '0.1' },
    'login-concurrency': { type: 'string', default: '8' },
    seed: { type: 'string', default: '5' },
    'timeout-s': { type: 'string', default: '120' },
  },
});
const techs = Number(values.techs);
const perTech = Number(values.orders);
const minBatch = Number(values['min-batch']);
const maxBatch = Number(values['max-batch']);
const resend = Number(values.resend);
const loginConcurrency = Number(values['login-concurrency']);
const seed = Number(values.seed);
const timeoutMs = Number(values['timeout-s']) * 1000;
const engines = parseEngines(values.engines);

const ESTATE = '翠湖花园';
const PASSWORD = 'bench-tech-1234';
const ms = (x) => round(x, 1);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN);

/** Deterministic pseudo-random numbers (mulberry32), so batch sizes and resends are the same on every run. */
function random(s) {
  let a = s;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A password hash the API's verifyPassword accepts: scrypt$N$r$p$salt$key with its parameters (lib/password.ts). */
function hashPassword(password) {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(`scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------
// SQL run by the bench itself, the same text on both engines ($n parameters).

/** $2 technicians bench_tech_001… on estate $1, password hash $3, each with a technician grant on the estate. */
const TECHS_SQL = `
  with s as (
    insert into staff_accounts (username, name, password_hash, home_node_id)
    select 'bench_tech_' || lpad(k::text, 3, '0'), '维修工 ' || lpad(k::text, 3, '0') || '号', $3::text, $1::uuid
    from generate_series(1, $2::int) k
    returning id, home_node_id)
  insert into grants (staff_id, role, node_id) select id, 'technician', home_node_id from s`;

/** Reserves $3 numbers of estate $1 for Beijing day $2 (yyMMdd) in the sequence the API numbers orders with; returns the first. */
const RESERVE_NUMBERS_SQL = `
  insert into work_order_sequences (estate_id, day, next) values ($1::uuid, $2::text, 1 + $3::int)
  on conflict (estate_id, day) do update set next = work_order_sequences.next + $3::int
  returning (next - $3::int)::int as first`;

/**
 * $3 repairs per technician of $2 (ids in username order) in estate $1, assigned by agent $4 10 minutes ago: numbered
 * GD + day $5 + from $6 on; every other one filed by resident $7 for unit $8, the rest by the agent for a common area.
 */
const ORDERS_SQL = `
  insert into work_orders (id, number, estate_id, kind, state, category, priority, location, unit_id, description,
    reporter_id, reported_by, resident_id, submitted_at, response_due_at, complete_due_at, assignee_id, assigned_at, assigned_via, updated_at)
  select gen_random_uuid(), 'GD' || $5::text || lpad(($6::int + n)::text, 4, '0'), $1::uuid, 'repair', 'assigned', 'water_electric', 'normal',
    case when n % 2 = 0 then 'unit' else 'common_area' end, case when n % 2 = 0 then $8::uuid end,
    case when n % 2 = 0 then '厨房水龙头漏水 #' || n else '楼道灯不亮 #' || n end,
    case when n % 2 = 0 then $7::uuid else $4::uuid end, case when n % 2 = 0 then 'resident' else 'customer_service' end,
    case when n % 2 = 0 then $7::uuid end,
    now() - interval '20 minutes', now() + interval '100 minutes', now() + interval '2860 minutes',
    ($2::uuid[])[n / $3::int + 1], now() - interval '10 minutes', 'dispatch', now() - interval '10 minutes'
  from generate_series(0, array_length($2::uuid[], 1) * $3::int - 1) n`;

/** Their timelines so far: submit (the order's id) and dispatch events. */
const EVENTS_SQL = `
  insert into work_order_events (id, work_order_id, command, from_state, to_state, actor_kind, actor_staff_id, actor_resident_id, at, received_at, data)
  select w.id, w.id, 'submit', null, 'submitted', w.reported_by, case when w.resident_id is null then w.reporter_id end, w.resident_id,
    w.submitted_at, w.submitted_at, null
  from work_orders w where w.assignee_id = any($1::uuid[])
  union all
  select gen_random_uuid(), w.id, 'dispatch', 'submitted', 'assigned', 'customer_service', $2::uuid, null, w.assigned_at, w.assigned_at,
    jsonb_build_object('assigneeId', w.assignee_id)
  from work_orders w where w.assignee_id = any($1::uuid[])`;

/** After the run: what the database holds for the command ids $1 and the orders of technicians $2. */
const CHECK_SQL = `
  select
    (select count(*)::int from work_order_events where id = any($1::uuid[])) as events,
    (select count(*)::int from sync_commands where id = any($1::uuid[])) as sync_rows,
    (select count(*)::int from sync_commands where id = any($1::uuid[]) and status <> 'applied') as sync_not_applied,
    (select count(*)::int from work_orders where assignee_id = any($2::uuid[])) as orders,
    (select count(*)::int from work_orders where assignee_id = any($2::uuid[]) and state <> 'completed') as not_completed,
    (select count(*)::int from (
       select e.work_order_id, e.command from work_order_events e join work_orders w on w.id = e.work_order_id
       where w.assignee_id = any($2::uuid[]) and e.command in ('accept', 'start', 'complete')
       group by 1, 2 having count(*) > 1) d) as doubles,
    (select count(*)::int from (
       select w.id from work_orders w left join work_order_events e on e.work_order_id = w.id and e.command in ('accept', 'start', 'complete')
       where w.assignee_id = any($2::uuid[]) group by w.id having count(e.id) <> 3) m) as orders_without_3_events,
    (select count(*)::int from notifications n join work_orders w on w.id = n.work_order_id where w.assignee_id = any($2::uuid[])) as notifications`;

// ---------------------------------------------------------------------------------------------------

const arrayLiteral = (xs) => `{${xs.join(',')}}`;

async function setupData(db, p) {
  const direct = await openDirect(db);
  try {
    const { rows: estate } = await direct.query(`select id from org_nodes where kind = 'estate' and name = $1`, [ESTATE]);
    const { rows: agent } = await direct.query(`select id from staff_accounts where username = 'cs'`);
    const { rows: resident } = await direct.query(
      `select r.id as resident_id, b.unit_id from resident_accounts r join resident_bindings b on b.resident_id = r.id and b.revoked_at is null where r.phone = '13800138000' limit 1`,
    );
    if (estate.length !== 1 || agent.length !== 1 || resident.length !== 1) throw new BenchError(`the demo estate ${ESTATE}, its agent cs or the resident 13800138000 is missing after the seed`);
    const estateId = estate[0].id;
    const t0 = performance.now();
    await direct.query(TECHS_SQL, [estateId, techs, await hashPassword(PASSWORD)]);
    const { rows: staff } = await direct.query(`select id, username from staff_accounts where username like 'bench\\_tech\\_%' order by username`);
    if (staff.length !== techs) throw new BenchError(`created ${staff.length} technicians, expected ${techs}`);
    const ids = staff.map((s) => s.id);
    const now = new Date();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: '2-digit', month: '2-digit', day: '2-digit' }).format(now).replaceAll('-', '');
    const total = techs * perTech;
    const { rows: reserved } = await direct.query(RESERVE_NUMBERS_SQL, [estateId, day, total]);
    const first = reserved[0].first;
    if (first + total - 1 > 9999) throw new BenchError(`${total} orders do not fit in today's 4-digit numbers after ${first - 1} (use fewer --techs or --orders)`);
    const made = await direct.query(ORDERS_SQL, [estateId, arrayLiteral(ids), perTech, agent[0].id, day, first, resident[0].resident_id, resident[0].unit_id]);
    if (made.count !== total) throw new BenchError(`inserted ${made.count} work orders, expected ${total}`);
    const events = await direct.query(EVENTS_SQL, [arrayLiteral(ids), agent[0].id]);
    await direct.query('analyze');
    p('setup.technicians', techs);
    p('setup.orders', `${made.count} (${perTech} per technician, assigned), ${events.count} events`);
    p('setup.sql_ms', Math.round(performance.now() - t0));
    const { rows: orders } = await direct.query(`select id, assignee_id from work_orders where assignee_id = any($1::uuid[]) order by number`, [arrayLiteral(ids)]);
    const byTech = new Map(staff.map((s) => [s.id, { id: s.id, username: s.username, orders: [] }]));
    for (const o of orders) byTech.get(o.assignee_id).orders.push(o.id);
    return { technicians: [...byTech.values()], ids };
  } finally {
    await direct.close();
  }
}

/** A technician's commands in the order the phone made them: accept every job, then start and complete each. */
function commandsOf(tech, base) {
  const at = (k) => new Date(base + k * 1000).toISOString(); // the phone's time: one command a second
  const cmd = (k, workOrderId, command, from, input = {}) => ({ id: randomUUID(), type: 'work_order.command', at: at(k), payload: { workOrderId, command, from, input } });
  const list = tech.orders.map((o, k) => cmd(k, o, 'accept', 'assigned'));
  for (const o of tech.orders) {
    list.push(cmd(list.length, o, 'start', 'accepted'));
    list.push(
      cmd(list.length, o, 'complete', 'in_progress', {
        completionNotes: '更换水龙头阀芯，试水正常',
        materials: [{ name: '阀芯', quantity: '1', unit: '个' }],
        labourMinutes: 30,
      }),
    );
  }
  return list;
}

/** Cuts the commands into batches of min…max; marks some to be sent twice, after the answer or at the same time. */
function batchesOf(commands, rand) {
  const batches = [];
  for (let i = 0; i < commands.length; ) {
    const size = minBatch + Math.floor(rand() * (maxBatch - minBatch + 1));
    const r = rand();
    batches.push({ commands: commands.slice(i, i + size), resend: r < resend / 2 ? 'after' : r < resend ? 'concurrent' : null });
    i += size;
  }
  return batches;
}

async function startServer(db) {
  requireBuilt(SERVER_JS);
  const port = await freePort();
  const env = baseEnv({ SEED: 'auto', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', ...(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }) });
  return startNodeServer(SERVER_JS, { env, port, readyPath: '/api/health', timeoutMs: 180_000, label: 'API server (apps/api/dist/server.js)' });
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function runEngine(engine, db) {
  const p = (k, v) => out(`${engine}.${k}`, v);
  const { technicians, ids } = await setupData(db, p);
  let api;
  const problems = [];
  const tally = { applied: 0, duplicate: 0, rejected: 0, missing: 0, reasons: {}, http: {} };
  const answers = new Map(); // command id → statuses answered, in arrival order
  const lat = [];
  let wallMs = 0;
  let commandCount = 0;
  const resent = { after: 0, concurrent: 0, commands: 0 };
  try {
    let t0 = performance.now();
    api = await startServer(db);
    p('server_start_ms', Math.round(performance.now() - t0));

    t0 = performance.now();
    await pool(technicians, loginConcurrency, async (t) => {
      t.cookie = await loginStaff(api.base, t.username, PASSWORD);
    });
    const loginMs = performance.now() - t0;
    p('login_ms', Math.round(loginMs));
    p('logins_per_s', round((technicians.length / loginMs) * 1000, 1));

    const rand = random(seed);
    const base = Date.now() - 5 * 60_000; // made on the phones over the last minutes
    for (const t of technicians) {
      t.commands = commandsOf(t, base);
      t.batches = batchesOf(t.commands, rand);
      commandCount += t.commands.length;
      for (const b of t.batches) {
        if (!b.resend) continue;
        resent[b.resend] += 1;
        resent.commands += b.commands.length;
      }
    }
    const batchCount = technicians.reduce((n, t) => n + t.batches.length, 0);

    const post = async (t, deviceId, commands) => {
      const started = performance.now();
      const res = await requestJson(`${api.base}/api/sync/commands`, { method: 'POST', cookie: t.cookie, body: { deviceId, commands }, timeoutMs });
      lat.push(performance.now() - started);
      tally.http[res.status] = (tally.http[res.status] ?? 0) + 1;
      if (res.status !== 200) throw new BenchError(`${t.username}: POST /api/sync/commands answered HTTP ${res.status}: ${res.text.slice(0, 400)}`);
      const results = res.body.results;
      if (results.length !== commands.length) tally.missing += commands.length - results.length;
      for (const r of results) {
        tally[r.status] = (tally[r.status] ?? 0) + 1;
        if (r.status === 'rejected') tally.reasons[r.reason?.code] = (tally.reasons[r.reason?.code] ?? 0) + 1;
        const seen = answers.get(r.id);
        if (seen) seen.push(r.status);
        else answers.set(r.id, [r.status]);
      }
    };

    t0 = performance.now();
    const doneAt = []; // when each technician's phone had everything answered
    await Promise.all(
      technicians.map(async (t) => {
        const deviceId = randomUUID();
        for (const b of t.batches) {
          if (b.resend === 'concurrent') await Promise.all([post(t, deviceId, b.commands), post(t, deviceId, b.commands)]);
          else {
            await post(t, deviceId, b.commands);
            if (b.resend === 'after') await post(t, deviceId, b.commands);
          }
        }
        doneAt.push(performance.now() - t0);
      }),
    );
    wallMs = performance.now() - t0;
    doneAt.sort((a, b) => a - b);

    const sorted = [...lat].sort((a, b) => a - b);
    p('technicians', technicians.length);
    p('commands', commandCount);
    p('batches', `${batchCount} (${minBatch}–${maxBatch} commands), ${resent.after} re-sent after the answer, ${resent.concurrent} sent twice at once (${resent.commands} commands again)`);
    p('posts', lat.length);
    p('wall_ms', Math.round(wallMs));
    p('commands_per_s', Math.round((commandCount / wallMs) * 1000));
    p('posts_per_s', Math.round((lat.length / wallMs) * 1000));
    p('p50_batch_ms', ms(pct(sorted, 50)));
    p('p90_batch_ms', ms(pct(sorted, 90)));
    p('p99_batch_ms', ms(pct(sorted, 99)));
    p('max_batch_ms', ms(sorted.at(-1)));
    p('technician_done_s', `first ${round(doneAt[0] / 1000, 1)}, median ${round(pct(doneAt, 50) / 1000, 1)}, last ${round(doneAt.at(-1) / 1000, 1)}`);
    p('answered_applied', tally.applied);
    p('answered_duplicate', `${tally.duplicate} (expected ${resent.commands})`);
    p('answered_rejected', tally.rejected);
    if (tally.rejected) console.error(`  ${engine}: rejections by reason: ${JSON.stringify(tally.reasons)}`);

    // Every command: applied exactly once, duplicate on every other answer.
    let notOnce = 0;
    for (const t of technicians) {
      for (const c of t.commands) {
        const a = answers.get(c.id) ?? [];
        if (a.filter((s) => s === 'applied').length !== 1 || a.some((s) => s !== 'applied' && s !== 'duplicate')) notOnce += 1;
      }
    }
    p('commands_not_applied_exactly_once', notOnce);
    if (notOnce) problems.push(`${notOnce} commands not answered applied exactly once`);
    if (tally.applied !== commandCount) problems.push(`${tally.applied} answered applied, expected ${commandCount}`);
    if (tally.duplicate !== resent.commands) problems.push(`${tally.duplicate} answered duplicate, expected ${resent.commands}`);
    if (tally.rejected) problems.push(`${tally.rejected} rejected`);
    if (tally.missing) problems.push(`${tally.missing} commands missing from the answers`);
  } finally {
    await api?.stop();
  }
  if (api?.exit && api.exit !== 'exit code 0') throw new BenchError(`the API server stopped (${api.exit}); its last output:\n${api.tail()}`);

  // The database afterwards (the server stopped: PGlite is one process at a time).
  const direct = await openDirect(db);
  try {
    const commandIds = technicians.flatMap((t) => t.commands.map((c) => c.id));
    const { rows } = await direct.query(CHECK_SQL, [arrayLiteral(commandIds), arrayLiteral(ids)]);
    const c = rows[0];
    p('db.events_for_command_ids', `${c.events} (expected ${commandIds.length})`);
    p('db.sync_commands', `${c.sync_rows} (${c.sync_not_applied} not applied)`);
    p('db.orders_completed', `${c.orders - c.not_completed} of ${c.orders}`);
    p('db.doubles', c.doubles);
    p('db.orders_without_exactly_3_events', c.orders_without_3_events);
    p('db.notifications', c.notifications);
    if (c.events !== commandIds.length) problems.push(`${c.events} events for ${commandIds.length} command ids`);
    if (c.sync_rows !== commandIds.length || c.sync_not_applied) problems.push(`${c.sync_rows} sync_commands rows (${c.sync_not_applied} not applied) for ${commandIds.length} command ids`);
    if (c.not_completed) problems.push(`${c.not_completed} orders not completed (lost commands)`);
    if (c.doubles) problems.push(`${c.doubles} orders moved twice by the same command`);
    if (c.orders_without_3_events) problems.push(`${c.orders_without_3_events} orders without exactly one accept, start and complete`);
  } finally {
    await direct.close();
  }
  const sorted = [...lat].sort((a, b) => a - b);
  return { problems, rate: (commandCount / wallMs) * 1000, p50: pct(sorted, 50), p99: pct(sorted, 99), duplicates: tally.duplicate, commandCount };
}

await main(async () => {
  const whole = (x) => Number.isInteger(x) && x > 0;
  if (!whole(techs) || techs > 999) throw new BenchError('--techs needs a whole number between 1 and 999');
  if (!whole(perTech) || techs * perTech > 9000) throw new BenchError('--orders needs a whole number ≥ 1 (techs × orders ≤ 9000: one day of 4-digit order numbers)');
  if (!whole(minBatch) || !whole(maxBatch) || minBatch > maxBatch || maxBatch > 200) throw new BenchError('--min-batch ≤ --max-batch, whole numbers between 1 and 200 (the API takes at most 200 commands a POST)');
  if (!(resend >= 0 && resend <= 1)) throw new BenchError('--resend needs a share between 0 and 1');
  if (!whole(loginConcurrency) || !Number.isInteger(seed)) throw new BenchError('--login-concurrency and --seed need whole numbers');
  if (!(timeoutMs > 0)) throw new BenchError('--timeout-s needs a positive number of seconds');
  assertEngines(engines);
  requireBuilt(SERVER_JS, SEED_JS);
  out('technicians', techs);
  out('orders', `${techs * perTech} (${perTech} per technician), ${techs * perTech * 3} commands (accept, start, complete)`);
  out('batch_size', `${minBatch}–${maxBatch}`);
  out('resend', resend);

  const summary = [];
  const failed = [];
  for (const engine of engines) {
    const name = ENGINE_NAMES[engine];
    try {
      const db = engine === 'postgres' ? { url: (await createPgDatabase()).url } : { dataDir: await tempDir('pm-bench-tech-push-') };
      await runNode(SEED_JS, [], {
        env: baseEnv(db.url ? { DATABASE_URL: db.url } : { DATA_DIR: db.dataDir }),
        timeoutMs: 5 * 60_000,
        label: `seed the demo company into ${name} (node apps/api/dist/seed.js)`,
      });
      const r = await runEngine(engine, db);
      summary.push(
        `${name} ${Math.round(r.rate)} commands/s, p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms, ${r.duplicates} duplicates answered${r.problems.length ? ' — FAILED' : ', 0 doubles, 0 lost'}`,
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
  console.log(`summary: tech-push (${techs} technicians at once, ${techs * perTech * 3} commands in batches of ${minBatch}–${maxBatch}, ${Math.round(resend * 100)} % re-sent) — ${summary.join('; ')}`);
  if (failed.length) throw new BenchError(`failed on ${failed.map((e) => ENGINE_NAMES[e]).join(' and ')} (see *.failed above)`);
});
