import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../router';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ReportsView from './ReportsView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, OFFICE, SERVICE_PERMISSIONS } from './test-data';

const ME = (permissions: readonly string[]) => () => json(200, makeMe({ permissions: [...permissions] as never }));

let mounted: VueWrapper | null = null;
async function mountHub(query = '') {
  const { wrapper, router } = await mountAt(`/reports${query}`, ReportsView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

describe('ReportsView', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('covers every estate until a node is picked, then carries the node to each report', async () => {
    mockFetch({
      'GET /api/me': ME(MANAGER_PERMISSIONS),
      'GET /api/org/nodes': () => json(200, { items: [OFFICE, ESTATE], total: 2, page: 1, pageSize: 20 }),
    });
    const { wrapper, router } = await mountHub();
    expect(wrapper.text()).toContain('报表统计你有权查看的全部项目');
    expect(wrapper.find('[data-test="goto-reminders"]').exists()).toBe(true);

    await wrapper.get('[data-test="goto-collection"]').trigger('click');
    // (its lazy screen may take a moment to load)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('reports-collection'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({});
    await router.back();
    await settle(10);

    // pick the estate: the URL and the device remember it, and the arrears open by building
    await wrapper.get('[data-test="hub-node"]').trigger('click');
    await settle(10);
    const options = [...document.body.querySelectorAll<HTMLElement>('[data-test="node-option"]')];
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('西湖管理处'), expect.stringContaining('翠湖花园')]);
    options[1]!.click();
    await settle(10);
    expect(router.currentRoute.value.query.nodeId).toBe(ESTATE.id);
    expect(JSON.parse(localStorage.getItem('pm.reports.node') ?? '{}').id).toBe(ESTATE.id);
    expect(wrapper.text()).toContain('报表只统计「翠湖花园」下的项目');

    await wrapper.get('[data-test="goto-arrears"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('reports-arrears'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({ nodeId: ESTATE.id, groupBy: 'building' });
  });

  it('starts from the remembered node, and can go back to every estate', async () => {
    localStorage.setItem('pm.reports.node', JSON.stringify(OFFICE));
    const { calls } = mockFetch({ 'GET /api/me': ME(MANAGER_PERMISSIONS) });
    const { wrapper, router } = await mountHub();
    expect(router.currentRoute.value.query.nodeId).toBe(OFFICE.id);
    expect(wrapper.get<HTMLInputElement>('[data-test="hub-node"] input').element.value).toBe('西湖管理处');
    // remembered: nothing asked
    expect(calls.some((c) => c.path.startsWith('/api/org/nodes'))).toBe(false);

    await wrapper.get('[data-test="hub-all"]').trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query.nodeId).toBeUndefined();
    expect(localStorage.getItem('pm.reports.node')).toBeNull();
    expect(wrapper.find('[data-test="hub-all"]').exists()).toBe(false);
  });

  it('leads to the online reconciliation, which has no scope', async () => {
    localStorage.setItem('pm.reports.node', JSON.stringify(OFFICE));
    mockFetch({ 'GET /api/me': ME(MANAGER_PERMISSIONS), 'GET /api/payments/reconciliation': () => json(200, { day: '2026-10-31', runs: [], mismatches: [] }) });
    const { wrapper, router } = await mountHub();
    expect(wrapper.get('[data-test="goto-reconciliation"]').text()).toContain('线上对账');
    await wrapper.get('[data-test="goto-reconciliation"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('reports-reconciliation'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({});
  });

  it('keeps the reports to report:read, while customer service reaches the reminders', async () => {
    setActivePinia(createPinia());
    mockFetch({ 'GET /api/me': ME(SERVICE_PERMISSIONS) });
    const router = createAppRouter(createMemoryHistory('/staff/'));
    await router.push('/reports');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/reports/arrears');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/reminders');
    expect(router.currentRoute.value.name).toBe('reminders');
    await router.push(`/reminders/units/${ESTATE.id}`);
    expect(router.currentRoute.value.name).toBe('reminder-unit');
  });
});
