// Staff accounts and their role grants.
import type { Role } from '@pm/domain';
import { del, get, patch, post, type Query, seg } from './http';
import type { Grant, PageQuery, Paged, Staff, StaffInput } from './types';

export const listStaff = (query: PageQuery = {}) => get<Paged<Staff>>('/api/staff', query as Query);
export const getStaff = (id: string) => get<Staff>(`/api/staff/${seg(id)}`);
export const createStaff = (input: StaffInput) => post<Staff>('/api/staff', input);
export const updateStaff = (id: string, input: { name?: string; phone?: string; active?: boolean; password?: string }) =>
  patch<Staff>(`/api/staff/${seg(id)}`, input);

export const addGrant = (input: { staffId: string; role: Role; nodeId: string }) => post<Grant>('/api/grants', input);
export const removeGrant = (id: string) => del(`/api/grants/${seg(id)}`);
