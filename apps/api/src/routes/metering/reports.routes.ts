/** A period's metering reports for an estate: progress, shared-meter apportionment 公摊, the .xlsx export. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { errorResponses, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { exportReadings } from '../../services/metering/export';
import { meteringProgress } from '../../services/metering/progress';
import { sharedUsage } from '../../services/metering/shared-usage';
import { MeterType, Period } from './metering.routes';

const Counts = {
  read: z.number().int(),
  approved: z.number().int(),
  pending: z.number().int(),
  sentBack: z.number().int(),
  flagged: z.number().int(),
};
const ProgressSchema = z
  .object({
    estateId: z.uuid(),
    period: z.string(),
    totals: z.object({ meters: z.number().int(), ...Counts, missing: z.number().int() }),
    routes: z.array(z.object({ id: z.uuid(), name: z.string(), readerId: z.uuid(), readerName: z.string(), meterCount: z.number().int(), ...Counts })),
    readers: z.array(
      z.object({ readerId: z.uuid(), readerName: z.string(), routes: z.number().int(), meterCount: z.number().int(), read: z.number().int(), flagged: z.number().int() }),
    ),
    missing: z.array(
      z.object({
        meterId: z.uuid(),
        serial: z.string(),
        type: MeterType,
        unitNumber: z.string().nullable(),
        buildingName: z.string().nullable(),
        routeId: z.uuid().nullable(),
        routeName: z.string().nullable(),
      }),
    ),
    missingTotal: z.number().int(),
  })
  .openapi('MeteringProgress');

const SharedUsageSchema = z
  .object({
    items: z.array(
      z.object({
        meterId: z.uuid(),
        serial: z.string(),
        type: MeterType,
        readingId: z.uuid(),
        usage: z.string(),
        basis: z.enum(['area', 'household']),
        units: z.array(z.object({ unitId: z.uuid(), unitNumber: z.string(), weight: z.string(), usage: z.string() })),
      }),
    ),
    skipped: z.array(z.object({ meterId: z.uuid(), serial: z.string(), reason: z.enum(['no_approved_reading', 'no_units']) })),
  })
  .openapi('SharedUsage');

const EstatePeriod = z.object({ estateId: z.uuid(), period: Period });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['metering'];
const mw = requireStaff;

const routes = {
  progress: createRoute({
    method: 'get',
    path: '/metering/progress',
    tags,
    summary: 'Reading progress of a period: totals, per route, per reader, and the meters not read yet',
    middleware: mw,
    request: { query: EstatePeriod },
    responses: jsonOk(ProgressSchema),
  }),
  sharedUsage: createRoute({
    method: 'get',
    path: '/metering/shared-usage',
    tags,
    summary: 'Shared meters’ approved usage split over their units by area or household (parts sum exactly)',
    middleware: mw,
    request: { query: EstatePeriod.extend({ basis: z.enum(['area', 'household']) }) },
    responses: jsonOk(SharedUsageSchema),
  }),
  export: createRoute({
    method: 'get',
    path: '/metering/export',
    tags,
    summary: 'The period’s current readings (and meters not read) as an .xlsx',
    middleware: mw,
    request: { query: EstatePeriod },
    responses: { 200: { description: 'xlsx file', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses },
  }),
};

export const reportsRouter = createRouter()
  .openapi(routes.progress, async (c) => c.json(await meteringProgress({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.sharedUsage, async (c) => c.json(await sharedUsage({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.export, async (c) => {
    const file = await exportReadings({ ctx: staffCtx(c), input: c.req.valid('query') });
    c.header('Content-Type', XLSX);
    c.header('Content-Disposition', `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return c.body(file.bytes, 200);
  });
