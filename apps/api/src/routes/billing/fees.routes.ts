/** Fee items 收费项目, fee standards 收费标准 (create, revise the price from a date) and billing settings. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/hono';
import { ValidationError } from '../../lib/errors';
import { IdParam, IsoDate, Text, jsonBody, jsonOk } from '../../lib/schemas';
import { requireStaff, staffCtx } from '../../middleware/auth';
import { createFeeItem, listFeeItems } from '../../services/billing/fee-items';
import { type StandardParams as ParamsType, createFeeStandard, listFeeStandards, reviseFeeStandard } from '../../services/billing/fee-standards';
import { getSettings, putSettings } from '../../services/billing/settings';
import { CreateStandardBody, FeeCategory, FeeItemSchema, FeeStandardSchema, PARAMS_BY_KIND, SettingsBody, SettingsSchema, StandardParams } from './billing.schemas';

const tags = ['billing'];
const mw = requireStaff;
const EstateParam = z.object({ estateId: z.uuid().openapi({ param: { name: 'estateId', in: 'path' } }) });

const routes = {
  listItems: createRoute({
    method: 'get',
    path: '/fee-items',
    tags,
    summary: 'Fee items you may use; estateId= those defined on the estate or above it',
    middleware: mw,
    request: { query: z.object({ estateId: z.uuid().optional() }) },
    responses: jsonOk(z.object({ items: z.array(FeeItemSchema) })),
  }),
  createItem: createRoute({
    method: 'post',
    path: '/fee-items',
    tags,
    middleware: mw,
    request: jsonBody(z.object({ nodeId: z.uuid(), name: Text(40), category: FeeCategory })),
    responses: jsonOk(FeeItemSchema),
  }),
  listStandards: createRoute({
    method: 'get',
    path: '/fee-standards',
    tags,
    middleware: mw,
    request: { query: z.object({ estateId: z.uuid() }) },
    responses: jsonOk(z.object({ items: z.array(FeeStandardSchema) })),
  }),
  createStandard: createRoute({ method: 'post', path: '/fee-standards', tags, middleware: mw, request: jsonBody(CreateStandardBody), responses: jsonOk(FeeStandardSchema) }),
  revise: createRoute({
    method: 'post',
    path: '/fee-standards/{id}/revise',
    tags,
    summary: 'A price change from a date: a new standard; the old one ends the day before; posted charges never change',
    middleware: mw,
    request: { params: IdParam, ...jsonBody(z.object({ effectiveFrom: IsoDate, params: StandardParams, name: Text(60).optional() })) },
    responses: jsonOk(FeeStandardSchema),
  }),
  getSettings: createRoute({ method: 'get', path: '/billing-settings/{estateId}', tags, middleware: mw, request: { params: EstateParam }, responses: jsonOk(SettingsSchema) }),
  putSettings: createRoute({
    method: 'put',
    path: '/billing-settings/{estateId}',
    tags,
    summary: 'Vacancy discount, late fee (off by default), prepayment discount, approval threshold',
    middleware: mw,
    request: { params: EstateParam, ...jsonBody(SettingsBody) },
    responses: jsonOk(SettingsSchema),
  }),
};

export const feesRouter = createRouter()
  .openapi(routes.listItems, async (c) => c.json(await listFeeItems({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.createItem, async (c) => c.json(await createFeeItem({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(routes.listStandards, async (c) => c.json(await listFeeStandards({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(routes.createStandard, async (c) => {
    const input = c.req.valid('json');
    const params = PARAMS_BY_KIND[input.kind].safeParse(input.params);
    if (!params.success) throw new ValidationError(`params do not fit kind ${input.kind}`, params.error.issues.map((i) => ({ path: `params.${i.path.join('.')}`, message: i.message })));
    return c.json(await createFeeStandard({ ctx: staffCtx(c), input: { ...input, params: params.data as ParamsType } }), 200);
  })
  .openapi(routes.revise, async (c) => c.json(await reviseFeeStandard({ ctx: staffCtx(c), id: c.req.valid('param').id, input: { ...c.req.valid('json'), params: c.req.valid('json').params as ParamsType } }), 200))
  .openapi(routes.getSettings, async (c) => c.json(await getSettings({ ctx: staffCtx(c), estateId: c.req.valid('param').estateId }), 200))
  .openapi(routes.putSettings, async (c) => c.json(await putSettings({ ctx: staffCtx(c), estateId: c.req.valid('param').estateId, input: c.req.valid('json') }), 200));
