/** Create a notice as a draft 草稿 in an estate (notice:write there). The id may be the client's: the same again answers the stored one. */
import { eq } from 'drizzle-orm';
import { notices } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { ConflictError } from '../../lib/errors';
import { authorizeNoticeEstate, loadStaffNotice } from './access';
import { parseExpiry } from './rules';
import { resolveTargets, storeTargets, type TargetInput } from './targets';
import { staffNoticeDetail } from './view';

export interface CreateNoticeInput {
  id?: string | undefined;
  estateId: string;
  title: string;
  body: string;
  pinned?: boolean | undefined;
  expiresAt?: string | null | undefined;
  targets?: TargetInput[] | undefined;
}

export async function createNotice({ ctx, input }: { ctx: StaffContext; input: CreateNoticeInput }) {
  await authorizeNoticeEstate(ctx, input.estateId);
  const now = ctx.clock.now();
  const replay = async (id: string) => {
    const stored = await loadStaffNotice(ctx.db, ctx.actor, id, 'read').catch(() => null);
    if (!stored || stored.estateId !== input.estateId) throw new ConflictError('这个公告编号已被使用 This notice id is taken', { id });
    return staffNoticeDetail(ctx.db, id, now);
  };
  if (input.id && (await ctx.db.$count(notices, eq(notices.id, input.id)))) return replay(input.id);

  const expiresAt = parseExpiry(input.expiresAt, now) ?? null;
  const targets = await resolveTargets(ctx.db, input.estateId, input.targets ?? []);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notices)
      .values({
        ...(input.id && { id: input.id }),
        estateId: input.estateId,
        title: input.title,
        body: input.body,
        pinned: input.pinned ?? false,
        expiresAt,
        createdBy: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: notices.id })
      .returning();
    if (!row) return null; // the same id created concurrently: the other request stored it
    await storeTargets(tx, row.id, targets);
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'notice', entityId: row.id, after: { ...row, targets } });
    return row.id;
  });
  return id ? staffNoticeDetail(ctx.db, id, now) : replay(input.id!);
}
