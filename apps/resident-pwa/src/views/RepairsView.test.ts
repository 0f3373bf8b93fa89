import { flushPromises } from '@vue/test-utils';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../test/fetch-mock';
import { residentMe } from '../test/fixtures';
import { mountApp } from '../test/mount';
import { hoursFromNow, listItem, notification, ORDER_ID, settings } from './repairs/test-data';

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
const SLOW = { timeout: 10_000 };

// The body is not wiped between tests: Vant's toast lives in a container it made there once and reuses.
beforeEach(() => {
  localStorage.clear();
});
// The tab bar (placeholder + safe area) measures itself 100, 200 and 300 ms after mounting; the shared
// setup waits 250 ms before tearing the DOM down, so a tab mounted in the last 300 ms of this file would
// fire into a missing `window`. Wait out the last one.
afterAll(() => new Promise((resolve) => setTimeout(resolve, 350)));

const OPEN = [
  listItem(),
  listItem({
    id: 'b0000000-0000-4000-8000-000000000002',
    kind: 'complaint',
    category: 'noise',
    categoryName: '噪音',
    state: 'acknowledged',
    location: 'common_area',
    unitLabel: null,
    respondedAt: hoursFromNow(-1),
    completeDueAt: hoursFromNow(-0.5),
    sla: { response: 'met', completion: 'overdue' },
  }),
];
const DONE = [
  listItem({ id: 'b0000000-0000-4000-8000-000000000003', state: 'completed', respondedAt: hoursFromNow(-5), completedAt: hoursFromNow(-1), photoCount: 2 }),
  listItem({ id: 'b0000000-0000-4000-8000-000000000004', kind: 'paid_service', categoryName: '家电维修', state: 'closed' }),
];

function routes(over: Parameters<typeof mockFetch>[0] = {}) {
  return {
    'GET /api/resident/me': { body: residentMe() },
    'GET /api/resident/work-orders': ({ query }: { query: URLSearchParams }) => ({
      body: { items: query.get('state') === 'done' ? DONE : OPEN },
    }),
    'GET /api/resident/notifications': { body: { items: [notification()], unread: 3 } },
    ...over,
  };
}

describe('报修 tab', () => {
  it('lists my open and done orders with state, category, time, hint and news', async () => {
    const api = mockFetch(routes());
    const { wrapper } = await mountApp('/repairs');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="work-order-card"]')).toHaveLength(2), SLOW);
    // All my units: no unit filter.
    const lists = api.calls.filter((c) => c.path === '/api/resident/work-orders');
    expect(lists.map((c) => c.query.get('state')).sort()).toEqual(['done', 'open']);
    expect(lists.every((c) => !c.query.has('unitId'))).toBe(true);

    const [repair, complaint] = wrapper.findAll('[data-test="work-order-card"]');
    expect(repair!.get('[data-test="card-category"]').text()).toBe('水电');
    expect(repair!.get('[data-test="card-state"]').text()).toBe('已提交');
    expect(repair!.get('[data-test="card-hint"]').text()).toBe('预计 2 小时内响应');
    expect(repair!.get('[data-test="card-time"]').text()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(repair!.text()).toContain('阳光花园 · 3栋 1201');
    expect(repair!.find('[data-test="card-unread"]').exists()).toBe(true);
    expect(repair!.text()).toContain('有新进展');

    expect(complaint!.text()).toContain('投诉');
    expect(complaint!.get('[data-test="card-state"]').text()).toBe('已受理');
    expect(complaint!.get('[data-test="card-hint"]').text()).toBe('已超过预计完成时间，正在加急处理');
    expect(complaint!.text()).toContain('阳光花园 · 公共区域');
    expect(complaint!.find('[data-test="card-unread"]').exists()).toBe(false);

    expect(wrapper.get('[data-test="notifications-badge"]').text()).toBe('3');

    await wrapper.get('[data-test="tab-done"]').trigger('click');
    await flushPromises();
    const done = wrapper.findAll('[data-test="work-order-card"]');
    expect(done.map((c) => c.get('[data-test="card-state"]').text())).toEqual(['已完工待评价', '已完成']);
    expect(done[0]!.get('[data-test="card-hint"]').text()).toBe('已处理完毕，请您评价');
    expect(done[0]!.text()).toContain('去评价');
    expect(done[0]!.text()).toContain('2 张照片');
    expect(done[1]!.find('[data-test="card-hint"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('opens an order, the notifications and the three ways to file', async () => {
    mockFetch(routes({ [`GET /api/resident/work-orders/${ORDER_ID}`]: apiError(404, 'not_found') }));
    const { wrapper, router } = await mountApp('/repairs');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="work-order-card"]')).toHaveLength(2), SLOW);

    await wrapper.get('[data-test="work-order-card"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order'), SLOW);
    expect(router.currentRoute.value.params.id).toBe(ORDER_ID);

    for (const kind of ['repair', 'complaint', 'paid_service']) {
      await router.push('/repairs');
      await vi.waitFor(() => expect(wrapper.find(`[data-test="file-${kind}"]`).exists()).toBe(true), SLOW);
      await wrapper.get(`[data-test="file-${kind}"]`).trigger('click');
      await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order-new'), SLOW);
      expect(router.currentRoute.value.query.kind).toBe(kind);
    }

    await router.push('/repairs');
    await vi.waitFor(() => expect(wrapper.find('[data-test="notifications-bell"]').exists()).toBe(true), SLOW);
    await wrapper.get('[data-test="notifications-bell"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order-notifications'), SLOW);
    wrapper.unmount();
  });

  it('shows the paid-service price list of the current unit', async () => {
    const api = mockFetch(routes({ 'GET /api/resident/work-order-settings': { body: settings() } }));
    const { wrapper, router } = await mountApp('/repairs');
    await vi.waitFor(() => expect(wrapper.find('[data-test="open-prices"]').exists()).toBe(true), SLOW);
    await wrapper.get('[data-test="open-prices"]').trigger('click');
    await vi.waitFor(() => expect(document.querySelectorAll('[data-test="price-item"]')).toHaveLength(2), SLOW);
    expect(api.calls.find((c) => c.path === '/api/resident/work-order-settings')!.query.get('unitId')).toBe('u-1');
    expect([...document.querySelectorAll('[data-test="price-item"]')].map((p) => p.textContent)).toEqual([
      '上门费¥30.00 / 次',
      '水龙头更换¥35.50 / 个',
    ]);
    (document.querySelector('[data-test="price-order"]') as HTMLElement).click();
    await vi.waitFor(() => expect(router.currentRoute.value.query.kind).toBe('paid_service'), SLOW);
    wrapper.unmount();
  });

  it('says so when the list cannot load, and asks to bind a unit when there is none', async () => {
    mockFetch(routes({ 'GET /api/resident/work-orders': apiError(503, 'unavailable', 'down') }));
    const { wrapper } = await mountApp('/repairs');
    await vi.waitFor(() => expect(wrapper.find('[data-test="list-error"]').exists()).toBe(true), SLOW);
    expect(wrapper.get('[data-test="list-error"]').text()).toContain('工单加载失败');
    wrapper.unmount();

    mockFetch(routes({ 'GET /api/resident/me': { body: residentMe({ units: [] }) } }));
    const { wrapper: none } = await mountApp('/repairs');
    expect(none.find('[data-test="bind-prompt"]').exists()).toBe(true);
    expect(none.find('[data-test="file-repair"]').exists()).toBe(false);
    none.unmount();
  });
});

describe('投诉建议 page', () => {
  it('lists my complaints only and starts a complaint', async () => {
    mockFetch(routes());
    const { wrapper, router } = await mountApp('/complaints');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="work-order-card"]')).toHaveLength(1), SLOW);
    expect(wrapper.get('[data-test="card-category"]').text()).toBe('噪音');
    await wrapper.get('[data-test="tab-done"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="list-empty"]').exists()).toBe(true);
    await wrapper.get('[data-test="file-complaint"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order-new'), SLOW);
    expect(router.currentRoute.value.query.kind).toBe('complaint');
    wrapper.unmount();
  });
});
