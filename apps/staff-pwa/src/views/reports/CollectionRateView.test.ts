import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CollectionRateView from './CollectionRateView.vue';
import { letVantSettle, MANAGER_PERMISSIONS, makeCollection, OFFICE, xlsxResponse } from './test-data';

const ME = () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('CollectionRateView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('shows the period’s rate and the back arrears apart, per estate, and exports them', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      'GET /api/reports/collection-rate': (c) => json(200, makeCollection({ period: c.query.get('period') ?? '' })),
      'GET /api/reports/collection-rate/export': () => xlsxResponse('collection-rate-2026-10.xlsx', '收缴率-西湖管理处-2026-10.xlsx'),
    });
    const saves: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saves.push(this.download);
    });
    const { wrapper, router } = await mountAt(`/reports/collection-rate?nodeId=${OFFICE.id}&period=2026-10`, CollectionRateView);
    mounted = wrapper;
    await settle(10);

    expect(Object.fromEntries(calls.find((c) => c.path === '/api/reports/collection-rate')!.query)).toEqual({ nodeId: OFFICE.id, period: '2026-10' });
    expect(wrapper.get('[data-test="collection-node"]').text()).toContain('西湖管理处');

    const total = wrapper.get('[data-test="collection-total"]');
    expect(total.text()).toContain('2026-10 当期');
    expect(total.get('[data-test="total-current"] [data-test="rate"]').text()).toBe('75.00%');
    expect(total.get('[data-test="total-current"]').text()).toContain('实收 ¥1,500.20 / 应收 ¥2,000.30');
    expect(total.get('[data-test="figure-billed"]').text()).toContain('¥2,100.20');
    expect(total.get('[data-test="figure-reduced"]').text()).toContain('¥100.00');
    expect(total.get('[data-test="figure-receivable"]').text()).toContain('¥2,000.30');
    expect(total.get('[data-test="figure-outstanding"]').text()).toContain('¥500.10');

    const back = wrapper.get('[data-test="collection-back"]');
    expect(back.get('[data-test="rate"]').text()).toBe('25.00%');
    expect(back.get('[data-test="figure-opening"]').text()).toContain('¥800.00');
    expect(back.get('[data-test="figure-backCollected"]').text()).toContain('¥200.00');
    expect(back.get('[data-test="figure-backOutstanding"]').text()).toContain('¥600.00');
    expect(back.text()).toContain('2026-10-01 至 2026-10-31');

    const rows = wrapper.findAll('[data-test="collection-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.get('[data-test="row-current"] [data-test="rate"]').text()).toBe('80.00%');
    expect(rows[0]!.get('[data-test="row-back"] [data-test="rate"]').text()).toBe('30.00%');
    // nothing billed: no rate, not 0 %
    expect(rows[1]!.get('[data-test="row-current"] [data-test="rate"]').text()).toBe('—');

    await wrapper.get('[data-test="report-export"]').trigger('click');
    await settle(10);
    expect(Object.fromEntries(calls.find((c) => c.path === '/api/reports/collection-rate/export')!.query)).toEqual({ nodeId: OFFICE.id, period: '2026-10' });
    expect(saves).toEqual(['收缴率-西湖管理处-2026-10.xlsx']);

    // another period reloads
    await router.replace({ query: { ...router.currentRoute.value.query, period: '2026-09' } });
    await settle(10);
    expect(calls.filter((c) => c.path === '/api/reports/collection-rate').map((c) => c.query.get('period'))).toEqual(['2026-10', '2026-09']);
    expect(wrapper.get('[data-test="collection-total"]').text()).toContain('2026-09 当期');
  });
});
