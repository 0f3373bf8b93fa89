import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OnlineDay } from '../../api/payments';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import OnlineDaySection from './OnlineDaySection.vue';
import { CASHIER_PERMISSIONS, ESTATE, letVantSettle, makeDay } from './test-data';

const ME = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));
const DATE = '2025-06-12';

/** The estate's online day as the API answers it: the 线上支付 account's receipts, method online. */
function onlineDay(overrides: Partial<OnlineDay> = {}): OnlineDay {
  return makeDay({
    date: DATE,
    cashierId: '00000000-0000-4000-8000-0000000000aa',
    cashierName: '线上支付',
    totals: {
      count: 2,
      total: '374.69',
      byMethod: [{ method: 'online', count: 2, total: '374.69' }],
      byFeeItem: [{ feeItemName: '物业费', total: '374.69' }],
    },
    receipts: [
      { id: '66666666-6666-4666-8666-666666666666', number: 'SK2025-000125', unitNumber: '1-101', buildingName: '1栋', total: '164.67', method: 'online', status: 'posted', createdAt: '2025-06-12T01:46:00.000Z' },
      { id: '77777777-7777-4777-8777-777777777777', number: 'SK2025-000126', unitNumber: '2-101', buildingName: '2栋', total: '210.02', method: 'online', status: 'posted', createdAt: '2025-06-12T03:10:00.000Z' },
    ],
    ...overrides,
  });
}

let mounted: VueWrapper | null = null;
async function mountSection(date = DATE) {
  const { wrapper, router } = await mountAt(`/cashier/day?estateId=${ESTATE.id}`, OnlineDaySection, { estateId: ESTATE.id, date });
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

describe('OnlineDaySection', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows the estate’s online payments of the day, their total and receipts, each opening its paper', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME, 'GET /api/payments/day': () => json(200, onlineDay()) });
    const { wrapper, router } = await mountSection();
    const asked = calls.find((c) => c.path === '/api/payments/day');
    expect(asked?.query.get('estateId')).toBe(ESTATE.id);
    expect(asked?.query.get('date')).toBe(DATE);

    expect(wrapper.text()).toContain('线上缴费（2）');
    expect(wrapper.get('[data-test="day-online-total"]').text()).toBe('¥374.69');
    const rows = wrapper.findAll('[data-test="day-online-receipt"]');
    expect(rows).toHaveLength(2);
    // 01:46 UTC is 09:46 in Beijing
    expect(rows[0]!.text()).toContain('1栋 1-101');
    expect(rows[0]!.text()).toContain('SK2025-000125 · 09:46');
    expect(rows[0]!.text()).toContain('¥164.67');
    expect(wrapper.find('[data-test="day-online-empty"]').exists()).toBe(false);

    await rows[1]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cashier-receipt'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.receiptId).toBe('77777777-7777-4777-8777-777777777777');
  });

  it('says so when nobody paid online that day', async () => {
    mockFetch({
      'GET /api/me': ME,
      'GET /api/payments/day': () => json(200, onlineDay({ receipts: [], totals: { count: 0, total: '0.00', byMethod: [], byFeeItem: [] } })),
    });
    const { wrapper } = await mountSection();
    expect(wrapper.get('[data-test="day-online-total"]').text()).toBe('¥0.00');
    expect(wrapper.get('[data-test="day-online-empty"]').text()).toBe('当天没有线上缴费');
    expect(wrapper.findAll('[data-test="day-online-receipt"]')).toHaveLength(0);
  });

  it('says why it failed and loads again on retry', async () => {
    let calls = 0;
    mockFetch({
      'GET /api/me': ME,
      'GET /api/payments/day': () => {
        calls += 1;
        return calls === 1 ? apiError(403, 'forbidden', '没有权限 Forbidden') : json(200, onlineDay());
      },
    });
    const { wrapper } = await mountSection();
    expect(wrapper.get('[data-test="day-online-error"]').text()).toContain('线上缴费加载失败');
    expect(wrapper.find('[data-test="day-online-total"]').exists()).toBe(false);

    await wrapper.get('[data-test="day-online-error"] button').trigger('click');
    await settle(10);
    expect(calls).toBe(2);
    expect(wrapper.find('[data-test="day-online-error"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-test="day-online-receipt"]')).toHaveLength(2);
  });

  it('follows the day picked above it', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      'GET /api/payments/day': (c) => json(200, c.query.get('date') === DATE ? onlineDay() : onlineDay({ date: '2025-06-11', receipts: [] })),
    });
    const { wrapper } = await mountSection();
    expect(wrapper.findAll('[data-test="day-online-receipt"]')).toHaveLength(2);
    await wrapper.setProps({ date: '2025-06-11' });
    await settle(10);
    expect(calls.filter((c) => c.path === '/api/payments/day').map((c) => c.query.get('date'))).toEqual([DATE, '2025-06-11']);
    expect(wrapper.find('[data-test="day-online-empty"]').exists()).toBe(true);
  });
});
