import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffNotification } from '../api/work-orders';
import { apiError, json, makeMe, mockFetch } from '../test/fetch-mock';
import { mountAt, settle } from '../test/mount';
import NotificationBell from './NotificationBell.vue';

const ORDER = 'aaaaaaaa-0000-4000-8000-000000000001';
const note = (id: string, overrides: Partial<StaffNotification> = {}): StaffNotification => ({
  id,
  kind: 'at_risk',
  workOrderId: ORDER,
  title: '工单即将超时',
  body: 'GD2503010001 1栋 1-101 水电',
  createdAt: '2025-03-01T02:00:00.000Z',
  readAt: null,
  ...overrides,
});
const ITEMS = [note('n1'), note('n2', { kind: 'survey', title: '待回访', readAt: '2025-03-01T03:00:00.000Z' }), note('n3', { kind: 'comment', title: '新备注', workOrderId: null })];

function routes(permissions: string[] = ['work_order:read', 'work_order:dispatch'], read: () => Response = () => json(200, { ok: true })) {
  let unread = 2;
  const mock = mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: permissions as never })),
    'GET /api/notifications': (c) => json(200, c.query.get('unread') === '1' ? { items: ITEMS.filter((n) => !n.readAt), unread } : { items: ITEMS, unread }),
    'POST /api/notifications/read': read,
  });
  return { ...mock, setUnread: (n: number) => (unread = n) };
}

const sheet = () => document.querySelector<HTMLElement>('[data-test="notification-sheet"]');
const item = (id: string) => document.querySelector<HTMLElement>(`[data-test="notification-item"][data-id="${id}"]`)!;
/** Vant shows a dot for a zero badge only on request: no content means no badge. */
const badge = (w: VueWrapper) => w.find('.van-badge');

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('NotificationBell', () => {
  afterAll(() => new Promise<void>((r) => setTimeout(r, 400)));
  beforeEach(() => localStorage.clear());

  it('shows the unread count, lists the notifications and opens an order, marking it read', async () => {
    const { calls } = routes();
    const { wrapper, router } = await mountAt('/', NotificationBell);
    mounted = wrapper;
    await settle(6);
    expect(calls.find((c) => c.path === '/api/notifications')!.query.get('unread')).toBe('1');
    expect(badge(wrapper).text()).toBe('2');
    expect(wrapper.get('[data-test="notification-bell"]').attributes('aria-label')).toBe('2 条未读消息');

    await wrapper.get('[data-test="notification-bell"]').trigger('click');
    await settle(6);
    expect(sheet()).not.toBeNull();
    expect(calls.filter((c) => c.path === '/api/notifications').at(-1)!.query.get('unread')).toBeNull();
    expect([...document.querySelectorAll('[data-test="notification-item"]')].map((e) => (e as HTMLElement).dataset.read)).toEqual(['no', 'yes', 'no']);
    expect(item('n1').textContent).toContain('工单即将超时');
    expect(item('n1').textContent).toContain('2025-03-01 10:00');

    item('n1').click();
    await settle(6);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ ids: ['n1'] });
    expect(badge(wrapper).text()).toBe('1');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('wo-detail'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.workOrderId).toBe(ORDER);
  });

  it('marks everything read, and puts the count back when the server refuses', async () => {
    const ok = routes();
    const first = await mountAt('/', NotificationBell);
    mounted = first.wrapper;
    await settle(6);
    await first.wrapper.get('[data-test="notification-bell"]').trigger('click');
    await settle(6);
    document.querySelector<HTMLElement>('[data-test="notification-all-read"]')!.click();
    await settle(6);
    expect(ok.calls.find((c) => c.method === 'POST')!.body).toEqual({});
    expect(badge(first.wrapper).exists() && badge(first.wrapper).text()).toBeFalsy();
    expect([...document.querySelectorAll('[data-test="notification-item"]')].every((e) => (e as HTMLElement).dataset.read === 'yes')).toBe(true);
    mounted.unmount();

    routes(undefined, () => apiError(503, 'unavailable', 'busy'));
    const second = await mountAt('/', NotificationBell);
    mounted = second.wrapper;
    await settle(6);
    await second.wrapper.get('[data-test="notification-bell"]').trigger('click');
    await settle(6);
    document.querySelector<HTMLElement>('[data-test="notification-all-read"]')!.click();
    await settle(6);
    expect(badge(second.wrapper).text()).toBe('2');
    expect(document.querySelector('[data-test="notification-error"]')).not.toBeNull();
  });

  it('takes a technician to their offline job screen', async () => {
    routes(['work_order:work']);
    const { wrapper, router } = await mountAt('/', NotificationBell);
    mounted = wrapper;
    await settle(6);
    await wrapper.get('[data-test="notification-bell"]').trigger('click');
    await settle(6);
    item('n1').click();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('wo-job'), { timeout: 10_000 });
  });

  it('asks for the count again while the app is in view', async () => {
    const mock = routes();
    const { wrapper } = await mountAt('/', NotificationBell, { pollMs: 40 });
    mounted = wrapper;
    await settle(6);
    mock.setUnread(5);
    await vi.waitFor(() => expect(badge(wrapper).text()).toBe('5'), { timeout: 2000 });
  });
});
