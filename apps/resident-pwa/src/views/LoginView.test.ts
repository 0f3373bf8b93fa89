import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../test/fetch-mock';
import { residentMe } from '../test/fixtures';
import { mountApp } from '../test/mount';

const mountLogin = () => mountApp('/login');

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
const SLOW = { timeout: 10_000 };

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.useRealTimers();
});

describe('login screen', () => {
  it('checks the phone before asking for a code, then counts down to resend', async () => {
    const api = mockFetch({
      'GET /api/resident/me': apiError(401, 'unauthenticated'),
      'POST /api/resident/auth/code': { body: { sent: true, expiresInSeconds: 300 } },
    });
    const { wrapper } = await mountLogin();
    const send = () => wrapper.get('[data-test="send-code"]');

    await wrapper.get('[data-test="login-phone"] input').setValue('1380013800');
    await send().trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('请输入正确的 11 位手机号');
    expect(api.calls.some((c) => c.path === '/api/resident/auth/code')).toBe(false);

    await wrapper.get('[data-test="login-phone"] input').setValue('13800138000');
    await send().trigger('click');
    await flushPromises();
    expect(api.calls.at(-1)).toMatchObject({ path: '/api/resident/auth/code', body: { phone: '13800138000' } });
    expect(send().text()).toMatch(/^(60|59) 秒后重发$/);
    expect(send().attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('shows the API error for a wrong code and stays on the page', async () => {
    mockFetch({
      'GET /api/resident/me': apiError(401, 'unauthenticated'),
      'POST /api/resident/auth/login': apiError(401, 'invalid_code', '验证码错误 Wrong code', { attemptsLeft: 4 }),
    });
    const { wrapper, router } = await mountLogin();
    await wrapper.get('[data-test="login-phone"] input').setValue('13800138000');
    await wrapper.get('[data-test="login-code"] input').setValue('123456');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="login-error"]').text()).toBe('验证码错误，还可再试 4 次');
    expect(router.currentRoute.value.name).toBe('login');
    wrapper.unmount();
  });

  it('rejects a code that is not six digits without calling the API', async () => {
    const api = mockFetch({ 'GET /api/resident/me': apiError(401, 'unauthenticated') });
    const { wrapper } = await mountLogin();
    await wrapper.get('[data-test="login-phone"] input').setValue('13800138000');
    await wrapper.get('[data-test="login-code"] input').setValue('12345');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('请输入 6 位数字验证码');
    expect(api.calls.some((c) => c.path === '/api/resident/auth/login')).toBe(false);
    wrapper.unmount();
  });

  it('logs in and lands on home with the unit card', async () => {
    const api = mockFetch({
      'GET /api/resident/me': apiError(401, 'unauthenticated'),
      'POST /api/resident/auth/login': { body: residentMe() },
    });
    const { wrapper, router } = await mountLogin();
    await wrapper.get('[data-test="login-phone"] input').setValue('13800138000');
    await wrapper.get('[data-test="login-code"] input').setValue('123456');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('home'), SLOW);
    await vi.waitFor(() => expect(wrapper.find('[data-test="unit-card"]').exists()).toBe(true), SLOW);
    expect(wrapper.get('[data-test="unit-estate"]').text()).toBe('阳光花园');
    expect(wrapper.get('[data-test="greeting"]').text()).toContain('138****8000');
    // Home loads more after the login (notices, work-order news): find the login call itself.
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/resident/auth/login')).toMatchObject({ body: { phone: '13800138000', code: '123456' } });
    wrapper.unmount();
  });
});
