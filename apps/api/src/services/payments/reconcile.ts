/**
 * 对账 Reconciliation of one Beijing day, per provider:
 * 1. every open order of the provider is asked about (a paid one is applied — exactly once, as always);
 * 2. the provider's bill of the day (bill-source.ts) is compared with our orders and the ledger:
 *    - missing_order: the provider took money for an out_trade_no we have no order for;
 *    - not_applied: paid at the provider, not here, and applying it now was refused (a paid order of ours that
 *      was closed or expired is applied now — counted in `summary.appliedNow`, not a mismatch);
 *    - amount_mismatch / transaction_mismatch: the provider's amount or transaction id differs from ours;
 *    - missing_at_provider: paid here that day, not in the provider's bill;
 *    - ledger_mismatch: a paid order whose receipt or ledger entries do not add up to its amount;
 *    - refund_unknown / refund_amount_mismatch / refund_missing_at_provider: the same for refunds (a refund the
 *      provider completed that we still had processing is settled now).
 *    A bill the provider has not made yet leaves the run `waiting` (step 1 is done all the same); the job tries
 *    again later (jobs.ts).
 * 3. the run and its mismatches are stored for finance (`GET /api/payments/reconciliation`).
 */
import { compare, toMoneyString } from '@pm/domain';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { OPEN_ORDER_STATES, ledgerEntries, paymentOrders, paymentRefunds, receipts, reconciliationMismatches, reconciliationRuns } from '../../db/schema';
import type { ProviderName } from '../../payments/providers';
import { toFen, toYuan } from './amounts';
import { applyPaid } from './apply-paid';
import { beijingDay, downloadDayBill } from './bill-source';
import type { JobDeps } from './expire-orders';
import type { OrderRow } from './order-view';
import { settleRefund } from './settle-refund';
import { syncOrder } from './sync-order';

type MismatchInsert = typeof reconciliationMismatches.$inferInsert;

export async function reconcileDay(deps: JobDeps & { requestId?: string }, input: { day: string; provider?: ProviderName | undefined; actorId?: string | null }) {
  const names = input.provider ? [input.provider] : [...new Set(deps.runtime.providers.list().map((p) => p.name))];
  const runIds: string[] = [];
  for (const name of names) {
    if (!deps.runtime.providers.get(name)) continue;
    runIds.push(await reconcileProvider(deps, name, input.day, input.actorId ?? null));
  }
  return runIds;
}

async function reconcileProvider(deps: JobDeps, name: ProviderName, day: string, actorId: string | null): Promise<string> {
  const [run] = await deps.db
    .insert(reconciliationRuns)
    .values({ provider: name, day, source: 'bill', createdBy: actorId, startedAt: deps.clock.now() })
    .returning({ id: reconciliationRuns.id });
  const runId = run!.id;
  try {
    // 1. Open orders: ask about each.
    const open = await deps.db
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.provider, name), inArray(paymentOrders.state, [...OPEN_ORDER_STATES])));
    let queried = 0;
    let appliedFromQuery = 0;
    for (const order of open) {
      try {
        const r = await syncOrder(deps, order, 'reconcile');
        queried++;
        if (r.outcome === 'applied') appliedFromQuery++;
      } catch (e) {
        deps.logger?.error('reconciliation query failed', { orderId: order.id, error: (e as Error).message });
      }
    }
    // 2. The provider's records of the day, and ours.
    const records = await downloadDayBill(deps.runtime, name, day);
    if ('notReady' in records) {
      await deps.db
        .update(reconciliationRuns)
        .set({ status: 'waiting', error: records.notReady.slice(0, 500), summary: { openQueried: queried, appliedFromQuery }, finishedAt: deps.clock.now() })
        .where(eq(reconciliationRuns.id, runId));
      return runId;
    }
    const { start, end } = beijingDay(day);
    const paidHere = await deps.db
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.provider, name), eq(paymentOrders.state, 'paid'), gte(paymentOrders.paidAt, start), lt(paymentOrders.paidAt, end)));
    const named = records.payments.length
      ? await deps.db
          .select()
          .from(paymentOrders)
          .where(
            and(
              eq(paymentOrders.provider, name),
              inArray(
                paymentOrders.outTradeNo,
                records.payments.map((p) => p.outTradeNo),
              ),
            ),
          )
      : [];
    const byNo = new Map<string, OrderRow>([...paidHere, ...named].map((o) => [o.outTradeNo, o]));
    const mismatches: MismatchInsert[] = [];
    const mismatch = (kind: string, o: OrderRow | undefined, extra: Partial<MismatchInsert>) =>
      mismatches.push({ runId, kind, estateId: o?.estateId ?? null, orderId: o?.id ?? null, outTradeNo: o?.outTradeNo ?? null, ...extra });

    let appliedNow = 0;
    const seen = new Set<string>();
    for (const p of records.payments) {
      seen.add(p.outTradeNo);
      let o = byNo.get(p.outTradeNo);
      const providerAmount = toYuan(p.amountFen);
      if (!o) {
        mismatch('missing_order', undefined, { outTradeNo: p.outTradeNo, transactionId: p.transactionId, providerAmount });
        continue;
      }
      if (o.state !== 'paid' && p.transactionId) {
        const r = await applyPaid(deps, o.id, { transactionId: p.transactionId, amountFen: p.amountFen, paidAt: p.paidAt, providerState: 'SUCCESS', payerId: null }, 'reconcile');
        o = r.order;
        if (r.outcome === 'applied') appliedNow++;
      }
      if (o.state !== 'paid') {
        mismatch('not_applied', o, { transactionId: p.transactionId, providerAmount, ledgerAmount: null, details: { state: o.state } });
        continue;
      }
      if (toFen(o.amount) !== p.amountFen) mismatch('amount_mismatch', o, { transactionId: p.transactionId, providerAmount, ledgerAmount: o.amount });
      else if (p.transactionId && o.providerTransactionId !== p.transactionId) {
        mismatch('transaction_mismatch', o, { transactionId: p.transactionId, providerAmount, ledgerAmount: o.amount, details: { ours: o.providerTransactionId } });
      }
    }
    for (const o of paidHere) {
      if (!seen.has(o.outTradeNo)) mismatch('missing_at_provider', o, { transactionId: o.providerTransactionId, providerAmount: null, ledgerAmount: o.amount });
    }
    // The ledger behind every order paid that day: its receipt and the money-in entries add up to the amount.
    const paidIds = [...byNo.values()].filter((o) => o.state === 'paid').map((o) => o.id);
    const paidOrders = paidIds.length ? await deps.db.select().from(paymentOrders).where(inArray(paymentOrders.id, paidIds)) : [];
    const ledger = await ledgerTotals(deps, paidOrders);
    for (const o of paidOrders) {
      const l = ledger.get(o.id);
      if (!l || compare(l.receiptTotal ?? '0', o.amount) !== 0 || compare(l.moneyIn, o.amount) !== 0) {
        mismatch('ledger_mismatch', o, { transactionId: o.providerTransactionId, ledgerAmount: l?.moneyIn ?? '0.00', providerAmount: o.amount, details: { receiptTotal: l?.receiptTotal ?? null } });
      }
    }
    // Refunds.
    const refundsHere = await deps.db
      .select({ refund: paymentRefunds, order: paymentOrders })
      .from(paymentRefunds)
      .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
      .where(and(eq(paymentOrders.provider, name), eq(paymentRefunds.state, 'succeeded'), gte(paymentRefunds.completedAt, start), lt(paymentRefunds.completedAt, end)));
    const refundSeen = new Set<string>();
    for (const br of records.refunds) {
      refundSeen.add(br.outRefundNo);
      const [row] = await deps.db
        .select({ refund: paymentRefunds, order: paymentOrders })
        .from(paymentRefunds)
        .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
        .where(eq(paymentRefunds.outRefundNo, br.outRefundNo));
      if (!row) {
        mismatch('refund_unknown', byNo.get(br.outTradeNo), { outTradeNo: br.outTradeNo, providerAmount: toYuan(br.refundFen), details: { outRefundNo: br.outRefundNo } });
        continue;
      }
      if (toFen(row.refund.amount) !== br.refundFen) {
        mismatch('refund_amount_mismatch', row.order, { refundId: row.refund.id, providerAmount: toYuan(br.refundFen), ledgerAmount: row.refund.amount });
        continue;
      }
      if (row.refund.state === 'processing') await settleRefund(deps, row.refund.id, 'succeeded', { providerState: 'SUCCESS', refundId: br.refundId });
    }
    for (const r of refundsHere) {
      if (!refundSeen.has(r.refund.outRefundNo)) mismatch('refund_missing_at_provider', r.order, { refundId: r.refund.id, ledgerAmount: r.refund.amount });
    }

    if (mismatches.length) await deps.db.insert(reconciliationMismatches).values(mismatches);
    const summary = {
      providerPayments: records.payments.length,
      providerRefunds: records.refunds.length,
      paidHere: paidHere.length,
      matched: records.payments.length - mismatches.filter((m) => ['missing_order', 'not_applied', 'amount_mismatch', 'transaction_mismatch'].includes(m.kind)).length,
      mismatches: mismatches.length,
      openQueried: queried,
      appliedFromQuery,
      appliedNow,
    };
    await deps.db.update(reconciliationRuns).set({ status: 'done', summary, finishedAt: deps.clock.now() }).where(eq(reconciliationRuns.id, runId));
  } catch (e) {
    await deps.db
      .update(reconciliationRuns)
      .set({ status: 'failed', error: (e as Error).message.slice(0, 500), finishedAt: deps.clock.now() })
      .where(eq(reconciliationRuns.id, runId));
    deps.logger?.error('reconciliation failed', { provider: name, day, error: (e as Error).stack ?? String(e) });
  }
  return runId;
}

/** Receipt total and money-in (payment + prepayment entries) per paid order. */
async function ledgerTotals(deps: JobDeps, orders: OrderRow[]) {
  const map = new Map<string, { receiptTotal: string | null; moneyIn: string }>();
  const withReceipt = orders.filter((o) => o.receiptId);
  if (!withReceipt.length) return map;
  const rows = await deps.db
    .select({
      receiptId: receipts.id,
      total: receipts.total,
      moneyIn: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.kind} in ('payment', 'prepayment')), 0)::numeric(14,2)::text`,
    })
    .from(receipts)
    .leftJoin(ledgerEntries, eq(ledgerEntries.receiptId, receipts.id))
    .where(
      inArray(
        receipts.id,
        withReceipt.map((o) => o.receiptId!),
      ),
    )
    .groupBy(receipts.id, receipts.total);
  const byReceipt = new Map(rows.map((r) => [r.receiptId, r]));
  for (const o of withReceipt) {
    const r = byReceipt.get(o.receiptId!);
    map.set(o.id, { receiptTotal: r?.total ?? null, moneyIn: r ? toMoneyString(r.moneyIn) : '0.00' });
  }
  return map;
}
