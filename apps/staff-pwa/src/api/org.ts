// Organisation nodes (docs/api.md § Organisation).
import { get, type Query, seg } from './http';
import type { NodeKind, OrgNode, PageQuery, Paged } from './types';

export interface NodeQuery extends PageQuery {
  kind?: NodeKind;
  parentId?: string;
}

export const listNodes = (query: NodeQuery = {}) => get<Paged<OrgNode>>('/api/org/nodes', query as Query);
export const getNode = (id: string) => get<OrgNode>(`/api/org/nodes/${seg(id)}`);
