/** How many of the resident's notices they have not opened yet: the badge on 首页. */
import { and, sql } from 'drizzle-orm';
import { notices } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { residentVisible } from './visible';

export async function countUnread(ctx: ResidentContext): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notices)
    .where(
      and(
        residentVisible(ctx.actor.id, ctx.clock.now()),
        sql`not exists (select 1 from notice_reads r where r.notice_id = ${notices.id} and r.resident_id = ${ctx.actor.id}::uuid)`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function unreadCount({ ctx }: { ctx: ResidentContext }) {
  return { unread: await countUnread(ctx) };
}
