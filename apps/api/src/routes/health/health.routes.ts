import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { createRouter } from '../../lib/hono';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and database check',
  responses: {
    200: {
      description: 'Healthy',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok'), db: z.literal('ok'), time: z.string() }) } },
    },
  },
});

export const healthRouter = createRouter().openapi(health, async (c) => {
  try {
    await c.var.deps.db.execute(sql`select 1`);
  } catch {
    throw new AppError(503, 'db_unavailable', 'database unavailable');
  }
  return c.json({ status: 'ok' as const, db: 'ok' as const, time: c.var.deps.clock.now().toISOString() }, 200);
});
