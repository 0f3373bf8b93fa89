/**
 * Deny-by-default scoping. The rules (which grant covers which node) are pure functions in @pm/domain;
 * this file turns them into SQL filters and per-row checks. Every list a staff member sees is filtered by
 * `inScope(...)`; every single-row read or write goes through `authorizeNode(...)`.
 */
import { type Permission, grantsAllow, scopeRoots } from '@pm/domain';
import { type SQL, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db';
import { orgNodes } from '../db/schema';
import type { StaffActor } from './context';
import { ForbiddenError, NotFoundError } from './errors';

export function rootsFor(actor: StaffActor, permission: Permission): string[] {
  return scopeRoots(actor.grants, permission);
}

export function uuidArray(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`ARRAY[]::uuid[]`;
  return sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

/** `column` holds an org node id that lies inside one of the subtrees where the actor has `permission`. */
export function inScope(column: AnyPgColumn | SQL, actor: StaffActor, permission: Permission): SQL {
  const roots = rootsFor(actor, permission);
  if (roots.length === 0) return sql`false`;
  return sql`${column} in (select ${orgNodes.id} from ${orgNodes} where ${orgNodes.path} && ${uuidArray(roots)})`;
}

export interface NodeRef {
  id: string;
  path: string[];
  kind: 'group' | 'company' | 'office' | 'estate';
  name: string;
  parentId: string | null;
}

export async function loadNode(db: DbOrTx, id: string): Promise<NodeRef | undefined> {
  const [row] = await db
    .select({ id: orgNodes.id, path: orgNodes.path, kind: orgNodes.kind, name: orgNodes.name, parentId: orgNodes.parentId })
    .from(orgNodes)
    .where(eq(orgNodes.id, id));
  return row;
}

/**
 * May the actor do `permission` on the node? Someone who cannot even read the node gets 404, so the API
 * never confirms that a record outside their scope exists; someone who can read but not write gets 403.
 */
export function authorize(actor: StaffActor, node: NodeRef | undefined, permission: Permission, readPermission: Permission, entity: string) {
  if (!node) throw new NotFoundError(entity);
  if (grantsAllow(actor.grants, permission, node)) return node;
  if (permission !== readPermission && grantsAllow(actor.grants, readPermission, node)) throw new ForbiddenError();
  throw new NotFoundError(entity);
}

export async function authorizeNode(db: DbOrTx, actor: StaffActor, nodeId: string, permission: Permission, readPermission: Permission, entity: string) {
  return authorize(actor, await loadNode(db, nodeId), permission, readPermission, entity);
}
