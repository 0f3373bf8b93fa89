/**
 * Closing an open order (the resident changed their mind) or expiring one (the job): the provider closes it
 * first, so it can no longer be paid, and only then is it ended here and its charges released. If the provider
 * says it was paid meanwhile, it is applied instead — a payment is never dropped because we meant to close.
 */
import type { Db } from '../../db';
import type { AuditActor } from '../../lib/audit';
import type { Clock, ResidentContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { PaymentProviderError } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { endOrder } from './end-order';
import { type OrderRow, isOpen, loadOrder, viewOf } from './order-view';
import { residentOrder } from './get-order';
import { syncOrder } from './sync-order';

/** Provider answers meaning "there is nothing to close": the order never reached it. */
const NOT_THERE = new Set(['ORDER_NOT_EXIST', 'ACQ.TRADE_NOT_EXIST', 'RESOURCE_NOT_EXISTS']);
/** Provider answers meaning "it was paid": query and apply it. */
const PAID_ALREADY = new Set(['ORDERPAID', 'ACQ.TRADE_STATUS_ERROR', 'ORDER_PAID']);

export async function endOpenOrder(
  deps: { db: Db; clock: Clock; runtime: PaymentsRuntime; requestId?: string },
  order: OrderRow,
  to: 'closed' | 'expired',
  actor: AuditActor,
): Promise<OrderRow> {
  if (!isOpen(order.state)) return order;
  const provider = deps.runtime.providers.get(order.provider);
  if (provider) {
    // First ask: the payer may have paid a moment ago.
    const synced = await syncOrder(deps, order).catch((e) => {
      if (e instanceof PaymentProviderError) return undefined;
      throw e;
    });
    if (synced && !isOpen(synced.order.state)) return synced.order;
    try {
      await provider.close(order.outTradeNo);
    } catch (e) {
      if (!(e instanceof PaymentProviderError)) throw e;
      if (PAID_ALREADY.has(e.code)) return (await syncOrder(deps, order)).order;
      if (!NOT_THERE.has(e.code)) throw new AppError(503, 'provider_unavailable', '支付渠道暂时不可用，请稍后重试 The payment provider is unavailable, try again', { providerCode: e.code });
    }
  }
  return (await endOrder(deps, order.id, to, to === 'closed' ? 'closed by the resident' : 'expired', actor)) ?? (await loadOrder(deps.db, order.id));
}

export async function closeOrder({ ctx, runtime, id }: { ctx: ResidentContext; runtime: PaymentsRuntime; id: string }) {
  const order = await residentOrder(ctx, id);
  const after = await endOpenOrder({ db: ctx.db, clock: ctx.clock, runtime, requestId: ctx.requestId }, order, 'closed', { kind: 'resident', id: ctx.actor.id });
  if (after.state === 'paid') throw new AppError(409, 'order_paid', '该订单已支付 This order is already paid', { order: await viewOf(ctx.db, id) });
  return viewOf(ctx.db, id);
}
