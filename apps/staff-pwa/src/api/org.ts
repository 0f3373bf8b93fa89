// Organisation nodes (docs/api.md § Organisation).
import { api, ok, query } from './client';
import type { NodeKind, PageQuery } from './types';

export const listNodes = (q: PageQuery & { kind?: NodeKind; parentId?: string } = {}) => ok(api.org.nodes.$get({ query: query(q) }));
export const getNode = (id: string) => ok(api.org.nodes[':id'].$get({ param: { id } }));
