/**
 * The one place the staff app talks HTTP. Every resource module (./auth.ts, ./units.ts, …) calls these
 * helpers, so switching to the typed Hono client (`createClient` from @pm/api/client, given `apiFetch`)
 * happens here and in those modules only, never in screens or stores.
 *
 * `apiFetch` (from @pm/web/api) sends the session cookie, bypasses the HTTP cache and throws `ApiError`
 * for any non-2xx answer (status 0 for a network failure), so callers only see the happy path or an error.
 */
import { ApiError, apiFetch } from '@pm/web/api';

export { ApiError };

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type Listener = (error: ApiError) => void;
let unauthenticatedListener: Listener | null = null;

/**
 * Called when a request made with a session (anything but the login/logout calls) comes back 401: the
 * session has expired or was revoked elsewhere. The app sends the user to the login screen.
 */
export function onUnauthenticated(listener: Listener | null): void {
  unauthenticatedListener = listener;
}

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  /** A JSON body (objects) or raw bytes (sent as application/octet-stream). */
  body?: unknown;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof ArrayBuffer || opts.body instanceof Blob || ArrayBuffer.isView(opts.body)) {
    headers['Content-Type'] = 'application/octet-stream';
    body = opts.body as BodyInit;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await apiFetch(`${path}${toQueryString(opts.query)}`, { method, headers, body });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && !path.startsWith('/api/auth/')) unauthenticatedListener?.(e);
    throw e;
  }
}

async function readJson<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function get<T>(path: string, query?: Query): Promise<T> {
  return readJson<T>(await send('GET', path, { query }));
}

export async function post<T>(path: string, body?: unknown, query?: Query): Promise<T> {
  return readJson<T>(await send('POST', path, { body, query }));
}

export async function patch<T>(path: string, body: unknown): Promise<T> {
  return readJson<T>(await send('PATCH', path, { body }));
}

export async function del<T = unknown>(path: string): Promise<T> {
  return readJson<T>(await send('DELETE', path));
}

/** Encodes one path segment (ids are uuids, but never trust a route param). */
export const seg = (id: string) => encodeURIComponent(id);
