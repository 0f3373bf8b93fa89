import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../../test/fetch-mock';
import { residentMe } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { notice, noticeItem, page, reminder } from './test-data';

const SLOW = { timeout: 10_000 };

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});

const PINNED = noticeItem({ id: 'n-pinned', title: '消防演练', pinned: true, read: true, attachmentCount: 1 });
const UNREAD = noticeItem({ id: 'n-unread', title: '关于12月5日停水的通知' });

describe('社区通知', () => {
  it('shows reminders worded for residents, then notices with unread marks; marks all read', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices': { body: page([PINNED, UNREAD]) },
      'GET /api/resident/notices/reminders': { body: { days: 90, items: [reminder(), reminder({ id: 'r-2', kind: 'phone', at: '2026-11-01T02:00:00.000Z', owedAtTime: '99.00' })] } },
      'POST /api/resident/notices/read-all': { body: { marked: 1, unread: 0 } },
    });
    const { wrapper } = await mountApp('/notices');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="notice-cell"]')).toHaveLength(2), SLOW);

    const cards = wrapper.findAll('[data-test="reminder-card"]');
    expect(cards).toHaveLength(2);
    expect(cards[0]!.get('[data-test="reminder-text"]').text()).toBe(
      '2026-11-25，物业服务中心送达催缴通知书提醒您：阳光花园 3栋 1201 截至当日有逾期未缴费用，合计 ¥1,234.50。',
    );
    expect(cards[1]!.text()).toContain('致电');
    expect(cards[0]!.text()).toContain('不会以停水、停电等方式催缴');

    const cells = wrapper.findAll('[data-test="notice-cell"]');
    expect(cells[0]!.text()).toContain('消防演练');
    expect(cells[0]!.find('[data-test="pinned"]').exists()).toBe(true);
    expect(cells[0]!.find('[data-test="unread-dot"]').exists()).toBe(false);
    expect(cells[1]!.find('[data-test="unread-dot"]').exists()).toBe(true);
    expect(cells[1]!.text()).toContain('12月5日 9:00–12:00 停水检修');
    expect(wrapper.get('[data-test="unread-count"]').text()).toContain('1 条未读');

    await wrapper.get('[data-test="read-all"]').trigger('click');
    await flushPromises();
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/resident/notices/read-all')).toBe(true);
    expect(wrapper.find('[data-test="unread-dot"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="unread-count"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('opens a notice: its text, images and files; back to the list', async () => {
    const file = { id: 'f-1', name: '停水范围.pdf', contentType: 'application/pdf', size: 2048, createdAt: '', url: '/api/resident/notices/n-unread/attachments/f-1' };
    const img = { id: 'f-2', name: '地图.png', contentType: 'image/png', size: 4096, createdAt: '', url: '/api/resident/notices/n-unread/attachments/f-2' };
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices': { body: page([UNREAD]) },
      'GET /api/resident/notices/reminders': { body: { days: 90, items: [] } },
      'GET /api/resident/notices/n-unread': { body: notice({ id: 'n-unread', attachments: [file, img], expiresAt: '2026-12-31T15:59:59.000Z' }) },
    });
    const { wrapper, router } = await mountApp('/notices');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="notice-cell"]')).toHaveLength(1), SLOW);
    expect(wrapper.find('[data-test="reminder-card"]').exists()).toBe(false);
    await wrapper.get('[data-test="notice-cell"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'), SLOW);
    await vi.waitFor(() => expect(wrapper.find('[data-test="notice-body"]').exists()).toBe(true), SLOW);
    expect(api.calls.some((c) => c.path === '/api/resident/notices/n-unread')).toBe(true);
    expect(wrapper.get('[data-test="notice-title"]').text()).toBe('关于12月5日停水的通知');
    expect((wrapper.get('[data-test="notice-body"]').element as HTMLElement).textContent).toBe('各位业主：\n12月5日 9:00–12:00 停水检修，请提前储水。\n阳光花园物业服务中心');
    expect(wrapper.get('[data-test="notice-file"]').attributes('href')).toBe(file.url);
    expect(wrapper.get('[data-test="notice-image"] img').attributes('src')).toBe(img.url);
    expect(wrapper.text()).toContain('有效期至 2026-12-31 23:59');
    wrapper.unmount();
  });

  it('a notice that is not for the resident says so', async () => {
    mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices/n-x': apiError(404, 'not_found', 'notice not found'),
    });
    const { wrapper } = await mountApp('/notices/n-x');
    await vi.waitFor(() => expect(wrapper.find('[data-test="notice-error"]').exists()).toBe(true), SLOW);
    expect(wrapper.get('[data-test="notice-error"]').text()).toContain('未找到相关信息');
    wrapper.unmount();
  });

  it('no notices yet', async () => {
    mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notices': { body: page([]) },
      'GET /api/resident/notices/reminders': { body: { days: 90, items: [] } },
    });
    const { wrapper } = await mountApp('/notices');
    await vi.waitFor(() => expect(wrapper.find('[data-test="notices-empty"]').exists()).toBe(true), SLOW);
    expect(wrapper.get('[data-test="notices-empty"]').text()).toContain('暂时没有通知');
    wrapper.unmount();
  });
});
