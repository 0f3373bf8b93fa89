/**
 * A resident opens a payment order 支付单 for some charges of a bound unit (and/or a prepayment 预存):
 * - the amount is the server's: what the charges owe now (under their row locks, like the counter) plus the
 *   prepayment; the app's `expectedTotal` is only compared — 409 `amount_changed` with `details.actualTotal`;
 * - a charge already paid is 409 `charge_settled`; one held by another open order is 409 `charge_locked`
 *   (`details.chargeIds`, `details.orderIds`) — the partial unique index on payment_order_charges makes that
 *   hold under concurrency too; a charge of another unit is 404;
 * - `idempotencyKey` is unique: the same key answers the same order and the same pay data. Another request
 *   under a used key is 409 `conflict` (`details.code = idempotency_conflict`).
 * The order is committed (state `created`) before the provider is called — never a network call inside a
 * transaction — then the provider's pay data is stored with it (`pending`). A provider that cannot be reached
 * leaves it `created`: the same request again retries the prepay (providers answer the same prepay for the same
 * out_trade_no), or the expiry job closes it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compare, sum, todayInShanghai, toMoneyString } from '@pm/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { charges, paymentOrderCharges, paymentOrders, residentAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { ResidentContext } from '../../lib/context';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { type PaymentAction, PaymentProviderError } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import { openCharges } from '../billing/ledger';
import { toFen } from './amounts';
import { constraintOf } from './apply-paid';
import { CHANNELS, type Channel, wechatOpenid } from './channels';
import { endOrder } from './end-order';
import { type OrderRow, chargeIdsOf, loadOrder, orderView } from './order-view';
import { residentUnit } from './resident-access';
import { returnPath, withOrderId } from './return-url';

export interface CreateOrderInput {
  idempotencyKey: string;
  unitId: string;
  chargeIds: string[];
  prepayment?: string | undefined;
  channel: Channel;
  expectedTotal: string;
  returnUrl?: string | undefined;
}

/** Where the request came from: the payer's IP (WeChat H5 needs it) and our origin (absolute return URLs). */
export interface ClientInfo {
  ip: string;
  origin: string;
}

/** The contract's pay data: JSAPI parameters for WeixinJSBridge, or a URL to send the browser to. */
export type PayData = { kind: 'jsapi'; params: Extract<PaymentAction, { kind: 'jsapi' }>['params'] } | { kind: 'redirect'; url: string };

/** The largest prepayment one order takes (an online 预存 of more is a bank transfer, not a phone payment). */
export const MAX_PREPAYMENT = '50000.00';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** PM + Beijing date + 16 random characters: 26 of WeChat's allowed characters, readable on a bank statement. */
function newOutTradeNo(now: Date): string {
  const bytes = randomBytes(16);
  return `PM${todayInShanghai(now).replaceAll('-', '')}${Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')}`;
}

/** At most `max` UTF-8 bytes, cut on a character boundary. */
function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

const sameRequest = (o: OrderRow, chargeIds: string[], input: CreateOrderInput, residentId: string, prepayment: string) =>
  o.residentId === residentId &&
  o.unitId === input.unitId &&
  o.channel === input.channel &&
  compare(o.prepayment, prepayment) === 0 &&
  [...chargeIds].sort().join() === [...new Set(input.chargeIds)].sort().join();

export async function createOrder({ ctx, runtime, input, client }: { ctx: ResidentContext; runtime: PaymentsRuntime; input: CreateOrderInput; client: ClientInfo }) {
  const unit = await residentUnit(ctx.db, ctx.actor.id, input.unitId);
  const chargeIds = [...new Set(input.chargeIds)];
  const prepayment = input.prepayment && compare(input.prepayment, '0') > 0 ? toMoneyString(input.prepayment) : '0.00';
  if (compare(prepayment, MAX_PREPAYMENT) > 0) {
    throw new ValidationError(`预存金额不能超过 ¥${MAX_PREPAYMENT}`, [{ path: 'prepayment', message: `at most ${MAX_PREPAYMENT}` }]);
  }
  if (chargeIds.length === 0 && prepayment === '0.00') {
    throw new ValidationError('请选择要缴的费用或填写预存金额 Pick charges or enter a prepayment', [{ path: 'chargeIds', message: 'nothing to pay' }]);
  }
  const back = returnPath(input.returnUrl, client.origin);

  const replay = async (): Promise<OrderRow | undefined> => {
    const [seen] = await ctx.db.select().from(paymentOrders).where(eq(paymentOrders.idempotencyKey, input.idempotencyKey));
    if (!seen) return undefined;
    const ids = (await chargeIdsOf(ctx.db, [seen.id])).get(seen.id) ?? [];
    if (!sameRequest(seen, ids, input, ctx.actor.id, prepayment)) {
      throw new ConflictError('this idempotency key was used for another payment', { code: 'idempotency_conflict' });
    }
    return seen;
  };

  let order = await replay();
  const spec = CHANNELS[input.channel];
  const provider = runtime.providers.get(spec.provider);
  if (!order) {
    if (!provider) throw new AppError(422, 'channel_unavailable', '该支付方式暂不可用 This payment channel is not available', { channel: input.channel });
    order = await insertOrder(ctx, runtime, input, { chargeIds, prepayment, unit, back }).catch(async (e) => {
      // The same key posted twice at once: the other request made the order; answer with it.
      if (constraintOf(e) === 'payment_orders_idem_uq') return (await replay())!;
      if (constraintOf(e) === 'payment_order_charges_open_uq') {
        throw new AppError(409, 'charge_locked', '所选费用正在另一笔支付中 Some charges are in another open payment', { chargeIds });
      }
      throw e;
    });
  }
  if (order.state !== 'created' || order.pay) return answer(ctx, order);
  if (!provider) throw new AppError(422, 'channel_unavailable', '该支付方式暂不可用 This payment channel is not available', { channel: input.channel });

  // The prepay, outside any transaction.
  const openid = spec.providerChannel === 'jsapi' ? await wechatOpenid(ctx.db, runtime, ctx.actor.id) : undefined;
  if (spec.providerChannel === 'jsapi' && !openid) {
    await endOrder(ctx, order.id, 'failed', 'no WeChat openid for JSAPI', { kind: 'resident', id: ctx.actor.id });
    throw new AppError(422, 'channel_unavailable', '请在微信中授权后再使用微信支付 Authorise in WeChat first', { channel: input.channel });
  }
  let action: PaymentAction;
  try {
    action = await provider.createPayment(
      {
        outTradeNo: order.outTradeNo,
        amountFen: toFen(order.amount),
        description: order.description,
        expiresAt: order.expiresAt,
        payer: { ...(openid ? { openid } : {}), clientIp: client.ip },
        // The sandbox's cashier returns to the stored path itself; a real provider needs an absolute URL.
        ...(spec.provider === 'sandbox' ? {} : { returnUrl: `${client.origin}${order.returnUrl}`, quitUrl: `${client.origin}${order.returnUrl}` }),
        attach: order.id.replaceAll('-', ''),
      },
      spec.providerChannel,
    );
  } catch (e) {
    if (e instanceof PaymentProviderError && !e.retryable) {
      await endOrder(ctx, order.id, 'failed', `prepay refused: ${e.code}`, { kind: 'resident', id: ctx.actor.id });
      throw new AppError(422, 'provider_refused', `支付渠道拒绝了该订单 The payment provider refused the order (${e.code})`, { providerCode: e.code });
    }
    if (e instanceof PaymentProviderError) {
      throw new AppError(503, 'provider_unavailable', '支付渠道暂时不可用，请稍后重试 The payment provider is unavailable, try again', { providerCode: e.code });
    }
    throw e;
  }
  const pay: PayData = action.kind === 'jsapi' ? { kind: 'jsapi', params: action.params } : { kind: 'redirect', url: action.url };
  await ctx.db
    .update(paymentOrders)
    .set({ state: 'pending', pay, updatedAt: ctx.clock.now() })
    .where(and(eq(paymentOrders.id, order.id), eq(paymentOrders.state, 'created'), isNull(paymentOrders.pay)));
  return answer(ctx, await loadOrder(ctx.db, order.id));
}

async function answer(ctx: ResidentContext, order: OrderRow) {
  const ids = (await chargeIdsOf(ctx.db, [order.id])).get(order.id) ?? [];
  return { order: orderView(order, ids), pay: (order.pay ?? null) as PayData | null };
}

async function insertOrder(
  ctx: ResidentContext,
  runtime: PaymentsRuntime,
  input: CreateOrderInput,
  p: { chargeIds: string[]; prepayment: string; unit: Awaited<ReturnType<typeof residentUnit>>; back: string },
): Promise<OrderRow> {
  const [resident] = await ctx.db.select({ name: residentAccounts.name }).from(residentAccounts).where(eq(residentAccounts.id, ctx.actor.id));
  return ctx.db.transaction(async (tx) => {
    if (p.chargeIds.length) {
      const mine = await tx
        .select({ id: charges.id })
        .from(charges)
        .where(and(inArray(charges.id, p.chargeIds), eq(charges.unitId, input.unitId)));
      if (mine.length !== p.chargeIds.length) throw new NotFoundError('charge');
    }
    // Locked like the counter locks them: a cashier collecting the same charge now waits, or we do.
    const open = p.chargeIds.length ? await openCharges(tx, [input.unitId], { chargeIds: p.chargeIds, lock: true }) : [];
    const settled = p.chargeIds.filter((id) => !open.some((c) => c.id === id));
    if (settled.length) throw new AppError(409, 'charge_settled', '所选费用已缴清 Some charges are already paid', { chargeIds: settled });
    const held = p.chargeIds.length
      ? await tx
          .select({ chargeId: paymentOrderCharges.chargeId, orderId: paymentOrderCharges.orderId })
          .from(paymentOrderCharges)
          .where(and(inArray(paymentOrderCharges.chargeId, p.chargeIds), isNull(paymentOrderCharges.releasedAt)))
      : [];
    if (held.length) {
      throw new AppError(409, 'charge_locked', '所选费用正在另一笔支付中 Some charges are in another open payment', {
        chargeIds: held.map((h) => h.chargeId),
        orderIds: [...new Set(held.map((h) => h.orderId))],
      });
    }
    const chargesTotal = toMoneyString(sum(['0', ...open.map((c) => c.owed)]));
    const amount = toMoneyString(sum([chargesTotal, p.prepayment]));
    if (compare(amount, input.expectedTotal) !== 0) {
      throw new AppError(409, 'amount_changed', `应缴金额已变为 ¥${amount} The amount due changed`, { expectedTotal: input.expectedTotal, actualTotal: amount });
    }
    const now = ctx.clock.now();
    const id = randomUUID();
    const [order] = await tx
      .insert(paymentOrders)
      .values({
        id,
        outTradeNo: newOutTradeNo(now),
        idempotencyKey: input.idempotencyKey,
        estateId: p.unit.estateId,
        unitId: input.unitId,
        residentId: ctx.actor.id,
        provider: CHANNELS[input.channel].provider,
        channel: input.channel,
        chargesTotal,
        prepayment: p.prepayment,
        amount,
        description: truncateBytes(`${p.unit.estateName} ${p.unit.buildingName} ${p.unit.number} 物业缴费`, 127),
        payerName: resident?.name || p.unit.ownerName,
        returnUrl: withOrderId(p.back, id),
        expiresAt: new Date(now.getTime() + runtime.orderTtlMinutes * 60_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (open.length) await tx.insert(paymentOrderCharges).values(open.map((c) => ({ orderId: id, chargeId: c.id, amount: c.owed })));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'payment_order', entityId: id, after: { ...order, chargeIds: p.chargeIds } });
    return order!;
  });
}
