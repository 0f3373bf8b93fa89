/**
 * Work orders 工单 (issue 5): staff (intake, dispatch board, detail and commands, the technician's download,
 * KPIs, settings), residents (file, follow, comment, survey), photos and in-app notifications for both.
 * Thin: zod at the edge, the verbs in services/work-orders.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { sendXlsx, xlsxResponse } from '../../lib/xlsx-response';
import { exportWorkOrderKpis } from '../../services/work-orders/kpi-export';
import { IdParam, jsonBody, jsonOk } from '../../lib/schemas';
import { requireResident, requireStaff, residentCtx, staffCtx } from '../../middleware/auth';
import { KPI_METRICS, kpiOrders, workOrderKpiReport } from '../../services/work-orders/kpis';
import { listNotifications, markRead } from '../../services/work-orders/notifications';
import { openForResident, openForStaff } from '../../services/work-orders/open';
import { residentPhoto, staffPhoto, uploadPhoto } from '../../services/work-orders/photos';
import { residentComment, residentCommand, residentGet, residentList, residentSettings } from '../../services/work-orders/resident';
import { getSettings, putSettings } from '../../services/work-orders/settings';
import { boardOf, commandWorkOrder, commentWorkOrder, getWorkOrder, listWorkOrders, myWork } from '../../services/work-orders/staff';
import {
  CommandBody,
  CommentBody,
  DetailSchema,
  KpiQuery,
  KpiSchema,
  ListItemSchema,
  ListQuery,
  NotificationsSchema,
  ResidentOpenBody,
  SettingsBody,
  SettingsSchema,
  StaffOpenBody,
} from './work-orders.schemas';

const tags = ['work-orders'];
const staff = requireStaff;
const resident = requireResident;
const image = { content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } };
const EstateParam = z.object({ estateId: z.uuid().openapi({ param: { name: 'estateId', in: 'path' } }) });
const ReadBody = jsonBody(z.object({ ids: z.array(z.uuid()).max(200).optional() }));

const r = {
  settings: createRoute({ method: 'get', path: '/work-order-settings/{estateId}', tags, middleware: staff, request: { params: EstateParam }, responses: jsonOk(SettingsSchema) }),
  putSettings: createRoute({
    method: 'put',
    path: '/work-order-settings/{estateId}',
    tags,
    middleware: staff,
    request: { params: EstateParam, ...jsonBody(SettingsBody) },
    responses: jsonOk(SettingsSchema),
  }),
  open: createRoute({ method: 'post', path: '/work-orders', tags, summary: 'Intake 受理 or an internal job; the id is the idempotency key', middleware: staff, request: jsonBody(StaffOpenBody), responses: jsonOk(DetailSchema) }),
  list: createRoute({
    method: 'get',
    path: '/work-orders',
    tags,
    middleware: staff,
    request: { query: ListQuery },
    responses: jsonOk(z.object({ items: z.array(ListItemSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })),
  }),
  board: createRoute({
    method: 'get',
    path: '/work-orders/board',
    tags,
    middleware: staff,
    request: { query: z.object({ estateId: z.uuid() }) },
    responses: jsonOk(
      z.object({
        estateId: z.uuid(),
        counts: z.object({ open: z.number(), unassigned: z.number(), overdue: z.number(), atRisk: z.number(), onHold: z.number(), awaitingFollowUp: z.number() }),
        technicians: z.array(z.object({ id: z.uuid(), name: z.string(), open: z.number(), overdue: z.number() })),
      }),
    ),
  }),
  mine: createRoute({
    method: 'get',
    path: '/work-orders/mine',
    tags,
    summary: 'The technician’s offline download: my jobs and the pool of my estates',
    middleware: staff,
    responses: jsonOk(z.object({ serverTime: z.string(), jobs: z.array(DetailSchema), pool: z.array(DetailSchema) })),
  }),
  kpis: createRoute({ method: 'get', path: '/work-orders/kpis', tags, middleware: staff, request: { query: KpiQuery }, responses: jsonOk(KpiSchema) }),
  kpiOrders: createRoute({
    method: 'get',
    path: '/work-orders/kpis/orders',
    tags,
    middleware: staff,
    request: {
      query: KpiQuery.extend({
        metric: z.enum(KPI_METRICS),
        outcome: z.enum(['hit', 'miss']),
        key: z.string().max(60).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
    responses: jsonOk(z.object({ items: z.array(ListItemSchema), page: z.number().int(), pageSize: z.number().int() })),
  }),
  kpiExport: createRoute({ method: 'get', path: '/work-orders/kpis/export', tags, summary: '工单指标 as .xlsx', middleware: staff, request: { query: KpiQuery }, responses: xlsxResponse }),
  get: createRoute({ method: 'get', path: '/work-orders/{id}', tags, middleware: staff, request: { params: IdParam }, responses: jsonOk(DetailSchema) }),
  command: createRoute({
    method: 'post',
    path: '/work-orders/{id}/commands',
    tags,
    summary: 'A command, exactly once per command id; refusals say the current state',
    middleware: staff,
    request: { params: IdParam, ...jsonBody(CommandBody) },
    responses: jsonOk(DetailSchema),
  }),
  comment: createRoute({ method: 'post', path: '/work-orders/{id}/comments', tags, middleware: staff, request: { params: IdParam, ...jsonBody(CommentBody) }, responses: jsonOk(DetailSchema) }),
  putPhoto: createRoute({
    method: 'put',
    path: '/work-order-photos/{id}',
    tags,
    middleware: staff,
    request: { params: IdParam, body: { ...image, required: true } },
    responses: jsonOk(z.object({ id: z.uuid(), url: z.string() })),
  }),
  getPhoto: createRoute({ method: 'get', path: '/work-order-photos/{id}', tags, middleware: staff, request: { params: IdParam }, responses: { 200: { description: 'the photo', ...image } } }),
  notifications: createRoute({
    method: 'get',
    path: '/notifications',
    tags,
    middleware: staff,
    request: { query: z.object({ unread: z.enum(['0', '1']).optional() }) },
    responses: jsonOk(NotificationsSchema),
  }),
  read: createRoute({ method: 'post', path: '/notifications/read', tags, middleware: staff, request: ReadBody, responses: jsonOk(NotificationsSchema) }),

  rSettings: createRoute({
    method: 'get',
    path: '/resident/work-order-settings',
    tags,
    middleware: resident,
    request: { query: z.object({ unitId: z.uuid() }) },
    responses: jsonOk(z.object({ categories: SettingsBody.shape.categories, priceList: SettingsBody.shape.priceList, slas: SettingsBody.shape.slas })),
  }),
  rOpen: createRoute({ method: 'post', path: '/resident/work-orders', tags, middleware: resident, request: jsonBody(ResidentOpenBody), responses: jsonOk(DetailSchema) }),
  rList: createRoute({
    method: 'get',
    path: '/resident/work-orders',
    tags,
    middleware: resident,
    request: { query: z.object({ unitId: z.uuid().optional(), state: z.enum(['open', 'done']).optional() }) },
    responses: jsonOk(z.object({ items: z.array(ListItemSchema) })),
  }),
  rGet: createRoute({ method: 'get', path: '/resident/work-orders/{id}', tags, middleware: resident, request: { params: IdParam }, responses: jsonOk(DetailSchema) }),
  rCommand: createRoute({
    method: 'post',
    path: '/resident/work-orders/{id}/commands',
    tags,
    middleware: resident,
    request: { params: IdParam, ...jsonBody(CommandBody.omit({ from: true })) },
    responses: jsonOk(DetailSchema),
  }),
  rComment: createRoute({ method: 'post', path: '/resident/work-orders/{id}/comments', tags, middleware: resident, request: { params: IdParam, ...jsonBody(CommentBody) }, responses: jsonOk(DetailSchema) }),
  rPutPhoto: createRoute({
    method: 'put',
    path: '/resident/work-order-photos/{id}',
    tags,
    middleware: resident,
    request: { params: IdParam, body: { ...image, required: true } },
    responses: jsonOk(z.object({ id: z.uuid(), url: z.string() })),
  }),
  rGetPhoto: createRoute({ method: 'get', path: '/resident/work-order-photos/{id}', tags, middleware: resident, request: { params: IdParam }, responses: { 200: { description: 'the photo', ...image } } }),
  rNotifications: createRoute({
    method: 'get',
    path: '/resident/notifications',
    tags,
    middleware: resident,
    request: { query: z.object({ unread: z.enum(['0', '1']).optional() }) },
    responses: jsonOk(NotificationsSchema),
  }),
  rRead: createRoute({ method: 'post', path: '/resident/notifications/read', tags, middleware: resident, request: ReadBody, responses: jsonOk(NotificationsSchema) }),
};

const photoBody = (p: { contentType: string; bytes: Uint8Array }) => new Response(new Uint8Array(p.bytes), { status: 200, headers: { 'Content-Type': p.contentType, 'Cache-Control': 'private, max-age=86400' } });

export const workOrdersRouter = createRouter()
  .openapi(r.settings, async (c) => c.json(await getSettings({ ctx: staffCtx(c), estateId: c.req.valid('param').estateId }), 200))
  .openapi(r.putSettings, async (c) => c.json(await putSettings({ ctx: staffCtx(c), estateId: c.req.valid('param').estateId, input: c.req.valid('json') }), 200))
  .openapi(r.open, async (c) => c.json(await openForStaff({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(r.list, async (c) => c.json(await listWorkOrders({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(r.board, async (c) => c.json(await boardOf({ ctx: staffCtx(c), estateId: c.req.valid('query').estateId }), 200))
  .openapi(r.mine, async (c) => c.json(await myWork({ ctx: staffCtx(c) }), 200))
  .openapi(r.kpis, async (c) => c.json(await workOrderKpiReport({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(r.kpiOrders, async (c) => c.json(await kpiOrders({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(r.kpiExport, async (c) => sendXlsx(c, await exportWorkOrderKpis({ ctx: staffCtx(c), input: c.req.valid('query') })))
  .openapi(r.get, async (c) => c.json(await getWorkOrder({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(r.command, async (c) => c.json(await commandWorkOrder({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(r.comment, async (c) => c.json(await commentWorkOrder({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(r.putPhoto, async (c) => {
    const ctx = staffCtx(c);
    const { id } = c.req.valid('param');
    await uploadPhoto(ctx.db, { staffId: ctx.actor.id }, { id, contentType: c.req.header('content-type') ?? '', bytes: new Uint8Array(await c.req.arrayBuffer()) });
    return c.json({ id, url: `/api/work-order-photos/${id}` }, 200);
  })
  .openapi(r.getPhoto, async (c) => photoBody(await staffPhoto(staffCtx(c), c.req.valid('param').id)) as never)
  .openapi(r.notifications, async (c) => {
    const ctx = staffCtx(c);
    return c.json(await listNotifications(ctx.db, { staffId: ctx.actor.id }, c.req.valid('query').unread === '1'), 200);
  })
  .openapi(r.read, async (c) => {
    const ctx = staffCtx(c);
    return c.json(await markRead(ctx.db, { staffId: ctx.actor.id }, c.req.valid('json').ids, ctx.clock.now()), 200);
  })
  .openapi(r.rSettings, async (c) => c.json(await residentSettings({ ctx: residentCtx(c), unitId: c.req.valid('query').unitId }), 200))
  .openapi(r.rOpen, async (c) => c.json(await openForResident({ ctx: residentCtx(c), input: c.req.valid('json') }), 200))
  .openapi(r.rList, async (c) => c.json(await residentList({ ctx: residentCtx(c), input: c.req.valid('query') }), 200))
  .openapi(r.rGet, async (c) => c.json(await residentGet({ ctx: residentCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(r.rCommand, async (c) => c.json(await residentCommand({ ctx: residentCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(r.rComment, async (c) => c.json(await residentComment({ ctx: residentCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(r.rPutPhoto, async (c) => {
    const ctx = residentCtx(c);
    const { id } = c.req.valid('param');
    await uploadPhoto(ctx.db, { residentId: ctx.actor.id }, { id, contentType: c.req.header('content-type') ?? '', bytes: new Uint8Array(await c.req.arrayBuffer()) });
    return c.json({ id, url: `/api/resident/work-order-photos/${id}` }, 200);
  })
  .openapi(r.rGetPhoto, async (c) => photoBody(await residentPhoto(residentCtx(c), c.req.valid('param').id)) as never)
  .openapi(r.rNotifications, async (c) => {
    const ctx = residentCtx(c);
    return c.json(await listNotifications(ctx.db, { residentId: ctx.actor.id }, c.req.valid('query').unread === '1'), 200);
  })
  .openapi(r.rRead, async (c) => {
    const ctx = residentCtx(c);
    return c.json(await markRead(ctx.db, { residentId: ctx.actor.id }, c.req.valid('json').ids, ctx.clock.now()), 200);
  });
