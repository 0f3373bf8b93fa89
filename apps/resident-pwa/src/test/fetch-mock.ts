/** Test helper: replaces global `fetch` with a scripted one and records every call. Nothing else is mocked. */
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Reply = { status?: number; body?: unknown } | ((call: Call) => { status?: number; body?: unknown });

export function mockFetch(routes: Record<string, Reply | Reply[]> = {}) {
  const calls: Call[] = [];
  const queues = new Map<string, Reply[]>();
  for (const [k, v] of Object.entries(routes)) queues.set(k, Array.isArray(v) ? [...v] : [v]);

  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: Call = { method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    const key = `${method} ${url.pathname}`;
    const queue = queues.get(key);
    if (!queue || queue.length === 0) {
      return json(404, { error: { code: 'not_found', message: `no mock for ${key}` } });
    }
    // The last reply for a route repeats; earlier ones are used once each.
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    const r = typeof reply === 'function' ? reply(call) : reply;
    return json(r.status ?? 200, r.body ?? {});
  });
  vi.stubGlobal('fetch', fn);
  return {
    calls,
    fn,
    /** Replaces the replies for one route. */
    on(key: string, reply: Reply | Reply[]) {
      queues.set(key, Array.isArray(reply) ? [...reply] : [reply]);
    },
  };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function apiError(status: number, code: string, message = code, details?: unknown) {
  return { status, body: { error: { code, message, details } } };
}
