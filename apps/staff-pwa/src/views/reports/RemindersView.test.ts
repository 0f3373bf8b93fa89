import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import RemindersView from './RemindersView.vue';
import { BUILDING, ESTATE, letVantSettle, makeNotices, OFFICE, SERVICE_PERMISSIONS, UNIT_ID } from './test-data';

/** Customer service of the estate (charge:read, no reports). */
const ME = () =>
  json(
    200,
    makeMe({
      username: 'kefu',
      name: '李客服',
      homeNodeId: ESTATE.id,
      grants: [{ id: 'g1', role: 'customer_service', nodeId: ESTATE.id, nodeName: '翠湖花园', nodeKind: 'estate' }],
      permissions: [...SERVICE_PERMISSIONS] as never,
    }),
  );

let mounted: VueWrapper | null = null;
async function mountReminders(query = '') {
  const { wrapper, router } = await mountAt(`/reminders${query}`, RemindersView);
  mounted = wrapper;
  await settle(15);
  return { wrapper, router };
}

describe('RemindersView', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('starts in the user’s own estate and lists the units in arrears with their notices and the legal note', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/org/nodes/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/reports/reminders/notices': () => json(200, makeNotices()),
    });
    const { wrapper, router } = await mountReminders();
    expect(wrapper.get('[data-test="legal-note"]').text()).toContain('不得以停水、停电');
    expect(router.currentRoute.value.query.nodeId).toBe(ESTATE.id);
    // nothing set: the API's defaults (0.01, 1 day, pay by asOf + 15 days)
    expect(calls.find((c) => c.path === '/api/reports/reminders/notices')?.body).toEqual({ nodeId: ESTATE.id, page: 1, pageSize: 50 });

    expect(wrapper.get('[data-test="reminders-summary"]').text()).toContain('2 户欠费');
    expect(wrapper.get('[data-test="reminders-summary"]').text()).toContain('截至 2026-10-31 · 缴费期限 2026-11-15');
    const items = wrapper.findAll('[data-test="reminder-item"]');
    expect(items.map((i) => i.get('[data-test="reminder-unit"]').text())).toEqual(['1栋 1-101', '1栋 1-102']);
    expect(items.map((i) => i.get('[data-test="reminder-owed"]').text())).toEqual(['¥420.24', '¥0.30']);
    expect(items[0]!.text()).toContain('2 笔 · 物业费 · 最早应缴 2026-08-31');

    expect(items[0]!.find('[data-test="reminder-notice"]').exists()).toBe(false);
    await items[0]!.get('[data-test="reminder-toggle"]').trigger('click');
    expect(items[0]!.get('[data-test="reminder-notice"]').text()).toContain('我们不会以停水停电方式催缴');

    // the print view gets the list's own dates, so it prints what is listed
    await wrapper.get('[data-test="reminders-print"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('reminders-print'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({ nodeId: ESTATE.id, asOf: '2026-10-31', payBy: '2026-11-15' });
  });

  it('applies the filters from the URL and the form, and refuses bad ones without asking', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/org/nodes/${ESTATE.id}`]: () => json(200, ESTATE),
      [`GET /api/buildings/${BUILDING.id}`]: () => json(200, { ...BUILDING, estateId: ESTATE.id, estateName: '翠湖花园', floors: 18, unitCount: 72 }),
      'POST /api/reports/reminders/notices': () => json(200, makeNotices()),
    });
    const { wrapper, router } = await mountReminders(`?nodeId=${ESTATE.id}&buildingId=${BUILDING.id}&asOf=2026-10-31`);
    const notices = () => calls.filter((c) => c.path === '/api/reports/reminders/notices');
    expect(notices()[0]?.body).toEqual({ nodeId: ESTATE.id, buildingId: BUILDING.id, asOf: '2026-10-31', page: 1, pageSize: 50 });
    expect(wrapper.get<HTMLInputElement>('[data-test="reminders-building"] input').element.value).toBe('1栋');

    await wrapper.get('[data-test="filter-min-owed"] input').setValue('1.234');
    await wrapper.get('[data-test="reminders-apply"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="filter-min-owed"]').text()).toContain('最多两位小数');
    expect(notices()).toHaveLength(1);

    await wrapper.get('[data-test="filter-min-owed"] input').setValue('100');
    await wrapper.get('[data-test="filter-min-days"] input').setValue('30');
    await wrapper.get('[data-test="reminders-apply"]').trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query).toMatchObject({ minOwed: '100', minDays: '30' });
    expect(notices()).toHaveLength(2);
    expect(notices()[1]?.body).toEqual({ nodeId: ESTATE.id, buildingId: BUILDING.id, minOwed: '100', minDays: 30, asOf: '2026-10-31', page: 1, pageSize: 50 });

    // the whole estate again
    await wrapper.get('[data-test="reminders-all-buildings"]').trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query.buildingId).toBeUndefined();
    expect(notices()[2]?.body).toEqual({ nodeId: ESTATE.id, minOwed: '100', minDays: 30, asOf: '2026-10-31', page: 1, pageSize: 50 });
  });

  it('another node drops the building of the old estate in the same step', async () => {
    localStorage.setItem('pm.reminders.node', JSON.stringify(ESTATE));
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/buildings/${BUILDING.id}`]: () => json(200, { ...BUILDING, estateId: ESTATE.id, estateName: '翠湖花园', floors: 18, unitCount: 72 }),
      'GET /api/org/nodes': () => json(200, { items: [OFFICE, ESTATE], total: 2, page: 1, pageSize: 20 }),
      'POST /api/reports/reminders/notices': () => json(200, makeNotices()),
    });
    const { wrapper, router } = await mountReminders(`?nodeId=${ESTATE.id}&buildingId=${BUILDING.id}`);
    await wrapper.get('[data-test="reminders-node"]').trigger('click');
    await settle(10);
    document.body.querySelectorAll<HTMLElement>('[data-test="node-option"]')[0]!.click();
    await settle(15);
    expect(router.currentRoute.value.query).toEqual({ nodeId: OFFICE.id });
    expect(wrapper.find('[data-test="reminders-building"]').exists()).toBe(false);
    const last = calls.filter((c) => c.path === '/api/reports/reminders/notices').at(-1);
    expect(last?.body).toEqual({ nodeId: OFFICE.id, page: 1, pageSize: 50 });
  });

  it('opens a unit’s reminder history', async () => {
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/org/nodes/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/reports/reminders/notices': () => json(200, makeNotices()),
    });
    const { wrapper, router } = await mountReminders();
    await wrapper.findAll('[data-test="reminder-history"]')[0]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('reminder-unit'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.unitId).toBe(UNIT_ID);
  });
});
