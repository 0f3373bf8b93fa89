/** A file of one of the resident's notices (the same visibility as the notice itself). */
import { and, eq } from 'drizzle-orm';
import { notices } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { NotFoundError } from '../../../lib/errors';
import { loadAttachment } from '../download-attachment';
import { residentVisible } from './visible';

export async function downloadResidentAttachment({ ctx, noticeId, attachmentId }: { ctx: ResidentContext; noticeId: string; attachmentId: string }) {
  const visible = await ctx.db.$count(notices, and(eq(notices.id, noticeId), residentVisible(ctx.actor.id, ctx.clock.now())));
  if (!visible) throw new NotFoundError('notice');
  return loadAttachment(ctx.db, noticeId, attachmentId);
}
