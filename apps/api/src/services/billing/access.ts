/**
 * Who may see and do what in billing. Fee items belong to an org node (usually the company) and are seen by
 * everyone working below it; standards, charges, receipts and accounts belong to an estate and follow the
 * usual subtree scope (404 when you cannot read it, 403 when you can read but not act).
 */
import type { Permission } from '@pm/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { orgNodes } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { authorizeNode, rootsFor, uuidArray } from '../../lib/scope';

/** `column` is a node inside the actor's subtrees for `permission`, or one of their ancestors. */
export function visibleUpAndDown(column: AnyPgColumn | SQL, ctx: StaffContext, permission: Permission): SQL {
  const roots = rootsFor(ctx.actor, permission);
  if (roots.length === 0) return sql`false`;
  const ancestors = [...new Set(ctx.actor.grants.filter((g) => roots.includes(g.nodeId)).flatMap((g) => g.nodePath))];
  return sql`(${column} in (select ${orgNodes.id} from ${orgNodes} where ${orgNodes.path} && ${uuidArray(roots)}) or ${column} = any(${uuidArray(ancestors)}))`;
}

/** The estate, when the actor may do `permission` there (reading needs `charge:read` or `fee:read`). */
export function authorizeEstate(ctx: StaffContext, estateId: string, permission: Permission, readPermission: Permission = 'charge:read') {
  return authorizeNode(ctx.db, ctx.actor, estateId, permission, readPermission, 'estate');
}
