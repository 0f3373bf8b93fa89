/**
 * Who may see and change which notice. A notice belongs to an estate:
 * - `notice:write` on the estate (customer service, managers): every notice there, drafts included, and may
 *   create, edit, publish, withdraw and attach.
 * - `estate:read` only (cashiers, technicians, readers): the published ones, read only — drafts are work in
 *   progress and withdrawn ones were taken back, so they are not theirs to see.
 * A notice the actor may not see is 404 (its existence is not revealed); one they see but may not change, 403.
 */
import { grantsAllow } from '@pm/domain';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db';
import { notices } from '../../db/schema';
import type { StaffActor, StaffContext } from '../../lib/context';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { authorize, inScope, loadNode } from '../../lib/scope';

export type NoticeRow = typeof notices.$inferSelect;

/** The estate, when the actor may write notices there (403 when they may only read it, 404 otherwise). */
export async function authorizeNoticeEstate(ctx: StaffContext, estateId: string) {
  const node = await loadNode(ctx.db, estateId);
  return authorize(ctx.actor, node?.kind === 'estate' ? node : undefined, 'notice:write', 'estate:read', 'estate');
}

/** May the actor read the notices of the estate at all (404 otherwise)? Returns whether they may also write. */
export async function noticeRightsOn(ctx: StaffContext, estateId: string): Promise<{ write: boolean }> {
  const node = await loadNode(ctx.db, estateId);
  if (node?.kind !== 'estate') throw new NotFoundError('estate');
  if (grantsAllow(ctx.actor.grants, 'notice:write', node)) return { write: true };
  if (grantsAllow(ctx.actor.grants, 'estate:read', node)) return { write: false };
  throw new NotFoundError('estate');
}

/**
 * Loads a notice for reading (`mode: 'read'`) or changing (`'write'`), locking it when `forUpdate` (inside a
 * transaction). Throws 404 when the actor may not see it, 403 when they may see but not change it.
 */
export async function loadStaffNotice(db: DbOrTx, actor: StaffActor, id: string, mode: 'read' | 'write', forUpdate = false): Promise<NoticeRow> {
  const query = db.select().from(notices).where(eq(notices.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('notice');
  const node = await loadNode(db, row.estateId);
  const write = !!node && grantsAllow(actor.grants, 'notice:write', node);
  const read = write || (!!node && row.status === 'published' && grantsAllow(actor.grants, 'estate:read', node));
  if (!read) throw new NotFoundError('notice');
  if (mode === 'write' && !write) throw new ForbiddenError();
  return row;
}

/** SQL: the notice row (its estate `estateColumn`, its `statusColumn`) is one the actor may see in lists. */
export function staffVisible(actor: StaffActor, estateColumn: AnyPgColumn, statusColumn: AnyPgColumn): SQL {
  return sql`(${inScope(estateColumn, actor, 'notice:write')} or (${statusColumn} = 'published' and ${inScope(estateColumn, actor, 'estate:read')}))`;
}
