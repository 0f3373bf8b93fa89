/** Parties 客户 and occupancies. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { IdParam, IsoDate, LoosePhone, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createOccupancy, createParty, endOccupancy, getParty, listOccupancies, listParties, updateParty } from '../../services/parties';

export const Relation = z.enum(['owner', 'tenant', 'family']);
export const PartySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['person', 'company']),
    name: z.string(),
    phone: z.string().nullable(),
    idNumber: z.string().nullable().openapi({ description: 'masked, e.g. 110***********1234' }),
    orgNodeId: z.uuid(),
  })
  .openapi('Party');
export const OccupancySchema = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    partyId: z.uuid(),
    partyName: z.string(),
    partyPhone: z.string().nullable(),
    relation: Relation,
    startDate: z.string(),
    endDate: z.string().nullable(),
  })
  .openapi('Occupancy');

const tags = ['parties'];
const mw = requireStaff;
const PartyBody = z.object({
  kind: z.enum(['person', 'company']).default('person'),
  name: Text(60),
  phone: LoosePhone.nullable().optional(),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,30}$/, 'letters and digits only')
    .nullable()
    .optional(),
  orgNodeId: z.uuid(),
});
const OccupancyBody = z.object({ unitId: z.uuid(), partyId: z.uuid(), relation: Relation, startDate: IsoDate, endDate: IsoDate.nullable().optional() });

const routes = {
  list: createRoute({ method: 'get', path: '/parties', tags, middleware: mw, request: { query: PageQuery }, responses: jsonOk(paged(PartySchema)) }),
  get: createRoute({ method: 'get', path: '/parties/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(PartySchema) }),
  create: createRoute({ method: 'post', path: '/parties', tags, middleware: mw, request: jsonBody(PartyBody), responses: jsonOk(PartySchema) }),
  patch: createRoute({
    method: 'patch',
    path: '/parties/{id}',
    tags,
    middleware: mw,
    request: { params: IdParam, ...jsonBody(PartyBody.omit({ orgNodeId: true }).partial()) },
    responses: jsonOk(PartySchema),
  }),
  listOcc: createRoute({
    method: 'get',
    path: '/occupancies',
    tags,
    middleware: mw,
    request: { query: z.object({ unitId: z.uuid().optional(), partyId: z.uuid().optional() }) },
    responses: jsonOk(z.object({ items: z.array(OccupancySchema) })),
  }),
  createOcc: createRoute({ method: 'post', path: '/occupancies', tags, middleware: mw, request: jsonBody(OccupancyBody), responses: jsonOk(OccupancySchema) }),
  patchOcc: createRoute({
    method: 'patch',
    path: '/occupancies/{id}',
    tags,
    summary: 'End (or re-open) an occupancy',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ endDate: IsoDate.nullable() })) },
    responses: jsonOk(OccupancySchema),
  }),
};

export const partiesRouter = createRouter()
  .openapi(routes.list, async (c) => c.json(await listParties({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.get, async (c) => c.json(await getParty({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.create, async (c) => c.json(await createParty({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.patch, async (c) => c.json(await updateParty({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.listOcc, async (c) => c.json(await listOccupancies({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.createOcc, async (c) => c.json(await createOccupancy({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.patchOcc, async (c) => c.json(await endOccupancy({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200));
