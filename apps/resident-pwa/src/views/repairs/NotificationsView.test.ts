import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../test/fetch-mock';
import { residentMe } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { detail, hoursFromNow, notification, ORDER_ID } from './test-data';

const SLOW = { timeout: 10_000 };

// The body is not wiped between tests: Vant's toast lives in a container it made there once and reuses.
beforeEach(() => {
  localStorage.clear();
});

const OLDER = notification({
  id: 'a0000000-0000-4000-8000-000000000002',
  kind: 'survey',
  title: '请评价本次服务',
  body: '您的报修已完工，请评价',
  createdAt: hoursFromNow(-3),
  readAt: hoursFromNow(-2),
});

describe('notifications', () => {
  it('lists them newest first, opens one (marking it read) and marks all read', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notifications': ({ query }) => ({
        body: query.get('unread') === '1' ? { items: [notification()], unread: 1 } : { items: [OLDER, notification()], unread: 1 },
      }),
      'POST /api/resident/notifications/read': { body: { items: [], unread: 0 } },
      [`GET /api/resident/work-orders/${ORDER_ID}`]: { body: detail() },
    });
    const { wrapper, router } = await mountApp('/repairs/notifications');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="notification-item"]')).toHaveLength(2), SLOW);
    const items = wrapper.findAll('[data-test="notification-item"]');
    expect(items.map((i) => i.text().split('\n')[0])).toEqual([expect.stringContaining('师傅已接单'), expect.stringContaining('请评价本次服务')]);
    expect(items.map((i) => i.attributes('data-unread'))).toEqual(['true', undefined]);

    await items[0]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order'), SLOW);
    expect(router.currentRoute.value.params.id).toBe(ORDER_ID);
    expect(api.calls.find((c) => c.path === '/api/resident/notifications/read')!.body).toEqual({ ids: [notification().id] });

    router.back();
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="notification-item"]')).toHaveLength(2), SLOW);
    await flushPromises();
    // Read on the server now; this list was fetched again and the mock still says unread.
    await wrapper.get('[data-test="mark-all-read"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((c) => c.path === '/api/resident/notifications/read').at(-1)!.body).toEqual({});
    expect(wrapper.findAll('[data-test="notification-item"]').every((i) => i.attributes('data-unread') === undefined)).toBe(true);
    expect(wrapper.find('[data-test="mark-all-read"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says when there are none', async () => {
    mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/notifications': { body: { items: [], unread: 0 } },
    });
    const { wrapper } = await mountApp('/repairs/notifications');
    await vi.waitFor(() => expect(wrapper.find('[data-test="notifications-empty"]').exists()).toBe(true), SLOW);
    expect(wrapper.text()).toContain('暂无消息');
    wrapper.unmount();
  });
});
