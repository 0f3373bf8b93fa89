/**
 * Rate limits for logins and one-time codes, kept in the database (auth_attempts) so every API instance
 * sees the same counts. A limit counts failures in a sliding window since the key's last success.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { authAttempts } from '../db/schema';
import type { Clock } from './context';
import { RateLimitedError } from './errors';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
  /** Count every attempt (for code sending), not only failures since the last success. */
  countAll?: boolean;
}

export async function assertWithinLimits(db: DbOrTx, clock: Clock, limits: Limit[]) {
  for (const limit of limits) {
    const since = new Date(clock.now().getTime() - limit.windowSeconds * 1000);
    const where = limit.countAll
      ? and(eq(authAttempts.key, limit.key), gt(authAttempts.at, since))
      : and(
          eq(authAttempts.key, limit.key),
          eq(authAttempts.success, false),
          gt(authAttempts.at, since),
          sql`${authAttempts.at} > coalesce((select max(a2.at) from auth_attempts a2 where a2.key = ${limit.key} and a2.success), '-infinity'::timestamptz)`,
        );
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${authAttempts.at})` })
      .from(authAttempts)
      .where(where);
    if ((row?.n ?? 0) >= limit.max) {
      const oldest = row?.oldest ? new Date(row.oldest) : clock.now();
      const retry = Math.max(1, Math.ceil((oldest.getTime() + limit.windowSeconds * 1000 - clock.now().getTime()) / 1000));
      throw new RateLimitedError(retry);
    }
  }
}

export async function recordAttempt(db: DbOrTx, clock: Clock, keys: string[], success: boolean) {
  if (keys.length === 0) return;
  await db.insert(authAttempts).values(keys.map((key) => ({ key, success, at: clock.now() })));
}
