/** Staff accounts and grants. */
import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '@pm/domain';
import { createRouter } from '../../lib/hono';
import { GrantSummarySchema } from '../auth/auth.schemas';
import { IdParam, LoosePhone, PageQuery, Text, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createGrant, createStaff, deleteGrant, getStaff, listStaff, updateStaff } from '../../services/staff';

const GrantSchema = GrantSummarySchema.extend({ staffId: z.uuid() }).openapi('Grant');
export const StaffSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    homeNodeId: z.uuid(),
    active: z.boolean(),
    grants: z.array(GrantSchema),
  })
  .openapi('Staff');

const tags = ['staff'];
const mw = requireStaff;
const Password = z.string().min(8, 'at least 8 characters').max(200);
const StaffBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '3–32 letters, digits, _ . -; starts with a letter'),
  name: Text(40),
  phone: LoosePhone.nullable().optional(),
  password: Password,
  homeNodeId: z.uuid(),
});

const routes = {
  list: createRoute({ method: 'get', path: '/staff', tags, middleware: mw, request: { query: PageQuery }, responses: jsonOk(paged(StaffSchema)) }),
  get: createRoute({ method: 'get', path: '/staff/{id}', tags, middleware: mw, request: { params: IdParam }, responses: jsonOk(StaffSchema) }),
  create: createRoute({ method: 'post', path: '/staff', tags, middleware: mw, request: jsonBody(StaffBody), responses: jsonOk(StaffSchema) }),
  patch: createRoute({
    method: 'patch',
    path: '/staff/{id}',
    tags,
    middleware: mw,
    request: {
      params: IdParam,
      ...jsonBody(z.object({ name: Text(40).optional(), phone: LoosePhone.nullable().optional(), active: z.boolean().optional(), password: Password.optional() })),
    },
    responses: jsonOk(StaffSchema),
  }),
  grant: createRoute({
    method: 'post',
    path: '/grants',
    tags,
    summary: 'Grant a role on an org node (covers its subtree); only roles not above your own',
    middleware: mw,
    request: jsonBody(z.object({ staffId: z.uuid(), role: z.enum(ROLES), nodeId: z.uuid() })),
    responses: jsonOk(GrantSchema),
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/grants/{id}',
    tags,
    middleware: mw,
    request: { params: IdParam },
    responses: jsonOk(z.object({ ok: z.literal(true) })),
  }),
};

export const staffRouter = createRouter()
  .openapi(routes.list, async (c) => c.json(await listStaff({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.get, async (c) => c.json(await getStaff({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(routes.create, async (c) => c.json(await createStaff({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.patch, async (c) => c.json(await updateStaff({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(routes.grant, async (c) => c.json(await createGrant({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.revoke, async (c) => c.json(await deleteGrant({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200));
