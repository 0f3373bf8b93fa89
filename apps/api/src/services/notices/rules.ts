/** Rules every notice verb shares: expiry times, and what may still change in each status. */
import { AppError, ValidationError } from '../../lib/errors';
import type { NoticeRow } from './access';

/** A publication time may lie this far in the past (a clock a little behind), not more: no backdating. */
export const PUBLISH_SLACK_MS = 5 * 60_000;

/** `expiresAt` from the wire: absent stays absent, null clears it; a time already past is refused. */
export function parseExpiry(expiresAt: string | null | undefined, now: Date): Date | null | undefined {
  if (expiresAt === undefined || expiresAt === null) return expiresAt;
  const at = new Date(expiresAt);
  if (at.getTime() <= now.getTime()) throw new ValidationError('到期时间须晚于现在 The expiry must be in the future', [{ path: 'expiresAt', message: 'in the past' }]);
  return at;
}

/** 409 `invalid_transition` with the current status, like every other state machine of the API. */
export function invalidTransition(notice: NoticeRow, to: string, message: string, fields?: string[]) {
  return new AppError(409, 'invalid_transition', message, { status: notice.status, to, ...(fields && { fields }) });
}
