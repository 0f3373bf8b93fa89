// Staff sign-in and the signed-in account (docs/api.md § Staff auth).
import { api, ok } from './client';

export const login = (username: string, password: string) => ok(api.auth.login.$post({ json: { username, password } }));
export const logout = () => ok(api.auth.logout.$post());
export const fetchMe = () => ok(api.me.$get());
