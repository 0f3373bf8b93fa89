/**
 * Sessions: a random token in an httpOnly cookie, its sha256 in the database. Looking one up is one
 * indexed read; logging out deletes it everywhere at once (no process memory involved).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { sessions } from '../../db/schema';
import type { Clock } from '../../lib/context';

export const STAFF_COOKIE = 'pm_staff';
export const RESIDENT_COOKIE = 'pm_resident';
export const STAFF_TTL_SECONDS = 12 * 3600;
export const RESIDENT_TTL_SECONDS = 30 * 24 * 3600;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: DbOrTx, clock: Clock, kind: 'staff' | 'resident', subjectId: string) {
  const token = randomBytes(32).toString('base64url');
  const ttl = kind === 'staff' ? STAFF_TTL_SECONDS : RESIDENT_TTL_SECONDS;
  await db.insert(sessions).values({
    id: hashToken(token),
    kind,
    subjectId,
    createdAt: clock.now(),
    expiresAt: new Date(clock.now().getTime() + ttl * 1000),
  });
  return { token, maxAge: ttl };
}

export async function findSession(db: DbOrTx, clock: Clock, kind: 'staff' | 'resident', token: string) {
  const [row] = await db
    .select({ subjectId: sessions.subjectId })
    .from(sessions)
    .where(and(eq(sessions.id, hashToken(token)), eq(sessions.kind, kind), gt(sessions.expiresAt, clock.now())));
  return row?.subjectId;
}

export async function deleteSession(db: DbOrTx, token: string) {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteSessionsOf(db: DbOrTx, subjectId: string) {
  await db.delete(sessions).where(eq(sessions.subjectId, subjectId));
}
