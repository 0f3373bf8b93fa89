/** 收费项目: list the items usable in an estate, create one on an org node. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { feeItems, orgNodes } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { authorizeNode } from '../../lib/scope';
import { visibleUpAndDown } from './access';

type Category = (typeof feeItems.$inferSelect)['category'];

const columns = { id: feeItems.id, nodeId: feeItems.nodeId, nodeName: orgNodes.name, name: feeItems.name, category: feeItems.category, active: feeItems.active };

function toItem(r: { id: string; nodeId: string; nodeName: string; name: string; category: Category; active: number }) {
  return { ...r, active: r.active === 1 };
}

/** Items the actor may see; with `estateId`, only those defined on that estate or above it. */
export async function listFeeItems({ ctx, input }: { ctx: StaffContext; input: { estateId?: string | undefined } }) {
  const where = [visibleUpAndDown(feeItems.nodeId, ctx, 'fee:read')];
  if (input.estateId) {
    const estate = await authorizeNode(ctx.db, ctx.actor, input.estateId, 'fee:read', 'fee:read', 'estate');
    // Items defined on the estate or above it (its office, company, group) apply to it.
    where.push(inArray(feeItems.nodeId, estate.path));
  }
  const rows = await ctx.db
    .select(columns)
    .from(feeItems)
    .innerJoin(orgNodes, eq(orgNodes.id, feeItems.nodeId))
    .where(and(...where))
    .orderBy(asc(feeItems.category), asc(feeItems.name));
  return { items: rows.map(toItem) };
}

export async function getFeeItem(ctx: StaffContext, id: string) {
  const [row] = await ctx.db
    .select(columns)
    .from(feeItems)
    .innerJoin(orgNodes, eq(orgNodes.id, feeItems.nodeId))
    .where(and(eq(feeItems.id, id), visibleUpAndDown(feeItems.nodeId, ctx, 'fee:read')));
  if (!row) throw new NotFoundError('fee item');
  return toItem(row);
}

export async function createFeeItem({ ctx, input }: { ctx: StaffContext; input: { nodeId: string; name: string; category: Category } }) {
  await authorizeNode(ctx.db, ctx.actor, input.nodeId, 'fee:write', 'fee:read', 'node');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(feeItems).values(input).returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'fee_item', entityId: row!.id, after: row });
    return row!.id;
  });
  return getFeeItem(ctx, id);
}
