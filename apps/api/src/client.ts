/**
 * The typed API client for the front ends: `createClient('/api', apiFetch).units.$get({ query })`.
 * It carries no runtime of the API, only hono's small client and the route types.
 */
import { hc } from 'hono/client';
import type { AppType } from './app-type';

export type { AppType };
export function createClient(baseUrl = '/api', fetchImpl?: typeof fetch) {
  return hc<AppType>(baseUrl, fetchImpl ? { fetch: fetchImpl } : {});
}
export type ApiClient = ReturnType<typeof createClient>;
