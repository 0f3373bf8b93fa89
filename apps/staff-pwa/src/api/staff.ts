// Staff accounts and their role grants.
import { api, ok, query } from './client';
import type { GrantInput, PageQuery, StaffInput, StaffPatch } from './types';

export const listStaff = (q: PageQuery = {}) => ok(api.staff.$get({ query: query(q) }));
export const getStaff = (id: string) => ok(api.staff[':id'].$get({ param: { id } }));
export const createStaff = (input: StaffInput) => ok(api.staff.$post({ json: input }));
export const updateStaff = (id: string, patch: StaffPatch) => ok(api.staff[':id'].$patch({ param: { id }, json: patch }));

export const addGrant = (input: GrantInput) => ok(api.grants.$post({ json: input }));
export const removeGrant = (id: string) => ok(api.grants[':id'].$delete({ param: { id } }));
