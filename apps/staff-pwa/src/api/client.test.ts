import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, mockFetch, networkDown } from '../test/fetch-mock';
import { login } from './auth';
import { ApiError, onUnauthenticated, query } from './client';
import { previewUnitImport } from './imports';
import { removeGrant } from './staff';
import { getUnit, listAllUnitsOfBuilding, listUnits } from './units';

afterEach(() => onUnauthenticated(null));

describe('api client', () => {
  it('sends numbers as strings and leaves out empty values', () => {
    expect(query({ q: '', page: 1, pageSize: 20, estateId: undefined, x: null })).toEqual({ page: '1', pageSize: '20' });
  });

  it('sends the list query the API documents', async () => {
    const { calls } = mockFetch({ 'GET /api/units': () => json(200, { items: [], total: 0, page: 2, pageSize: 20 }) });
    await listUnits({ q: '1301', buildingId: 'b1', page: 2, pageSize: 20 });
    expect(calls[0]?.query.get('q')).toBe('1301');
    expect(calls[0]?.query.get('buildingId')).toBe('b1');
    expect(calls[0]?.query.get('page')).toBe('2');
    expect(calls[0]?.query.has('estateId')).toBe(false);
  });

  it('puts ids into the path', async () => {
    const { calls } = mockFetch({
      'GET /api/units/u-1': () => json(200, { id: 'u-1', occupancies: [] }),
      'DELETE /api/grants/g-1': () => json(200, { ok: true }),
    });
    await getUnit('u-1');
    await expect(removeGrant('g-1')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/units/u-1', 'DELETE /api/grants/g-1']);
  });

  it('follows the pages to get every unit of a building', async () => {
    const { calls } = mockFetch({
      'GET /api/units': (c) => {
        const page = Number(c.query.get('page'));
        const size = Number(c.query.get('pageSize'));
        const total = 450;
        const items = Array.from({ length: Math.min(size, total - (page - 1) * size) }, (_, i) => ({ id: `${page}-${i}` }));
        return json(200, { items, total, page, pageSize: size });
      },
    });
    const all = await listAllUnitsOfBuilding('b1');
    expect(all).toHaveLength(450);
    expect(calls).toHaveLength(3);
  });

  it('turns the error shape into ApiError with code, message and details', async () => {
    mockFetch({ 'GET /api/units/x': () => apiError(400, 'validation_failed', '输入不合法 Invalid input', [{ path: 'id' }]) });
    const err = await getUnit('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: '输入不合法 Invalid input', details: [{ path: 'id' }] });
  });

  it('a network failure is status 0', async () => {
    mockFetch({ 'GET /api/units/x': networkDown });
    await expect(getUnit('x')).rejects.toMatchObject({ status: 0, isNetwork: true });
  });

  it('tells the app when a session request comes back 401, but not for the login call', async () => {
    const listener = vi.fn();
    onUnauthenticated(listener);
    mockFetch({
      'GET /api/units': () => apiError(401, 'unauthenticated', '请先登录'),
      'POST /api/auth/login': () => apiError(401, 'invalid_credentials', '账号或密码错误'),
    });
    await expect(listUnits()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    await expect(login('a', 'b')).rejects.toMatchObject({ status: 401 });
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
});
