// Staff sign-in and the signed-in account (docs/api.md § Staff auth).
import { get, post } from './http';
import type { Me } from './types';

export const login = (username: string, password: string) => post<Me>('/api/auth/login', { username, password });
export const logout = () => post<{ ok: true }>('/api/auth/logout');
export const fetchMe = () => get<Me>('/api/me');
