import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AdvanceOptions, ReceiptInput } from '../../api/billing';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CashierAccountView from './CashierAccountView.vue';
import { CASHIER_PERMISSIONS, letVantSettle, makeAccount, makeReceipt, UNIT_ID } from './test-data';

const STANDARD = '55555555-5555-4555-8555-555555555555';
const ME = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));

function options(query: URLSearchParams): AdvanceOptions {
  const months = Number(query.get('months') ?? 0);
  const base = {
    unitId: UNIT_ID,
    rules: [
      { minMonths: 6, percentOff: '5' },
      { minMonths: 12, percentOff: '10' },
    ],
    standards: [{ id: STANDARD, name: '物业费 2.35', cycle: 'monthly' as const, feeItemId: 'f-1', feeItemName: '物业服务费' }],
  };
  if (!query.get('standardId')) return { ...base, quote: null };
  // 12 × 210.02 = 2520.24, 10% off → 252.02 off (the server's arithmetic, reproduced by hand here).
  const line = { amount: '210.02', dueDate: '2025-07-31', explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02' };
  return {
    ...base,
    quote: {
      standardId: STANDARD,
      standardName: '物业费 2.35',
      feeItemId: 'f-1',
      feeItemName: '物业服务费',
      cycle: 'monthly',
      months,
      from: '2025-07',
      to: '2026-06',
      gross: '2520.24',
      discount: '252.02',
      payable: '2268.22',
      explanation: '预交 12 个月（满 12 个月优惠 10%）：¥2,520.24 × 90% = ¥2,268.22，优惠 ¥252.02',
      lines: Array.from({ length: months }, (_, i) => ({ ...line, period: `2025-${String(7 + i).padStart(2, '0')}`, discount: '21.00', payable: '189.02' })),
    },
  };
}

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});
afterAll(letVantSettle);

describe('预交 at the counter', () => {
  it('offers the unit’s fees and month choices with their discount, adds the quoted payable to the total and sends the quote’s months', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => json(200, makeAccount({ charges: [] })),
      [`GET /api/units/${UNIT_ID}/advance`]: (req) => json(200, options(req.query)),
      'POST /api/receipts': () => json(200, makeReceipt()),
    });
    const { wrapper } = await mountAt(`/cashier/units/${UNIT_ID}`, CashierAccountView, { unitId: UNIT_ID });
    mounted = wrapper;
    await settle(10);

    expect(wrapper.get('[data-test="advance"]').text()).toContain('物业服务费');
    await wrapper.get('[data-test="advance-fee"]').trigger('click');
    await settle();
    // monthly fee: 3, 6, 12, 24 months; 6 and 12 show their discount
    expect(wrapper.get('[data-test="advance-months-6"]').text()).toContain('优惠 5%');
    expect(wrapper.get('[data-test="advance-months-12"]').text()).toContain('优惠 10%');
    expect(wrapper.get('[data-test="advance-months-3"]').text()).not.toContain('优惠');

    await wrapper.get('[data-test="advance-months-12"]').trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="advance-discount"]').text()).toBe('−¥252.02');
    expect(wrapper.get('[data-test="advance-payable"]').text()).toBe('¥2,268.22');
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥2,268.22');

    await wrapper.get('[data-test="method-cash"]').trigger('click');
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await settle();
    await wrapper.get('[data-test="pay-confirm"] .van-dialog__confirm').trigger('click');
    await settle(10);
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/receipts')!.body as ReceiptInput;
    expect(post).toMatchObject({ chargeIds: [], advance: { standardId: STANDARD, months: 12, from: '2025-07' }, expectedTotal: '2268.22' });
  });

  it('hides itself when the unit has no fee to pay ahead', async () => {
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => json(200, makeAccount()),
      [`GET /api/units/${UNIT_ID}/advance`]: () => json(200, { unitId: UNIT_ID, rules: [], standards: [], quote: null }),
    });
    const { wrapper } = await mountAt(`/cashier/units/${UNIT_ID}`, CashierAccountView, { unitId: UNIT_ID });
    mounted = wrapper;
    await settle(10);
    expect(wrapper.find('[data-test="advance"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥210.32');
  });
});
