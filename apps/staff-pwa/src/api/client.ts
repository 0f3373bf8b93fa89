/**
 * The one place the staff app talks HTTP: the typed Hono client over the API's routes
 * (`createClient` from @pm/api/client), given `apiFetch` from @pm/web/api, which sends the session
 * cookie, bypasses the HTTP cache and throws `ApiError` for any non-2xx answer (status 0 for a network
 * failure). The resource modules beside this file wrap it; screens and stores never call fetch.
 */
import { createClient } from '@pm/api/client';
import { ApiError, apiFetch } from '@pm/web/api';

export { ApiError };

type Listener = (error: ApiError) => void;
let unauthenticatedListener: Listener | null = null;

/**
 * Called when a request made with a session (anything but the login/logout calls) comes back 401: the
 * session expired or was revoked elsewhere. main.ts sends the user to the login screen.
 */
export function onUnauthenticated(listener: Listener | null): void {
  unauthenticatedListener = listener;
}

const sessionFetch: typeof fetch = async (input, init) => {
  try {
    return await apiFetch(input, init);
  } catch (e) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (e instanceof ApiError && e.status === 401 && !url.includes('/api/auth/')) unauthenticatedListener?.(e);
    throw e;
  }
};

export const api = createClient('/api', sessionFetch);
export type Api = typeof api;

/** The body of a 2xx answer (errors were already thrown by apiFetch), typed from the route's 200 schema. */
type OkBody<R> = R extends { status: infer S; json(): Promise<infer T> } ? (S extends 200 ? T : never) : never;
export async function ok<R extends { status: number; json(): Promise<unknown> }>(request: Promise<R>): Promise<OkBody<R>> {
  const res = await request;
  return (await res.json()) as OkBody<R>;
}

type QueryValue = string | number | boolean | null | undefined;
/** Strings stay what they are (enums keep their literal types); numbers and booleans become strings. */
type Wire<T> = { [K in keyof T]?: NonNullable<T[K]> extends string ? NonNullable<T[K]> : string };
/**
 * A query object as the client sends it: numbers as strings, empty values left out (an empty `q` means
 * "no search"; an empty id would fail the API's uuid check).
 */
export function query<T extends { [K in keyof T]: QueryValue }>(q: T): Wire<T> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = String(value);
  }
  return out as Wire<T>;
}
