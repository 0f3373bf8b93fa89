/** Staff login: username + password, rate-limited per account and per IP, audited. */
import { eq } from 'drizzle-orm';
import { staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { Clock } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { dummyHash, verifyPassword } from '../../lib/password';
import { assertWithinLimits, recordAttempt } from '../../lib/rate-limit';
import type { Db } from '../../db';
import { createSession } from './sessions';

export const LOGIN_LIMITS = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

export async function loginStaff({ db, clock, ip, requestId, input }: { db: Db; clock: Clock; ip: string; requestId?: string; input: { username: string; password: string } }) {
  const username = input.username.trim().toLowerCase();
  const keys = [`staff:${username}`, `ip:${ip}`];
  await assertWithinLimits(db, clock, [
    { key: keys[0]!, max: LOGIN_LIMITS.perAccount, windowSeconds: LOGIN_LIMITS.windowSeconds },
    { key: keys[1]!, max: LOGIN_LIMITS.perIp, windowSeconds: LOGIN_LIMITS.windowSeconds },
  ]);
  const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username));
  // Verify against a dummy hash for unknown users so the timing does not reveal which usernames exist.
  const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash()));
  if (!staff || !ok || !staff.active) {
    await recordAttempt(db, clock, keys, false);
    throw new AppError(401, 'invalid_credentials', '账号或密码错误 Wrong username or password');
  }
  await recordAttempt(db, clock, keys, true);
  const session = await createSession(db, clock, 'staff', staff.id);
  await writeAudit(db, { kind: 'staff', id: staff.id }, requestId, { action: 'login', entity: 'staff_account', entityId: staff.id });
  return { staffId: staff.id, ...session };
}
