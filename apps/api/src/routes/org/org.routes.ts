/** Org nodes (group / company / office) and estates. */
import { createRoute, z } from '@hono/zod-openapi';
import { NODE_KINDS } from '@pm/domain';
import { createRouter } from '../../lib/hono';
import { IdParam, OptionalText, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createEstate, createOrgNode, getEstate, getOrgNode, listEstates, listOrgNodes, updateEstate, updateOrgNode } from '../../services/org';

const NodeKind = z.enum(NODE_KINDS as ['group', 'company', 'office', 'estate']);
export const OrgNodeSchema = z
  .object({ id: z.uuid(), parentId: z.uuid().nullable(), kind: NodeKind, name: z.string(), path: z.array(z.uuid()) })
  .openapi('OrgNode');
const EstateKind = z.enum(['residential', 'commercial', 'mixed']);
export const EstateSchema = z
  .object({
    id: z.uuid(),
    officeId: z.uuid(),
    officeName: z.string(),
    name: z.string(),
    kind: EstateKind,
    address: z.string(),
    buildingCount: z.number().int(),
    unitCount: z.number().int(),
  })
  .openapi('Estate');

const tags = ['organisation'];
const mw = requireStaff;

const listNodes = createRoute({
  method: 'get',
  path: '/org/nodes',
  tags,
  summary: 'Org nodes in your scope',
  middleware: mw,
  request: { query: PageQuery.extend({ kind: NodeKind.optional(), parentId: z.uuid().optional() }) },
  responses: jsonOk(paged(OrgNodeSchema)),
});
const getNode = createRoute({ method: 'get', path: '/org/nodes/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(OrgNodeSchema) });
const createNode = createRoute({
  method: 'post',
  path: '/org/nodes',
  tags,
  summary: 'Create a company under a group or an office under a company',
  middleware: mw,
  request: jsonBody(z.object({ parentId: z.uuid(), kind: NodeKind, name: Text(60) })),
  responses: jsonOk(OrgNodeSchema),
});
const patchNode = createRoute({
  method: 'patch',
  path: '/org/nodes/{id}',
  tags,
  middleware: mw,
  request: { params: IdParam, ...jsonBody(z.object({ name: Text(60) })) },
  responses: jsonOk(OrgNodeSchema),
});

const listEst = createRoute({
  method: 'get',
  path: '/estates',
  tags,
  summary: 'Estates 项目/小区 in your scope',
  middleware: mw,
  request: { query: PageQuery.extend({ officeId: z.uuid().optional() }) },
  responses: jsonOk(paged(EstateSchema)),
});
const getEst = createRoute({ method: 'get', path: '/estates/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(EstateSchema) });
const EstateBody = z.object({ officeId: z.uuid(), name: Text(60), kind: EstateKind, address: OptionalText(200).default('') });
const createEst = createRoute({ method: 'post', path: '/estates', tags, middleware: mw, request: jsonBody(EstateBody), responses: jsonOk(EstateSchema) });
const patchEst = createRoute({
  method: 'patch',
  path: '/estates/{id}',
  tags,
  middleware: mw,
  request: { params: IdParam, ...jsonBody(EstateBody.omit({ officeId: true }).partial()) },
  responses: jsonOk(EstateSchema),
});

export const orgRouter = createRouter()
  .openapi(listNodes, async (c) => c.json(await listOrgNodes({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(getNode, async (c) => c.json(await getOrgNode({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(createNode, async (c) => c.json(await createOrgNode({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(patchNode, async (c) => c.json(await updateOrgNode({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(listEst, async (c) => c.json(await listEstates({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(getEst, async (c) => c.json(await getEstate({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(createEst, async (c) => c.json(await createEstate({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(patchEst, async (c) => c.json(await updateEstate({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200));
