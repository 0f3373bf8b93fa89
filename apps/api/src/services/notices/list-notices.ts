/**
 * The notices staff may see (see ./access.ts), newest change first; `estateId` narrows to one estate (404 when
 * the actor may not read it), `status` to drafts, published or withdrawn ones, `q` searches the title.
 */
import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import { notices } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { likePattern } from '../../lib/schemas';
import { noticeRightsOn, staffVisible } from './access';
import { targetsOf } from './targets';
import { staffNoticeQuery, toListItem } from './view';

export interface ListNoticesInput {
  estateId?: string | undefined;
  status?: 'draft' | 'published' | 'withdrawn' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listNotices({ ctx, input }: { ctx: StaffContext; input: ListNoticesInput }) {
  if (input.estateId) await noticeRightsOn(ctx, input.estateId);
  const where = and(
    staffVisible(ctx.actor, notices.estateId, notices.status),
    input.estateId ? eq(notices.estateId, input.estateId) : undefined,
    input.status ? eq(notices.status, input.status) : undefined,
    input.q ? ilike(notices.title, likePattern(input.q)) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    staffNoticeQuery(ctx.db)
      .where(where)
      .orderBy(desc(notices.updatedAt), desc(notices.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(notices).where(where),
  ]);
  const targets = await targetsOf(ctx.db, rows.map((r) => r.id));
  const now = ctx.clock.now();
  return { items: rows.map((r) => toListItem(r, targets.get(r.id) ?? [], now)), total: Number(count?.n ?? 0), page: input.page, pageSize: input.pageSize };
}
