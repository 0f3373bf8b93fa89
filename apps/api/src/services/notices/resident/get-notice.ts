/** One of the resident's notices, with its body and files; opening it marks it read. */
import { and, eq } from 'drizzle-orm';
import { noticeReads, notices } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { NotFoundError } from '../../../lib/errors';
import { attachmentsOf } from '../view';
import { residentNoticeQuery, residentVisible, toResidentItem } from './visible';

export async function getResidentNotice({ ctx, id }: { ctx: ResidentContext; id: string }) {
  const now = ctx.clock.now();
  const [row] = await residentNoticeQuery(ctx.db, ctx.actor.id).where(and(eq(notices.id, id), residentVisible(ctx.actor.id, now)));
  if (!row) throw new NotFoundError('notice');
  const [full] = await ctx.db.select({ body: notices.body }).from(notices).where(eq(notices.id, id));
  // The first opening counts; opening it again keeps the first time.
  await ctx.db.insert(noticeReads).values({ noticeId: id, residentId: ctx.actor.id, readAt: now }).onConflictDoNothing();
  return { ...toResidentItem(row), read: true, body: full!.body, attachments: await attachmentsOf(ctx.db, id, '/api/resident/notices') };
}
