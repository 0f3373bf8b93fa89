/** Loads the actor from the session cookie; routes that need one fail closed with 401. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { eq } from 'drizzle-orm';
import { residentAccounts } from '../db/schema';
import type { AppEnv } from '../lib/hono';
import { UnauthenticatedError } from '../lib/errors';
import { RESIDENT_COOKIE, STAFF_COOKIE, findSession, hashToken } from '../services/auth/sessions';
import { loadStaffActorBySession } from '../services/auth/staff-actor';

export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  const { db, clock } = c.var.deps;
  const token = getCookie(c, STAFF_COOKIE);
  const actor = token ? await loadStaffActorBySession(db, hashToken(token), clock.now()) : undefined;
  if (!actor) throw new UnauthenticatedError();
  c.set('staff', actor);
  await next();
});

export const requireResident = createMiddleware<AppEnv>(async (c, next) => {
  const { db, clock } = c.var.deps;
  const token = getCookie(c, RESIDENT_COOKIE);
  const residentId = token ? await findSession(db, clock, 'resident', token) : undefined;
  const [row] = residentId ? await db.select().from(residentAccounts).where(eq(residentAccounts.id, residentId)) : [];
  if (!row) throw new UnauthenticatedError();
  c.set('resident', { kind: 'resident', id: row.id, phone: row.phone, name: row.name });
  await next();
});

/** The client's IP: the socket's, or X-Forwarded-For's first hop when running behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.deps.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function staffCtx(c: Context<AppEnv>) {
  return { db: c.var.deps.db, clock: c.var.deps.clock, actor: c.var.staff, requestId: c.var.requestId };
}
export function residentCtx(c: Context<AppEnv>) {
  return { db: c.var.deps.db, clock: c.var.deps.clock, actor: c.var.resident, requestId: c.var.requestId };
}
