/**
 * Edit a notice. A draft: anything. A published notice: only whether it is pinned and when it expires (the
 * words residents may already have read stay as they were; withdraw it and write a new one to change them).
 * A withdrawn notice: nothing.
 */
import { eq } from 'drizzle-orm';
import { notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { ValidationError } from '../../lib/errors';
import { loadStaffNotice } from './access';
import { invalidTransition, parseExpiry } from './rules';
import { resolveTargets, storeTargets, type TargetInput } from './targets';
import { staffNoticeDetail } from './view';

export interface UpdateNoticeInput {
  title?: string | undefined;
  body?: string | undefined;
  pinned?: boolean | undefined;
  /** null: no expiry. */
  expiresAt?: string | null | undefined;
  targets?: TargetInput[] | undefined;
}

const CONTENT_FIELDS = ['title', 'body', 'targets'] as const;

export async function updateNotice({ ctx, id, input }: { ctx: StaffContext; id: string; input: UpdateNoticeInput }) {
  const now = ctx.clock.now();
  const expiresAt = parseExpiry(input.expiresAt, now);
  await ctx.db.transaction(async (tx) => {
    const before = await loadStaffNotice(tx, ctx.actor, id, 'write', true);
    if (before.status === 'withdrawn') throw invalidTransition(before, 'edit', '已撤回的公告不能修改 A withdrawn notice cannot be changed');
    const content = CONTENT_FIELDS.filter((f) => input[f] !== undefined);
    if (before.status === 'published' && content.length) {
      throw invalidTransition(before, 'edit', '已发布的公告只能修改置顶和到期时间 Only pinning and expiry of a published notice can change', [...content]);
    }
    if (expiresAt && before.publishAt && expiresAt <= before.publishAt) {
      throw new ValidationError('到期时间须晚于发布时间 The expiry must be after the publication time', [{ path: 'expiresAt', message: 'before publishAt' }]);
    }
    const targets = input.targets ? await resolveTargets(tx, before.estateId, input.targets) : undefined;
    const [after] = await tx
      .update(notices)
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.body !== undefined && { body: input.body }),
        ...(input.pinned !== undefined && { pinned: input.pinned }),
        ...(expiresAt !== undefined && { expiresAt }),
        updatedAt: now,
      })
      .where(eq(notices.id, id))
      .returning();
    if (targets) await storeTargets(tx, id, targets);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'notice', entityId: id, before, after: { ...after, ...(targets && { targets }) } });
  });
  return staffNoticeDetail(ctx.db, id, now);
}
