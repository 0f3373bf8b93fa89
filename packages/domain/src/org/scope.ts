/**
 * Organisation-tree scope rules. The tree is group → company → management office → estate; every node
 * carries its path, the ids from the root down to itself. A grant on a node covers the node and its
 * whole subtree, never its ancestors or siblings.
 */
import { type Permission, type Role, roleHas } from '../access/roles';

export type NodeKind = 'group' | 'company' | 'office' | 'estate';
export const NODE_KINDS: readonly NodeKind[] = ['group', 'company', 'office', 'estate'];

/** Which kind of node may sit under which: the tree's shape is fixed. */
export const CHILD_KIND: Record<NodeKind, NodeKind | null> = {
  group: 'company',
  company: 'office',
  office: 'estate',
  estate: null,
};

export interface TreeNode {
  id: string;
  /** Ids from the root to this node, inclusive. */
  path: readonly string[];
}

export interface Grant {
  role: Role;
  nodeId: string;
}

/** Is `node` inside the subtree rooted at `rootId` (the root itself included)? */
export function isWithin(node: TreeNode, rootId: string): boolean {
  return node.path.includes(rootId);
}

/** The path of a new child: the parent's path plus the child's id. */
export function childPath(parent: TreeNode, childId: string): string[] {
  return [...parent.path, childId];
}

/** Does any of the grants give `permission` on `node`? */
export function grantsAllow(grants: readonly Grant[], permission: Permission, node: TreeNode): boolean {
  return grants.some((g) => roleHas(g.role, permission) && isWithin(node, g.nodeId));
}

/** The node ids at which the grants give `permission`: the roots of the subtrees the actor may touch. */
export function scopeRoots(grants: readonly Grant[], permission: Permission): string[] {
  return [...new Set(grants.filter((g) => roleHas(g.role, permission)).map((g) => g.nodeId))];
}

/** Every node (of `nodes`) that lies in a subtree rooted at one of `rootIds`. */
export function nodesInScope<T extends TreeNode>(nodes: readonly T[], rootIds: readonly string[]): T[] {
  if (rootIds.length === 0) return [];
  const roots = new Set(rootIds);
  return nodes.filter((n) => n.path.some((id) => roots.has(id)));
}

/** The roles the grants give on `node` (from grants on it or any ancestor). */
export function rolesOn(grants: readonly Grant[], node: TreeNode): Role[] {
  return [...new Set(grants.filter((g) => isWithin(node, g.nodeId)).map((g) => g.role))];
}
