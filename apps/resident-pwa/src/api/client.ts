/**
 * The one place the resident app talks HTTP: the typed Hono client (`createClient` from @pm/api/client,
 * `hc<AppType>`) over `apiFetch` from @pm/web (session cookie, no HTTP cache, the API's error shape
 * turned into ApiError), plus a hook for a session that expired mid-way.
 */
import { createClient } from '@pm/api/client';
import { ApiError, apiFetch } from '@pm/web/api';

type Handler = () => void;
let onUnauthenticated: Handler | null = null;

/** Called when any call comes back 401 `unauthenticated` (the session cookie expired or was revoked). */
export function setUnauthenticatedHandler(handler: Handler | null) {
  onUnauthenticated = handler;
}

/** apiFetch plus the session-expired hook. */
export const residentFetch: typeof fetch = async (input, init) => {
  try {
    return await apiFetch(input, init);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && e.code === 'unauthenticated') onUnauthenticated?.();
    throw e;
  }
};

export const api = createClient('/api', residentFetch);
