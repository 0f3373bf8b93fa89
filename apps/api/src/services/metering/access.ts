/** Who may see an estate's metering reports and review its readings (deny by default). */
import { grantsAllow } from '@pm/domain';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { loadNode } from '../../lib/scope';

/**
 * The period's reports of an estate (progress, shared usage, export, the approved usage billing reads):
 * anyone who may read its meters or review its readings. Everyone else gets 404, as for any record
 * outside their scope.
 */
export async function authorizeReport(ctx: StaffContext, estateId: string) {
  const node = await loadNode(ctx.db, estateId);
  if (node?.kind !== 'estate') throw new NotFoundError('estate');
  if (grantsAllow(ctx.actor.grants, 'meter:read', node) || grantsAllow(ctx.actor.grants, 'reading:review', node)) return node;
  throw new NotFoundError('estate');
}
