/** Billing runs 应收计算: preview without writing, post (idempotent), list. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { listRuns, postRun, previewRun } from '../../services/billing/runs';
import { Period, PostedRunSchema, RunSummarySchema } from './billing.schemas';

const tags = ['billing'];
const mw = requireStaff;
const RunBody = z.object({ estateId: z.uuid(), period: Period });

const routes = {
  preview: createRoute({
    method: 'post',
    path: '/billing-runs/preview',
    tags,
    summary: 'What a run would post: totals per fee item and building, explained samples, skipped units and why',
    middleware: mw,
    request: jsonBody(RunBody),
    responses: jsonOk(RunSummarySchema),
  }),
  post: createRoute({
    method: 'post',
    path: '/billing-runs',
    tags,
    summary: 'Post the charges (idempotent: one charge per unit × standard × period × meter, ever)',
    middleware: mw,
    request: jsonBody(RunBody),
    responses: jsonOk(PostedRunSchema),
  }),
  list: createRoute({
    method: 'get',
    path: '/billing-runs',
    tags,
    middleware: mw,
    request: { query: z.object({ estateId: z.uuid() }) },
    responses: jsonOk(
      z.object({
        items: z.array(z.object({ id: z.uuid(), period: z.string(), inserted: z.number().int(), existing: z.number().int(), total: z.string(), createdByName: z.string(), createdAt: z.string() })),
      }),
    ),
  }),
};

export const runsRouter = createRouter()
  .openapi(routes.preview, async (c) => c.json(await previewRun({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.post, async (c) => c.json(await postRun({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.list, async (c) => c.json(await listRuns({ ctx: staffCtx(c), input: c.req.valid('query') }), 200));
