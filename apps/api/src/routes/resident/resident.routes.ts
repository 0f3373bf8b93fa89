/** The resident app's API: phone + code login, my units, binding to a unit. */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { eq } from 'drizzle-orm';
import { residentAccounts } from '../../db/schema';
import { createRouter } from '../../lib/hono';
import { Phone, Text, jsonBody, jsonOk } from '../../lib/schemas';
import { clientIp, requireResident, residentCtx } from '../../middleware/auth';
import { loginResident, sendLoginCode } from '../../services/auth/resident-otp';
import { RESIDENT_COOKIE, deleteSession } from '../../services/auth/sessions';
import { bindByOwnerMatch, bindWithInvite, listEstateNames, residentUnits } from '../../services/bindings';
import { Relation } from '../parties/parties.routes';

const ResidentUnitSchema = z
  .object({
    bindingId: z.uuid(),
    unitId: z.uuid(),
    relation: Relation,
    estateName: z.string(),
    buildingName: z.string(),
    number: z.string(),
    buildingArea: z.string(),
    type: z.enum(['residential', 'shop', 'office', 'parking', 'storage']),
  })
  .openapi('ResidentUnit');
const ResidentMeSchema = z.object({ id: z.uuid(), phone: z.string(), name: z.string(), units: z.array(ResidentUnitSchema) }).openapi('ResidentMe');

const tags = ['resident'];
const mw = requireResident;

const routes = {
  code: createRoute({
    method: 'post',
    path: '/resident/auth/code',
    tags,
    summary: 'Send a 6-digit login code to a phone (one a minute per phone)',
    request: jsonBody(z.object({ phone: Phone })),
    responses: jsonOk(z.object({ sent: z.literal(true), expiresInSeconds: z.number().int() })),
  }),
  login: createRoute({
    method: 'post',
    path: '/resident/auth/login',
    tags,
    summary: 'Log in with phone + code (sets the pm_resident cookie); the account is created on first login',
    request: jsonBody(z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/, 'six digits') })),
    responses: jsonOk(ResidentMeSchema),
  }),
  logout: createRoute({ method: 'post', path: '/resident/auth/logout', tags, responses: jsonOk(z.object({ ok: z.literal(true) })) }),
  me: createRoute({ method: 'get', path: '/resident/me', tags, middleware: mw, responses: jsonOk(ResidentMeSchema) }),
  units: createRoute({ method: 'get', path: '/resident/units', tags, middleware: mw, responses: jsonOk(z.object({ items: z.array(ResidentUnitSchema) })) }),
  bindInvite: createRoute({
    method: 'post',
    path: '/resident/bindings/invite',
    tags,
    middleware: mw,
    request: jsonBody(z.object({ code: z.string().trim().min(4).max(16) })),
    responses: jsonOk(ResidentUnitSchema),
  }),
  estates: createRoute({
    method: 'get',
    path: '/resident/estates',
    tags,
    middleware: mw,
    request: { query: z.object({ q: z.string().trim().max(60).optional() }) },
    responses: jsonOk(z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) })),
  }),
  bindMatch: createRoute({
    method: 'post',
    path: '/resident/bindings/match',
    tags,
    summary: "Bind as owner when the owner on record has this name and the resident's phone",
    middleware: mw,
    request: jsonBody(z.object({ estateId: z.uuid(), buildingName: Text(40), unitNumber: Text(20), ownerName: Text(60) })),
    responses: jsonOk(ResidentUnitSchema),
  }),
};

async function me(db: Parameters<typeof residentUnits>[0], r: { id: string; phone: string; name: string }) {
  return { id: r.id, phone: r.phone, name: r.name, units: await residentUnits(db, r.id) };
}

export const residentRouter = createRouter()
  .openapi(routes.code, async (c) => {
    const { db, clock, codeSender } = c.var.deps;
    return c.json(await sendLoginCode({ db, clock, sender: codeSender, ip: clientIp(c), phone: c.req.valid('json').phone }), 200);
  })
  .openapi(routes.login, async (c) => {
    const { db, clock, config } = c.var.deps;
    const { phone, code } = c.req.valid('json');
    const session = await loginResident({ db, clock, ip: clientIp(c), phone, code, requestId: c.var.requestId });
    setCookie(c, RESIDENT_COOKIE, session.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.cookieSecure, maxAge: session.maxAge });
    const [account] = await db.select().from(residentAccounts).where(eq(residentAccounts.id, session.residentId));
    return c.json(await me(db, account!), 200);
  })
  .openapi(routes.logout, async (c) => {
    const token = getCookie(c, RESIDENT_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    deleteCookie(c, RESIDENT_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(routes.me, async (c) => c.json(await me(c.var.deps.db, c.var.resident), 200))
  .openapi(routes.units, async (c) => c.json({ items: await residentUnits(c.var.deps.db, c.var.resident.id) }, 200))
  .openapi(routes.bindInvite, async (c) => c.json(await bindWithInvite({ ctx: residentCtx(c), code: c.req.valid('json').code }), 200))
  .openapi(routes.estates, async (c) => c.json(await listEstateNames({ ctx: residentCtx(c), q: c.req.valid('query').q }), 200))
  .openapi(routes.bindMatch, async (c) => c.json(await bindByOwnerMatch({ ctx: residentCtx(c), input: c.req.valid('json') }), 200));
