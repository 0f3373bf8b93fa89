/** Meters and reading routes. */
import { createRoute, z } from '@hono/zod-openapi';
import { METER_TYPES } from '@pm/domain';
import { createRouter } from '../../lib/hono';
import { IdParam, IsoDate, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createMeter, createRoute as createReadingRoute, downloadRoute, getRoute, listMeters, listRoutes } from '../../services/meters';

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const Decimal = (scale: number) => z.string().regex(new RegExp(`^\\d{1,10}(\\.\\d{1,${scale}})?$`), `a decimal string with at most ${scale} decimals`);
export const MeterType = z.enum(METER_TYPES as unknown as ['cold_water', 'hot_water', 'electricity', 'gas']);

export const MeterSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    estateName: z.string(),
    unitId: z.uuid().nullable(),
    unitNumber: z.string().nullable(),
    buildingName: z.string().nullable(),
    scope: z.enum(['unit', 'shared', 'master']),
    type: MeterType,
    serial: z.string(),
    code: z.string().nullable(),
    multiplier: z.string(),
    digits: z.number().int(),
    installDate: z.string().nullable(),
    initialReading: z.string(),
    state: z.enum(['active', 'replaced']),
  })
  .openapi('Meter');
const RouteSchema = z
  .object({ id: z.uuid(), estateId: z.uuid(), period: z.string(), name: z.string(), readerId: z.uuid(), meterCount: z.number().int(), readCount: z.number().int() })
  .openapi('ReadingRoute');
const RouteDownloadSchema = z
  .object({
    route: z.object({ id: z.uuid(), estateId: z.uuid(), period: z.string(), name: z.string(), readerId: z.uuid() }),
    // The fields added with the review issue (replacement, status, sentBackReason, readingId) are always sent;
    // they are declared optional so clients typed against the earlier shape keep compiling.
    meters: z.array(
      MeterSchema.extend({
        position: z.number().int(),
        floor: z.number().int().nullable(),
        previous: z.string().nullable(),
        history: z.array(z.object({ period: z.string(), usage: z.string() })),
        /**
         * The replacement 换表 the office recorded that applies to this period's reading (recorded after the
         * previous approved reading), or null. The meter's own digits/multiplier are already the new dial's:
         * check with `{ ...meter, digits: oldDigits, multiplier: oldMultiplier }`, explanation 'replaced'.
         */
        replacement: z
          .object({
            oldFinal: z.string(),
            newInitial: z.string(),
            newMultiplier: z.string(),
            newDigits: z.number().int(),
            replacedOn: z.string(),
            oldMultiplier: z.string(),
            oldDigits: z.number().int(),
            oldSerial: z.string(),
          })
          .nullable()
          .optional(),
        /** The state of the meter's current (newest) reading of the route's period. */
        status: z.enum(['unread', 'pending_review', 'approved', 'sent_back']).optional(),
        sentBackReason: z.string().nullable().optional(),
        readingId: z.uuid().nullable().optional(),
      }),
    ),
    readings: z.array(
      z.object({
        id: z.uuid(),
        meterId: z.uuid(),
        value: z.string(),
        status: z.string(),
        flags: z.array(z.string()),
        takenAt: z.string(),
        sentBackReason: z.string().nullable().optional(),
      }),
    ),
  })
  .openapi('RouteDownload');

const tags = ['metering'];
const mw = requireStaff;

const routes = {
  listMeters: createRoute({
    method: 'get',
    path: '/meters',
    tags,
    summary: 'Meters in your scope; code= finds a meter by its QR/bar code',
    middleware: mw,
    request: { query: PageQuery.extend({ estateId: z.uuid().optional(), unitId: z.uuid().optional(), code: z.string().trim().max(64).optional() }) },
    responses: jsonOk(paged(MeterSchema)),
  }),
  createMeter: createRoute({
    method: 'post',
    path: '/meters',
    tags,
    middleware: mw,
    request: jsonBody(
      z.object({
        estateId: z.uuid(),
        unitId: z.uuid().nullable().optional(),
        scope: z.enum(['unit', 'shared', 'master']),
        type: MeterType,
        serial: Text(40),
        code: Text(64).nullable().optional(),
        multiplier: Decimal(4).refine((v) => Number(v) > 0, 'must be greater than 0').default('1'),
        digits: z.number().int().min(4).max(10),
        installDate: IsoDate.nullable().optional(),
        initialReading: Decimal(3).default('0'),
        servedUnitIds: z.array(z.uuid()).max(2000).optional(),
      }),
    ),
    responses: jsonOk(MeterSchema),
  }),
  listRoutes: createRoute({
    method: 'get',
    path: '/reading-routes',
    tags,
    summary: 'Reading routes: mine=true for the reader’s own',
    middleware: mw,
    request: { query: z.object({ period: Period.optional(), mine: z.stringbool().optional() }) },
    responses: jsonOk(z.object({ items: z.array(RouteSchema) })),
  }),
  createRoute: createRoute({
    method: 'post',
    path: '/reading-routes',
    tags,
    summary: 'Assign meters (a list, or all meters of some buildings) to a reader for a period',
    middleware: mw,
    request: jsonBody(
      z.object({
        estateId: z.uuid(),
        period: Period,
        name: Text(60),
        readerId: z.uuid(),
        meterIds: z.array(z.uuid()).max(5000).optional(),
        buildingIds: z.array(z.uuid()).max(500).optional(),
      }),
    ),
    responses: jsonOk(RouteSchema),
  }),
  getRoute: createRoute({ method: 'get', path: '/reading-routes/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(RouteSchema) }),
  download: createRoute({
    method: 'get',
    path: '/reading-routes/{id}/download',
    tags,
    summary: 'The route for offline use: meters in order with the last approved reading and usage history',
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(RouteDownloadSchema),
  }),
};

export const meteringRouter = createRouter()
  .openapi(routes.listMeters, async (c) => c.json(await listMeters({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.createMeter, async (c) => c.json(await createMeter({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.listRoutes, async (c) => c.json(await listRoutes({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.createRoute, async (c) => c.json(await createReadingRoute({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.getRoute, async (c) => c.json(await getRoute({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.download, async (c) => c.json(await downloadRoute({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200));
