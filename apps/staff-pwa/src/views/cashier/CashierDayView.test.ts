import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CashierDayView from './CashierDayView.vue';
import { CASHIER_PERMISSIONS, ESTATE, letVantSettle, makeDay } from './test-data';

const ME = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
async function mountDay() {
  const { wrapper, router } = await mountAt(`/cashier/day?estateId=${ESTATE.id}`, CashierDayView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}

describe('CashierDayView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows the day by method and fee item, opens a receipt, and closes the day after a confirm', async () => {
    let closed = false;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/cashier/day': () => json(200, closed ? makeDay({ closed: true, closedAt: '2025-06-12T10:00:00.000Z' }) : makeDay()),
      'POST /api/cashier/day-close': () => {
        closed = true;
        return json(200, makeDay({ closed: true, closedAt: '2025-06-12T10:00:00.000Z' }));
      },
      // the estate's online payments of the same day (the 线上支付 account's day)
      'GET /api/payments/day': () =>
        json(200, makeDay({ cashierName: '线上支付', totals: { count: 1, total: '164.67', byMethod: [{ method: 'online', count: 1, total: '164.67' }], byFeeItem: [] }, receipts: [{ ...makeDay().receipts[0]!, id: '66666666-6666-4666-8666-666666666666', total: '164.67', method: 'online' }] })),
    });
    const { wrapper, router } = await mountDay();
    const asked = calls.find((c) => c.path === '/api/cashier/day');
    expect(asked?.query.get('estateId')).toBe(ESTATE.id);
    expect(asked?.query.get('cashierId')).toBe('00000000-0000-4000-8000-000000000001');

    expect(wrapper.get('[data-test="day-open"]').text()).toBe('未日结');
    expect(wrapper.get('[data-test="day-total"]').text()).toBe('¥520.34');
    expect(wrapper.get('[data-test="day-by-method"]').text()).toContain('现金');
    expect(wrapper.get('[data-test="day-by-method"]').text()).toContain('¥310.32');
    expect(wrapper.get('[data-test="day-by-fee"]').text()).toContain('垃圾清运费');
    expect(wrapper.findAll('[data-test="day-receipt"]')).toHaveLength(2);
    // online payments are shown beside the cashier's own day, not added to it
    const online = calls.find((c) => c.path === '/api/payments/day');
    expect(online?.query.get('estateId')).toBe(ESTATE.id);
    expect(online?.query.get('date')).toBe(makeDay().date);
    expect(wrapper.get('[data-test="day-online-total"]').text()).toBe('¥164.67');
    expect(wrapper.findAll('[data-test="day-online-receipt"]')).toHaveLength(1);

    await wrapper.get('[data-test="day-close"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    const close = calls.find((c) => c.method === 'POST');
    expect(close?.body).toMatchObject({ estateId: ESTATE.id, date: makeDay().date });
    expect(wrapper.get('[data-test="day-closed"]').text()).toContain('已日结');
    expect(wrapper.find('[data-test="day-close"]').exists()).toBe(false);

    // drill down
    await wrapper.findAll('[data-test="day-receipt"]')[0]!.trigger('click');
    // (its lazy screen may take a moment to load)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cashier-receipt'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.receiptId).toBe(makeDay().receipts[0]!.id);
  });

  it('reloads when another window closed the day first', async () => {
    let loads = 0;
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/cashier/day': () => {
        loads += 1;
        return json(200, loads > 1 ? makeDay({ closed: true, closedAt: '2025-06-12T10:00:00.000Z' }) : makeDay());
      },
      'POST /api/cashier/day-close': () => apiError(409, 'already_closed', '该日已日结 This day is already closed'),
    });
    const { wrapper } = await mountDay();
    await wrapper.get('[data-test="day-close"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    expect(loads).toBe(2);
    expect(wrapper.find('[data-test="day-closed"]').exists()).toBe(true);
  });
});
