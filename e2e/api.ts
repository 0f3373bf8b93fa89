/** Seeding and checking through the real API from Node (a signed-in staff member's cookie). */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { baseUrl } from './browser';

export interface StaffApi {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body: unknown): Promise<T>;
}

export async function staffApi(username: string, password = 'demo1234'): Promise<StaffApi> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { cookie, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** How many requests to `path` the server has logged so far (its JSON request log). */
export function requestsLogged(path: string): number {
  return readFileSync(inject('serverLog'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"msg":"request"'))
    .filter((l) => l.includes(`"path":"${path}"`)).length;
}

/** This month as a reading period (Beijing time). */
export function currentPeriod(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

/**
 * One request with a browser's cookies (e.g. a resident's session), answering the status and the parsed body
 * without throwing: for the refusals a spec expects (404, 409…) as much as for reads.
 */
export async function callWithCookies<T = unknown>(
  context: BrowserContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const cookie = (await context.cookies(baseUrl())).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: { cookie, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
