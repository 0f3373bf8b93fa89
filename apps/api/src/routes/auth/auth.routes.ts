/** Staff login, logout and "who am I". */
import { createRoute, z } from '@hono/zod-openapi';
import { type Permission, ROLE_PERMISSIONS } from '@pm/domain';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { StaffActor } from '../../lib/context';
import { createRouter } from '../../lib/hono';
import { jsonBody, jsonOk } from '../../lib/schemas';
import { clientIp, requireStaff } from '../../middleware/auth';
import { loginStaff } from '../../services/auth/login-staff';
import { STAFF_COOKIE, deleteSession } from '../../services/auth/sessions';
import { loadStaffActor } from '../../services/auth/staff-actor';
import { LoginBody, MeSchema } from './auth.schemas';

export function toMe(actor: StaffActor) {
  const permissions = new Set<Permission>();
  for (const g of actor.grants) for (const p of ROLE_PERMISSIONS[g.role]) permissions.add(p);
  return {
    id: actor.id,
    username: actor.username,
    name: actor.name,
    phone: actor.phone,
    homeNodeId: actor.homeNodeId,
    grants: actor.grants.map((g) => ({ id: g.id, role: g.role, nodeId: g.nodeId, nodeName: g.nodeName, nodeKind: g.nodeKind })),
    permissions: [...permissions],
  };
}

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Staff login with username and password (sets the pm_staff cookie)',
  request: jsonBody(LoginBody),
  responses: jsonOk(MeSchema),
});
const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the staff session',
  responses: jsonOk(z.object({ ok: z.literal(true) })),
});
const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The logged-in staff member, their grants and permissions',
  middleware: requireStaff,
  responses: jsonOk(MeSchema),
});

export const authRouter = createRouter()
  .openapi(login, async (c) => {
    const { db, clock, config } = c.var.deps;
    const session = await loginStaff({ db, clock, ip: clientIp(c), requestId: c.var.requestId, input: c.req.valid('json') });
    setCookie(c, STAFF_COOKIE, session.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.cookieSecure, maxAge: session.maxAge });
    const actor = await loadStaffActor(db, session.staffId);
    return c.json(toMe(actor!), 200);
  })
  .openapi(logout, async (c) => {
    const token = getCookie(c, STAFF_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    deleteCookie(c, STAFF_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(me, (c) => c.json(toMe(c.var.staff), 200));
