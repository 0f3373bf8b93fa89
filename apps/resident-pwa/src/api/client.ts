/**
 * The one place the resident app talks HTTP. Every call goes through `apiFetch` from @pm/web (session
 * cookie, no HTTP cache, the API's error shape turned into ApiError). When the typed Hono client
 * (`createClient` from @pm/api/client) is ready, it is created here with the same fetch and the
 * functions in ./resident.ts switch to it; nothing else in the app changes.
 */
import { ApiError, apiFetch } from '@pm/web/api';

type Handler = () => void;
let onUnauthenticated: Handler | null = null;

/** Called when any call comes back 401 `unauthenticated` (the session cookie expired or was revoked). */
export function setUnauthenticatedHandler(handler: Handler | null) {
  onUnauthenticated = handler;
}

/** apiFetch plus the session-expired hook; this is also the fetch to give the hc client. */
export const residentFetch: typeof fetch = async (input, init) => {
  try {
    return await apiFetch(input, init);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && e.code === 'unauthenticated') onUnauthenticated?.();
    throw e;
  }
};

type Query = Record<string, string | number | undefined>;

/** A small typed JSON request over residentFetch; paths are relative to /api. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  opts: { body?: unknown; query?: Query } = {},
): Promise<T> {
  let url = `/api${path}`;
  if (opts.query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (opts.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(opts.body);
  }
  const res = await residentFetch(url, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
