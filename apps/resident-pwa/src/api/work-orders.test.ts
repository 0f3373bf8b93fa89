// The work-order calls through the typed client: the URLs and bodies the API expects, the photo's raw
// body, and the session-expired hook (the client's fetch is `residentFetch`).
import { ApiError } from '@pm/web/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../test/fetch-mock';
import { setUnauthenticatedHandler } from './client';
import { workOrdersApi } from './work-orders';

const ID = '3f6c1a52-8d0e-4c3b-9a57-0a1b2c3d4e5f';
const UNIT = 'd0000000-0000-4000-8000-000000000001';

afterEach(() => setUnauthenticatedHandler(null));

describe('workOrdersApi', () => {
  it('asks the resident routes with the same paths and query strings', async () => {
    const api = mockFetch({
      'GET /api/resident/work-orders': { body: { items: [] } },
      'GET /api/resident/work-order-settings': { body: { categories: [], priceList: [] } },
      'GET /api/resident/notifications': { body: { items: [], unread: 0 } },
      'POST /api/resident/notifications/read': { body: { items: [], unread: 0 } },
    });
    await workOrdersApi.list('open');
    await workOrdersApi.list('done', UNIT);
    await workOrdersApi.settings(UNIT);
    await workOrdersApi.notifications(true);
    await workOrdersApi.notifications();
    await workOrdersApi.markRead();
    await workOrdersApi.markRead([ID]);
    expect(api.calls.map((c) => `${c.method} ${c.path}?${c.query}`)).toEqual([
      'GET /api/resident/work-orders?state=open',
      `GET /api/resident/work-orders?state=done&unitId=${UNIT}`,
      `GET /api/resident/work-order-settings?unitId=${UNIT}`,
      'GET /api/resident/notifications?unread=1',
      'GET /api/resident/notifications?',
      'POST /api/resident/notifications/read?',
      'POST /api/resident/notifications/read?',
    ]);
    expect(api.calls.slice(-2).map((c) => c.body)).toEqual([{}, { ids: [ID] }]);
  });

  it('sends a command and a comment as JSON under the order', async () => {
    const api = mockFetch({
      [`POST /api/resident/work-orders/${ID}/commands`]: { body: { id: ID } },
      [`POST /api/resident/work-orders/${ID}/comments`]: { body: { id: ID } },
    });
    await workOrdersApi.command(ID, 'c1', { command: 'reopen', input: { reason: '还在漏' } });
    await workOrdersApi.comment(ID, 'c2', '下午在家');
    expect(api.calls.map((c) => c.body)).toEqual([
      { id: 'c1', command: 'reopen', input: { reason: '还在漏' } },
      { id: 'c2', text: '下午在家' },
    ]);
  });

  it('puts a photo as its raw bytes with its content type', async () => {
    const api = mockFetch({ [`PUT /api/resident/work-order-photos/${ID}`]: { body: { id: ID, url: `/api/resident/work-order-photos/${ID}` } } });
    const image = new Blob([new Uint8Array(16)], { type: 'image/webp' });
    expect(await workOrdersApi.uploadPhoto(ID, image)).toEqual({ id: ID, url: `/api/resident/work-order-photos/${ID}` });
    expect(api.calls).toHaveLength(1);
    const init = api.fn.mock.calls[0]![1]!;
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(image);
    expect(new Headers(init.headers).get('content-type')).toBe('image/webp');
  });

  it('calls the session-expired hook on a 401 unauthenticated, and still throws it', async () => {
    mockFetch({ 'GET /api/resident/work-orders': apiError(401, 'unauthenticated') });
    const expired = vi.fn();
    setUnauthenticatedHandler(expired);
    await expect(workOrdersApi.list('open')).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalledTimes(1);
  });
});
