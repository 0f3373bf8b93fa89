/**
 * Resident login by phone + one-time code. Codes are 6 digits, hashed at rest, valid 5 minutes, single
 * use, and a code dies after 5 wrong tries. Sending is limited per phone (one a minute, 10 a day) and per IP.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { otpCodes, residentAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { Clock } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { assertWithinLimits, recordAttempt } from '../../lib/rate-limit';
import type { CodeSender } from './code-sender';
import { createSession } from './sessions';

export const OTP_TTL_SECONDS = 300;
export const OTP_MAX_ATTEMPTS = 5;

const hashCode = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

export async function sendLoginCode({ db, clock, sender, ip, phone }: { db: Db; clock: Clock; sender: CodeSender; ip: string; phone: string }) {
  await assertWithinLimits(db, clock, [
    { key: `otp-send:${phone}`, max: 1, windowSeconds: 60, countAll: true },
    { key: `otp-send:${phone}`, max: 10, windowSeconds: 24 * 3600, countAll: true },
    { key: `otp-send-ip:${ip}`, max: 30, windowSeconds: 3600, countAll: true },
  ]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    // A new code replaces any earlier one still open for this phone.
    await tx.update(otpCodes).set({ usedAt: clock.now() }).where(and(eq(otpCodes.phone, phone), isNull(otpCodes.usedAt)));
    await tx.insert(otpCodes).values({
      phone,
      codeHash: hashCode(phone, code),
      createdAt: clock.now(),
      expiresAt: new Date(clock.now().getTime() + OTP_TTL_SECONDS * 1000),
    });
    await recordAttempt(tx, clock, [`otp-send:${phone}`, `otp-send-ip:${ip}`], true);
  });
  await sender.send(phone, code);
  return { sent: true as const, expiresInSeconds: OTP_TTL_SECONDS };
}

export async function loginResident({ db, clock, ip, phone, code, requestId }: { db: Db; clock: Clock; ip: string; phone: string; code: string; requestId?: string }) {
  await assertWithinLimits(db, clock, [{ key: `otp-login-ip:${ip}`, max: 50, windowSeconds: 15 * 60 }]);
  const [open] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), isNull(otpCodes.usedAt), gt(otpCodes.expiresAt, clock.now())))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!open) {
    await recordAttempt(db, clock, [`otp-login-ip:${ip}`], false);
    throw new AppError(401, 'code_expired', '验证码已失效，请重新获取 The code has expired; request a new one');
  }
  if (open.attempts >= OTP_MAX_ATTEMPTS) {
    throw new AppError(429, 'code_locked', '错误次数过多，请重新获取验证码 Too many wrong codes; request a new one');
  }
  if (open.codeHash !== hashCode(phone, code)) {
    await db.update(otpCodes).set({ attempts: open.attempts + 1 }).where(eq(otpCodes.id, open.id));
    await recordAttempt(db, clock, [`otp-login-ip:${ip}`], false);
    throw new AppError(401, 'invalid_code', '验证码错误 Wrong code', { attemptsLeft: OTP_MAX_ATTEMPTS - open.attempts - 1 });
  }
  return db.transaction(async (tx) => {
    // Single use: only the request that flips used_at from null wins, even if two arrive at once.
    const used = await tx
      .update(otpCodes)
      .set({ usedAt: clock.now() })
      .where(and(eq(otpCodes.id, open.id), isNull(otpCodes.usedAt)))
      .returning({ id: otpCodes.id });
    if (used.length === 0) throw new AppError(401, 'code_expired', '验证码已使用 The code was already used');
    const [existing] = await tx.select().from(residentAccounts).where(eq(residentAccounts.phone, phone));
    let resident = existing;
    if (!resident) {
      [resident] = await tx.insert(residentAccounts).values({ phone, createdAt: clock.now() }).returning();
      await writeAudit(tx, { kind: 'resident', id: resident!.id }, requestId, {
        action: 'create',
        entity: 'resident_account',
        entityId: resident!.id,
        after: resident,
      });
    }
    const session = await createSession(tx, clock, 'resident', resident!.id);
    return { residentId: resident!.id, ...session };
  });
}
