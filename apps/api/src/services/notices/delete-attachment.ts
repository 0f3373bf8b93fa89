/** Remove a file from a draft (published notices keep theirs). Removing one that is already gone: 404. */
import { and, eq } from 'drizzle-orm';
import { noticeAttachments, notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { loadStaffNotice } from './access';
import { invalidTransition } from './rules';

export async function deleteAttachment({ ctx, noticeId, attachmentId }: { ctx: StaffContext; noticeId: string; attachmentId: string }) {
  await ctx.db.transaction(async (tx) => {
    const notice = await loadStaffNotice(tx, ctx.actor, noticeId, 'write', true);
    if (notice.status !== 'draft') throw invalidTransition(notice, 'edit', '只有草稿可以删除附件 Only a draft’s attachments can be removed');
    const [gone] = await tx
      .delete(noticeAttachments)
      .where(and(eq(noticeAttachments.id, attachmentId), eq(noticeAttachments.noticeId, noticeId)))
      .returning({ id: noticeAttachments.id, name: noticeAttachments.name, contentType: noticeAttachments.contentType, size: noticeAttachments.size });
    if (!gone) throw new NotFoundError('attachment');
    await tx.update(notices).set({ updatedAt: ctx.clock.now() }).where(eq(notices.id, noticeId));
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'detach', entity: 'notice', entityId: noticeId, before: gone });
  });
  return { ok: true as const };
}
