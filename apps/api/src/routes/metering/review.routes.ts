/** The review queue 读数审核: list the period's current readings, approve, send back, correct. */
import { createRoute, z } from '@hono/zod-openapi';
import { READING_EXPLANATIONS, type ReadingExplanation } from '@pm/domain';
import { createRouter } from '../../lib/hono';
import { IdParam, OptionalText, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { listReadings } from '../../services/metering/review-queue';
import { approveReading, correctReading, sendBackReading } from '../../services/metering/review';
import { MeterType, Period } from './metering.routes';

const Status = z.enum(['pending_review', 'approved', 'sent_back']);
const Explanation = z.enum(READING_EXPLANATIONS as unknown as [ReadingExplanation, ...ReadingExplanation[]]);

export const ReviewReadingSchema = z
  .object({
    id: z.uuid(),
    meterId: z.uuid(),
    serial: z.string(),
    type: MeterType,
    scope: z.enum(['unit', 'shared', 'master']),
    multiplier: z.string(),
    unitId: z.uuid().nullable(),
    unitNumber: z.string().nullable(),
    buildingName: z.string().nullable(),
    estateId: z.uuid(),
    routeId: z.uuid().nullable(),
    routeName: z.string().nullable(),
    period: z.string(),
    value: z.string(),
    previous: z.string(),
    usage: z.string().nullable(),
    kind: z.enum(['normal', 'rollover', 'replaced']).nullable(),
    flags: z.array(z.string()),
    explanation: z.string().nullable(),
    status: Status,
    note: z.string().nullable(),
    readerId: z.uuid(),
    readerName: z.string(),
    takenAt: z.string(),
    receivedAt: z.string(),
    supersedesId: z.uuid().nullable(),
    reviewNote: z.string().nullable(),
    reviewedBy: z.uuid().nullable(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    sentBackReason: z.string().nullable(),
    /** false only in lists with includeSuperseded=true: a newer reading of the meter and period counts instead. */
    isCurrent: z.boolean(),
    photoIds: z.array(z.uuid()),
    history: z.array(z.object({ period: z.string(), usage: z.string() })),
  })
  .openapi('ReviewReading');

const tags = ['metering'];
const mw = requireStaff;

const routes = {
  list: createRoute({
    method: 'get',
    path: '/readings',
    tags,
    summary: 'The review queue: current readings (flagged first, then building/unit order) of the estates you may review',
    middleware: mw,
    request: {
      query: PageQuery.extend({
        estateId: z.uuid().optional(),
        period: Period.optional(),
        status: Status.optional(),
        routeId: z.uuid().optional(),
        meterId: z.uuid().optional(),
        flagged: z.stringbool().optional(),
        includeSuperseded: z.stringbool().optional(),
      }),
    },
    responses: jsonOk(paged(ReviewReadingSchema)),
  }),
  approve: createRoute({
    method: 'post',
    path: '/readings/{id}/approve',
    tags,
    summary: 'Approve a pending reading (idempotent); only approved readings feed billing',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ note: OptionalText(200).optional() })) },
    responses: jsonOk(ReviewReadingSchema),
  }),
  sendBack: createRoute({
    method: 'post',
    path: '/readings/{id}/send-back',
    tags,
    summary: 'Ask the reader to read the meter again (idempotent); the route download shows the reason',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ reason: Text(200) })) },
    responses: jsonOk(ReviewReadingSchema),
  }),
  correct: createRoute({
    method: 'post',
    path: '/readings/{id}/correct',
    tags,
    summary: 'Correct a reading: a new approved reading (id = idempotency key) that supersedes it',
    middleware: mw,
    request: {
      params: IdParam,
      ...jsonBody(z.object({ id: z.uuid(), value: z.string().trim().min(1).max(20), explanation: Explanation.optional(), note: Text(200) })),
    },
    responses: jsonOk(ReviewReadingSchema),
  }),
};

export const reviewRouter = createRouter()
  .openapi(routes.list, async (c) => c.json(await listReadings({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.approve, async (c) => c.json(await approveReading({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.sendBack, async (c) => c.json(await sendBackReading({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.correct, async (c) => c.json(await correctReading({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200));
