/**
 * Billing reports 收费报表 (report:read): arrears and aging 欠费账龄, collection rate 收缴率, receivables by fee
 * item 应收实收 — each also as .xlsx (`…/export`). Payment reminders 催缴 (charge:read): printable notices
 * for the units in arrears, and the reminders recorded on a unit.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AGING_BUCKETS } from '@pm/domain';
import { createRouter } from '../../lib/hono';
import { sendXlsx, xlsxResponse } from '../../lib/xlsx-response';
import { IdParam, IsoDate, jsonBody, jsonOk, OptionalText } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { arrearsReport } from '../../services/billing/reports/arrears';
import { collectionRate } from '../../services/billing/reports/collection-rate';
import { exportArrears, exportCollectionRate, exportReceivables, } from '../../services/billing/reports/export';
import { receivablesReport } from '../../services/billing/reports/receivables';
import { listReminders, recordReminder, reminderNotices } from '../../services/billing/reports/reminders';
import { Money, Period } from './billing.schemas';

const tags = ['billing-reports'];
const mw = requireStaff;

const NodeFilter = z.uuid().optional().openapi({ description: 'An org node (group, company, office or estate) to narrow the report to; it must be readable (404 otherwise)' });
const Buckets = z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.string()])) as Record<(typeof AGING_BUCKETS)[number], z.ZodString>);
const GroupBy = z.enum(['estate', 'building', 'unit']);

const ArrearsQuery = z.object({
  nodeId: NodeFilter,
  asOf: IsoDate.optional(),
  groupBy: GroupBy.default('estate'),
  buildingId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const ArrearsSchema = z
  .object({
    asOf: z.string(),
    groupBy: GroupBy,
    nodeId: z.uuid().nullable(),
    nodeName: z.string().nullable(),
    total: z.string(),
    buckets: Buckets,
    rows: z.array(
      z.object({
        key: z.uuid(),
        estateId: z.uuid(),
        estateName: z.string(),
        buildingId: z.uuid().optional(),
        buildingName: z.string().optional(),
        unitId: z.uuid().optional(),
        unitNumber: z.string().optional(),
        ownerName: z.string().nullable().optional(),
        owed: z.string(),
        buckets: Buckets,
        charges: z.number().int(),
        oldestDueDate: z.string(),
      }),
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
    totalRows: z.number().int(),
  })
  .openapi('ArrearsReport');

const CollectionQuery = z.object({ nodeId: NodeFilter, period: Period, asOf: IsoDate.optional() });
const Current = z.object({
  charges: z.number().int(),
  billed: z.string(),
  reduced: z.string(),
  adjusted: z.string(),
  receivable: z.string(),
  collected: z.string(),
  outstanding: z.string(),
  rate: z.string().nullable(),
});
const Back = z.object({ charges: z.number().int(), opening: z.string(), collected: z.string(), outstanding: z.string(), rate: z.string().nullable() });
const CollectionSchema = z
  .object({
    period: z.string(),
    asOf: z.string(),
    nodeId: z.uuid().nullable(),
    nodeName: z.string().nullable(),
    window: z.object({ from: z.string(), to: z.string() }),
    rows: z.array(z.object({ estateId: z.uuid(), estateName: z.string(), current: Current, backArrears: Back })),
    total: z.object({ current: Current, backArrears: Back }),
  })
  .openapi('CollectionRateReport');

const ReceivablesQuery = z.object({ nodeId: NodeFilter, from: Period, to: Period });
const Figures = { billed: z.string(), reduced: z.string(), adjusted: z.string(), settled: z.string(), outstanding: z.string() };
const ReceivablesSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    nodeId: z.uuid().nullable(),
    nodeName: z.string().nullable(),
    rows: z.array(z.object({ feeItemId: z.uuid(), feeItemName: z.string(), category: z.string(), charges: z.number().int(), ...Figures })),
    totals: z.object({ charges: z.number().int(), ...Figures }),
  })
  .openapi('ReceivablesReport');

const NoticesBody = z.object({
  nodeId: z.uuid(),
  asOf: IsoDate.optional(),
  minOwed: Money.optional(),
  minDays: z.number().int().min(0).max(3650).optional(),
  payBy: IsoDate.optional(),
  buildingId: z.uuid().optional(),
  page: z.number().int().min(1).max(100000).optional(),
  pageSize: z.number().int().min(1).max(500).optional(),
});
const NoticesSchema = z
  .object({
    asOf: z.string(),
    payBy: z.string(),
    issued: z.string(),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    items: z.array(
      z.object({
        unitId: z.uuid(),
        estateName: z.string(),
        buildingName: z.string(),
        unitNumber: z.string(),
        ownerName: z.string().nullable(),
        owed: z.string(),
        charges: z.array(z.object({ feeItemName: z.string(), period: z.string(), owed: z.string(), dueDate: z.string() })),
        text: z.string(),
      }),
    ),
  })
  .openapi('ReminderNotices');

const ReminderKind = z.enum(['phone', 'notice', 'visit', 'sms']);
const ReminderSchema = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    estateId: z.uuid(),
    kind: ReminderKind,
    note: z.string(),
    owedAtTime: z.string(),
    at: z.string(),
    createdBy: z.uuid(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .openapi('PaymentReminder');
const ReminderBody = z.object({
  id: z.uuid().optional().openapi({ description: 'Client-made id: the same request again returns the stored reminder' }),
  kind: ReminderKind,
  note: OptionalText(500).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

const routes = {
  arrears: createRoute({
    method: 'get',
    path: '/reports/arrears',
    tags,
    summary: 'Arrears and aging 欠费账龄 as of a date, per estate, building or unit (owed desc)',
    middleware: mw,
    request: { query: ArrearsQuery },
    responses: jsonOk(ArrearsSchema),
  }),
  arrearsExport: createRoute({
    method: 'get',
    path: '/reports/arrears/export',
    tags,
    summary: 'The arrears report as .xlsx (every row)',
    middleware: mw,
    request: { query: ArrearsQuery.omit({ page: true, pageSize: true }) },
    responses: xlsxResponse,
  }),
  collection: createRoute({
    method: 'get',
    path: '/reports/collection-rate',
    tags,
    summary: 'Collection rate 收缴率 of a period per estate, and back arrears 往期欠费 collected during it',
    middleware: mw,
    request: { query: CollectionQuery },
    responses: jsonOk(CollectionSchema),
  }),
  collectionExport: createRoute({ method: 'get', path: '/reports/collection-rate/export', tags, middleware: mw, request: { query: CollectionQuery }, responses: xlsxResponse }),
  receivables: createRoute({
    method: 'get',
    path: '/reports/receivables',
    tags,
    summary: 'Billed, settled and outstanding per fee item over a range of periods',
    middleware: mw,
    request: { query: ReceivablesQuery },
    responses: jsonOk(ReceivablesSchema),
  }),
  receivablesExport: createRoute({ method: 'get', path: '/reports/receivables/export', tags, middleware: mw, request: { query: ReceivablesQuery }, responses: xlsxResponse }),
  notices: createRoute({
    method: 'post',
    path: '/reports/reminders/notices',
    tags,
    summary: 'Printable payment-reminder notices 催缴通知书 for the units in arrears under a node (walking order)',
    middleware: mw,
    request: jsonBody(NoticesBody),
    responses: jsonOk(NoticesSchema),
  }),
  record: createRoute({
    method: 'post',
    path: '/units/{id}/reminders',
    tags,
    summary: 'Record a payment reminder given to a unit (phone, notice, visit, sms)',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(ReminderBody) },
    responses: jsonOk(ReminderSchema),
  }),
  list: createRoute({
    method: 'get',
    path: '/units/{id}/reminders',
    tags,
    summary: 'The payment reminders given to a unit, newest first, and what it owes past due now',
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(z.object({ unitId: z.uuid(), owed: z.string(), items: z.array(ReminderSchema) })),
  }),
};


export const reportsBillingRouter = createRouter()
  .openapi(routes.arrears, async (c) => c.json(await arrearsReport({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.arrearsExport, async (c) => sendXlsx(c, await exportArrears({ ctx: staffCtx(c), input: c.req.valid('query') })))
  .openapi(routes.collection, async (c) => c.json(await collectionRate({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.collectionExport, async (c) => sendXlsx(c, await exportCollectionRate({ ctx: staffCtx(c), input: c.req.valid('query') })))
  .openapi(routes.receivables, async (c) => c.json(await receivablesReport({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.receivablesExport, async (c) => sendXlsx(c, await exportReceivables({ ctx: staffCtx(c), input: c.req.valid('query') })))
  .openapi(routes.notices, async (c) => c.json(await reminderNotices({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.record, async (c) => c.json(await recordReminder({ ctx: staffCtx(c), unitId: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.list, async (c) => c.json(await listReminders({ ctx: staffCtx(c), unitId: c.req.valid('param').id }), 200));
