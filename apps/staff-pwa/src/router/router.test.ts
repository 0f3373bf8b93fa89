import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { apiError, json, makeMe, mockFetch } from '../test/fetch-mock';
import { createAppRouter, safeRedirect } from '.';
import { routes } from './routes';

describe('router', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    localStorage.clear();
  });

  it('every screen is a lazy route', () => {
    const all = routes.flatMap((r) => [r, ...(r.children ?? [])]);
    for (const r of all) {
      if ('component' in r && r.component) expect(typeof r.component, String(r.path)).toBe('function');
      expect((r.component as { setup?: unknown } | undefined)?.setup, String(r.path)).toBeUndefined();
    }
  });

  it('sends someone without a session to login, remembering where they wanted to go', async () => {
    mockFetch({ 'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录') });
    const router = createAppRouter(createMemoryHistory('/staff/'));
    await router.push('/units/u1');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/units/u1');
  });

  it('lets a signed-in user in, and away from the login screen', async () => {
    mockFetch({ 'GET /api/me': () => json(200, makeMe()) });
    const router = createAppRouter(createMemoryHistory('/staff/'));
    await router.push('/staff');
    expect(router.currentRoute.value.name).toBe('staff');
    await router.push('/login?redirect=/import');
    expect(router.currentRoute.value.name).toBe('import');
  });

  it('shows "no access" for a screen the roles do not cover', async () => {
    mockFetch({ 'GET /api/me': () => json(200, makeMe({ permissions: ['unit:read'] })) });
    const router = createAppRouter(createMemoryHistory('/staff/'));
    await router.push('/staff');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/import');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/property');
    expect(router.currentRoute.value.name).toBe('estates');
  });

  it('only redirects to our own paths after login', () => {
    expect(safeRedirect('/units/1')).toBe('/units/1');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/login')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});
