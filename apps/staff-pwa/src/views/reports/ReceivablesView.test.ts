import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ReceivablesView from './ReceivablesView.vue';
import { letVantSettle, MANAGER_PERMISSIONS, makeReceivables, xlsxResponse } from './test-data';

const ME = () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
async function mountReceivables(query: string) {
  const { wrapper, router } = await mountAt(`/reports/receivables${query}`, ReceivablesView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

describe('ReceivablesView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows billed, discounts, collected and outstanding per fee item with the totals, and exports them', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      'GET /api/reports/receivables': () => json(200, makeReceivables()),
      'GET /api/reports/receivables/export': () => xlsxResponse('receivables-2026-01-2026-11.xlsx', '应收实收-全部-2026-01至2026-11.xlsx'),
    });
    const saves: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saves.push(this.download);
    });
    const { wrapper } = await mountReceivables('?from=2026-01&to=2026-11');
    expect(Object.fromEntries(calls.find((c) => c.path === '/api/reports/receivables')!.query)).toEqual({ from: '2026-01', to: '2026-11' });

    const total = wrapper.get('[data-test="receivables-total"]');
    expect(total.text()).toContain('2026-01 至 2026-11 合计');
    expect(total.text()).toContain('15 笔');
    expect(total.get('[data-test="figure-billed"]').text()).toContain('¥2,520.54');
    expect(total.get('[data-test="figure-settled"]').text()).toContain('¥2,000.20');
    expect(total.get('[data-test="figure-outstanding"]').text()).toContain('¥500.34');

    const rows = wrapper.findAll('[data-test="receivables-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('物业费');
    expect(rows[0]!.text()).toContain('物业服务');
    expect(rows[0]!.get('[data-test="figure-reduced"]').text()).toContain('¥20.00');
    expect(rows[1]!.text()).toContain('水电燃气');
    expect(rows[1]!.get('[data-test="figure-outstanding"]').text()).toContain('¥0.20');

    await wrapper.get('[data-test="report-export"]').trigger('click');
    await settle(10);
    expect(Object.fromEntries(calls.find((c) => c.path === '/api/reports/receivables/export')!.query)).toEqual({ from: '2026-01', to: '2026-11' });
    expect(saves).toEqual(['应收实收-全部-2026-01至2026-11.xlsx']);
  });

  it('refuses a range that ends before it starts without asking the API', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME, 'GET /api/reports/receivables': () => json(200, makeReceivables()) });
    const { wrapper, router } = await mountReceivables('?from=2026-11&to=2026-10');
    expect(wrapper.get('[data-test="range-invalid"]').text()).toBe('起始账期不能晚于截止账期');
    expect(calls.some((c) => c.path === '/api/reports/receivables')).toBe(false);
    expect(wrapper.get('[data-test="report-export"]').attributes('disabled')).toBeDefined();

    await router.replace({ query: { from: '2026-10', to: '2026-10' } });
    await settle(10);
    expect(wrapper.find('[data-test="range-invalid"]').exists()).toBe(false);
    expect(calls.filter((c) => c.path === '/api/reports/receivables')).toHaveLength(1);
  });

  it('says when an export is refused instead of saving an error page', async () => {
    mockFetch({
      'GET /api/me': ME,
      'GET /api/reports/receivables': () => json(200, makeReceivables()),
      'GET /api/reports/receivables/export': () => apiError(403, 'forbidden', 'no report:read here'),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { wrapper } = await mountReceivables('');
    await wrapper.get('[data-test="report-export"]').trigger('click');
    await settle(10);
    expect(click).not.toHaveBeenCalled();
    expect(document.body.querySelector('.van-toast')?.textContent).toContain('没有权限执行此操作');
  });
});
