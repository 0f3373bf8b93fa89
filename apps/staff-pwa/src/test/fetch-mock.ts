/**
 * Tests mock only the network boundary: `fetch`. Routes are "METHOD /path" (query string ignored); each
 * answers with a Response or a thrown TypeError (a network failure). Every call is recorded.
 */
import { vi } from 'vitest';
import type { Me } from '../api/types';

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return json(status, { error: { code, message, details } });
}

export function networkDown(): never {
  throw new TypeError('Failed to fetch');
}

export function mockFetch(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const parsed = new URL(url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    let body: unknown = init?.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // raw text body
      }
    }
    const call: RecordedCall = {
      method,
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: new Headers(init?.headers),
      body,
    };
    calls.push(call);
    const handler = routes[`${method} ${parsed.pathname}`];
    if (!handler) return apiError(404, 'not_found', `no mock for ${method} ${parsed.pathname}`);
    return handler(call);
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'manager',
    name: '王经理',
    phone: '13800000000',
    homeNodeId: 'office-1',
    grants: [{ id: 'g1', role: 'office_manager', nodeId: 'office-1', nodeName: '阳光管理处', nodeKind: 'office' }],
    permissions: ['org:read', 'estate:read', 'unit:read', 'unit:write', 'staff:read', 'staff:write', 'grant:write', 'import:write'],
    ...overrides,
  };
}
