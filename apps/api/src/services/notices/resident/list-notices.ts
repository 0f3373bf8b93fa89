/** The resident's notices: pinned first, then newest; each with its unread mark, and how many are unread. */
import { and, desc, sql } from 'drizzle-orm';
import { notices } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { countUnread } from './unread-count';
import { residentNoticeQuery, residentVisible, toResidentItem } from './visible';

export async function listResidentNotices({ ctx, input }: { ctx: ResidentContext; input: { page: number; pageSize: number } }) {
  const now = ctx.clock.now();
  const visible = residentVisible(ctx.actor.id, now);
  const [rows, [count], unread] = await Promise.all([
    residentNoticeQuery(ctx.db, ctx.actor.id)
      .where(visible)
      .orderBy(desc(notices.pinned), desc(notices.publishAt), desc(notices.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(notices).where(and(visible)),
    countUnread(ctx),
  ]);
  return { items: rows.map(toResidentItem), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize, unread };
}
