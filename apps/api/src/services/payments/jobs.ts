/**
 * The payments job, every minute in the server process (server.ts; the timer is unref'd so it never keeps the
 * process alive): expire overdue orders, ask about pending ones and processing refunds, and reconcile yesterday
 * (Beijing) until it is done: a run that waits for the provider's bill (WeChat Pay makes it after 10:00), failed
 * (the provider was unreachable) or was cut off by a restart is tried again half an hour after it started.
 * Several API instances may each run it: everything it does is a conditional update or the exactly-once apply,
 * so running twice changes nothing twice.
 */
import { todayInShanghai } from '@pm/domain';
import { and, desc, eq } from 'drizzle-orm';
import { reconciliationRuns } from '../../db/schema';
import { type JobDeps, driveRefunds, expireOrders, queryPending } from './expire-orders';
import { reconcileDay } from './reconcile';

export const JOB_INTERVAL_MS = 60_000;
/** How long after an unfinished reconciliation run the job tries that day again. */
export const RECONCILE_RETRY_MS = 30 * 60_000;

export async function runPaymentJobs(deps: JobDeps) {
  const expiry = await expireOrders(deps);
  const pending = await queryPending(deps);
  const refunds = await driveRefunds(deps);
  const yesterday = todayInShanghai(new Date(deps.clock.now().getTime() - 86_400_000));
  let reconciled = 0;
  for (const { name } of deps.runtime.providers.list()) {
    const [last] = await deps.db
      .select({ status: reconciliationRuns.status, startedAt: reconciliationRuns.startedAt })
      .from(reconciliationRuns)
      .where(and(eq(reconciliationRuns.provider, name), eq(reconciliationRuns.day, yesterday)))
      .orderBy(desc(reconciliationRuns.startedAt))
      .limit(1);
    const due = !last || (last.status !== 'done' && deps.clock.now().getTime() - last.startedAt.getTime() >= RECONCILE_RETRY_MS);
    if (due) reconciled += (await reconcileDay(deps, { day: yesterday, provider: name })).length;
  }
  return { ...expiry, ...pending, ...refunds, reconciled };
}

/** Starts the timer; `stop()` clears it (shutdown). One tick at a time: a slow tick is never overlapped. */
export function startPaymentJobs(deps: JobDeps, intervalMs = JOB_INTERVAL_MS) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runPaymentJobs(deps)
      .then((r) => {
        if (r.expired || r.applied || r.paid || r.refundsSettled || r.reconciled) deps.logger?.info('payments job', r);
      })
      .catch((e) => deps.logger?.error('payments job failed', { error: (e as Error).stack ?? String(e) }))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
