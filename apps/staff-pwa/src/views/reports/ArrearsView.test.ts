import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ArrearsView from './ArrearsView.vue';
import { BUILDING, buildingArrears, ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeArrears, UNIT_ID, unitArrears, xlsxResponse } from './test-data';

const ME = (permissions: readonly string[] = MANAGER_PERMISSIONS) => () => json(200, makeMe({ permissions: [...permissions] as never }));

/** Answers the arrears report by its groupBy, as the API would for the node asked. */
const byGroup = (c: RecordedCall) => {
  const g = c.query.get('groupBy');
  return json(200, g === 'unit' ? unitArrears() : g === 'building' ? buildingArrears() : makeArrears());
};

let mounted: VueWrapper | null = null;
async function mountArrears(query: string) {
  const { wrapper, router } = await mountAt(`/reports/arrears${query}`, ArrearsView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

/** Captures what is saved through an object URL and a hidden link. */
function captureSaves() {
  const saved: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    last = b as Blob;
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: last! });
  });
  return saved;
}

describe('ArrearsView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows the total and the aging buckets per estate, exports them, and drills down to an estate by building', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      'GET /api/reports/arrears': byGroup,
      'GET /api/reports/arrears/export': () => xlsxResponse('arrears-estate-2026-10-31.xlsx', '欠费账龄-全部-按项目-2026-10-31.xlsx'),
    });
    const saved = captureSaves();
    const { wrapper, router } = await mountArrears('?asOf=2026-10-31');

    const asked = calls.find((c) => c.path === '/api/reports/arrears')!;
    expect(Object.fromEntries(asked.query)).toEqual({ asOf: '2026-10-31', groupBy: 'estate', page: '1', pageSize: '20' });
    expect(wrapper.get('[data-test="arrears-node"]').text()).toContain('全部');
    // exact sums from the API, not float arithmetic: 210.42 + 420.24
    expect(wrapper.get('[data-test="arrears-total"]').text()).toBe('¥630.66');
    expect(wrapper.get('[data-test="arrears-summary"]').text()).toContain('截至 2026-10-31 欠费合计');
    expect(wrapper.get('[data-test="figure-bucket-upTo30"]').text()).toBe('30 天以内¥210.42');
    expect(wrapper.get('[data-test="figure-bucket-upTo90"]').text()).toBe('31–90 天¥420.24');
    expect(wrapper.get('[data-test="figure-bucket-over365"]').text()).toBe('一年以上¥0.00');
    const rows = wrapper.findAll('[data-test="arrears-row"]');
    expect(rows.map((r) => r.get('[data-test="arrears-row-title"]').text())).toEqual(['翠湖花园', '锦绣家园']);
    expect(rows.map((r) => r.get('[data-test="arrears-row-owed"]').text())).toEqual(['¥630.36', '¥0.30']);
    expect(rows[0]!.text()).toContain('3 笔 · 最早应缴 2026-08-31');

    // export: the same query, no paging, saved under the server's name
    await wrapper.get('[data-test="report-export"]').trigger('click');
    await settle(10);
    const exported = calls.find((c) => c.path === '/api/reports/arrears/export')!;
    expect(Object.fromEntries(exported.query)).toEqual({ asOf: '2026-10-31', groupBy: 'estate' });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('欠费账龄-全部-按项目-2026-10-31.xlsx');
    expect(saved[0]!.blob.size).toBe(4);

    // drill down: the estate by building, the date kept; Back climbs up again
    await rows[0]!.trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query).toEqual({ asOf: '2026-10-31', nodeId: ESTATE.id, groupBy: 'building' });
    const drilled = calls.filter((c) => c.path === '/api/reports/arrears').at(-1)!;
    expect(drilled.query.get('nodeId')).toBe(ESTATE.id);
    expect(drilled.query.get('groupBy')).toBe('building');
    expect(wrapper.get('[data-test="arrears-node"]').text()).toContain('翠湖花园');
    expect(wrapper.findAll('[data-test="arrears-row-title"]').map((r) => r.text())).toEqual(['1栋']);

    // a building opens its units (buildingId), the date kept
    await wrapper.get('[data-test="arrears-row"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.query.groupBy).toBe('unit'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({ nodeId: ESTATE.id, buildingId: BUILDING.id, asOf: '2026-10-31', groupBy: 'unit' });
    await settle(10);
    const units = calls.filter((c) => c.path === '/api/reports/arrears').at(-1)!;
    expect(units.query.get('buildingId')).toBe(BUILDING.id);
    expect(units.query.get('groupBy')).toBe('unit');
  });

  it('lists units with their owner, and a unit opens its account at the counter', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME(), 'GET /api/reports/arrears': byGroup });
    const { wrapper, router } = await mountArrears(`?nodeId=${ESTATE.id}&groupBy=unit`);
    expect(calls.find((c) => c.path === '/api/reports/arrears')?.query.get('groupBy')).toBe('unit');
    const rows = wrapper.findAll('[data-test="arrears-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('1栋 1-101');
    expect(rows[0]!.text()).toContain('张伟');
    expect(rows[0]!.text()).toContain('31–90 天 ¥420.24');
    expect(wrapper.get('[data-test="arrears-summary"]').text()).toContain('2 户');

    await rows[0]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cashier-account'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.unitId).toBe(UNIT_ID);
  });

  it('without the counter a unit opens the unit, and switching the grouping reloads', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME(['org:read', 'estate:read', 'unit:read', 'report:read']), 'GET /api/reports/arrears': byGroup });
    const { wrapper, router } = await mountArrears(`?nodeId=${ESTATE.id}&groupBy=building`);
    // a building row opens its units for anyone who may see the report
    expect(wrapper.get('[data-test="arrears-row"]').classes()).toContain('van-cell--clickable');

    const unitTab = wrapper.findAll('[data-test="arrears-group"] .van-tab').find((tab) => tab.text() === '按房屋')!;
    await unitTab.trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query.groupBy).toBe('unit');
    expect(calls.filter((c) => c.path === '/api/reports/arrears').map((c) => c.query.get('groupBy'))).toEqual(['building', 'unit']);
    await wrapper.findAll('[data-test="arrears-row"]')[0]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('unit'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.unitId).toBe(UNIT_ID);
  });

  it('says why the report failed and retries', async () => {
    let fail = true;
    mockFetch({
      'GET /api/me': ME(),
      'GET /api/reports/arrears': (c) => (fail ? apiError(403, 'forbidden', '没有权限') : byGroup(c)),
    });
    const { wrapper } = await mountArrears('');
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('没有权限');
    fail = false;
    await wrapper.get('[data-test="load-error"] button').trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="arrears-total"]').text()).toBe('¥630.66');
  });
});
