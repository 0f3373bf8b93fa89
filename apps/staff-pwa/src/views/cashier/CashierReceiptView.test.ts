import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CashierReceiptView from './CashierReceiptView.vue';
import { CASHIER_PERMISSIONS, letVantSettle, makeReceipt } from './test-data';

const RECEIPT = makeReceipt();
const ME = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
async function mountReceipt(query = '') {
  const { wrapper } = await mountAt(`/cashier/receipts/${RECEIPT.id}${query}`, CashierReceiptView, { receiptId: RECEIPT.id });
  mounted = wrapper;
  await settle(10);
  return wrapper;
}

describe('CashierReceiptView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows the 收款单 with its lines, the total in figures and in 大写, and prints it', async () => {
    mockFetch({ 'GET /api/me': ME, [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, RECEIPT) });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const wrapper = await mountReceipt('?fresh=1');

    expect(wrapper.get('[data-test="receipt-done"]').text()).toContain('收款成功');
    expect(wrapper.get('[data-test="receipt-estate"]').text()).toBe('翠湖花园');
    expect(wrapper.get('[data-test="receipt-number"]').text()).toContain('SK2025-000123');
    // 06:05 UTC is 14:05 in Beijing
    expect(wrapper.get('[data-test="receipt-time"]').text()).toBe('2025-06-12 14:05');
    expect(wrapper.get('[data-test="receipt-unit"]').text()).toBe('1栋 1-101');
    expect(wrapper.get('[data-test="receipt-payer"]').text()).toBe('张伟');
    const lines = wrapper.findAll('[data-test="receipt-line"]');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.text()).toContain('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    expect(lines[3]!.text()).toContain('预存款');
    expect(lines[3]!.text()).toContain('¥100.00');
    expect(wrapper.get('[data-test="receipt-total"]').text()).toBe('¥310.32');
    expect(wrapper.get('[data-test="receipt-words"]').text()).toBe('叁佰壹拾元叁角贰分');
    expect(wrapper.get('[data-test="receipt-method"]').text()).toBe('现金');
    expect(wrapper.get('[data-test="receipt-cashier"]').text()).toBe('吴收银');
    // while the receipt is shown, the print CSS may hide the app around it; the page rule is A5
    expect(document.documentElement.classList.contains('pm-print-receipt')).toBe(true);
    expect(document.head.querySelector('style[data-pm="receipt-page"]')?.textContent).toContain('A5');

    // the 80 mm slip: lines stacked, a narrow page
    await wrapper.get('[data-test="format-80mm"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="receipt-paper"]').classes()).toContain('pm-receipt--80mm');
    await wrapper.get('[data-test="receipt-print"]').trigger('click');
    await settle();
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.head.querySelector('style[data-pm="receipt-page"]')?.textContent).toContain('80mm');
    expect(localStorage.getItem('pm.cashier.printFormat')).toBe('80mm');

    mounted?.unmount();
    mounted = null;
    expect(document.documentElement.classList.contains('pm-print-receipt')).toBe(false);
    expect(document.head.querySelector('style[data-pm="receipt-page"]')).toBeNull();
  });

  it('writes the 大写 itself when the answer has none', async () => {
    mockFetch({ 'GET /api/me': ME, [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, { ...RECEIPT, total: '1234.50', totalInWords: '' }) });
    const wrapper = await mountReceipt();
    expect(wrapper.get('[data-test="receipt-words"]').text()).toBe('壹仟贰佰叁拾肆元伍角');
  });

  it('voids today’s receipt with a reason, and says why when the API refuses', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, RECEIPT),
      [`POST /api/receipts/${RECEIPT.id}/void`]: (c) => {
        attempt += 1;
        if (attempt === 1) return apiError(409, 'void_not_allowed', '该日已日结，不能作废 The day is closed');
        return json(200, { ...RECEIPT, status: 'voided', voidReason: (c.body as { reason: string }).reason });
      },
    });
    const wrapper = await mountReceipt();
    await wrapper.get('[data-test="receipt-void"]').trigger('click');
    await settle();
    const dialog = () => wrapper.get('[data-test="void-dialog"]');
    // no reason: nothing is sent
    await dialog().get('.van-dialog__confirm').trigger('click');
    await settle();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(dialog().text()).toContain('请填写作废原因');

    await dialog().get('[data-test="void-reason"] textarea').setValue('金额录错');
    await dialog().get('.van-dialog__confirm').trigger('click');
    await settle(10);
    expect(dialog().text()).toContain('只能作废当天且未日结的收款单');

    await dialog().get('.van-dialog__confirm').trigger('click');
    await settle(10);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual({ reason: '金额录错' });
    expect(wrapper.get('[data-test="receipt-voided"]').text()).toContain('已作废');
    expect(wrapper.get('[data-test="receipt-voided"]').text()).toContain('金额录错');
    expect(wrapper.find('[data-test="receipt-void"]').exists()).toBe(false);
  });

  it('offers no void for an earlier day or without payment:collect', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: ['charge:read', 'unit:read'] as never })),
      [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, RECEIPT),
    });
    const wrapper = await mountReceipt();
    expect(wrapper.find('[data-test="receipt-void"]').exists()).toBe(false);
    mounted?.unmount();

    mockFetch({ 'GET /api/me': ME, [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, { ...RECEIPT, businessDate: '2020-01-01' }) });
    const again = await mountReceipt();
    expect(again.get('[data-test="receipt-words"]').text()).toBe('叁佰壹拾元叁角贰分');
    expect(again.find('[data-test="receipt-void"]').exists()).toBe(false);
  });

  it('offers no void for today’s online receipt (its money goes back by refund)', async () => {
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/receipts/${RECEIPT.id}`]: () => json(200, { ...RECEIPT, method: 'online', cashierName: '线上支付' }),
    });
    const wrapper = await mountReceipt();
    expect(wrapper.get('[data-test="receipt-method"]').text()).toBe('线上支付');
    expect(wrapper.find('[data-test="receipt-void"]').exists()).toBe(false);
  });
});
