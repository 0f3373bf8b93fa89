/**
 * Who sees which estates in the billing reports, and the small SQL helpers the reports share.
 * Reports need `report:read` (managers); payment-reminder notices need `charge:read` (customer service and
 * cashiers too). Every query is limited to the estates of the actor's subtrees for that permission
 * (`inScope`), and an optional org node filter `nodeId` (group, company, office or estate) narrows it.
 * The node must be readable: outside everything you may read → 404; readable but not reportable → 403.
 */
import { grantsAllow, type Permission } from '@pm/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../../../db';
import { orgNodes } from '../../../db/schema';
import type { StaffContext } from '../../../lib/context';
import { ForbiddenError } from '../../../lib/errors';
import { authorize, inScope, loadNode, type NodeRef, rootsFor, uuidArray } from '../../../lib/scope';

export interface ReportScope {
  /** The node filter, when one was given. */
  node: NodeRef | null;
  /** The estates the report covers (inside the actor's subtrees for the permission, and under the node). */
  estateIds: string[];
  /** SQL: `column` (an estate id) is one of those estates. */
  estates(column: AnyPgColumn | SQL): SQL;
}

/**
 * The estates a report may show. They are resolved first (a few ids, `inScope` of the actor's grants and
 * under the node) and passed to the report's query as a literal list: with the ids in hand the planner uses
 * the estate index of `charges` for a small estate instead of scanning a million charges.
 */
export async function reportScope(ctx: StaffContext, permission: Extract<Permission, 'report:read' | 'charge:read'>, nodeId?: string | undefined): Promise<ReportScope> {
  const roots = rootsFor(ctx.actor, permission);
  let node: NodeRef | null = null;
  if (nodeId) {
    const found = await loadNode(ctx.db, nodeId);
    // A node above the actor's own roots (their office's company, say) is readable and narrows nothing.
    const above = found && ctx.actor.grants.some((g) => roots.includes(g.nodeId) && g.nodePath.includes(found.id));
    node = above ? found : authorize(ctx.actor, found, permission, 'org:read', 'node');
  } else if (roots.length === 0) {
    throw new ForbiddenError();
  }
  const rows = await ctx.db
    .select({ id: orgNodes.id })
    .from(orgNodes)
    .where(and(eq(orgNodes.kind, 'estate'), inScope(orgNodes.id, ctx.actor, permission), node ? sql`${orgNodes.path} && ${uuidArray([node.id])}` : undefined));
  const estateIds = rows.map((r) => r.id);
  return {
    node,
    estateIds,
    estates: (column) => (estateIds.length ? sql`${column} = any(${uuidArray(estateIds)})` : sql`false`),
  };
}

/** Is the actor allowed `permission` on the estate node? (for single-unit endpoints) */
export function allows(ctx: StaffContext, permission: Permission, node: NodeRef) {
  return grantsAllow(ctx.actor.grants, permission, node);
}

/** Rows of a raw query, whichever driver (postgres.js returns the rows, PGlite `{ rows }`). */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * A report query that aggregates every charge in scope (a million, in a big company): run in its own
 * transaction with more working memory, so its hash aggregates stay in memory instead of spilling to disk.
 */
export async function aggregateRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return rowsOf<T>(tx, query);
  });
}

/** An amount column as the wire's decimal string ("210.02"). */
export const money = (expr: SQL) => sql`(${expr})::numeric(16,2)::text`;

/** The start of a Beijing calendar day as an instant (China has had no daylight saving since 1991). */
export const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * How each ledger entry moves what a charge owes, by kind (a reversal counts as the kind it undoes):
 * - settled 实收: payment, offset (prepaid money applied) and refund — money in, or back out;
 * - reduced 减免: discount, waiver — the company forgoes it, so it lowers the base, it is not collected;
 * - adjusted 调整: everything else that names a charge (adjustment, penalty …), signed, also the base.
 * So for any set of charges: owed = billed − reduced + adjusted − settled, to the fen.
 */
export const SETTLED_KINDS = ['payment', 'offset', 'refund'] as const;
export const REDUCED_KINDS = ['discount', 'waiver'] as const;
const list = (kinds: readonly string[]) => sql.raw(kinds.map((k) => `'${k}'`).join(', '));
/** SQL over `le` (the entry) and `orig` (the entry a reversal undoes, left-joined): the effective kind. */
const effectiveKind = sql.raw(`(case when le.kind = 'reversal' then orig.kind else le.kind end)`);
export const isSettled = sql`${effectiveKind} in (${list(SETTLED_KINDS)})`;
export const isReduced = sql`${effectiveKind} in (${list(REDUCED_KINDS)})`;
