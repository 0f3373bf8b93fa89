/**
 * The scheduled reconciliation against a provider that makes a day's bill as WeChat Pay does — from 10:00 Beijing
 * the next morning: after midnight the run waits (the open orders are still asked about), the job tries again every
 * half hour, and once the bill is there the day is reconciled from it, once.
 */
import { todayInShanghai } from '@pm/domain';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentOrders, reconciliationRuns } from '../src/db/schema';
import { RECONCILE_RETRY_MS, runPaymentJobs } from '../src/services/payments/jobs';
import { type PaymentsWorld, paymentsWorld } from './payments-world';

let w: PaymentsWorld;
let day: string;
let lost: { id: string; outTradeNo: string };

const runsOf = (d: string) => w.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.day, d)).orderBy(asc(reconciliationRuns.startedAt));
const job = () => runPaymentJobs({ db: w.db, clock: w.clock, runtime: w.runtime });
/** Moves the test clock to hh:mm Beijing time on the day after `day`. */
function nextDayAt(hhmm: string) {
  const target = new Date(`${day}T${hhmm}:00+08:00`).getTime() + 86_400_000;
  w.clock.advance((target - w.clock.now().getTime()) / 1000);
}

beforeAll(async () => {
  w = await paymentsWorld({ billsFrom: 'next_morning' });
  day = todayInShanghai(w.clock.now());
  const paid = (await w.prepayOrder('21.00')).order;
  await w.notify(w.sandbox.createNotification({ order: { outTradeNo: paid.outTradeNo }, outcome: 'SUCCESS' }));
  // Paid at the provider; the notification never came.
  lost = (await w.prepayOrder('22.50')).order;
  w.sandbox.createNotification({ order: { outTradeNo: lost.outTradeNo }, outcome: 'SUCCESS' });
});
afterAll(async () => w?.close());

describe('reconciling yesterday when the bill comes the next morning', () => {
  it('waits after midnight, shows why, and does not ask again within half an hour', async () => {
    nextDayAt('00:01');
    await job();
    const [run, ...more] = await runsOf(day);
    expect(more).toEqual([]);
    expect(run).toMatchObject({ provider: 'sandbox', source: 'bill', status: 'waiting', createdBy: null });
    expect(run!.error).toMatch(/has not made the bill/);
    // The lost payment did not wait for the bill: the open orders were asked about and it was applied.
    const [order] = await w.db.select().from(paymentOrders).where(eq(paymentOrders.id, lost.id));
    expect(order!.state).toBe('paid');

    const report = await w.call('GET', `/payments/reconciliation?day=${day}`, { cookie: await w.loginStaff('admin') });
    expect(report.status).toBe(200);
    expect(report.data.runs).toMatchObject([{ status: 'waiting', source: 'bill' }]);
    expect(report.data.mismatches).toEqual([]);

    w.clock.advance(RECONCILE_RETRY_MS / 1000 - 60);
    await job();
    expect(await runsOf(day)).toHaveLength(1);
  });

  it('tries again half an hour later, still waiting before 10:00', async () => {
    w.clock.advance(60);
    await job();
    const runs = await runsOf(day);
    expect(runs.map((r) => r.status)).toEqual(['waiting', 'waiting']);
  });

  it('reconciles from the bill once it is made, and then leaves the day alone', async () => {
    nextDayAt('10:05');
    await job();
    const runs = await runsOf(day);
    expect(runs.map((r) => r.status)).toEqual(['waiting', 'waiting', 'done']);
    expect(runs[2]!.summary).toMatchObject({ providerPayments: 2, paidHere: 2, matched: 2, mismatches: 0 });

    w.clock.advance(RECONCILE_RETRY_MS / 1000 + 60);
    await job();
    expect(await runsOf(day)).toHaveLength(3);
    const report = await w.call('GET', `/payments/reconciliation?day=${day}`, { cookie: await w.loginStaff('admin') });
    expect(report.data.runs).toMatchObject([{ status: 'done', summary: { providerPayments: 2, mismatches: 0 } }]);
  });
});
