/**
 * The sandbox's cashier 模拟收银台: what the payer sees instead of WeChat Pay's page in development and the demo.
 * Pressing 「支付成功」 or 「支付失败」 makes the sandbox produce the notification WeChat Pay would send — signed
 * with its platform key and encrypted with its APIv3 key — and hands it to receiveNotification exactly as the
 * /notify/wechat route does (same verifier class, same checks, same apply); then the browser goes back to the
 * order's return page. Only while the sandbox provider is on; never next to a real merchant account by default.
 */
import { eq } from 'drizzle-orm';
import { paymentOrders } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { formatYuan } from '@pm/domain';
import { toFen } from './amounts';
import { type NotifyDeps, receiveNotification } from './notify';
import type { OrderRow } from './order-view';

function sandboxOf(deps: NotifyDeps) {
  const sandbox = deps.runtime.providers.sandbox;
  if (!sandbox) throw new NotFoundError('sandbox');
  return sandbox;
}

async function sandboxOrder(deps: NotifyDeps, outTradeNo: string): Promise<OrderRow> {
  sandboxOf(deps);
  const [order] = await deps.db.select().from(paymentOrders).where(eq(paymentOrders.outTradeNo, outTradeNo));
  if (order?.provider !== 'sandbox') throw new NotFoundError('payment order');
  return order;
}

export async function cashierOrder(deps: NotifyDeps, outTradeNo: string) {
  const order = await sandboxOrder(deps, outTradeNo);
  return { order, amount: formatYuan(order.amount) };
}

/** Pays or fails the order at the sandbox and delivers the notification; returns where the browser goes next. */
export async function cashierOutcome(deps: NotifyDeps, outTradeNo: string, outcome: 'succeed' | 'fail') {
  const order = await sandboxOrder(deps, outTradeNo);
  const sandbox = sandboxOf(deps);
  let notification: ReturnType<typeof sandbox.createNotification>;
  try {
    notification = sandbox.createNotification({ order: { outTradeNo, amountFen: toFen(order.amount) }, outcome: outcome === 'succeed' ? 'SUCCESS' : 'PAYERROR' });
  } catch (e) {
    // Closed, or already paid and now "failed": the sandbox refuses, like WeChat Pay's page would.
    return { ok: false as const, message: (e as Error).message, returnUrl: order.returnUrl };
  }
  const ack = await receiveNotification(deps, 'wechat', new Headers(notification.headers), notification.body);
  const ok = ack !== undefined && ack.status < 300;
  return { ok, message: ok ? '' : (ack?.body ?? 'not delivered'), returnUrl: order.returnUrl };
}
