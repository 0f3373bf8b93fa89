/** The counter 收银: a unit's account, collecting (receipts), voiding, and the day close 日结. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { IdParam, IsoDate, Text, jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { getAccount } from '../../services/billing/account';
import { closeDay, dayReport } from '../../services/billing/day-close';
import { collect, getReceipt, voidReceipt } from '../../services/billing/receipts';
import { getAdvanceOptions } from '../../services/billing/advance';
import { AccountSchema, AdvanceOptionsSchema, CollectBody, DaySchema, ReceiptSchema } from './billing.schemas';

const tags = ['billing'];
const mw = requireStaff;

const routes = {
  account: createRoute({
    method: 'get',
    path: '/units/{id}/account',
    tags,
    summary: 'A unit’s charges with what each still owes (oldest due first), its prepaid balance and receipts',
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(AccountSchema),
  }),
  advance: createRoute({
    method: 'get',
    path: '/units/{id}/advance',
    tags,
    summary: '预交: the fees a unit can pay ahead, the prepayment discount rules, and a quote for standardId × months',
    middleware: mw,
    request: { params: IdParam, query: z.object({ standardId: z.uuid().optional(), months: z.coerce.number().int().min(1).max(36).optional() }) },
    responses: jsonOk(AdvanceOptionsSchema),
  }),
  collect: createRoute({
    method: 'post',
    path: '/receipts',
    tags,
    summary: 'Collect at the counter: exactly once per idempotencyKey; 409 charge_settled / amount_changed',
    middleware: mw,
    request: jsonBody(CollectBody),
    responses: jsonOk(ReceiptSchema),
  }),
  get: createRoute({ method: 'get', path: '/receipts/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(ReceiptSchema) }),
  void: createRoute({
    method: 'post',
    path: '/receipts/{id}/void',
    tags,
    summary: 'Void 作废 today’s receipt before the day close, by reversal entries',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ reason: Text(200) })) },
    responses: jsonOk(ReceiptSchema),
  }),
  day: createRoute({
    method: 'get',
    path: '/cashier/day',
    tags,
    middleware: mw,
    request: { query: z.object({ estateId: z.uuid(), date: IsoDate.optional(), cashierId: z.uuid().optional() }) },
    responses: jsonOk(DaySchema),
  }),
  close: createRoute({
    method: 'post',
    path: '/cashier/day-close',
    tags,
    summary: 'Close your day 日结 at an estate: totals locked, its receipts can no longer be voided',
    middleware: mw,
    request: jsonBody(z.object({ estateId: z.uuid(), date: IsoDate.optional() })),
    responses: jsonOk(DaySchema),
  }),
};

export const cashierRouter = createRouter()
  .openapi(routes.account, async (c) => c.json(await getAccount({ ctx: staffCtx(c), unitId: c.req.valid('param').id }), 200))
  .openapi(routes.advance, async (c) => c.json(await getAdvanceOptions({ ctx: staffCtx(c), unitId: c.req.valid('param').id, query: c.req.valid('query') }), 200))
  .openapi(routes.collect, async (c) => c.json(await collect({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.get, async (c) => c.json(await getReceipt({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.void, async (c) => c.json(await voidReceipt({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.day, async (c) => c.json(await dayReport({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.close, async (c) => c.json(await closeDay({ ctx: staffCtx(c), input: c.req.valid('json') }), 200));
