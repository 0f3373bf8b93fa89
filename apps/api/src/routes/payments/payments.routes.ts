/**
 * Online payments (issue 6): the resident's bills and payment orders, provider notifications, the sandbox
 * cashier, WeChat OAuth (openid), and the staff side — orders, refunds, the online day report, reconciliation.
 * Handlers stay thin; services/payments/* does the work. See docs/api-payments.md.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { errorBody } from '../../lib/errors';
import { type AppEnv, createRouter } from '../../lib/hono';
import { jssdkConfig } from '../../services/payments/jssdk-config';
import { IdParam, IsoDate, jsonBody, jsonOk } from '../../lib/schemas';
import { clientIp, requireResident, requireStaff, residentCtx, staffCtx } from '../../middleware/auth';
import { paymentsOf } from '../../payments/runtime';
import { DaySchema, ReceiptSchema } from '../billing/billing.schemas';
import { listChannels } from '../../services/payments/channels';
import { closeOrder } from '../../services/payments/close-order';
import { createOrder } from '../../services/payments/create-order';
import { getOrder } from '../../services/payments/get-order';
import { type NotifyEndpoint, receiveNotification } from '../../services/payments/notify';
import { onlineDay } from '../../services/payments/online-day';
import { reconciliationReport, runReconciliation } from '../../services/payments/reconciliation-report';
import { refundOrder } from '../../services/payments/refund-order';
import { residentAccount } from '../../services/payments/resident-account';
import { paymentHistory, residentReceipt } from '../../services/payments/resident-receipts';
import { cashierOrder, cashierOutcome } from '../../services/payments/sandbox-cashier';
import { getStaffOrder, listOrders } from '../../services/payments/staff-orders';
import { OAUTH_STATE_COOKIE, finishOAuth, startOAuth } from '../../services/payments/wechat-oauth';
import {
  ChannelsSchema,
  CreateOrderBody,
  CreatedOrderSchema,
  HistorySchema,
  OrderListQuery,
  OrderListSchema,
  PaymentOrderSchema,
  ReconcileBody,
  ReconciliationSchema,
  RefundBody,
  RefundSchema,
  ResidentAccountSchema,
  StaffOrderDetailSchema,
} from './payments.schemas';
import { cashierMessage, cashierPage } from './sandbox-page';

const residentTags = ['resident payments'];
const staffTags = ['payments'];

/** This site's origin as the browser sees it (behind a trusted proxy: its forwarded scheme and host). */
function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.var.deps.config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto && host) return `${proto}://${host}`;
  }
  return url.origin;
}

const notifyDeps = (c: Context<AppEnv>) => ({
  db: c.var.deps.db,
  clock: c.var.deps.clock,
  runtime: paymentsOf(c.var.deps),
  logger: c.var.deps.logger,
  requestId: c.var.requestId,
});

const UnitIdParam = z.object({ unitId: z.uuid().openapi({ param: { name: 'unitId', in: 'path' } }) });

const routes = {
  account: createRoute({
    method: 'get',
    path: '/resident/units/{unitId}/account',
    tags: residentTags,
    summary: 'A bound unit’s charges (oldest due first, with the open order holding each), prepaid balance and receipts',
    middleware: requireResident,
    request: { params: UnitIdParam },
    responses: jsonOk(ResidentAccountSchema),
  }),
  channels: createRoute({
    method: 'get',
    path: '/resident/payment-channels',
    tags: residentTags,
    summary: 'The configured payment channels (wechat_jsapi only with inWechat=1 and a bound openid)',
    middleware: requireResident,
    request: { query: z.object({ inWechat: z.enum(['0', '1']).optional() }) },
    responses: jsonOk(ChannelsSchema),
  }),
  create: createRoute({
    method: 'post',
    path: '/resident/payment-orders',
    tags: residentTags,
    summary: 'Open a payment order: the server recomputes the amount; 409 amount_changed / charge_settled / charge_locked; same key → same order',
    middleware: requireResident,
    request: jsonBody(CreateOrderBody),
    responses: jsonOk(CreatedOrderSchema),
  }),
  order: createRoute({
    method: 'get',
    path: '/resident/payment-orders/{id}',
    tags: residentTags,
    summary: 'A payment order (the provider is asked while it is still open)',
    middleware: requireResident,
    request: { params: IdParam },
    responses: jsonOk(PaymentOrderSchema),
  }),
  close: createRoute({
    method: 'post',
    path: '/resident/payment-orders/{id}/close',
    tags: residentTags,
    summary: 'Close an open order (frees its charges); 409 order_paid when it was paid meanwhile',
    middleware: requireResident,
    request: { params: IdParam },
    responses: jsonOk(PaymentOrderSchema),
  }),
  receipt: createRoute({
    method: 'get',
    path: '/resident/receipts/{id}',
    tags: residentTags,
    summary: 'An e-receipt of a bound unit (the staff receipt’s shape)',
    middleware: requireResident,
    request: { params: IdParam },
    responses: jsonOk(ReceiptSchema),
  }),
  history: createRoute({
    method: 'get',
    path: '/resident/payments',
    tags: residentTags,
    summary: 'Payment history of a bound unit, newest first',
    middleware: requireResident,
    request: { query: z.object({ unitId: z.uuid() }) },
    responses: jsonOk(HistorySchema),
  }),
  // ---- staff ----
  list: createRoute({
    method: 'get',
    path: '/payment-orders',
    tags: staffTags,
    summary: 'Payment orders of the estates you may read (charge:read), newest first',
    middleware: requireStaff,
    request: { query: OrderListQuery },
    responses: jsonOk(OrderListSchema),
  }),
  staffOrder: createRoute({
    method: 'get',
    path: '/payment-orders/{id}',
    tags: staffTags,
    summary: 'A payment order with its refunds (charge:read)',
    middleware: requireStaff,
    request: { params: IdParam },
    responses: jsonOk(StaffOrderDetailSchema),
  }),
  refund: createRoute({
    method: 'post',
    path: '/payment-orders/{id}/refunds',
    tags: staffTags,
    summary: 'Refund 退款 a paid online order, full or partial, through its provider (ledger:adjust); id = idempotency key',
    middleware: requireStaff,
    request: { params: IdParam, ...jsonBody(RefundBody) },
    responses: jsonOk(RefundSchema),
  }),
  day: createRoute({
    method: 'get',
    path: '/payments/day',
    tags: staffTags,
    summary: 'The online payments of an estate’s day, in the counter’s day-report shape (charge:read)',
    middleware: requireStaff,
    request: { query: z.object({ estateId: z.uuid(), date: IsoDate.optional() }) },
    responses: jsonOk(DaySchema),
  }),
  reconciliation: createRoute({
    method: 'get',
    path: '/payments/reconciliation',
    tags: staffTags,
    summary: 'Reconciliation of a day: the latest run per provider and the mismatches you may see (report:read)',
    middleware: requireStaff,
    request: { query: z.object({ day: IsoDate }) },
    responses: jsonOk(ReconciliationSchema),
  }),
  reconcile: createRoute({
    method: 'post',
    path: '/payments/reconciliation',
    tags: staffTags,
    summary: 'Run the reconciliation of a day now (report:read)',
    middleware: requireStaff,
    request: jsonBody(ReconcileBody),
    responses: jsonOk(ReconciliationSchema),
  }),
};

async function notify(c: Context<AppEnv>, endpoint: NotifyEndpoint) {
  // The raw text: the signature covers these exact bytes.
  const raw = await c.req.text();
  const ack = await receiveNotification(notifyDeps(c), endpoint, c.req.raw.headers, raw);
  if (!ack) return c.json(errorBody('not_found', `${endpoint} payments are not configured`), 404);
  if (ack.body === null) return c.body(null, ack.status as StatusCode, ack.headers);
  return c.body(ack.body, ack.status as ContentfulStatusCode, ack.headers);
}

async function cashierPost(c: Context<AppEnv>, outcome: 'succeed' | 'fail') {
  const form = await c.req.parseBody();
  const order = typeof form.order === 'string' ? form.order : (c.req.query('order') ?? '');
  if (!/^[A-Za-z0-9_\-|*]{6,32}$/.test(order)) return c.html(cashierMessage('订单号无效 Invalid order number', null), 400);
  const result = await cashierOutcome(notifyDeps(c), order, outcome);
  if (!result.ok) return c.html(cashierMessage(`未能完成 Not completed: ${result.message}`, result.returnUrl), 409);
  return c.redirect(result.returnUrl, 303);
}

export const paymentsRouter = createRouter()
  .openapi(routes.account, async (c) => c.json(await residentAccount({ ctx: residentCtx(c), unitId: c.req.valid('param').unitId }), 200))
  .openapi(routes.channels, async (c) =>
    c.json(await listChannels(c.var.deps.db, paymentsOf(c.var.deps), c.var.resident.id, c.req.valid('query').inWechat === '1'), 200),
  )
  .openapi(routes.create, async (c) =>
    c.json(
      await createOrder({
        ctx: residentCtx(c),
        runtime: paymentsOf(c.var.deps),
        input: c.req.valid('json'),
        client: { ip: clientIp(c), origin: requestOrigin(c) },
      }),
      200,
    ),
  )
  .openapi(routes.order, async (c) =>
    c.json(await getOrder({ ctx: residentCtx(c), runtime: paymentsOf(c.var.deps), id: c.req.valid('param').id, logger: c.var.deps.logger }), 200),
  )
  .openapi(routes.close, async (c) => c.json(await closeOrder({ ctx: residentCtx(c), runtime: paymentsOf(c.var.deps), id: c.req.valid('param').id }), 200))
  .openapi(routes.receipt, async (c) => c.json(await residentReceipt({ ctx: residentCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.history, async (c) => c.json(await paymentHistory({ ctx: residentCtx(c), unitId: c.req.valid('query').unitId }), 200))
  .openapi(routes.list, async (c) => c.json(await listOrders({ ctx: staffCtx(c), query: c.req.valid('query') }), 200))
  .openapi(routes.staffOrder, async (c) => c.json(await getStaffOrder({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.refund, async (c) =>
    c.json(await refundOrder({ ctx: staffCtx(c), runtime: paymentsOf(c.var.deps), orderId: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  )
  .openapi(routes.day, async (c) => c.json(await onlineDay({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.reconciliation, async (c) => c.json(await reconciliationReport({ ctx: staffCtx(c), day: c.req.valid('query').day }), 200))
  .openapi(routes.reconcile, async (c) => c.json(await runReconciliation({ ctx: staffCtx(c), runtime: paymentsOf(c.var.deps), input: c.req.valid('json') }), 200))
  // Provider notifications: raw bodies, the providers' own answers (not JSON routes).
  .post('/payments/notify/wechat', (c) => notify(c, 'wechat'))
  .post('/payments/notify/alipay', (c) => notify(c, 'alipay'))
  // The sandbox cashier (only while the sandbox provider is on).
  .get('/payments/sandbox/cashier', async (c) => {
    const order = c.req.query('order') ?? c.req.query('out_trade_no') ?? '';
    if (!paymentsOf(c.var.deps).providers.sandbox) return c.json(errorBody('not_found', 'the sandbox is off'), 404);
    if (!/^[A-Za-z0-9_\-|*]{6,32}$/.test(order)) return c.html(cashierMessage('订单号无效 Invalid order number', null), 400);
    const found = await cashierOrder(notifyDeps(c), order).catch(() => undefined);
    if (!found) return c.html(cashierMessage('订单不存在 No such order', null), 404);
    return c.html(cashierPage({ outTradeNo: order, amount: found.amount, description: found.order.description, state: found.order.state }));
  })
  .post('/payments/sandbox/cashier/succeed', (c) => cashierPost(c, 'succeed'))
  .post('/payments/sandbox/cashier/fail', (c) => cashierPost(c, 'fail'))
  // WeChat JS-SDK wx.config for one of our pages, signed with the jsapi ticket; 404 unless configured.
  .get('/resident/wechat/jssdk-config', requireResident, async (c) =>
    c.json(await jssdkConfig({ runtime: paymentsOf(c.var.deps), origin: requestOrigin(c), url: c.req.query('url') ?? '', clock: c.var.deps.clock }), 200),
  )
  // WeChat OAuth (snsapi_base) → the resident's openid for JSAPI payment; 404 unless configured.
  .get('/resident/wechat/oauth', requireResident, async (c) => {
    const { url, cookie } = startOAuth(paymentsOf(c.var.deps), { origin: requestOrigin(c), returnUrl: c.req.query('returnUrl') });
    setCookie(c, OAUTH_STATE_COOKIE, cookie, { httpOnly: true, sameSite: 'Lax', path: '/api/resident/wechat', secure: c.var.deps.config.cookieSecure, maxAge: 600 });
    return c.redirect(url, 302);
  })
  .get('/resident/wechat/oauth/callback', requireResident, async (c) => {
    const back = await finishOAuth({
      ctx: residentCtx(c),
      runtime: paymentsOf(c.var.deps),
      input: { code: c.req.query('code') ?? '', state: c.req.query('state') ?? '', cookie: getCookie(c, OAUTH_STATE_COOKIE) },
    });
    setCookie(c, OAUTH_STATE_COOKIE, '', { path: '/api/resident/wechat', maxAge: 0 });
    return c.redirect(back, 302);
  });
