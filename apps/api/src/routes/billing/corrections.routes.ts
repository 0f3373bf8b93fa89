/**
 * Ledger corrections 账务更正 (adjustments, discounts/waivers, refunds) with second-person approval above the
 * threshold, late fees 违约金 (preview, post), and opening balances 期初欠费 from .xlsx (template, preview, commit).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ValidationError } from '../../lib/errors';
import { createRouter } from '../../lib/hono';
import { IdParam, IsoDate, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import {
  adjustCharge,
  approveCorrection,
  discountCharge,
  getCorrection,
  listApprovals,
  refundPrepaid,
  rejectCorrection,
} from '../../services/billing/corrections/corrections';
import { buildOpeningTemplate, commitOpening, previewOpening } from '../../services/billing/corrections/opening-balances';
import { postPenalties, previewPenalties } from '../../services/billing/corrections/penalties';
import { CounterMethod, Money } from './billing.schemas';

const tags = ['billing'];
const mw = requireStaff;

const SignedMoney = z.string().regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'a signed amount like "-20.00" or "15.00"');
const Reason = Text(200);
const AdjustmentBody = z.object({ id: z.uuid(), amount: SignedMoney, reason: Reason });
const DiscountBody = z.object({ id: z.uuid(), amount: Money, reason: Reason });
const RefundBody = z.object({ id: z.uuid(), amount: Money, method: CounterMethod, reason: Reason });
const ApprovalStatus = z.enum(['pending', 'approved', 'rejected']);

export const CorrectionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['adjustment', 'discount', 'waiver', 'refund']),
    status: z.enum(['posted', 'pending', 'approved', 'rejected']),
    estateId: z.uuid(),
    unitId: z.uuid(),
    unitNumber: z.string(),
    buildingName: z.string(),
    chargeId: z.uuid().nullable(),
    chargeLabel: z.string().nullable(),
    amount: z.string(),
    method: z.string().nullable(),
    reason: z.string().nullable(),
    threshold: z.string().nullable(),
    requestedBy: z.string(),
    requestedByName: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    entryId: z.uuid().nullable(),
  })
  .openapi('LedgerCorrection');

const PenaltyBody = z.object({ estateId: z.uuid(), asOf: IsoDate });
const PenaltyCap = z.union([z.object({ kind: z.literal('amount'), amount: z.string() }), z.object({ kind: z.literal('percent'), percent: z.string() })]);
export const PenaltyPreviewSchema = z
  .object({
    estateId: z.uuid(),
    asOf: z.string(),
    period: z.string(),
    enabled: z.boolean(),
    policy: z.object({ dailyRate: z.string(), graceDays: z.number().int(), cap: PenaltyCap }).nullable(),
    legalNote: z.string(),
    lines: z.number().int(),
    total: z.string(),
    alreadyPosted: z.number().int(),
    nothingDue: z.number().int(),
    items: z.array(
      z.object({
        baseChargeId: z.uuid(),
        unitId: z.uuid(),
        unitNumber: z.string(),
        buildingName: z.string(),
        feeItemId: z.uuid(),
        feeItemName: z.string(),
        period: z.string(),
        dueDate: z.string(),
        principal: z.string(),
        daysOverdue: z.number().int(),
        daysCharged: z.number().int(),
        capped: z.boolean(),
        previous: z.string(),
        amount: z.string(),
        explanation: z.string(),
      }),
    ),
    itemsTruncated: z.boolean(),
  })
  .openapi('PenaltyPreview');

const OpeningSummary = z.object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), total: z.string(), units: z.number().int() });
const OpeningRow = z.object({
  row: z.number().int(),
  building: z.string(),
  number: z.string(),
  feeItem: z.string(),
  period: z.string(),
  amount: z.string(),
  dueDate: z.string(),
  note: z.string(),
  errors: z.array(z.string()),
});
const OpeningAnswer = z.object({ importId: z.uuid().nullable(), alreadyImported: z.boolean(), importedAt: z.string().nullable(), summary: OpeningSummary });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = z.string().openapi({ format: 'binary' });
const fileBody = {
  body: {
    required: false,
    content: {
      'application/octet-stream': { schema: binary },
      [XLSX]: { schema: binary },
      'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) },
    },
  },
};
const EstateQuery = z.object({ estateId: z.uuid() });

const routes = {
  adjust: createRoute({
    method: 'post',
    path: '/charges/{id}/adjustments',
    tags,
    summary: 'Adjust 调整 a charge up (+) or down (−); above the approval threshold it waits for a second person',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(AdjustmentBody) },
    responses: jsonOk(CorrectionSchema),
  }),
  discount: createRoute({
    method: 'post',
    path: '/charges/{id}/discounts',
    tags,
    summary: 'Discount 减免 what a charge owes (on a late fee: a waiver 违约金减免)',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(DiscountBody) },
    responses: jsonOk(CorrectionSchema),
  }),
  refund: createRoute({
    method: 'post',
    path: '/units/{id}/refunds',
    tags,
    summary: 'Refund 退款 prepaid money (at most the prepaid balance)',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(RefundBody) },
    responses: jsonOk(CorrectionSchema),
  }),
  list: createRoute({
    method: 'get',
    path: '/ledger-approvals',
    tags,
    summary: 'Corrections waiting for (or decided by) a second person, newest first',
    middleware: mw,
    request: { query: PageQuery.omit({ q: true }).extend({ estateId: z.uuid(), status: ApprovalStatus.optional() }) },
    responses: jsonOk(paged(CorrectionSchema)),
  }),
  get: createRoute({ method: 'get', path: '/ledger-approvals/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(CorrectionSchema) }),
  approve: createRoute({
    method: 'post',
    path: '/ledger-approvals/{id}/approve',
    tags,
    summary: 'Approve 批准 and post a pending correction (not your own: 403 same_person)',
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(CorrectionSchema),
  }),
  reject: createRoute({
    method: 'post',
    path: '/ledger-approvals/{id}/reject',
    tags,
    summary: 'Reject 驳回 a pending correction: nothing is posted',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ reason: Reason })) },
    responses: jsonOk(CorrectionSchema),
  }),
  penaltyPreview: createRoute({
    method: 'post',
    path: '/billing/penalties/preview',
    tags,
    summary: 'Late fees 违约金 as of a date: per past-due charge, explained; writes nothing',
    middleware: mw,
    request: jsonBody(PenaltyBody),
    responses: jsonOk(PenaltyPreviewSchema),
  }),
  penaltyPost: createRoute({
    method: 'post',
    path: '/billing/penalties',
    tags,
    summary: 'Post the late fees as of a date (idempotent: one per charge and month); 409 penalty_disabled when off',
    middleware: mw,
    request: jsonBody(PenaltyBody),
    responses: jsonOk(PenaltyPreviewSchema.extend({ posted: z.object({ inserted: z.number().int(), total: z.string() }) })),
  }),
  openingTemplate: createRoute({
    method: 'get',
    path: '/billing/opening-balances/template',
    tags,
    summary: 'Download the opening-balance 期初欠费 .xlsx template',
    middleware: mw,
    responses: { 200: { description: 'xlsx file', content: { [XLSX]: { schema: binary } } } },
  }),
  openingPreview: createRoute({
    method: 'post',
    path: '/billing/opening-balances/preview',
    tags,
    summary: 'Validate an opening-balance file: summary and per-row errors; writes nothing',
    middleware: mw,
    request: { query: EstateQuery, ...fileBody },
    responses: jsonOk(OpeningAnswer.extend({ ok: z.boolean(), rows: z.array(OpeningRow) })),
  }),
  openingCommit: createRoute({
    method: 'post',
    path: '/billing/opening-balances/commit',
    tags,
    summary: 'Write every row as an opening charge in one transaction (422 import_invalid: nothing); the same file again changes nothing',
    middleware: mw,
    request: { query: EstateQuery, ...fileBody },
    responses: jsonOk(OpeningAnswer),
  }),
};

/** The uploaded file: a multipart `file` field, or the raw .xlsx body. */
async function readFile(c: { req: { header(name: string): string | undefined; raw: Request; valid(target: 'form'): unknown } }): Promise<ArrayBuffer> {
  const type = c.req.header('content-type') ?? '';
  let buf: ArrayBuffer;
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const file = (c.req.valid('form') as { file?: unknown }).file;
    if (!(file instanceof Blob)) throw new ValidationError('请在 file 字段上传 .xlsx 文件 Upload the .xlsx file as the field "file"');
    buf = await file.arrayBuffer();
  } else {
    buf = await c.req.raw.arrayBuffer();
  }
  if (buf.byteLength === 0) throw new ValidationError('请上传 .xlsx 文件 Upload an .xlsx file');
  return buf;
}

export const correctionsRouter = createRouter()
  .openapi(routes.adjust, async (c) => c.json(await adjustCharge({ ctx: staffCtx(c), chargeId: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.discount, async (c) => c.json(await discountCharge({ ctx: staffCtx(c), chargeId: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.refund, async (c) => c.json(await refundPrepaid({ ctx: staffCtx(c), unitId: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.list, async (c) => c.json(await listApprovals({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.get, async (c) => c.json(await getCorrection({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.approve, async (c) => c.json(await approveCorrection({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.reject, async (c) => c.json(await rejectCorrection({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.penaltyPreview, async (c) => c.json(await previewPenalties({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.penaltyPost, async (c) => c.json(await postPenalties({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.openingTemplate, async (c) => {
    // Anyone logged in may download the empty template; importing needs billing:run on the estate.
    const body = await buildOpeningTemplate();
    c.header('Content-Type', XLSX);
    c.header('Content-Disposition', `attachment; filename="opening-balances-template.xlsx"; filename*=UTF-8''${encodeURIComponent('期初欠费导入模板.xlsx')}`);
    return c.body(new Uint8Array(body), 200);
  })
  .openapi(routes.openingPreview, async (c) =>
    c.json(await previewOpening({ ctx: staffCtx(c), estateId: c.req.valid('query').estateId, file: await readFile(c) }), 200),
  )
  .openapi(routes.openingCommit, async (c) =>
    c.json(await commitOpening({ ctx: staffCtx(c), estateId: c.req.valid('query').estateId, file: await readFile(c) }), 200),
  );
