/** Withdraw 撤回 a published notice: residents no longer see it; staff keep it, marked withdrawn. Again: nothing changes. */
import { eq } from 'drizzle-orm';
import { notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { loadStaffNotice } from './access';
import { invalidTransition } from './rules';
import { staffNoticeDetail } from './view';

export async function withdrawNotice({ ctx, id, input }: { ctx: StaffContext; id: string; input: { reason?: string | undefined } }) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await loadStaffNotice(tx, ctx.actor, id, 'write', true);
    if (before.status === 'withdrawn') return;
    if (before.status !== 'published') throw invalidTransition(before, 'withdrawn', '草稿无需撤回 A draft is not published: there is nothing to withdraw');
    const [after] = await tx
      .update(notices)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawnBy: ctx.actor.id, updatedAt: now })
      .where(eq(notices.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'withdraw', entity: 'notice', entityId: id, before, after: { ...after, reason: input.reason ?? null } });
  });
  return staffNoticeDetail(ctx.db, id, now);
}
