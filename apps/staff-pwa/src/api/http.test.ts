import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, mockFetch, networkDown } from '../test/fetch-mock';
import { ApiError, get, onUnauthenticated, post, toQueryString } from './http';
import { previewUnitImport } from './imports';
import { listUnits } from './units';

afterEach(() => onUnauthenticated(null));

describe('http', () => {
  it('builds query strings without empty values', () => {
    expect(toQueryString({ q: '', page: 1, pageSize: 20, estateId: undefined, x: null })).toBe('?page=1&pageSize=20');
    expect(toQueryString({ q: '张 三' })).toBe('?q=%E5%BC%A0+%E4%B8%89');
    expect(toQueryString({})).toBe('');
  });

  it('sends the list query the API documents', async () => {
    const { calls } = mockFetch({ 'GET /api/units': () => json(200, { items: [], total: 0, page: 2, pageSize: 20 }) });
    await listUnits({ q: '1301', buildingId: 'b1', page: 2, pageSize: 20 });
    expect(calls[0]?.query.get('q')).toBe('1301');
    expect(calls[0]?.query.get('buildingId')).toBe('b1');
    expect(calls[0]?.query.get('page')).toBe('2');
  });

  it('turns the error shape into ApiError with code, message and details', async () => {
    mockFetch({ 'POST /api/units': () => apiError(422, 'validation_failed', '面积必须大于 0', { field: 'buildingArea' }) });
    const err = await post('/api/units', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', message: '面积必须大于 0', details: { field: 'buildingArea' } });
  });

  it('a network failure is status 0', async () => {
    mockFetch({ 'GET /api/me': networkDown });
    await expect(get('/api/me')).rejects.toMatchObject({ status: 0, isNetwork: true });
  });

  it('tells the app when a session request comes back 401, but not for the login call', async () => {
    const listener = vi.fn();
    onUnauthenticated(listener);
    mockFetch({
      'GET /api/units': () => apiError(401, 'unauthenticated', '请先登录'),
      'POST /api/auth/login': () => apiError(401, 'invalid_credentials', '账号或密码错误'),
    });
    await expect(get('/api/units')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    await expect(post('/api/auth/login', { username: 'a', password: 'b' })).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('uploads spreadsheet bytes as application/octet-stream with the office in the query', async () => {
    const { calls } = mockFetch({
      'POST /api/imports/units/preview': () =>
        json(200, { ok: true, summary: { rows: 0, valid: 0, invalid: 0, newEstates: 0, newBuildings: 0, newUnits: 0, newParties: 0 }, rows: [] }),
    });
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    await previewUnitImport('office-1', bytes);
    expect(calls[0]?.query.get('officeId')).toBe('office-1');
    expect(calls[0]?.headers.get('content-type')).toBe('application/octet-stream');
    expect(calls[0]?.body).toBe(bytes);
  });

  it('reads an empty 204 body as undefined', async () => {
    mockFetch({ 'DELETE /api/grants/g1': () => new Response(null, { status: 204 }) });
    const { del } = await import('./http');
    await expect(del('/api/grants/g1')).resolves.toBeUndefined();
  });
});
