/** The offline outbox's endpoint: a batch of commands, each applied exactly once (see services/sync.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { IdParam, jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { getPhoto, uploadPhoto } from '../../services/photos';
import { applyCommands } from '../../services/sync';

// The envelope is checked here; each command's payload is checked on its own in the service, so one bad
// command is answered `rejected` while the rest of the batch still lands.
const CommandEnvelope = z.object({
  id: z.uuid(),
  type: z.string().trim().min(1).max(40),
  at: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

const Result = z.object({
  id: z.uuid(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  result: z.unknown().optional(),
  reason: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
  current: z.unknown().optional(),
});

const push = createRoute({
  method: 'post',
  path: '/sync/commands',
  tags: ['sync'],
  summary: 'Apply a batch of offline commands; each answers applied, duplicate (already applied: same result) or rejected (reason)',
  middleware: requireStaff,
  request: jsonBody(z.object({ deviceId: z.string().trim().min(1).max(64), commands: z.array(CommandEnvelope).min(1).max(200) })),
  responses: jsonOk(z.object({ results: z.array(Result) })),
});

const photo = { content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } };
const putBlob = createRoute({
  method: 'put',
  path: '/sync/blobs/{id}',
  tags: ['sync'],
  summary: 'Upload a photo of a synced command (JPEG/PNG/WebP, ≤ 5 MB); the same id again changes nothing',
  middleware: requireStaff,
  request: { params: IdParam, query: z.object({ commandId: z.uuid() }), body: { ...photo, required: true } },
  responses: jsonOk(z.object({ id: z.uuid(), commandId: z.uuid(), size: z.number().int(), contentType: z.string() })),
});
const getBlob = createRoute({
  method: 'get',
  path: '/photos/{id}',
  tags: ['sync'],
  middleware: requireStaff,
  request: { params: IdParam },
  responses: { 200: { description: 'the photo', ...photo } },
});

export const syncRouter = createRouter()
  .openapi(push, async (c) => c.json(await applyCommands({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(putBlob, async (c) =>
    c.json(
      await uploadPhoto({
        ctx: staffCtx(c),
        input: {
          id: c.req.valid('param').id,
          commandId: c.req.valid('query').commandId,
          contentType: c.req.header('content-type') ?? '',
          bytes: new Uint8Array(await c.req.arrayBuffer()),
        },
      }),
      200,
    ),
  )
  .openapi(getBlob, async (c) => {
    const p = await getPhoto({ ctx: staffCtx(c), id: c.req.valid('param').id });
    c.header('Content-Type', p.contentType);
    c.header('Cache-Control', 'private, max-age=86400');
    return c.body(new Uint8Array(p.bytes), 200);
  });
