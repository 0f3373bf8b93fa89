/**
 * Publish 发布 a draft: residents bound to a unit it reaches see it from `publishAt` (now by default; a later
 * time schedules it) until it expires or is withdrawn. Publishing a published notice again changes nothing.
 */
import { eq } from 'drizzle-orm';
import { noticeTargets, notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { UnprocessableError, ValidationError } from '../../lib/errors';
import { loadStaffNotice } from './access';
import { invalidTransition, PUBLISH_SLACK_MS } from './rules';
import { staffNoticeDetail } from './view';

export async function publishNotice({ ctx, id, input }: { ctx: StaffContext; id: string; input: { publishAt?: string | undefined } }) {
  const now = ctx.clock.now();
  const publishAt = input.publishAt ? new Date(input.publishAt) : now;
  if (publishAt.getTime() < now.getTime() - PUBLISH_SLACK_MS) {
    throw new ValidationError('发布时间不能早于现在 The publication time cannot be in the past', [{ path: 'publishAt', message: 'in the past' }]);
  }
  await ctx.db.transaction(async (tx) => {
    const before = await loadStaffNotice(tx, ctx.actor, id, 'write', true);
    if (before.status === 'published') return; // already done: a retry answers the notice as it is
    if (before.status !== 'draft') throw invalidTransition(before, 'published', '已撤回的公告不能再发布 A withdrawn notice cannot be published again');
    if (!(await tx.$count(noticeTargets, eq(noticeTargets.noticeId, id)))) {
      throw new UnprocessableError('notice_no_targets', '请先选择公告对象 Choose who the notice is for first');
    }
    if (before.expiresAt && before.expiresAt <= publishAt) {
      throw new ValidationError('到期时间须晚于发布时间 The expiry must be after the publication time', [{ path: 'publishAt', message: 'after expiresAt' }]);
    }
    const [after] = await tx
      .update(notices)
      .set({ status: 'published', publishAt, publishedBy: ctx.actor.id, updatedAt: now })
      .where(eq(notices.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'publish', entity: 'notice', entityId: id, before, after });
  });
  return staffNoticeDetail(ctx.db, id, now);
}
