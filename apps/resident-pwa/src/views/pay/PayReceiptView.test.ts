import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../../test/fetch-mock';
import { residentMe, unit } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { makeReceipt, RECEIPT_ID, SLOW, UNIT_ID } from './test-data';

const ME = { body: residentMe({ units: [unit({ unitId: UNIT_ID })] }) };
const RECEIPT = `GET /api/resident/receipts/${RECEIPT_ID}`;

let mounted: VueWrapper | null = null;
async function open(path: string, ready: string) {
  const { wrapper, router } = await mountApp(path);
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find(`[data-test="${ready}"]`).exists()).toBe(true), SLOW);
  return { wrapper, router };
}
const text = (w: VueWrapper, test: string) => w.get(`[data-test="${test}"]`).text();

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('e-receipt', () => {
  it('shows what the counter prints: number, lines with explanations, total, 大写, 线上支付, time', async () => {
    mockFetch({ 'GET /api/resident/me': ME, [RECEIPT]: { body: makeReceipt() } });
    const { wrapper } = await open(`/pay/receipts/${RECEIPT_ID}`, 'receipt-paper');

    expect(text(wrapper, 'receipt-estate')).toBe('翠湖花园');
    expect(text(wrapper, 'receipt-number')).toBe('编号 SK2025-000123');
    // Beijing time, whatever the test machine's zone
    expect(text(wrapper, 'receipt-time')).toBe('2025-06-12 14:05');
    expect(text(wrapper, 'receipt-unit')).toBe('1栋 1-101');
    const lines = wrapper.findAll('[data-test="receipt-line"]');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.text()).toContain('物业费2025-05');
    expect(lines[0]!.text()).toContain('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    expect(lines[0]!.text()).toContain('¥210.02');
    expect(lines[3]!.text()).toBe('预存款¥100.00');
    expect(text(wrapper, 'receipt-total')).toBe('¥310.32');
    expect(text(wrapper, 'receipt-words')).toBe('叁佰壹拾元叁角贰分');
    expect(text(wrapper, 'receipt-method')).toBe('线上支付');
    expect(wrapper.find('[data-test="receipt-voided"]').exists()).toBe(false);
  });

  it('shows the prepayment offsets and a voided stamp, and computes 大写 when the answer lacks it', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [RECEIPT]: {
        body: makeReceipt({
          method: 'cash',
          totalInWords: '',
          status: 'voided',
          voidReason: '重复收款',
          offsets: [{ chargeId: 'c-9', feeItemName: '水费', period: '2025-07', explanation: '', amount: '30.00' }],
        }),
      },
    });
    const { wrapper } = await open(`/pay/receipts/${RECEIPT_ID}`, 'receipt-paper');
    expect(text(wrapper, 'receipt-words')).toBe('叁佰壹拾元叁角贰分');
    expect(text(wrapper, 'receipt-method')).toBe('现金');
    expect(text(wrapper, 'receipt-offsets')).toContain('水费2025-07');
    expect(text(wrapper, 'receipt-offsets')).toContain('¥30.00');
    expect(text(wrapper, 'receipt-voided')).toContain('作废原因：重复收款');
  });

  it('explains a receipt it cannot load and retries', async () => {
    const api = mockFetch({ 'GET /api/resident/me': ME, [RECEIPT]: apiError(503, 'unavailable', 'down') });
    const { wrapper } = await open(`/pay/receipts/${RECEIPT_ID}`, 'receipt-error');
    expect(text(wrapper, 'receipt-error')).toContain('收据加载失败');
    api.on(RECEIPT, { body: makeReceipt() });
    await wrapper.get('[data-test="receipt-error"] button').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-test="receipt-paper"]').exists()).toBe(true), SLOW);
  });
});

describe('payment history', () => {
  it("lists the current unit's payments, voided ones struck through, each opening its receipt", async () => {
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      'GET /api/resident/payments': {
        body: {
          items: [
            { receiptId: RECEIPT_ID, number: 'SK2025-000123', total: '310.32', method: 'online', createdAt: '2025-06-12T06:05:00.000Z', status: 'posted' },
            { receiptId: 'r-old', number: 'SK2025-000007', total: '210.02', method: 'cash', createdAt: '2025-05-02T02:00:00.000Z', status: 'voided' },
          ],
        },
      },
      [RECEIPT]: { body: makeReceipt() },
    });
    const { wrapper, router } = await open('/pay/history', 'history-item');
    expect(calls.find((c) => c.path === '/api/resident/payments')!.query.get('unitId')).toBe(UNIT_ID);
    const items = wrapper.findAll('[data-test="history-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('SK2025-000123');
    expect(items[0]!.text()).toContain('2025-06-12 14:05 · 线上支付');
    expect(items[0]!.text()).toContain('¥310.32');
    expect(items[1]!.text()).toContain('已作废');
    expect(items[1]!.find('.pay-history__voided').exists()).toBe(true);

    await items[0]!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pay-receipt'), SLOW);
    await vi.waitFor(() => expect(wrapper.find('[data-test="receipt-paper"]').exists()).toBe(true), SLOW);
    expect(router.currentRoute.value.params.receiptId).toBe(RECEIPT_ID);
  });

  it('says when there are none yet', async () => {
    mockFetch({ 'GET /api/resident/me': ME, 'GET /api/resident/payments': { body: { items: [] } } });
    const { wrapper } = await open('/pay/history', 'history-empty');
    expect(text(wrapper, 'history-empty')).toContain('暂无缴费记录');
  });
});
