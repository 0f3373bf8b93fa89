import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import { xlsxResponse } from '../../reports/test-data';
import { apiKpiReport, ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeKpiReport, makeOrder, ORDER_2 } from '../cs/test-data';
import KpiBarChart from './KpiBarChart.vue';
import KpiDashboardView from './KpiDashboardView.vue';

const OFFICE = { id: '99999999-0000-4000-8000-000000000001', parentId: null, kind: 'office', name: '西湖管理处', path: ['西湖管理处'] };
const RANGE = `nodeId=${OFFICE.id}&from=2025-03-01&to=2025-03-31`;

function routes() {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
    [`GET /api/org/nodes/${OFFICE.id}`]: () => json(200, OFFICE),
    'GET /api/work-orders/kpis': (c) => json(200, apiKpiReport(makeKpiReport({ nodeId: OFFICE.id, nodeName: '西湖管理处', from: c.query.get('from') ?? '', to: c.query.get('to') ?? '' }))),
    // A page of orders, as the API answers (no total). The satisfaction misses of the office fill two pages:
    // 50, then 7.
    'GET /api/work-orders/kpis/orders': (c) => {
      const page = Number(c.query.get('page') ?? '1');
      const pageSize = Number(c.query.get('pageSize') ?? '20');
      if (c.query.get('metric') === 'satisfaction' && !c.query.get('key') && c.query.get('outcome') === 'miss') {
        const all = Array.from({ length: 57 }, (_, i) => makeOrder({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, number: `GD25030100${String(i).padStart(2, '0')}`, state: 'closed' }));
        return json(200, { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize });
      }
      const items = c.query.get('outcome') === 'miss' ? [makeOrder({ state: 'in_progress', sla: { response: 'met', completion: 'overdue' } })] : [makeOrder({ id: ORDER_2, number: 'GD2503010002', state: 'closed' })];
      return json(200, { items, page, pageSize });
    },
    'GET /api/work-orders/kpis/export': () => xlsxResponse('work-order-kpis.xlsx', '工单统计-西湖管理处-2025-03.xlsx'),
  });
}

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

async function open(query = RANGE) {
  const mock = routes();
  const { wrapper, router } = await mountAt(`/work-orders/kpi?${query}`, KpiDashboardView);
  mounted = wrapper;
  await settle(12);
  return { ...mock, wrapper, router };
}

const lastKpis = (calls: { path: string; query: URLSearchParams }[], path = '/api/work-orders/kpis') => Object.fromEntries(calls.filter((c) => c.path === path).at(-1)!.query);

describe('KpiDashboardView (工单统计)', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('shows the figures as cards, unanswered surveys apart, a chart across the rows and every row', async () => {
    const { calls, wrapper } = await open();
    expect(calls.filter((c) => c.path === '/api/work-orders/kpis')).toHaveLength(1);
    expect(lastKpis(calls)).toEqual({ nodeId: OFFICE.id, from: '2025-03-01', to: '2025-03-31', groupBy: 'estate' });

    const total = wrapper.get('[data-test="kpi-total"]');
    expect(total.text()).toContain('西湖管理处 · 2025-03-01 至 2025-03-31');
    expect(total.get('[data-test="kpi-orders"]').text()).toContain('14');
    expect(total.get('[data-test="kpi-avgResponse"]').text()).toContain('46 分钟');
    expect(total.get('[data-test="kpi-avgCompletion"]').text()).toContain('1 天 1 小时');
    const rate = (m: string) => total.get(`[data-test="total-${m}"] [data-test="rate"]`).text();
    expect(rate('responseOnTime')).toBe('72.73%');
    expect(rate('completionOnTime')).toBe('90.00%');
    expect(rate('followUp')).toBe('75.00%');
    expect(rate('satisfaction')).toBe('80.00%');
    expect(rate('complaintSatisfaction')).toBe('0.00%');
    expect(rate('reopen')).toBe('11.11%');
    expect(total.get('[data-test="total-completionOnTime"]').text()).toContain('按时完成 9 / 应完成 10');
    expect(total.get('[data-test="kpi-rate-completionOnTime"]').text()).toContain('服务标准 ≥ 95%');
    expect(total.get('[data-test="kpi-unanswered-satisfaction"]').text()).toContain('无回应 2 单，另计，不算满意');

    const rows = wrapper.findAll('[data-test="kpi-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('翠湖花园');
    expect(rows[1]!.get('[data-test="row-rate-completionOnTime"] [data-test="rate"]').text()).toBe('—');

    // ECharts comes in with the chart and draws SVG bars
    await vi.waitFor(() => expect(wrapper.find('[data-test="kpi-chart"] svg').exists()).toBe(true), { timeout: 10_000 });
    expect(wrapper.get('[data-test="kpi-chart"]').text()).toContain('翠湖花园');
  });

  it('opens the orders behind a figure: the misses first, then the hits; a row or a bar narrows it to that row', async () => {
    const { calls, wrapper } = await open();
    await wrapper.get('[data-test="kpi-rate-completionOnTime"]').trigger('click');
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/orders')).toEqual({
      nodeId: OFFICE.id,
      from: '2025-03-01',
      to: '2025-03-31',
      groupBy: 'estate',
      metric: 'completionOnTime',
      outcome: 'miss',
      page: '1',
      pageSize: '50',
    });
    const sheet = () => document.querySelector<HTMLElement>('[data-test="kpi-drill"]')!;
    expect(sheet().textContent).toContain('维修及时率');
    expect(sheet().textContent).toContain('超时完成或逾期未完成');
    expect(sheet().querySelectorAll('[data-test="wo-card"]')).toHaveLength(1);

    [...sheet().querySelectorAll<HTMLElement>('.van-tab')].find((t) => t.textContent?.includes('按时完成'))!.click();
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/orders').outcome).toBe('hit');
    expect(sheet().textContent).toContain('GD2503010002');

    await wrapper.findAll('[data-test="kpi-row"]')[0]!.get('[data-test="row-rate-satisfaction"]').trigger('click');
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/orders')).toMatchObject({ metric: 'satisfaction', outcome: 'miss', key: ESTATE.id });
    expect(sheet().textContent).toContain('翠湖花园 · 满意率');

    await vi.waitFor(() => expect(wrapper.find('[data-test="kpi-chart"] svg').exists()).toBe(true), { timeout: 10_000 });
    wrapper.findComponent(KpiBarChart).vm.$emit('pick', '22222222-2222-4222-8222-222222222222');
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/orders')).toMatchObject({ metric: 'completionOnTime', key: '22222222-2222-4222-8222-222222222222' });
  });

  it('brings the orders behind a figure 50 at a time until a short page ends them', async () => {
    const { calls, wrapper } = await open();
    await wrapper.get('[data-test="kpi-rate-satisfaction"]').trigger('click');
    await settle(8);
    const sheet = () => document.querySelector<HTMLElement>('[data-test="kpi-drill"]')!;
    expect(sheet().querySelectorAll('[data-test="wo-card"]')).toHaveLength(50);
    expect(sheet().querySelector('[data-test="drill-count"]')!.textContent).toContain('已显示 50 条');
    sheet().querySelector<HTMLElement>('[data-test="drill-more"]')!.click();
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/orders')).toMatchObject({ metric: 'satisfaction', outcome: 'miss', page: '2', pageSize: '50' });
    expect(sheet().querySelectorAll('[data-test="wo-card"]')).toHaveLength(57);
    expect(sheet().querySelector('[data-test="drill-count"]')!.textContent).toContain('共 57 条');
    expect(sheet().querySelector('[data-test="drill-more"]')).toBeNull();
  });

  it('groups by technician, and charts another rate', async () => {
    const { calls, wrapper, router } = await open();
    await wrapper.findAll('[data-test="kpi-group"] .van-tab')[1]!.trigger('click');
    await settle(10);
    expect(router.currentRoute.value.query.groupBy).toBe('technician');
    expect(lastKpis(calls).groupBy).toBe('technician');
    await wrapper.get('[data-test="chart-metric-satisfaction"]').trigger('click');
    await settle(2);
    expect(router.currentRoute.value.query.metric).toBe('satisfaction');
    expect(wrapper.findComponent(KpiBarChart).props('metric')).toBe('satisfaction');
  });

  it('exports the report as .xlsx', async () => {
    const saves: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saves.push(this.download);
    });
    const { calls, wrapper } = await open();
    await wrapper.get('[data-test="report-export"]').trigger('click');
    await settle(8);
    expect(lastKpis(calls, '/api/work-orders/kpis/export')).toEqual({ nodeId: OFFICE.id, from: '2025-03-01', to: '2025-03-31', groupBy: 'estate' });
    expect(saves).toEqual(['工单统计-西湖管理处-2025-03.xlsx']);
  });

  it('does not ask for a range that ends before it starts', async () => {
    const { calls, wrapper } = await open(`nodeId=${OFFICE.id}&from=2025-03-31&to=2025-03-01`);
    expect(wrapper.find('[data-test="kpi-range-invalid"]').exists()).toBe(true);
    expect(calls.some((c) => c.path === '/api/work-orders/kpis')).toBe(false);
  });
});
