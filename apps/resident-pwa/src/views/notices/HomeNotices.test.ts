// 首页 with its notices block (HomeView + ./HomeNotices.vue): what it showed before stays, notices are added.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../test/fetch-mock';
import { residentMe } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { noticeItem, page, reminder } from './test-data';

const SLOW = { timeout: 10_000 };

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('首页 notices', () => {
  it('shows the newest reminder and notices with unread marks, and the unread count on the 通知 shortcut', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices': { body: { ...page([noticeItem({ id: 'n-1', title: '电梯维保', pinned: true }), noticeItem({ id: 'n-2', title: '垃圾分类', read: true })]), unread: 4, total: 9 } },
      'GET /api/resident/notices/reminders': { body: { days: 90, items: [reminder({ kind: 'sms' }), reminder({ id: 'r-old' })] } },
    });
    const { wrapper, router } = await mountApp('/');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="home-notices"] [data-test="notice-cell"]')).toHaveLength(2), SLOW);
    // what home showed before is still there
    expect(wrapper.find('[data-test="greeting"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="unit-card"]').exists()).toBe(true);
    expect(wrapper.findAll('[data-test="shortcuts"] .van-grid-item')).toHaveLength(4);

    expect(api.calls.find((c) => c.path === '/api/resident/notices')!.query.get('pageSize')).toBe('3');
    const cells = wrapper.findAll('[data-test="home-notices"] [data-test="notice-cell"]');
    expect(cells[0]!.attributes('data-read')).toBe('no');
    expect(cells[1]!.attributes('data-read')).toBe('yes');
    expect(wrapper.get('[data-test="home-unread"]').text()).toBe('4');
    expect(wrapper.get('[data-test="shortcut-notice"] .van-badge').text()).toBe('4');
    const cards = wrapper.findAll('[data-test="reminder-card"]');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text()).toContain('发送短信');

    await wrapper.get('[data-test="home-notices-more"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notices'), SLOW);
    wrapper.unmount();
  });

  it('no notices and no reminders: a quiet line, no badge; a failure says so without hiding home', async () => {
    mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices': { body: page([]) },
      'GET /api/resident/notices/reminders': { body: { days: 90, items: [] } },
    });
    const first = await mountApp('/');
    await vi.waitFor(() => expect(first.wrapper.find('[data-test="home-notices-empty"]').exists()).toBe(true), SLOW);
    expect(first.wrapper.get('[data-test="home-notices-empty"]').text()).toBe('暂时没有通知');
    expect(first.wrapper.find('[data-test="shortcut-notice"] .van-badge').exists()).toBe(false);
    expect(first.wrapper.find('[data-test="reminder-card"]').exists()).toBe(false);
    first.wrapper.unmount();

    document.body.innerHTML = '';
    mockFetch({ 'GET /api/resident/me': { body: residentMe() } });
    const second = await mountApp('/');
    await vi.waitFor(() => expect(second.wrapper.find('[data-test="home-notices-empty"]').exists()).toBe(true), SLOW);
    expect(second.wrapper.get('[data-test="home-notices-empty"]').text()).toContain('无法加载');
    expect(second.wrapper.find('[data-test="unit-card"]').exists()).toBe(true);
    second.wrapper.unmount();
  });
});
