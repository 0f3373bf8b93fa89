/** The offline outbox's endpoint: a batch of commands, each applied exactly once (see services/sync.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
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

export const syncRouter = createRouter().openapi(push, async (c) =>
  c.json(await applyCommands({ ctx: staffCtx(c), input: c.req.valid('json') }), 200),
);
