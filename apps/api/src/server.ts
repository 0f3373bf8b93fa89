/**
 * The process `npm start` runs: opens the database (PGlite in ./data, or DATABASE_URL), migrates, seeds
 * demo data into an empty database, and serves the API and both PWAs on one port.
 */
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { startWorkOrderTimers } from './services/work-orders/timers';
import { openDatabase } from './db';
import { refreshStatistics } from './db/maintenance';
import { loadEnv } from './env';
import { systemClock } from './lib/context';
import { createLogger } from './lib/logger';
import { PaymentsConfigError, loadPaymentsConfig } from './payments/providers';
import { createPaymentsRuntime } from './payments/runtime';
import { MIGRATIONS_DIR, appDist } from './paths';
import { DEMO_ACCOUNTS, DEMO_RESIDENTS, isEmpty, seedDemo } from './seed/demo';
import { ConsoleCodeSender } from './services/auth/code-sender';
import { startPaymentJobs } from './services/payments/jobs';

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
// Payment providers from the environment (apps/api/src/payments/providers/README.md): none configured means the
// sandbox, so `npm start` takes payments end to end; a half-configured provider stops the start here.
let paymentsConfig: ReturnType<typeof loadPaymentsConfig>;
try {
  paymentsConfig = loadPaymentsConfig({ ...process.env, DATA_DIR: resolve(env.DATA_DIR) });
} catch (error) {
  if (error instanceof PaymentsConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const payments = createPaymentsRuntime({ config: paymentsConfig, clock: systemClock });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : resolve(env.DATA_DIR), poolSize: env.DB_POOL_SIZE });
await database.migrate(MIGRATIONS_DIR);
const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${resolve(env.DATA_DIR)}`;
const seeding = env.SEED === 'auto' && (await isEmpty(database.db));
if (seeding) {
  const started = Date.now();
  const counts = await seedDemo(database.db);
  console.log(`seeded demo data into ${where} in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
} else {
  console.log(`using existing data in ${where}`);
}
// After a seed, and on every start of embedded PGlite (it has no autovacuum), give the planner fresh
// statistics; a PostgreSQL server's autovacuum keeps its own.
if (seeding || database.kind === 'pglite') await refreshStatistics(database.db);

const app = createApp({
  db: database.db,
  clock: systemClock,
  codeSender: new ConsoleCodeSender(),
  logger,
  config: { cookieSecure: env.COOKIE_SECURE, trustProxy: env.TRUST_PROXY },
  staticRoots: { staff: appDist('staff-pwa'), resident: appDist('resident-pwa') },
  payments,
});
// Expire overdue payment orders, ask about pending ones and processing refunds, reconcile yesterday.
const paymentJobs = startPaymentJobs({ db: database.db, clock: systemClock, runtime: payments, logger });

// Work-order timers: unanswered surveys close as no_response, missed deadlines escalate, at-risk warnings.
startWorkOrderTimers(database.db, systemClock);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = `http://localhost:${info.port}`;
  console.log(
    [
      '',
      '物业运营管理系统 is running',
      `  staff app     ${base}/staff/`,
      `  resident app  ${base}/resident/`,
      `  API           ${base}/api  (reference: ${base}/api/docs)`,
      `  payments      ${payments.providers
        .list()
        .map((p) => (p.name === 'sandbox' ? 'sandbox (simulated; cashier page in the browser, no real money)' : p.name))
        .join(', ')}`,
      '',
      `  demo staff accounts (password ${DEMO_ACCOUNTS.password}):`,
      ...DEMO_ACCOUNTS.users.map((u) => `    ${u.username.padEnd(9)} ${u.label}`),
      `  demo resident phones (login code is printed here as [otp] …):`,
      ...DEMO_RESIDENTS.map((r) => `    ${r.phone}  ${r.label}`),
      '',
    ].join('\n'),
  );
});

// Keep-alive longer than a load balancer's idle timeout (commonly 60 s), so the LB — not us — closes idle
// connections; with PGlite a burst of slow queries must not make Node drop connections mid-queue.
const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
http.keepAliveTimeout = 65_000;
http.headersTimeout = 66_000;

// Graceful shutdown: stop accepting, let running requests finish, then close the database.
let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  paymentJobs.stop();
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await database.close();
    process.exit(0);
  });
  // Idle keep-alive sockets would hold close() open.
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
