import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../../test/fetch-mock';
import { residentMe } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { rememberOrder } from './launch';
import { makeOrder, makeReceipt, ORDER_ID, RECEIPT_ID, SLOW } from './test-data';
import { pollTiming } from './useOrderPolling';

const ME = { body: residentMe() };
const ORDER = `GET /api/resident/payment-orders/${ORDER_ID}`;
const saved = { ...pollTiming };

let mounted: VueWrapper | null = null;
async function open(path: string) {
  const { wrapper, router } = await mountApp(path);
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find('[data-test="pay-result"]').exists()).toBe(true), SLOW);
  return { wrapper, router };
}
const state = (w: VueWrapper) => w.get('[data-test="pay-result"]').attributes('data-state');
const orderCalls = (calls: { path: string }[]) => calls.filter((c) => c.path === `/api/resident/payment-orders/${ORDER_ID}`).length;

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
  // Poll fast; the rule (interval, then give up and offer a refresh) is the same.
  pollTiming.intervalMs = 20;
  pollTiming.timeoutMs = 300;
});
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  Object.assign(pollTiming, saved);
});

describe('payment result page', () => {
  it('polls the order until it is paid with its receipt, then links to the e-receipt', async () => {
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ORDER]: [
        { body: makeOrder({ state: 'pending' }) },
        { body: makeOrder({ state: 'pending' }) },
        // paid, the receipt a moment later
        { body: makeOrder({ state: 'paid', paidAt: '2025-06-12T06:06:00.000Z' }) },
        { body: makeOrder({ state: 'paid', paidAt: '2025-06-12T06:06:00.000Z', receiptId: RECEIPT_ID }) },
      ],
      [`GET /api/resident/receipts/${RECEIPT_ID}`]: { body: makeReceipt() },
    });
    const { wrapper, router } = await open(`/pay/result?order=${ORDER_ID}`);
    expect(wrapper.get('[data-test="result-amount"]').text()).toBe('¥210.32');
    expect(['waiting', 'paidPending', 'paid']).toContain(state(wrapper));

    await vi.waitFor(() => expect(state(wrapper)).toBe('paid'), SLOW);
    expect(wrapper.get('[data-test="result-title"]').text()).toBe('支付成功');
    expect(wrapper.get('[data-test="result-order-no"]').text()).toContain('PO20250612000123');
    expect(wrapper.find('[data-test="result-cancel"]').exists()).toBe(false);
    // it stops asking once the order is final
    const asked = orderCalls(calls);
    expect(asked).toBe(4);
    await new Promise((r) => setTimeout(r, 100));
    expect(orderCalls(calls)).toBe(asked);

    await wrapper.get('[data-test="result-receipt"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pay-receipt'), SLOW);
    expect(router.currentRoute.value.params.receiptId).toBe(RECEIPT_ID);
  });

  it('stops after the time limit, then a manual refresh asks again', async () => {
    const api = mockFetch({ 'GET /api/resident/me': ME, [ORDER]: { body: makeOrder({ state: 'pending' }) } });
    const { wrapper } = await open(`/pay/result?order=${ORDER_ID}`);
    await vi.waitFor(() => expect(state(wrapper)).toBe('slow'), SLOW);
    expect(wrapper.get('[data-test="result-title"]').text()).toBe('暂未收到支付结果');
    const asked = orderCalls(api.calls);
    expect(asked).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(orderCalls(api.calls)).toBe(asked);

    api.on(ORDER, { body: makeOrder({ state: 'paid', receiptId: RECEIPT_ID, paidAt: '2025-06-12T06:06:00.000Z' }) });
    await wrapper.get('[data-test="result-refresh"]').trigger('click');
    await vi.waitFor(() => expect(state(wrapper)).toBe('paid'), SLOW);
    expect(orderCalls(api.calls)).toBe(asked + 1);
  });

  it('keeps polling through a dropped connection', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ORDER]: [apiError(503, 'unavailable'), { body: makeOrder({ state: 'failed' }) }],
    });
    const { wrapper } = await open(`/pay/result?order=${ORDER_ID}`);
    await vi.waitFor(() => expect(state(wrapper)).toBe('failed'), SLOW);
    expect(wrapper.get('[data-test="result-title"]').text()).toBe('支付失败');
    expect(wrapper.find('[data-test="result-error"]').exists()).toBe(false);
  });

  it.each([
    ['failed', '支付失败'],
    ['closed', '支付已取消'],
    ['expired', '支付已超时'],
  ] as const)('a %s order says so and goes back to the bills', async (s, title) => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ORDER]: { body: makeOrder({ state: s }) },
      'GET /api/resident/payment-channels': { body: { channels: [] } },
    });
    const { wrapper, router } = await open(`/pay/result?order=${ORDER_ID}`);
    await vi.waitFor(() => expect(state(wrapper)).toBe(s), SLOW);
    expect(wrapper.get('[data-test="result-title"]').text()).toBe(title);
    expect(wrapper.find('[data-test="result-receipt"]').exists()).toBe(false);
    await wrapper.get('[data-test="result-back"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('bills'), SLOW);
  });

  it("finds this tab's last order when the provider came back without ?order=, and can cancel an open one", async () => {
    rememberOrder(ORDER_ID);
    const api = mockFetch({
      'GET /api/resident/me': ME,
      [ORDER]: { body: makeOrder({ state: 'pending' }) },
      [`POST /api/resident/payment-orders/${ORDER_ID}/close`]: () => {
        api.on(ORDER, { body: makeOrder({ state: 'closed' }) });
        return { body: {} };
      },
    });
    const { wrapper } = await open('/pay/result');
    await vi.waitFor(() => expect(wrapper.find('[data-test="result-cancel"]').exists()).toBe(true), SLOW);
    await wrapper.get('[data-test="result-cancel"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(document.querySelector('.van-dialog__confirm')).not.toBeNull(), SLOW);
    expect(document.querySelector('.van-dialog__message')!.textContent).toContain('如已在支付页面付款，请不要取消');
    document.querySelector<HTMLElement>('.van-dialog__confirm')!.click();
    await vi.waitFor(() => expect(state(wrapper)).toBe('closed'), SLOW);
    expect(api.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/close'))).toHaveLength(1);
  });

  it('says when there is no such order', async () => {
    mockFetch({ 'GET /api/resident/me': ME, [ORDER]: apiError(404, 'not_found') });
    const { wrapper } = await open(`/pay/result?order=${ORDER_ID}`);
    await vi.waitFor(() => expect(state(wrapper)).toBe('noOrder'), SLOW);
    expect(wrapper.get('[data-test="result-title"]').text()).toBe('未找到支付订单');
  });
});
