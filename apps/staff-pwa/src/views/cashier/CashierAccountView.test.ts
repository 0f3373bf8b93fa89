import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptInput } from '../../api/billing';
import { apiError, json, makeMe, mockFetch, networkDown } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import CashierAccountView from './CashierAccountView.vue';
import { CASHIER_PERMISSIONS, charge, makeAccount, makeReceipt, UNIT_ID, letVantSettle } from './test-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ME = () => json(200, makeMe({ username: 'cashier', name: '吴收银', permissions: [...CASHIER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
async function mountAccount() {
  const { wrapper, router } = await mountAt(`/cashier/units/${UNIT_ID}`, CashierAccountView, { unitId: UNIT_ID });
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

async function confirmDialog(wrapper: VueWrapper) {
  await settle();
  const button = wrapper.find('[data-test="pay-confirm"] .van-dialog__confirm');
  expect(button.exists()).toBe(true);
  await button.trigger('click');
  await settle(10);
}

const posts = (calls: { method: string; path: string; body: unknown }[]) =>
  calls.filter((c) => c.method === 'POST' && c.path === '/api/receipts').map((c) => c.body as ReceiptInput);

describe('CashierAccountView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('ticks every open charge, groups them by period and totals them exactly, in figures and 大写', async () => {
    mockFetch({ 'GET /api/me': ME, [`GET /api/units/${UNIT_ID}/account`]: () => json(200, makeAccount()) });
    const { wrapper } = await mountAccount();

    expect(wrapper.get('[data-test="account-unit"]').text()).toBe('翠湖花园 1栋 1-101');
    expect(wrapper.get('[data-test="account-owed"]').text()).toBe('¥210.32');
    const groups = wrapper.findAll('[data-test="charge-group"]');
    expect(groups.map((g) => g.get('.pm-acct-period').text())).toEqual(['2025-05 期', '2025-06 期']);
    // the settled charge is not offered
    expect(wrapper.find('[data-test="charge-c-0"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="charge-c-1"]').text()).toContain('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    // 210.02 + 0.10 + 0.20, not 210.32000000000002
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥210.32');
    expect(wrapper.get('[data-test="pay-words"]').text()).toContain('贰佰壹拾元叁角贰分');

    // a prepayment adds to it; untick the 0.10 charge
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('100');
    await wrapper.get('[data-test="charge-c-2"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥310.22');
    expect(wrapper.get('[data-test="pay-words"]').text()).toContain('叁佰壹拾元贰角贰分');
    // a newer charge (2025-06) is ticked while an older one (2025-05) is not: a gentle warning
    expect(wrapper.get('[data-test="oldest-warning"]').text()).toContain('1 笔更早的费用未勾选');

    // ticking the whole group back clears it
    await wrapper.findAll('[data-test="charge-group-toggle"]')[0]!.trigger('click');
    await settle();
    expect(wrapper.find('[data-test="oldest-warning"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥310.32');

    // no method yet: nothing can be sent
    expect(wrapper.get('[data-test="pay-submit"]').attributes('disabled')).toBeDefined();
  });

  it('sends expectedTotal and keeps the idempotency key when it retries after a network error', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => json(200, makeAccount()),
      'POST /api/receipts': () => {
        attempt += 1;
        if (attempt === 1) return networkDown();
        if (attempt === 2) return apiError(503, 'unavailable', '服务暂不可用 Service unavailable');
        return json(200, makeReceipt());
      },
      [`GET /api/receipts/${makeReceipt().id}`]: () => json(200, makeReceipt()),
    });
    const { wrapper, router } = await mountAccount();
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('100.00');
    await wrapper.get('[data-test="pay-payer"] input').setValue('张伟 ');
    await wrapper.get('[data-test="method-cash"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="pay-submit"]').text()).toContain('¥310.32');

    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await confirmDialog(wrapper);
    expect(posts(calls)).toHaveLength(1);
    expect(wrapper.get('[data-test="pay-notice"]').text()).toContain('收款结果未知');
    // the form is locked to this submission; the button retries it without asking again
    expect(wrapper.get('[data-test="method-wechat"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test="pay-submit"]').text()).toContain('重试收款');

    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await settle(10);
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await settle(10);

    const sent = posts(calls);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.idempotencyKey).toMatch(UUID);
    expect(new Set(sent.map((b) => b.idempotencyKey)).size).toBe(1);
    for (const body of sent) {
      expect(body).toEqual({
        idempotencyKey: sent[0]!.idempotencyKey,
        unitId: UNIT_ID,
        method: 'cash',
        chargeIds: ['c-1', 'c-2', 'c-3'],
        prepayment: '100.00',
        payer: '张伟',
        expectedTotal: '310.32',
      });
    }
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cashier-receipt'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.receiptId).toBe(makeReceipt().id);
  });

  it('reloads the account and says so when another cashier collected a charge first (409 charge_settled)', async () => {
    let loads = 0;
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => {
        loads += 1;
        if (loads === 1) return json(200, makeAccount());
        // c-1 was collected at the other window
        const account = makeAccount();
        return json(200, { ...account, owed: '0.30', charges: [charge('c-1', { status: 'settled', owed: '0.00', paid: '210.02' }), ...account.charges.slice(1)] });
      },
      'POST /api/receipts': () => {
        attempt += 1;
        if (attempt === 1) return apiError(409, 'charge_settled', '费用已被收取 Already collected', { chargeIds: ['c-1'] });
        return json(200, makeReceipt({ total: '0.30' }));
      },
      [`GET /api/receipts/${makeReceipt().id}`]: () => json(200, makeReceipt()),
    });
    const { wrapper } = await mountAccount();
    await wrapper.get('[data-test="method-wechat"]').trigger('click');
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await confirmDialog(wrapper);

    expect(loads).toBe(2);
    const notice = wrapper.get('[data-test="pay-notice"]').text();
    expect(notice).toContain('部分费用已被收取');
    expect(notice).toContain('2025-05 物业费');
    expect(wrapper.find('[data-test="charge-c-1"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥0.30');
    expect(wrapper.get('[data-test="account-owed"]').text()).toBe('¥0.30');

    // the next submission is a new one: a new key, the new total
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await confirmDialog(wrapper);
    const sent = posts(calls);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
    expect(sent[1]).toMatchObject({ chargeIds: ['c-2', 'c-3'], expectedTotal: '0.30', method: 'wechat' });
    expect(sent[0]).toMatchObject({ chargeIds: ['c-1', 'c-2', 'c-3'], expectedTotal: '210.32' });
  });

  it('shows the new total after 409 amount_changed', async () => {
    let loads = 0;
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => {
        loads += 1;
        const account = makeAccount();
        if (loads === 1) return json(200, account);
        return json(200, { ...account, charges: [charge('c-1', { owed: '200.00' }), ...account.charges.slice(1)] });
      },
      'POST /api/receipts': () => apiError(409, 'amount_changed', '金额已变化 Amount changed', { expectedTotal: '210.32', actualTotal: '200.30' }),
    });
    const { wrapper } = await mountAccount();
    await wrapper.get('[data-test="method-pos"]').trigger('click');
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await confirmDialog(wrapper);
    expect(loads).toBe(2);
    const notice = wrapper.get('[data-test="pay-notice"]').text();
    expect(notice).toContain('¥210.32');
    expect(notice).toContain('¥200.30');
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥200.30');
  });

  it('refuses a malformed prepayment and can take a prepayment alone', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/units/${UNIT_ID}/account`]: () => json(200, makeAccount({ owed: '0.00', charges: [] })),
      'POST /api/receipts': () => json(200, makeReceipt()),
      [`GET /api/receipts/${makeReceipt().id}`]: () => json(200, makeReceipt()),
    });
    const { wrapper } = await mountAccount();
    expect(wrapper.find('[data-test="no-charges"]').exists()).toBe(true);
    await wrapper.get('[data-test="method-alipay"]').trigger('click');
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('12.345');
    await settle();
    expect(wrapper.get('[data-test="pay-prepayment"]').text()).toContain('最多两位小数');
    expect(wrapper.get('[data-test="pay-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('500');
    await settle();
    expect(wrapper.get('[data-test="pay-total"]').text()).toBe('¥500.00');
    await wrapper.get('[data-test="pay-submit"]').trigger('click');
    await confirmDialog(wrapper);
    expect(posts(calls)[0]).toMatchObject({ chargeIds: [], prepayment: '500.00', expectedTotal: '500.00', method: 'alipay' });
  });
});
