/** A notice's file, for staff who may see the notice. */
import { and, eq } from 'drizzle-orm';
import { noticeAttachments } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { loadStaffNotice } from './access';

export async function downloadAttachment({ ctx, noticeId, attachmentId }: { ctx: StaffContext; noticeId: string; attachmentId: string }) {
  await loadStaffNotice(ctx.db, ctx.actor, noticeId, 'read');
  return loadAttachment(ctx.db, noticeId, attachmentId);
}

export async function loadAttachment(db: StaffContext['db'], noticeId: string, attachmentId: string) {
  const [file] = await db
    .select({ name: noticeAttachments.name, contentType: noticeAttachments.contentType, size: noticeAttachments.size, bytes: noticeAttachments.bytes })
    .from(noticeAttachments)
    .where(and(eq(noticeAttachments.id, attachmentId), eq(noticeAttachments.noticeId, noticeId)));
  if (!file) throw new NotFoundError('attachment');
  return file;
}
