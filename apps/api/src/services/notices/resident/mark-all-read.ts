/** 全部已读: every notice the resident sees now counts as read (their first reading times are kept). */
import { sql } from 'drizzle-orm';
import { noticeReads, notices } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { residentVisible } from './visible';

export async function markAllRead({ ctx }: { ctx: ResidentContext }) {
  const now = ctx.clock.now();
  const marked = await ctx.db
    .insert(noticeReads)
    .select(
      ctx.db
        .select({ noticeId: notices.id, residentId: sql`${ctx.actor.id}::uuid`.as('resident_id'), readAt: sql`${now.toISOString()}::timestamptz`.as('read_at') })
        .from(notices)
        .where(residentVisible(ctx.actor.id, now)),
    )
    .onConflictDoNothing()
    .returning({ noticeId: noticeReads.noticeId });
  return { marked: marked.length, unread: 0 };
}
