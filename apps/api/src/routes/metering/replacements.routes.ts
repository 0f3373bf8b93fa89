/** Meter replacement 换表: the metering point keeps its id and moves to a new dial. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { IdParam, IsoDate, OptionalText, Text, jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { listReplacements, replaceMeter } from '../../services/metering/replacements';
import { Decimal, MeterSchema } from './metering.routes';

export const ReplacementSchema = z
  .object({
    id: z.uuid(),
    meterId: z.uuid(),
    replacedOn: z.string(),
    oldSerial: z.string(),
    oldCode: z.string().nullable(),
    oldFinal: z.string(),
    oldMultiplier: z.string(),
    oldDigits: z.number().int(),
    newSerial: z.string(),
    newCode: z.string().nullable(),
    newInitial: z.string(),
    newMultiplier: z.string(),
    newDigits: z.number().int(),
    note: z.string().nullable(),
    createdBy: z.uuid(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .openapi('MeterReplacement');

const tags = ['metering'];
const mw = requireStaff;

const routes = {
  list: createRoute({
    method: 'get',
    path: '/meters/{id}/replacements',
    tags,
    summary: 'The replacements of a meter, newest first',
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(z.object({ items: z.array(ReplacementSchema) })),
  }),
  replace: createRoute({
    method: 'post',
    path: '/meters/{id}/replacements',
    tags,
    summary: 'Replace a meter’s dial (idempotent by id); the meter row takes the new serial, code, multiplier, digits and initial reading',
    middleware: mw,
    request: {
      params: IdParam,
      ...jsonBody(
        z.object({
          id: z.uuid(),
          replacedOn: IsoDate,
          oldFinal: Decimal(3),
          newSerial: Text(40),
          /** Absent: the meter keeps its code; null: the code is removed. */
          newCode: Text(64).nullable().optional(),
          newInitial: Decimal(3),
          newMultiplier: Decimal(4).refine((v) => Number(v) > 0, 'must be greater than 0'),
          newDigits: z.number().int().min(4).max(10),
          note: OptionalText(200).optional(),
        }),
      ),
    },
    responses: jsonOk(z.object({ replacement: ReplacementSchema, meter: MeterSchema })),
  }),
};

export const replacementsRouter = createRouter()
  .openapi(routes.list, async (c) => c.json(await listReplacements({ ctx: staffCtx(c), meterId: c.req.valid('param').id }), 200))
  .openapi(routes.replace, async (c) =>
    c.json(await replaceMeter({ ctx: staffCtx(c), meterId: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
