/** Buildings, units, invite codes and resident bindings seen from the staff side. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { Area, IdParam, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createInvite, listUnitBindings, revokeBinding } from '../../services/bindings';
import { createBuilding, getBuilding, listBuildings, updateBuilding } from '../../services/buildings';
import { createUnit, getUnit, listUnits, updateUnit } from '../../services/units';
import { OccupancySchema, Relation } from '../parties/parties.routes';

export const BuildingSchema = z
  .object({ id: z.uuid(), estateId: z.uuid(), estateName: z.string(), name: z.string(), floors: z.number().int(), unitCount: z.number().int() })
  .openapi('Building');
const UnitType = z.enum(['residential', 'shop', 'office', 'parking', 'storage']);
const UnitState = z.enum(['vacant', 'occupied', 'renovating']);
export const UnitSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    estateName: z.string(),
    buildingId: z.uuid(),
    buildingName: z.string(),
    number: z.string(),
    floor: z.number().int(),
    buildingArea: z.string().openapi({ example: '89.37' }),
    insideArea: z.string().nullable(),
    type: UnitType,
    state: UnitState,
    owners: z.array(z.object({ partyId: z.uuid(), name: z.string() })),
  })
  .openapi('Unit');
const UnitDetailSchema = UnitSchema.extend({ occupancies: z.array(OccupancySchema) }).openapi('UnitDetail');
const BindingSchema = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    phone: z.string(),
    relation: Relation,
    via: z.enum(['invite', 'match', 'seed']),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Binding');
const InviteSchema = z.object({ code: z.string(), expiresAt: z.string(), unitId: z.uuid(), relation: Relation }).openapi('Invite');

const tags = ['property'];
const mw = requireStaff;

const BuildingBody = z.object({ estateId: z.uuid(), name: Text(40), floors: z.number().int().min(1).max(300) });
const UnitBody = z.object({
  buildingId: z.uuid(),
  number: Text(20),
  floor: z.number().int().min(-10).max(300),
  buildingArea: Area,
  insideArea: Area.nullable().optional(),
  type: UnitType,
  state: UnitState.default('vacant'),
});

const routes = {
  listBuildings: createRoute({
    method: 'get',
    path: '/buildings',
    tags,
    middleware: mw,
    request: { query: PageQuery.extend({ estateId: z.uuid().optional() }) },
    responses: jsonOk(paged(BuildingSchema)),
  }),
  getBuilding: createRoute({ method: 'get', path: '/buildings/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(BuildingSchema) }),
  createBuilding: createRoute({ method: 'post', path: '/buildings', tags, middleware: mw, request: jsonBody(BuildingBody), responses: jsonOk(BuildingSchema) }),
  patchBuilding: createRoute({
    method: 'patch',
    path: '/buildings/{id}',
    tags,
    middleware: mw,
    request: { params: IdParam, ...jsonBody(BuildingBody.omit({ estateId: true }).partial()) },
    responses: jsonOk(BuildingSchema),
  }),
  listUnits: createRoute({
    method: 'get',
    path: '/units',
    tags,
    summary: 'Units in your scope; q matches unit number, owner name or owner phone',
    middleware: mw,
    request: { query: PageQuery.extend({ estateId: z.uuid().optional(), buildingId: z.uuid().optional(), type: UnitType.optional(), state: UnitState.optional() }) },
    responses: jsonOk(paged(UnitSchema)),
  }),
  getUnit: createRoute({ method: 'get', path: '/units/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(UnitDetailSchema) }),
  createUnit: createRoute({ method: 'post', path: '/units', tags, middleware: mw, request: jsonBody(UnitBody), responses: jsonOk(UnitDetailSchema) }),
  patchUnit: createRoute({
    method: 'patch',
    path: '/units/{id}',
    tags,
    middleware: mw,
    request: { params: IdParam, ...jsonBody(UnitBody.omit({ buildingId: true }).partial()) },
    responses: jsonOk(UnitDetailSchema),
  }),
  createInvite: createRoute({
    method: 'post',
    path: '/units/{id}/invites',
    tags,
    summary: 'Issue an invite code a resident types to bind to this unit (valid 7 days, single use)',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ relation: Relation })) },
    responses: jsonOk(InviteSchema),
  }),
  listBindings: createRoute({
    method: 'get',
    path: '/units/{id}/bindings',
    tags,
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(z.object({ items: z.array(BindingSchema) })),
  }),
  revokeBinding: createRoute({ method: 'post', path: '/bindings/{id}/revoke', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(BindingSchema) }),
};

export const unitsRouter = createRouter()
  .openapi(routes.listBuildings, async (c) => c.json(await listBuildings({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.getBuilding, async (c) => c.json(await getBuilding({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.createBuilding, async (c) => c.json(await createBuilding({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.patchBuilding, async (c) => c.json(await updateBuilding({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.listUnits, async (c) => c.json(await listUnits({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.getUnit, async (c) => c.json(await getUnit({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.createUnit, async (c) => c.json(await createUnit({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.patchUnit, async (c) => c.json(await updateUnit({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.createInvite, async (c) =>
    c.json(await createInvite({ ctx: staffCtx(c), unitId: c.req.valid('param').id, relation: c.req.valid('json').relation }), 200),
  )
  .openapi(routes.listBindings, async (c) => c.json(await listUnitBindings({ ctx: staffCtx(c), unitId: c.req.valid('param').id }), 200))
  .openapi(routes.revokeBinding, async (c) => c.json(await revokeBinding({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200));
