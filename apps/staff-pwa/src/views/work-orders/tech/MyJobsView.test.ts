import './test-setup';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, useSyncStore } from '../../../offline';
import { json } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import { cachedOrders } from '../../../work-orders/cache';
import { jobViews } from '../../../work-orders/merge';
import { detail, download, poolOrder, TECH } from '../../../work-orders/test-fixtures';
import { useTechWorkOrdersStore } from '../../../work-orders/work-orders.store';
import MyJobsView from './MyJobsView.vue';
import { resetPhone, seed, techNetwork } from './test-setup';

let mounted: VueWrapper | null = null;
async function mountList() {
  const { wrapper, router } = await mountAt('/work-orders/tech', MyJobsView);
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find('[data-test="job-tabs"], [data-test="jobs-never"]').exists()).toBe(true));
  await settle();
  return { wrapper, router };
}
const tabs = (w: VueWrapper) => w.findAll('.van-tab').map((t) => t.text().replace(/\s+/g, ' ').trim());

beforeEach(resetPhone);
afterEach(async () => {
  mounted?.unmount();
  mounted = null;
  await useSyncStore().flushNow();
  useSyncStore().stop();
  vi.useRealTimers();
});

describe('MyJobsView', () => {
  it('with no signal shows the jobs on the phone: my jobs and the pool, SLA badges at the phone’s time, kind, priority, place', async () => {
    techNetwork();
    const urgent = detail({
      id: 'wo-u',
      number: 'GD2611280009',
      priority: 'urgent',
      location: 'common_area',
      unitId: null,
      unitLabel: null,
      description: '2栋电梯困人',
      category: 'elevator',
      categoryName: '电梯',
      // Submitted 09:40, respond by 10:10: at 10:00 a third of the window is left (on track); completion by 13:40.
      submittedAt: '2026-11-28T01:40:00.000Z',
      responseDueAt: '2026-11-28T02:10:00.000Z',
      completeDueAt: '2026-11-28T05:40:00.000Z',
    });
    const late = detail({ id: 'wo-late', number: 'GD2611270001', submittedAt: '2026-11-27T23:00:00.000Z', responseDueAt: '2026-11-28T01:00:00.000Z', completeDueAt: '2026-11-29T23:00:00.000Z' });
    await seed(download([detail(), urgent, late], [poolOrder()]));
    const { wrapper } = await mountList();

    expect(tabs(wrapper)).toEqual(['我的工单 3', '抢单池 1', '已完成 0']);
    const cards = wrapper.findAll('[data-test="job-list-mine"] [data-test^="job-GD"]');
    // Overdue first, then by the completion deadline.
    expect(cards.map((c) => c.attributes('data-id'))).toEqual(['wo-late', 'wo-u', 'wo-1']);
    const lateCard = wrapper.get('[data-test="job-GD2611270001"]');
    expect(lateCard.get('[data-test="sla-response"]').attributes('data-status')).toBe('overdue');
    expect(lateCard.get('[data-test="sla-response"]').text()).toContain('超时 1 小时 0 分');
    const urgentCard = wrapper.get('[data-test="job-GD2611280009"]');
    expect(urgentCard.text()).toContain('紧急');
    expect(urgentCard.text()).toContain('电梯');
    expect(urgentCard.get('[data-test="job-location"]').text()).toBe('公区');
    expect(urgentCard.get('[data-test="sla-response"]').text()).toContain('剩 10 分钟');
    expect(wrapper.get('[data-test="job-GD2611280001"] [data-test="job-location"]').text()).toBe('1栋 1-101');
    expect(wrapper.get('[data-test="job-GD2611280001"]').text()).toContain('已派单');

    await wrapper.findAll('.van-tab')[1]!.trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-test="job-list-pool"]').exists()).toBe(true));
    const pool = wrapper.get('[data-test="job-list-pool"]');
    expect(pool.text()).toContain('特约服务');
    expect(pool.text()).toContain('空调不制冷');
  });

  it('a step saved offline shows at once as waiting to sync, and moves a grabbed job from the pool to my jobs', async () => {
    techNetwork();
    await seed(download([detail()], [poolOrder()]));
    const { wrapper } = await mountList();
    const store = useTechWorkOrdersStore();
    const [cached] = (await cachedOrders(getDb(), TECH)).filter((c) => c.order.id === 'wo-2');
    const view = jobViews({ cached: [cached!], commands: [], me: TECH, now: new Date() })[0]!;
    expect((await store.act(view, 'grab')).ok).toBe(true);

    await vi.waitFor(() => expect(tabs(wrapper)).toEqual(['我的工单 2', '抢单池 0', '已完成 0']));
    const grabbed = wrapper.get('[data-test="job-GD2611280002"]');
    expect(grabbed.get('[data-test="job-state"]').text()).toBe('已派单');
    expect(grabbed.get('[data-test="job-pending"]').text()).toBe('待同步 1');
    await vi.waitFor(() => expect(wrapper.get('[data-test="sync-pending"]').text()).toContain('1'));
  });

  it('downloads while online and says when; the first visit with no download says how to get one', async () => {
    techNetwork();
    const first = await mountList();
    expect(first.wrapper.find('[data-test="jobs-never"]').exists()).toBe(true);
    first.wrapper.unmount();

    techNetwork({ 'GET /api/work-orders/mine': () => json(200, download()), 'GET /api/work-order-settings/e1': () => json(403, { error: { code: 'forbidden', message: 'no' } }) });
    const { wrapper } = await mountList();
    await vi.waitFor(() => expect(wrapper.get('[data-test="jobs-updated"]').text()).toContain('2026-11-28 10:00'));
    expect(tabs(wrapper)).toEqual(['我的工单 1', '抢单池 1', '已完成 0']);
  });
});
