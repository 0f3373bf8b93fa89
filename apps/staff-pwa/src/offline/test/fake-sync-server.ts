/**
 * An in-memory stand-in for the sync endpoints, behind a fetch function (the only thing tests mock).
 * It behaves as the real server must: a command id is applied at most once (a resend answers 'duplicate'
 * with the stored row), photos are stored by id. Failures can be planned per request.
 */
import './idb-env';
import { vi } from 'vitest';
import { StaffDb } from '../db';

export interface WireCommand {
  id: string;
  type: string;
  at: string;
  payload: any;
}

export interface StoredRow {
  id: string;
  type: string;
  at: string;
  payload: any;
  seq: number;
}

/** What the next request does instead of (or after) being handled normally. */
export type Failure =
  | 'network' // fetch rejects, the server never saw it
  | 'drop-after-commit' // the server applied it, then the answer was lost
  | 'html' // a captive portal answers 200 with a page
  | { status: number; code?: string; message?: string; headers?: Record<string, string> };

export interface CommandRequest {
  deviceId: string;
  ids: string[];
  init: RequestInit;
}

export function createFakeSyncServer(
  options: { reject?: (c: WireCommand) => { code: string; message: string; details?: unknown; current?: unknown } | null } = {},
) {
  const rows = new Map<string, StoredRow>();
  const blobs = new Map<string, { commandId: string; contentType: string; text: string }>();
  const commandRequests: CommandRequest[] = [];
  const blobRequests: { id: string; commandId: string | null; contentType: string | null }[] = [];
  const plan: Failure[] = [];
  const blobPlan: Failure[] = [];
  const counters = { applications: 0 };
  /** Called while a command request is being handled (after reading the body, before answering). */
  let onCommandRequest: (() => Promise<void>) | null = null;

  function error(f: Exclude<Failure, string>): Response {
    return new Response(JSON.stringify({ error: { code: f.code ?? `e${f.status}`, message: f.message ?? 'failed' } }), {
      status: f.status,
      headers: { 'Content-Type': 'application/json', ...f.headers },
    });
  }

  async function handleCommands(init: RequestInit): Promise<Response> {
    const body = JSON.parse(String(init.body)) as { deviceId: string; commands: WireCommand[] };
    commandRequests.push({ deviceId: body.deviceId, ids: body.commands.map((c) => c.id), init });
    if (onCommandRequest) await onCommandRequest();
    const failure = plan.shift();
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (failure === 'html') return new Response('<html>login to wifi</html>', { status: 200 });
    if (typeof failure === 'object') return error(failure);
    const results = body.commands.map((c) => {
      const stored = rows.get(c.id);
      if (stored) return { id: c.id, status: 'duplicate', result: stored };
      const why = options.reject?.(c) ?? null;
      if (why) {
        const { current, ...reason } = why;
        return { id: c.id, status: 'rejected', reason, current };
      }
      counters.applications += 1;
      const row = { id: c.id, type: c.type, at: c.at, payload: c.payload, seq: counters.applications };
      rows.set(c.id, row);
      return { id: c.id, status: 'applied', result: row };
    });
    if (failure === 'drop-after-commit') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }

  async function handleBlob(url: URL, init: RequestInit): Promise<Response> {
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    const commandId = url.searchParams.get('commandId');
    const contentType = new Headers(init.headers).get('content-type');
    blobRequests.push({ id, commandId, contentType });
    const failure = blobPlan.shift();
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (typeof failure === 'object') return error(failure);
    if (!commandId || !rows.has(commandId)) return error({ status: 404, code: 'command_not_found' });
    const text = await (init.body as Blob).text();
    blobs.set(id, { commandId, contentType: contentType ?? '', text });
    return new Response(JSON.stringify({ id, commandId }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    if (init.method === 'POST' && url.pathname === '/api/sync/commands') return handleCommands(init);
    if (init.method === 'PUT' && url.pathname.startsWith('/api/sync/blobs/')) return handleBlob(url, init);
    return error({ status: 404, code: 'not_found' });
  });

  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    fetchMock: fetch,
    rows,
    blobs,
    commandRequests,
    blobRequests,
    /** Every command id the server received, in order (with repeats). */
    sentIds: () => commandRequests.flatMap((r) => r.ids),
    get applications() {
      return counters.applications;
    },
    failNext(...failures: Failure[]) {
      plan.push(...failures);
    },
    failNextBlob(...failures: Failure[]) {
      blobPlan.push(...failures);
    },
    onCommandRequest(fn: (() => Promise<void>) | null) {
      onCommandRequest = fn;
    },
  };
}

export type FakeSyncServer = ReturnType<typeof createFakeSyncServer>;

let dbCounter = 0;
/** A fresh database per test (fake-indexeddb keeps them in memory for the whole file). */
export function freshDb(): StaffDb {
  dbCounter += 1;
  return new StaffDb(`pm-staff-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** A photo's bytes (Node's Blob, see idb-env.ts). */
export function photo(text: string, type = 'image/jpeg'): Blob {
  return new Blob([text], { type });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2025-03-01T08:00:00.000Z')) {
  let t = start;
  return {
    now: () => t,
    set: (ms: number) => {
      t = ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
