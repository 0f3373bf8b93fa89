import { createPinia, type Pinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentApi } from '../api/resident';
import { useSessionStore } from '../stores/session';
import { apiError, mockFetch } from '../test/fetch-mock';
import { residentMe } from '../test/fixtures';
import { createAppRouter } from './index';

let pinia: Pinia;
beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/resident/');
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => {
  document.title = '';
});

describe('auth guard', () => {
  it('sends a visitor without a session to login, remembering where they were going', async () => {
    mockFetch({ 'GET /api/resident/me': apiError(401, 'unauthenticated') });
    const router = createAppRouter(pinia);
    await router.push('/me');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/me');
    expect(document.title).toBe('登录 · 物业服务');
  });

  it('lets a signed-in resident through and asks `me` only once', async () => {
    const api = mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const router = createAppRouter(pinia);
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('home');
    await router.push('/bills');
    await router.push('/complaints');
    expect(router.currentRoute.value.name).toBe('complaints');
    expect(api.calls.filter((c) => c.path === '/api/resident/me')).toHaveLength(1);
  });

  it('shows the cannot-connect page when `me` fails for another reason', async () => {
    mockFetch({ 'GET /api/resident/me': apiError(503, 'unavailable') });
    const router = createAppRouter(pinia);
    await router.push('/repairs');
    expect(router.currentRoute.value.name).toBe('unavailable');
    expect(router.currentRoute.value.query.redirect).toBe('/repairs');
  });

  it('skips the login page when already signed in, following a safe redirect only', async () => {
    mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const router = createAppRouter(pinia);
    await router.push('/login?redirect=/bind');
    expect(router.currentRoute.value.name).toBe('bind');
    await router.push('/login?redirect=//evil.example/x');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('sends unknown paths home', async () => {
    mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const router = createAppRouter(pinia);
    await router.push('/no/such/page');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('goes to login when a call says the session has expired mid-way', async () => {
    const api = mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const router = createAppRouter(pinia);
    await router.push('/me');
    api.on('GET /api/resident/units', apiError(401, 'unauthenticated'));
    await expect(residentApi.units()).rejects.toMatchObject({ status: 401 });
    await new Promise((r) => setTimeout(r, 0));
    expect(useSessionStore(pinia).isLoggedIn).toBe(false);
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/me');
  });
});
