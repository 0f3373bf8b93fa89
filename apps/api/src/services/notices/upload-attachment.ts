/**
 * Attach a file (PDF or image, ≤ 5 MB) to a draft, under an id made by the client: uploading the same id
 * again changes nothing (409 when that id is another notice's file). The bytes live in the database, like
 * meter photos. Only drafts take files: what residents were shown does not change under them.
 */
import { eq } from 'drizzle-orm';
import { noticeAttachments, notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { ConflictError, UnprocessableError } from '../../lib/errors';
import { loadStaffNotice } from './access';
import { checkFile, displayName, MAX_ATTACHMENTS } from './files';
import { invalidTransition } from './rules';

export interface UploadAttachmentInput {
  noticeId: string;
  attachmentId: string;
  name?: string | undefined;
  bytes: Uint8Array;
}

export async function uploadAttachment({ ctx, input }: { ctx: StaffContext; input: UploadAttachmentInput }) {
  const contentType = checkFile(input.bytes);
  const name = displayName(input.name, contentType);
  return ctx.db.transaction(async (tx) => {
    const notice = await loadStaffNotice(tx, ctx.actor, input.noticeId, 'write', true);
    const [existing] = await tx
      .select({ noticeId: noticeAttachments.noticeId, name: noticeAttachments.name, contentType: noticeAttachments.contentType, size: noticeAttachments.size, createdAt: noticeAttachments.createdAt })
      .from(noticeAttachments)
      .where(eq(noticeAttachments.id, input.attachmentId));
    if (existing) {
      if (existing.noticeId !== input.noticeId) throw new ConflictError('这个附件编号属于另一条公告 This attachment id belongs to another notice', { id: input.attachmentId });
      return view(input.noticeId, input.attachmentId, existing);
    }
    if (notice.status !== 'draft') throw invalidTransition(notice, 'edit', '只有草稿可以添加附件 Only a draft takes attachments');
    if ((await tx.$count(noticeAttachments, eq(noticeAttachments.noticeId, input.noticeId))) >= MAX_ATTACHMENTS) {
      throw new UnprocessableError('too_many_attachments', `一条公告最多 ${MAX_ATTACHMENTS} 个附件 At most ${MAX_ATTACHMENTS} attachments per notice`, { max: MAX_ATTACHMENTS });
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(noticeAttachments)
      .values({ id: input.attachmentId, noticeId: input.noticeId, name, contentType, size: input.bytes.byteLength, bytes: input.bytes, createdBy: ctx.actor.id, createdAt: now })
      .returning({ name: noticeAttachments.name, contentType: noticeAttachments.contentType, size: noticeAttachments.size, createdAt: noticeAttachments.createdAt });
    await tx.update(notices).set({ updatedAt: now }).where(eq(notices.id, input.noticeId));
    const meta = view(input.noticeId, input.attachmentId, row!);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'attach', entity: 'notice', entityId: input.noticeId, after: meta });
    return meta;
  });
}

function view(noticeId: string, id: string, a: { name: string; contentType: string; size: number; createdAt: Date }) {
  return { id, noticeId, name: a.name, contentType: a.contentType, size: a.size, createdAt: a.createdAt.toISOString(), url: `/api/notices/${noticeId}/attachments/${id}` };
}
