import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OnlineRefundInput, PaymentOrderDetail, PaymentRefund } from '../../api/payments';
import { apiError, json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CashierReceiptView from './CashierReceiptView.vue';
import OnlineRefundSection from './OnlineRefundSection.vue';
import { CASHIER_PERMISSIONS, ESTATE, letVantSettle, makeReceipt, UNIT_ID } from './test-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RECEIPT_ID = '44444444-4444-4444-8444-444444444444';
const ORDER_ID = '88888888-8888-4888-8888-888888888888';
const LIST = 'GET /api/payment-orders';
const ORDER = `GET /api/payment-orders/${ORDER_ID}`;
const POST = `POST /api/payment-orders/${ORDER_ID}/refunds`;
const MANAGER = () => json(200, makeMe({ permissions: [...CASHIER_PERMISSIONS, 'ledger:adjust'] as never }));
const CASHIER = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));

function makeRefund(overrides: Partial<PaymentRefund> = {}): PaymentRefund {
  return {
    id: '99999999-9999-4999-8999-999999999999',
    orderId: ORDER_ID,
    outRefundNo: 'RF0123456789ABCDEF01234567',
    amount: '10.10',
    reason: '业主多缴',
    state: 'succeeded',
    providerState: 'SUCCESS',
    providerRefundId: '50300000012025061200000001',
    requestedBy: '00000000-0000-4000-8000-000000000001',
    requestedByName: '王经理',
    requestedAt: '2025-06-12T08:00:00.000Z',
    completedAt: '2025-06-12T08:00:02.000Z',
    failureReason: null,
    ...overrides,
  };
}

/** A paid order of ¥310.32 (the online receipt's total) as GET /api/payment-orders/:id answers it. */
function makeOrder(refunds: PaymentRefund[] = [], overrides: Partial<PaymentOrderDetail> = {}): PaymentOrderDetail {
  return {
    id: ORDER_ID,
    outTradeNo: 'PM20250612ABCDEF123456',
    unitId: UNIT_ID,
    channel: 'wechat_h5',
    state: 'paid',
    amount: '310.32',
    chargeIds: [],
    prepayment: '100.00',
    createdAt: '2025-06-12T06:00:00.000Z',
    expiresAt: '2025-06-12T06:15:00.000Z',
    paidAt: '2025-06-12T06:05:00.000Z',
    receiptId: RECEIPT_ID,
    estateId: ESTATE.id,
    unitNumber: '1-101',
    buildingName: '1栋',
    provider: 'wechatpay',
    providerTransactionId: '4200000001202506120000000001',
    providerState: 'SUCCESS',
    endedAt: '2025-06-12T06:05:00.000Z',
    note: null,
    refunds,
    ...overrides,
  };
}
const { refunds: _, ...LISTED } = makeOrder();
const listed = () => json(200, { items: [LISTED], total: 1, page: 1, pageSize: 1 });

let mounted: VueWrapper | null = null;
async function mountSection(pollMs = 20) {
  const { wrapper } = await mountAt(`/cashier/receipts/${RECEIPT_ID}`, OnlineRefundSection, { receiptId: RECEIPT_ID, pollMs });
  mounted = wrapper;
  await settle(10);
  return wrapper;
}

// The form is a bottom sheet teleported to <body>.
const sheet = () => document.body.querySelector<HTMLElement>('[data-test="refund-sheet"]');
const field = (test: string) => sheet()!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${test}"] input, [data-test="${test}"] textarea`)!;
async function type(test: string, value: string) {
  const input = field(test);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}
async function click(test: string) {
  const el = sheet()!.querySelector<HTMLElement>(`[data-test="${test}"]`);
  expect(el, test).not.toBeNull();
  el!.click();
  await settle(10);
}
const sheetText = (test: string) => sheet()?.querySelector(`[data-test="${test}"]`)?.textContent ?? '';
const sheetShown = () => !!sheet() && sheet()!.closest<HTMLElement>('.van-popup')!.style.display !== 'none';
const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST').map((c) => c.body as OnlineRefundInput);
const orderLoads = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'GET' && c.path === `/api/payment-orders/${ORDER_ID}`).length;

async function openSheet(wrapper: VueWrapper) {
  await wrapper.get('[data-test="refund-open"]').trigger('click');
  await settle(10);
  expect(sheetShown()).toBe(true);
}

describe('OnlineRefundSection', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('finds the receipt’s order and shows what it took, what was refunded, what may be, and the refunds so far', async () => {
    const refunds = [
      makeRefund({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', amount: '10.10' }),
      makeRefund({ amount: '5.00', state: 'failed', reason: '误操作', failureReason: 'CLOSED', requestedAt: '2025-06-12T07:00:00.000Z' }),
    ];
    const { calls } = mockFetch({ 'GET /api/me': MANAGER, [LIST]: listed, [ORDER]: () => json(200, makeOrder(refunds)) });
    const wrapper = await mountSection();
    const asked = calls.find((c) => c.path === '/api/payment-orders');
    expect(asked?.query.get('receiptId')).toBe(RECEIPT_ID);

    expect(wrapper.text()).toContain('线上退款');
    expect(wrapper.get('[data-test="refund-paid"]').text()).toContain('¥310.32');
    expect(wrapper.get('[data-test="refund-paid"]').text()).toContain('微信支付（H5） · 订单号 PM20250612ABCDEF123456');
    // the failed refund gave its part back: 310.32 − 10.10
    expect(wrapper.get('[data-test="refund-refunded"]').text()).toContain('¥10.10');
    expect(wrapper.get('[data-test="refund-refundable"]').text()).toContain('¥300.22');
    expect(wrapper.find('[data-test="refund-in-progress"]').exists()).toBe(false);

    expect(wrapper.text()).toContain('退款记录（2）');
    const ok = wrapper.get('[data-test="refund-item-aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"]');
    expect(ok.text()).toContain('¥10.10');
    expect(ok.get('[data-test="refund-state"]').text()).toBe('已退款');
    // 08:00 UTC is 16:00 in Beijing
    expect(ok.text()).toContain('2025-06-12 16:00 · 王经理');
    expect(ok.text()).toContain('原因：业主多缴');
    const failed = wrapper.get('[data-test="refund-item-99999999-9999-4999-8999-999999999999"]');
    expect(failed.get('[data-test="refund-state"]').text()).toBe('退款失败');
    expect(failed.text()).toContain('失败原因：CLOSED');

    expect(wrapper.find('[data-test="refund-status"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="refund-open"]').attributes('disabled')).toBeUndefined();
    // nothing is processing: it does not ask again by itself
    await new Promise((r) => setTimeout(r, 100));
    expect(orderLoads(calls)).toBe(1);
  });

  it('checks the form, posts the refund with a client-made id, and follows it from processing to succeeded', async () => {
    let made: PaymentRefund | null = null;
    let looksSince = 0;
    let providerDone = false;
    const { calls } = mockFetch({
      'GET /api/me': MANAGER,
      [LIST]: listed,
      [ORDER]: () => {
        if (!made) return json(200, makeOrder());
        looksSince += 1;
        // the provider answers once the test has seen the processing state (on a look after that): the screen's
        // own polling must bring the answer, and a slow machine must not let it arrive before the first check
        return json(200, makeOrder([providerDone ? { ...made, state: 'succeeded', providerState: 'SUCCESS' } : made]));
      },
      [POST]: (c) => {
        const body = c.body as OnlineRefundInput;
        made = makeRefund({ id: body.id, amount: body.amount, reason: body.reason, state: 'processing', providerState: 'PROCESSING', completedAt: null });
        return json(200, made);
      },
    });
    const wrapper = await mountSection();
    await openSheet(wrapper);
    expect(sheetText('refund-target')).toContain('1栋 1-101');
    expect(sheetText('refund-target')).toContain('可退 ¥310.32');

    // nothing filled in: said per field, nothing sent
    await click('refund-submit');
    expect(posts(calls)).toHaveLength(0);
    expect(sheetText('refund-amount')).toContain('请填写退款金额');
    expect(sheetText('refund-reason')).toContain('请填写退款原因');
    await type('refund-amount', '310.33');
    expect(sheetText('refund-amount')).toContain('最多可退 ¥310.32');
    await type('refund-amount', '1.234');
    expect(sheetText('refund-amount')).toContain('最多两位小数');
    await type('refund-reason', '<b>');
    expect(sheetText('refund-reason')).toContain('尖括号');
    await click('refund-submit');
    expect(posts(calls)).toHaveLength(0);

    // 全额 fills in what may be refunded
    await click('refund-all');
    expect(field('refund-amount').value).toBe('310.32');
    await type('refund-amount', '30');
    await type('refund-reason', ' 业主重复缴费 ');
    expect(sheetText('refund-submit')).toBe('确认退款 ¥30.00');
    await click('refund-submit');
    expect(posts(calls)).toHaveLength(1);
    const sent = posts(calls)[0]!;
    expect(sent).toEqual({ id: expect.stringMatching(UUID), amount: '30.00', reason: '业主重复缴费' });
    expect(sheetShown()).toBe(false);

    // processing: said so, counted as on its way, and asked about again by itself
    expect(wrapper.get('[data-test="refund-status"]').text()).toContain('退款 ¥30.00 处理中');
    expect(wrapper.get('[data-test="refund-status"]').text()).toContain('自动刷新');
    expect(wrapper.get(`[data-test="refund-item-${sent.id}"] [data-test="refund-state"]`).text()).toBe('处理中');
    expect(wrapper.get('[data-test="refund-in-progress"]').text()).toContain('¥30.00');
    expect(wrapper.get('[data-test="refund-refundable"]').text()).toContain('¥280.32');

    const looksBefore = looksSince;
    providerDone = true;
    await vi.waitFor(() => expect(wrapper.get('[data-test="refund-status"]').text()).toContain('退款 ¥30.00 已成功'), { timeout: 5000 });
    expect(looksSince).toBeGreaterThan(looksBefore);
    expect(wrapper.get(`[data-test="refund-item-${sent.id}"] [data-test="refund-state"]`).text()).toBe('已退款');
    expect(wrapper.get('[data-test="refund-refunded"]').text()).toContain('¥30.00');
    expect(wrapper.find('[data-test="refund-in-progress"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="refund-refundable"]').text()).toContain('¥280.32');
    // settled: it stops asking
    const loads = orderLoads(calls);
    await new Promise((r) => setTimeout(r, 150));
    expect(orderLoads(calls)).toBe(loads);
  });

  it('retries with the same id after no answer (even after closing the sheet); a definite answer makes a new one', async () => {
    let attempt = 0;
    let refunded: PaymentRefund[] = [];
    const { calls } = mockFetch({
      'GET /api/me': MANAGER,
      [LIST]: listed,
      [ORDER]: () => json(200, makeOrder(refunded)),
      [POST]: (c) => {
        attempt += 1;
        const body = c.body as OnlineRefundInput;
        if (attempt === 1) networkDown();
        if (attempt === 2) {
          refunded = [makeRefund({ id: body.id, amount: body.amount, reason: body.reason })];
          return json(200, refunded[0]);
        }
        if (attempt === 3) return apiError(409, 'refund_exceeds', '最多可退 ¥5.00 At most 5.00 can be refunded', { refundable: '5.00' });
        return json(200, makeRefund({ id: body.id, amount: body.amount, reason: body.reason }));
      },
    });
    const wrapper = await mountSection();
    await openSheet(wrapper);
    await type('refund-amount', '100');
    await type('refund-reason', '业主多缴');
    await click('refund-submit');
    expect(sheetText('refund-notice')).toContain('退款结果未知');
    expect(sheetText('refund-notice')).toContain('不会重复退款');
    expect(sheetText('refund-submit')).toBe('重试退款');
    expect(field('refund-amount').disabled).toBe(true);
    expect(field('refund-reason').disabled).toBe(true);

    // closed and opened again: still the same refund
    (document.body.querySelector<HTMLElement>('.van-popup__close-icon') as HTMLElement).click();
    await settle(10);
    expect(sheetShown()).toBe(false);
    await openSheet(wrapper);
    expect(field('refund-amount').value).toBe('100');
    expect(sheetText('refund-submit')).toBe('重试退款');
    await click('refund-submit');
    const [first, second] = posts(calls);
    expect(second!.id).toBe(first!.id);
    expect(second).toEqual(first);
    expect(wrapper.get('[data-test="refund-status"]').text()).toContain('退款 ¥100.00 已成功');
    expect(wrapper.get('[data-test="refund-refundable"]').text()).toContain('¥210.32');

    // a new refund: a new id; the server says less is refundable now → said, the order reloaded
    await openSheet(wrapper);
    expect(field('refund-amount').value).toBe('');
    await type('refund-amount', '10');
    await type('refund-reason', '再退一笔');
    const loads = orderLoads(calls);
    await click('refund-submit');
    expect(sheetText('refund-notice')).toContain('当前最多可退 ¥5.00');
    expect(orderLoads(calls)).toBeGreaterThan(loads);
    expect(sheetShown()).toBe(true);
    await type('refund-amount', '5');
    await click('refund-submit');
    const all = posts(calls);
    expect(all).toHaveLength(4);
    expect(all[2]!.id).not.toBe(first!.id);
    expect(all[3]!.id).not.toBe(all[2]!.id);
    expect(all[3]).toMatchObject({ amount: '5.00', reason: '再退一笔' });
  });

  it('stops asking by itself after its tries while the provider is still processing; Refresh asks again', async () => {
    const old = makeRefund({ state: 'processing', providerState: 'PROCESSING', completedAt: null });
    let state: PaymentRefund['state'] = 'processing';
    const { calls } = mockFetch({ 'GET /api/me': MANAGER, [LIST]: listed, [ORDER]: () => json(200, makeOrder([{ ...old, state }])) });
    const wrapper = await mountSection(1);
    // 1 + 20 automatic looks, then the hint
    await vi.waitFor(() => expect(wrapper.find('[data-test="refund-status"]').exists()).toBe(true), { timeout: 5000 });
    expect(wrapper.get('[data-test="refund-status"]').text()).toContain('稍后点「刷新」');
    expect(orderLoads(calls)).toBe(21);
    await new Promise((r) => setTimeout(r, 100));
    expect(orderLoads(calls)).toBe(21);

    state = 'succeeded';
    await wrapper.get('[data-test="refund-refresh"]').trigger('click');
    await settle(10);
    expect(orderLoads(calls)).toBe(22);
    expect(wrapper.get(`[data-test="refund-item-${old.id}"] [data-test="refund-state"]`).text()).toBe('已退款');
    expect(wrapper.find('[data-test="refund-status"]').exists()).toBe(false);
  });

  it('offers no refund when everything was refunded', async () => {
    mockFetch({ 'GET /api/me': MANAGER, [LIST]: listed, [ORDER]: () => json(200, makeOrder([makeRefund({ amount: '310.32' })])) });
    const wrapper = await mountSection();
    expect(wrapper.get('[data-test="refund-refundable"]').text()).toContain('¥0.00');
    expect(wrapper.get('[data-test="refund-open"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test="refund-none-left"]').text()).toBe('已全部退款，没有可退金额');
  });

  it('says so when the receipt has no order the user may see, and when loading fails (with a retry)', async () => {
    let fail = true;
    mockFetch({
      'GET /api/me': MANAGER,
      [LIST]: () => (fail ? apiError(500, 'internal', '服务器错误 Internal error') : json(200, { items: [], total: 0, page: 1, pageSize: 1 })),
    });
    const wrapper = await mountSection();
    expect(wrapper.get('[data-test="refund-error"]').text()).toContain('支付单加载失败');
    fail = false;
    await wrapper.get('[data-test="refund-error"] button').trigger('click');
    await settle(10);
    expect(wrapper.find('[data-test="refund-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="refund-no-order"]').text()).toBe('找不到这张收款单对应的线上支付单');
    expect(wrapper.find('[data-test="refund-open"]').exists()).toBe(false);
  });

  it('shows and asks nothing without ledger:adjust (cashiers take money in, they do not give it back)', async () => {
    const { calls } = mockFetch({ 'GET /api/me': CASHIER, [LIST]: listed, [ORDER]: () => json(200, makeOrder()) });
    const wrapper = await mountSection();
    expect(wrapper.find('[data-test="online-refund"]').exists()).toBe(false);
    expect(calls.some((c) => c.path.startsWith('/api/payment-orders'))).toBe(false);
  });

  it('sits on the receipt screen of an online receipt only', async () => {
    const online = makeReceipt({ method: 'online', cashierName: '线上支付' });
    mockFetch({ 'GET /api/me': MANAGER, [`GET /api/receipts/${RECEIPT_ID}`]: () => json(200, online), [LIST]: listed, [ORDER]: () => json(200, makeOrder()) });
    let { wrapper } = await mountAt(`/cashier/receipts/${RECEIPT_ID}`, CashierReceiptView, { receiptId: RECEIPT_ID });
    mounted = wrapper;
    await settle(15);
    expect(wrapper.find('[data-test="receipt-void"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="online-refund"]').text()).toContain('¥310.32');
    mounted.unmount();

    const { calls } = mockFetch({ 'GET /api/me': MANAGER, [`GET /api/receipts/${RECEIPT_ID}`]: () => json(200, makeReceipt()) });
    ({ wrapper } = await mountAt(`/cashier/receipts/${RECEIPT_ID}`, CashierReceiptView, { receiptId: RECEIPT_ID }));
    mounted = wrapper;
    await settle(15);
    expect(wrapper.find('[data-test="receipt-void"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="online-refund"]').exists()).toBe(false);
    expect(calls.some((c) => c.path.startsWith('/api/payment-orders'))).toBe(false);
  });
});
