/**
 * Asks the provider where an order stands and acts on the answer: paid → applied (exactly once, see
 * apply-paid.ts); failed / closed → ended. Used by the resident app's polling, the scheduled job, closing,
 * expiry and reconciliation — every path that learns of a payment other than by notification.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { paymentOrders } from '../../db/schema';
import type { Clock } from '../../lib/context';
import type { PaymentQueryResult } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { applyPaid } from './apply-paid';
import { endOrder } from './end-order';
import { type OrderRow, isOpen, loadOrder } from './order-view';
import { toFen } from './amounts';

export interface SyncDeps {
  db: Db;
  clock: Clock;
  runtime: PaymentsRuntime;
  requestId?: string;
}

export type SyncResult = { order: OrderRow; query: PaymentQueryResult | null; outcome: 'applied' | 'duplicate' | 'ended' | 'unchanged' | 'rejected' };

/** Applies a query's answer to the order (no provider call here). */
export async function applyQueryResult(deps: SyncDeps, order: OrderRow, query: PaymentQueryResult, via: 'query' | 'reconcile'): Promise<SyncResult> {
  if (!query.found) return { order, query, outcome: 'unchanged' };
  if ((query.state === 'paid' || query.state === 'refunded') && query.transactionId) {
    // A query answer is a signed provider answer (the clients verify every response), checked like a notification.
    const result = await applyPaid(
      deps,
      order.id,
      { transactionId: query.transactionId, amountFen: query.amountFen, paidAt: query.paidAt, providerState: query.providerState, payerId: null },
      via,
    );
    return { order: result.order, query, outcome: result.outcome };
  }
  if (isOpen(order.state) && (query.state === 'failed' || query.state === 'closed')) {
    const ended = await endOrder(deps, order.id, query.state === 'failed' ? 'failed' : 'closed', `provider: ${query.providerState}`);
    return { order: ended ?? (await loadOrder(deps.db, order.id)), query, outcome: ended ? 'ended' : 'unchanged' };
  }
  return { order, query, outcome: 'unchanged' };
}

/** Queries the provider about one order and applies the answer. Provider errors propagate to the caller. */
export async function syncOrder(deps: SyncDeps, order: OrderRow, via: 'query' | 'reconcile' = 'query'): Promise<SyncResult> {
  const provider = deps.runtime.providers.get(order.provider);
  if (!provider) return { order, query: null, outcome: 'unchanged' };
  await deps.db.update(paymentOrders).set({ lastQueriedAt: deps.clock.now() }).where(eq(paymentOrders.id, order.id));
  const query = await provider.query(order.outTradeNo);
  if (query.found && query.amountFen !== toFen(order.amount) && (query.state === 'paid' || query.state === 'refunded')) {
    return { order, query, outcome: 'rejected' };
  }
  return applyQueryResult(deps, order, query, via);
}
