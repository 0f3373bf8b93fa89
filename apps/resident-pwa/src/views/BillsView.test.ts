import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateOrderInput } from '../api/pay';
import { type Call, apiError, mockFetch } from '../test/fetch-mock';
import { residentMe, unit } from '../test/fixtures';
import { mountApp } from '../test/mount';
import { browser, lastOrder } from './pay/launch';
import {
  charge,
  JSAPI,
  JSAPI_PARAMS,
  makeAccount,
  makeOrder,
  networkDown,
  ORDER_ID,
  SANDBOX,
  SLOW,
  UNIT_ID,
  UUID,
} from './pay/test-data';

const ME = { body: residentMe({ units: [unit({ unitId: UNIT_ID, estateName: '翠湖花园', buildingName: '1栋', number: '1-101' })] }) };
const ACCOUNT = `GET /api/resident/units/${UNIT_ID}/account`;
const CREATE = 'POST /api/resident/payment-orders';
const REDIRECT = { kind: 'redirect', url: '/api/payments/sandbox/cashier?order=PO20250612000123' } as const;

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/api/resident/payment-orders').map((c) => c.body as CreateOrderInput);

let mounted: VueWrapper | null = null;
async function openBills() {
  const { wrapper, router } = await mountApp('/bills');
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find('[data-test="pay-total"]').exists()).toBe(true), SLOW);
  await flushPromises();
  return { wrapper, router };
}
const text = (w: VueWrapper, test: string) => w.get(`[data-test="${test}"]`).text();
async function clickPay(w: VueWrapper) {
  await w.get('[data-test="pay-submit"]').trigger('click');
  await flushPromises();
  await flushPromises();
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  delete window.WeixinJSBridge;
});

describe('缴费 tab', () => {
  it('shows owed and prepaid, picks every payable charge by period, and totals exactly in figures and 大写', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      'GET /api/resident/payment-orders/o-other': { body: makeOrder({ id: 'o-other', state: 'pending' }) },
    });
    const { wrapper, router } = await openBills();

    expect(text(wrapper, 'account-owed')).toBe('¥260.32');
    expect(text(wrapper, 'account-prepaid')).toBe('¥15.00');
    expect(wrapper.findAll('[data-test="charge-period"]').map((p) => p.text())).toEqual(['2025-05 期', '2025-06 期']);
    // the settled charge is not offered; each charge says how it was computed
    expect(wrapper.find('[data-test="charge-c-0"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="charge-c-1"] [data-test="charge-explanation"]').text()).toBe('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    // the charge in another open order is 支付中 and not part of the total
    const locked = wrapper.get('[data-test="charge-c-4"]');
    expect(locked.attributes('data-locked')).toBe('true');
    expect(locked.get('[data-test="charge-locked"]').text()).toBe('支付中');
    // 210.02 + 0.10 + 0.20, not 210.32000000000002
    expect(text(wrapper, 'pay-total')).toBe('¥210.32');
    expect(text(wrapper, 'bar-total')).toBe('¥210.32');
    expect(text(wrapper, 'pay-words')).toBe('大写：贰佰壹拾元叁角贰分');
    expect(wrapper.get('[data-test="select-all"]').attributes('aria-pressed')).toBe('true');

    // untick the oldest (2025-05 物业费) while a 2025-06 one stays ticked: the oldest-first note
    await wrapper.get('[data-test="charge-c-1"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥0.30');
    expect(text(wrapper, 'oldest-warning')).toContain('还有 1 笔更早的费用未勾选');
    expect(wrapper.get('[data-test="select-all"]').attributes('aria-pressed')).toBe('false');

    // a prepayment adds to it, and is said to settle what is left open
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('100');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥100.30');
    expect(text(wrapper, 'pay-words')).toBe('大写：壹佰元叁角');
    expect(text(wrapper, 'pay-breakdown')).toContain('预存 ¥100.00');
    expect(wrapper.find('[data-test="prepay-offset-note"]').exists()).toBe(true);

    // a malformed prepayment is refused
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('1.234');
    await flushPromises();
    expect(wrapper.text()).toContain('请输入大于 0 的金额，最多两位小数');
    expect(wrapper.get('[data-test="pay-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('');

    // the period header picks its whole period; 全选 toggles everything payable
    await wrapper.findAll('[data-test="charge-group-toggle"]')[0]!.trigger('click');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥210.32');
    expect(wrapper.find('[data-test="oldest-warning"]').exists()).toBe(false);
    await wrapper.get('[data-test="select-all"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥0.00');
    expect(wrapper.get('[data-test="pay-submit"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="select-all"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥210.32');

    // a tap on the 支付中 one picks nothing: it opens that payment, to finish or cancel it
    await wrapper.get('[data-test="charge-c-4"]').trigger('click');
    expect(text(wrapper, 'pay-total')).toBe('¥210.32');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pay-result'), SLOW);
    expect(router.currentRoute.value.query.order).toBe('o-other');
  });

  it('creates the order with expectedTotal, remembers it and leaves for the provider page', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      [CREATE]: { body: { order: makeOrder({ amount: '310.32' }), pay: REDIRECT } },
    });
    const { wrapper } = await openBills();
    // outside WeChat the app does not ask for JSAPI
    expect(calls.find((c) => c.path === '/api/resident/payment-channels')!.query.get('inWechat')).toBeNull();
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('100.00');
    await clickPay(wrapper);

    const [body] = posts(calls);
    expect(body).toEqual({
      idempotencyKey: expect.stringMatching(UUID),
      unitId: UNIT_ID,
      chargeIds: ['c-1', 'c-2', 'c-3'],
      prepayment: '100.00',
      channel: 'sandbox',
      expectedTotal: '310.32',
      returnUrl: `${window.location.origin}/resident/pay/result`,
    });
    expect(go).toHaveBeenCalledWith(REDIRECT.url);
    expect(lastOrder()).toBe(ORDER_ID);
    // the button stays busy while the browser leaves
    expect(wrapper.get('[data-test="pay-submit"]').classes()).toContain('van-button--loading');
  });

  it('retries with the same idempotency key after no answer, with the form frozen meanwhile', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      [CREATE]: () => {
        attempt += 1;
        if (attempt === 1) return networkDown();
        if (attempt === 2) return apiError(503, 'unavailable', '服务暂不可用');
        return { body: { order: makeOrder(), pay: REDIRECT } };
      },
    });
    const { wrapper } = await openBills();
    await clickPay(wrapper);
    expect(text(wrapper, 'pay-notice')).toContain('支付结果未知');
    expect(text(wrapper, 'pay-notice')).toContain('不会重复扣款');
    expect(text(wrapper, 'pay-submit')).toBe('重试支付');
    // the form is this submission until it is answered: no re-picking, no other amount
    expect(wrapper.get('[data-test="pay-prepayment"] input').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test="charge-c-1"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥210.32');

    await clickPay(wrapper);
    expect(text(wrapper, 'pay-notice')).toContain('支付结果未知');
    await clickPay(wrapper);

    const sent = posts(calls);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.idempotencyKey).toMatch(UUID);
    expect(new Set(sent.map((b) => b.idempotencyKey)).size).toBe(1);
    for (const b of sent) expect(b).toMatchObject({ chargeIds: ['c-1', 'c-2', 'c-3'], expectedTotal: '210.32' });
    expect(go).toHaveBeenCalledTimes(1);
  });

  it('409 charge_settled: reloads, names the charge, and the next submission is a new one', async () => {
    vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: [
        { body: makeAccount() },
        // c-1 was paid at the counter meanwhile
        { body: makeAccount({ owed: '50.30', charges: makeAccount().charges.map((c) => (c.id === 'c-1' ? charge('c-1', { status: 'settled', owed: '0.00', paid: '210.02' }) : c)) }) },
      ],
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      [CREATE]: [apiError(409, 'charge_settled', 'Already paid', { chargeIds: ['c-1'] }), { body: { order: makeOrder(), pay: REDIRECT } }],
    });
    const { wrapper } = await openBills();
    await clickPay(wrapper);
    await flushPromises();

    const notice = text(wrapper, 'pay-notice');
    expect(notice).toContain('部分费用已缴清');
    expect(notice).toContain('2025-05 物业费');
    expect(wrapper.find('[data-test="charge-c-1"]').exists()).toBe(false);
    expect(text(wrapper, 'account-owed')).toBe('¥50.30');
    expect(text(wrapper, 'pay-total')).toBe('¥0.30');
    expect(text(wrapper, 'pay-submit')).toBe('去支付');

    await clickPay(wrapper);
    const sent = posts(calls);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
    expect(sent[1]).toMatchObject({ chargeIds: ['c-2', 'c-3'], expectedTotal: '0.30' });
  });

  it('409 charge_locked: the charge now shows 支付中 and is left out', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: [
        { body: makeAccount() },
        { body: makeAccount({ charges: makeAccount().charges.map((c) => (c.id === 'c-3' ? { ...c, lockedByOrderId: 'o-family' } : c)) }) },
      ],
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      [CREATE]: apiError(409, 'charge_locked', 'Locked', { chargeIds: ['c-3'] }),
    });
    const { wrapper } = await openBills();
    await clickPay(wrapper);
    await flushPromises();
    expect(text(wrapper, 'pay-notice')).toContain('部分费用正在支付中');
    expect(text(wrapper, 'pay-notice')).toContain('2025-06 水费');
    expect(wrapper.get('[data-test="charge-c-3"]').attributes('data-locked')).toBe('true');
    expect(text(wrapper, 'pay-total')).toBe('¥210.12');
  });

  it('409 amount_changed: shows what was confirmed and the new total', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: [
        { body: makeAccount() },
        { body: makeAccount({ charges: makeAccount().charges.map((c) => (c.id === 'c-1' ? charge('c-1', { owed: '200.00', paid: '10.02' }) : c)) }) },
      ],
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
      [CREATE]: apiError(409, 'amount_changed', 'Amount changed', { expectedTotal: '210.32', actualTotal: '200.30' }),
    });
    const { wrapper } = await openBills();
    await clickPay(wrapper);
    await flushPromises();
    const notice = text(wrapper, 'pay-notice');
    expect(notice).toContain('应缴金额已变化');
    expect(notice).toContain('¥210.32');
    expect(notice).toContain('¥200.30');
    expect(text(wrapper, 'pay-total')).toBe('¥200.30');
  });

  it('inside WeChat: asks for JSAPI, opens the pay sheet, and goes to the result page when it says ok', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (iPhone) MicroMessenger/8.0.50 NetType/WIFI');
    const invoke = vi.fn((_name: string, _params: unknown, cb: (res: { err_msg: string }) => void) => cb({ err_msg: 'get_brand_wcpay_request:ok' }));
    window.WeixinJSBridge = { invoke };
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX, JSAPI] } },
      [CREATE]: { body: { order: makeOrder({ channel: 'wechat_jsapi' }), pay: { kind: 'jsapi', params: JSAPI_PARAMS } } },
      [`GET /api/resident/payment-orders/${ORDER_ID}`]: { body: makeOrder({ state: 'pending' }) },
    });
    const { wrapper, router } = await openBills();
    expect(calls.find((c) => c.path === '/api/resident/payment-channels')!.query.get('inWechat')).toBe('1');
    // JSAPI is chosen by default inside WeChat
    expect(wrapper.get('[data-test="channel-wechat_jsapi"] .van-radio__icon').classes()).toContain('van-radio__icon--checked');
    await clickPay(wrapper);
    expect(posts(calls)[0]).toMatchObject({ channel: 'wechat_jsapi' });
    expect(invoke).toHaveBeenCalledWith('getBrandWCPayRequest', JSAPI_PARAMS, expect.any(Function));
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pay-result'), SLOW);
    expect(router.currentRoute.value.query.order).toBe(ORDER_ID);
  });

  it('inside WeChat: a cancelled pay sheet closes the order, frees the charges and says so', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.50');
    window.WeixinJSBridge = { invoke: (_n, _p, cb) => cb({ err_msg: 'get_brand_wcpay_request:cancel' }) };
    const { calls } = mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/payment-channels': { body: { channels: [JSAPI] } },
      [CREATE]: { body: { order: makeOrder({ channel: 'wechat_jsapi' }), pay: { kind: 'jsapi', params: JSAPI_PARAMS } } },
      [`POST /api/resident/payment-orders/${ORDER_ID}/close`]: { body: makeOrder({ state: 'closed' }) },
    });
    const { wrapper, router } = await openBills();
    await wrapper.get('[data-test="charge-c-3"]').trigger('click');
    await clickPay(wrapper);
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.path === `/api/resident/payment-orders/${ORDER_ID}/close`)).toBe(true);
    expect(router.currentRoute.value.name).toBe('bills');
    expect(text(wrapper, 'pay-notice')).toContain('已取消支付');
    // the resident's picks are kept for another try, which is a new submission
    expect(text(wrapper, 'pay-total')).toBe('¥210.12');
    await clickPay(wrapper);
    const sent = posts(calls);
    expect(sent[1]!.idempotencyKey).not.toBe(sent[0]!.idempotencyKey);
  });

  it('says when no channel is available, and offers 预存 when nothing is owed', async () => {
    mockFetch({
      'GET /api/resident/me': ME,
      [ACCOUNT]: { body: makeAccount({ owed: '0.00', charges: [] }) },
      'GET /api/resident/payment-channels': { body: { channels: [] } },
    });
    const { wrapper } = await openBills();
    expect(wrapper.find('[data-test="no-charges"]').exists()).toBe(true);
    expect(text(wrapper, 'no-channels')).toContain('暂未开通在线支付');
    await wrapper.get('[data-test="pay-prepayment"] input').setValue('500');
    await flushPromises();
    expect(text(wrapper, 'pay-total')).toBe('¥500.00');
    expect(wrapper.get('[data-test="pay-submit"]').attributes('disabled')).toBeDefined();
  });

  it('loads the account of the unit switched to', async () => {
    const other = unit({ bindingId: 'b-2', unitId: 'u-2', buildingName: '2栋', number: '2-201' });
    const { calls } = mockFetch({
      'GET /api/resident/me': { body: residentMe({ units: [unit({ unitId: UNIT_ID }), other] }) },
      [ACCOUNT]: { body: makeAccount() },
      'GET /api/resident/units/u-2/account': { body: makeAccount({ owed: '0.00', prepaid: '88.00', charges: [] }) },
      'GET /api/resident/payment-channels': { body: { channels: [SANDBOX] } },
    });
    const { wrapper } = await openBills();
    expect(text(wrapper, 'account-owed')).toBe('¥260.32');
    await wrapper.get('[data-test="unit-switch"]').trigger('click');
    await flushPromises();
    const options = [...document.querySelectorAll<HTMLElement>('.van-action-sheet__item')];
    options.find((o) => o.textContent?.includes('2-201'))!.click();
    await vi.waitFor(() => expect(text(wrapper, 'account-prepaid')).toBe('¥88.00'), SLOW);
    expect(calls.some((c) => c.path === '/api/resident/units/u-2/account')).toBe(true);
    expect(wrapper.find('[data-test="no-charges"]').exists()).toBe(true);
  });
});
