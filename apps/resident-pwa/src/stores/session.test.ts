import { ApiError } from '@pm/web/api';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../test/fetch-mock';
import { residentMe, unit } from '../test/fixtures';
import { RESEND_SECONDS, useSessionStore } from './session';

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('send code', () => {
  it('posts the phone and starts a 60 s resend countdown that runs down to zero', async () => {
    vi.useFakeTimers();
    const api = mockFetch({ 'POST /api/resident/auth/code': { body: { sent: true, expiresInSeconds: 300 } } });
    const s = useSessionStore();
    expect(s.canSendCode).toBe(true);

    await expect(s.sendCode('13800138000')).resolves.toEqual({ sent: true, expiresInSeconds: 300 });
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({ method: 'POST', path: '/api/resident/auth/code', body: { phone: '13800138000' } });
    expect(s.resendIn).toBe(RESEND_SECONDS);
    expect(s.canSendCode).toBe(false);

    vi.advanceTimersByTime(1000);
    expect(s.resendIn).toBe(59);
    vi.advanceTimersByTime(58_000);
    expect(s.resendIn).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(s.resendIn).toBe(0);
    expect(s.canSendCode).toBe(true);
  });

  it('does not send again while the countdown runs', async () => {
    vi.useFakeTimers();
    const api = mockFetch({ 'POST /api/resident/auth/code': { body: { sent: true, expiresInSeconds: 300 } } });
    const s = useSessionStore();
    await s.sendCode('13800138000');
    await expect(s.sendCode('13800138000')).resolves.toBeNull();
    vi.advanceTimersByTime(30_000);
    await s.sendCode('13800138000');
    expect(api.calls).toHaveLength(1);
    vi.advanceTimersByTime(30_000);
    await s.sendCode('13800138000');
    expect(api.calls).toHaveLength(2);
  });

  it('throws the API error and starts no countdown when sending fails', async () => {
    mockFetch({ 'POST /api/resident/auth/code': apiError(400, 'validation_failed', 'phone') });
    const s = useSessionStore();
    const err = await s.sendCode('12345').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(s.resendIn).toBe(0);
    expect(s.sending).toBe(false);
  });

  it('counts down as long as a short rate limit says; a long one is left to the error text', async () => {
    vi.useFakeTimers();
    const api = mockFetch({
      'POST /api/resident/auth/code': [
        apiError(429, 'rate_limited', 'slow down', { retryAfterSeconds: 42 }),
        apiError(429, 'rate_limited', 'slow down', { retryAfterSeconds: 7200 }),
      ],
    });
    const s = useSessionStore();
    await expect(s.sendCode('13800138000')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(s.resendIn).toBe(42);
    vi.advanceTimersByTime(42_000);
    await expect(s.sendCode('13800138000')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(s.resendIn).toBe(0);
    expect(api.calls).toHaveLength(2);
  });

  it('reports a network failure as ApiError status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const s = useSessionStore();
    await expect(s.sendCode('13800138000')).rejects.toMatchObject({ status: 0, isNetwork: true });
  });
});

describe('login / me / logout', () => {
  it('logs in with phone and code, keeps me and units, and stops the countdown', async () => {
    vi.useFakeTimers();
    const me = residentMe({ units: [unit(), unit({ bindingId: 'b-2', unitId: 'u-2', number: '1202' })] });
    const api = mockFetch({
      'POST /api/resident/auth/code': { body: { sent: true, expiresInSeconds: 300 } },
      'POST /api/resident/auth/login': { body: me },
    });
    const s = useSessionStore();
    await s.sendCode('13800138000');
    await s.login('13800138000', '123456');
    expect(api.calls[1]).toMatchObject({ path: '/api/resident/auth/login', body: { phone: '13800138000', code: '123456' } });
    expect(s.isLoggedIn).toBe(true);
    expect(s.me?.phone).toBe('13800138000');
    expect(s.units.map((u) => u.unitId)).toEqual(['u-1', 'u-2']);
    expect(s.currentUnit?.unitId).toBe('u-1');
    expect(s.resendIn).toBe(0);
  });

  it('keeps the wrong-code error for the screen and stays logged out', async () => {
    mockFetch({ 'POST /api/resident/auth/login': apiError(401, 'invalid_code', 'wrong code') });
    const s = useSessionStore();
    await expect(s.login('13800138000', '000000')).rejects.toMatchObject({ status: 401, code: 'invalid_code' });
    expect(s.isLoggedIn).toBe(false);
  });

  it('me: 200 fills the session, 401 means logged out, other failures are thrown', async () => {
    const api = mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const s = useSessionStore();
    expect(s.checked).toBe(false);
    await expect(s.fetchMe()).resolves.toMatchObject({ id: 'r-1' });
    expect(s.checked).toBe(true);
    expect(s.units).toHaveLength(1);

    api.on('GET /api/resident/me', apiError(401, 'unauthenticated'));
    await expect(s.fetchMe()).resolves.toBeNull();
    expect(s.isLoggedIn).toBe(false);
    expect(s.units).toEqual([]);

    api.on('GET /api/resident/me', apiError(503, 'unavailable'));
    await expect(s.fetchMe()).rejects.toMatchObject({ status: 503 });
  });

  it('logout posts, then forgets the session and the chosen unit even if the call fails', async () => {
    const api = mockFetch({
      'POST /api/resident/auth/login': { body: residentMe() },
      'POST /api/resident/auth/logout': { body: { ok: true } },
    });
    const s = useSessionStore();
    await s.login('13800138000', '123456');
    s.selectUnit('u-1');
    await s.logout();
    expect(api.calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/resident/auth/logout' });
    expect(s.isLoggedIn).toBe(false);
    expect(s.currentUnitId).toBeNull();
    expect(localStorage.getItem('pm.resident.currentUnit')).toBeNull();

    await s.login('13800138000', '123456');
    api.on('POST /api/resident/auth/logout', apiError(500, 'internal'));
    await expect(s.logout()).rejects.toMatchObject({ status: 500 });
    expect(s.isLoggedIn).toBe(false);
  });
});

describe('units', () => {
  it('lists units and remembers the chosen one across reloads', async () => {
    const two = [unit(), unit({ bindingId: 'b-2', unitId: 'u-2', number: '1202', relation: 'tenant' })];
    mockFetch({ 'GET /api/resident/me': { body: residentMe() }, 'GET /api/resident/units': { body: { items: two } } });
    const s = useSessionStore();
    await s.fetchMe();
    await expect(s.refreshUnits()).resolves.toHaveLength(2);
    expect(s.me?.units).toHaveLength(2);
    s.selectUnit('u-2');
    expect(s.currentUnit?.number).toBe('1202');

    setActivePinia(createPinia());
    const again = useSessionStore();
    expect(again.currentUnitId).toBe('u-2');
  });

  it('falls back to the first unit when the remembered one is no longer bound', async () => {
    localStorage.setItem('pm.resident.currentUnit', 'gone');
    mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const s = useSessionStore();
    await s.fetchMe();
    expect(s.currentUnit?.unitId).toBe('u-1');
  });

  it('has no current unit when none is bound', async () => {
    mockFetch({ 'GET /api/resident/me': { body: residentMe({ units: [] }) } });
    const s = useSessionStore();
    await s.fetchMe();
    expect(s.currentUnit).toBeNull();
  });

  it('binding by invite code adds the unit and makes it current', async () => {
    const bound = unit({ bindingId: 'b-9', unitId: 'u-9', number: '0801', relation: 'tenant' });
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'POST /api/resident/bindings/invite': { body: bound },
    });
    const s = useSessionStore();
    await s.fetchMe();
    await expect(s.bindByInvite('AB12CD34')).resolves.toEqual(bound);
    expect(api.calls.at(-1)).toMatchObject({ body: { code: 'AB12CD34' } });
    expect(s.units.map((u) => u.unitId)).toEqual(['u-1', 'u-9']);
    expect(s.currentUnit?.unitId).toBe('u-9');
  });

  it('binding by owner match sends the form and surfaces a mismatch as an ApiError', async () => {
    const input = { estateId: 'e-1', buildingName: '3栋', unitNumber: '1201', ownerName: '张三' };
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe({ units: [] }) },
      'POST /api/resident/bindings/match': [apiError(403, 'forbidden', 'phone mismatch'), { body: unit() }],
    });
    const s = useSessionStore();
    await s.fetchMe();
    await expect(s.bindByMatch(input)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(s.units).toEqual([]);
    await s.bindByMatch(input);
    expect(api.calls.at(-1)).toMatchObject({ path: '/api/resident/bindings/match', body: input });
    expect(s.currentUnit?.unitId).toBe('u-1');
  });
});
