import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../test/fetch-mock';
import { mountAt, settle } from '../test/mount';
import LoginView from './LoginView.vue';

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], username: string, password: string) {
  await wrapper.get('[data-test="login-username"] input').setValue(username);
  await wrapper.get('[data-test="login-password"] input').setValue(password);
  await wrapper.get('form').trigger('submit');
  await settle(10);
}

describe('LoginView', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });

  it('shows the message the API gives for wrong credentials', async () => {
    mockFetch({
      'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录'),
      'POST /api/auth/login': () => apiError(401, 'invalid_credentials', '账号或密码错误'),
    });
    const { wrapper, router } = await mountAt('/login', LoginView);
    await fillAndSubmit(wrapper, 'cs', 'nope');
    expect(wrapper.get('[data-test="login-error"]').text()).toBe('账号或密码错误');
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('shows the rate-limit message', async () => {
    mockFetch({
      'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录'),
      'POST /api/auth/login': () => apiError(429, 'rate_limited', '尝试次数过多，请 15 分钟后再试'),
    });
    const { wrapper } = await mountAt('/login', LoginView);
    await fillAndSubmit(wrapper, 'cs', 'nope');
    expect(wrapper.get('[data-test="login-error"]').text()).toBe('尝试次数过多，请 15 分钟后再试');
  });

  it('does not send an empty form', async () => {
    const { calls } = mockFetch({ 'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录') });
    const { wrapper } = await mountAt('/login', LoginView);
    await wrapper.get('form').trigger('submit');
    await settle(10);
    expect(calls.filter((c) => c.path === '/api/auth/login')).toHaveLength(0);
    expect(wrapper.text()).toContain('请输入账号');
  });

  it('signs in and goes to the page asked for', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => apiError(401, 'unauthenticated', '请先登录'),
      'POST /api/auth/login': () => json(200, makeMe()),
    });
    const { wrapper, router } = await mountAt('/login?redirect=/staff', LoginView);
    await fillAndSubmit(wrapper, ' manager ', 'demo1234');
    expect(calls.find((c) => c.path === '/api/auth/login')?.body).toEqual({ username: 'manager', password: 'demo1234' });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/staff'), { timeout: 10_000 });
  });
});
