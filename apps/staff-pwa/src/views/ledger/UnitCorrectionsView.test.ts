import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustmentInput } from '../../api/ledger';
import { apiError, json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import { CHARGE_ID, ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeAccount, makeCorrection, PENALTY_CHARGE_ID, SETTLED_CHARGE_ID, UNIT_ID } from './test-data';
import UnitCorrectionsView from './UnitCorrectionsView.vue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ME = () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never }));
const SETTINGS = () => json(200, { estateId: ESTATE.id, vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: null, prepayDiscount: null });
const ACCOUNT = `GET /api/units/${UNIT_ID}/account`;

let mounted: VueWrapper | null = null;
async function mountUnit() {
  const { wrapper } = await mountAt(`/ledger/units/${UNIT_ID}?estateId=${ESTATE.id}`, UnitCorrectionsView, { unitId: UNIT_ID });
  mounted = wrapper;
  await settle(10);
  return wrapper;
}

// The form is a bottom sheet teleported to <body>.
const sheet = () => document.body.querySelector<HTMLElement>('[data-test="correction-sheet"]')!;
function type(test: string, value: string) {
  const input = sheet().querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${test}"] input, [data-test="${test}"] textarea`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
function click(test: string) {
  const el = sheet().querySelector<HTMLElement>(`[data-test="${test}"]`);
  expect(el, test).not.toBeNull();
  el!.click();
}
const text = (test: string) => sheet().querySelector(`[data-test="${test}"]`)?.textContent ?? '';
const posts = (calls: RecordedCall[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path).map((c) => c.body as AdjustmentInput);

describe('UnitCorrectionsView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows the account with explanations, calls a late-fee discount a waiver, and validates before sending', async () => {
    let loads = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [ACCOUNT]: () => {
        loads += 1;
        return json(200, makeAccount());
      },
      [`GET /api/billing-settings/${ESTATE.id}`]: SETTINGS,
      [`POST /api/charges/${PENALTY_CHARGE_ID}/discounts`]: () =>
        json(200, makeCorrection({ kind: 'waiver', amount: '6.30', chargeId: PENALTY_CHARGE_ID, chargeLabel: '2025-07 物业费', reason: '业主首次逾期' })),
    });
    const wrapper = await mountUnit();
    expect(wrapper.get('[data-test="account-unit"]').text()).toBe('翠湖花园 1栋 1-101');
    expect(wrapper.get('[data-test="account-owed"]').text()).toBe('¥216.32');
    expect(wrapper.get('[data-test="account-prepaid"]').text()).toBe('¥300.00');
    expect(wrapper.get('[data-test="account-threshold"]').text()).toContain('¥500.00');
    expect(wrapper.get(`[data-test="charge-${CHARGE_ID}"]`).text()).toContain('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    // settled charges only on demand
    expect(wrapper.find(`[data-test="charge-${SETTLED_CHARGE_ID}"]`).exists()).toBe(false);
    await wrapper.get('[data-test="toggle-settled"]').trigger('click');
    expect(wrapper.find(`[data-test="charge-${SETTLED_CHARGE_ID}"]`).exists()).toBe(true);

    const penalty = wrapper.get(`[data-test="charge-${PENALTY_CHARGE_ID}"]`);
    expect(penalty.find('[data-test="late-fee-tag"]').exists()).toBe(true);
    expect(penalty.get('[data-test="open-discount"]').text()).toBe('减免违约金');
    expect(wrapper.get(`[data-test="charge-${CHARGE_ID}"] [data-test="open-discount"]`).text()).toBe('减免');

    await penalty.get('[data-test="open-discount"]').trigger('click');
    await settle();
    expect(text('correction-title')).toBe('违约金减免');
    expect(text('correction-waiver-note')).toContain('违约金减免');
    expect(text('correction-target')).toContain('尚欠 ¥6.30');

    // nothing filled in: said per field, nothing sent
    click('correction-submit');
    await settle();
    expect(sheet().textContent).toContain('请输入金额');
    expect(sheet().textContent).toContain('请填写原因');
    type('correction-amount', '12.345');
    await settle();
    expect(sheet().textContent).toContain('最多两位小数');
    type('correction-amount', '6.31');
    await settle();
    expect(sheet().textContent).toContain('不能超过 ¥6.30');
    type('correction-reason', '<script>');
    await settle();
    expect(sheet().textContent).toContain('原因不能包含');
    click('correction-submit');
    await settle();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    type('correction-amount', '6.3');
    type('correction-reason', ' 业主首次逾期 ');
    await settle();
    click('correction-submit');
    await settle(10);
    const sent = posts(calls, `/api/charges/${PENALTY_CHARGE_ID}/discounts`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ id: expect.stringMatching(UUID), amount: '6.30', reason: '业主首次逾期' });
    expect(text('correction-result')).toContain('已入账');
    expect(text('correction-result')).toContain('违约金减免 ¥6.30 已入账');
    // posted at once: the account is read again, and the screen lists what was done
    expect(loads).toBe(2);
    expect(wrapper.get('[data-test="done-list"]').text()).toContain('违约金减免');
    expect(wrapper.get('[data-test="done-list"]').text()).toContain('已入账');
  });

  it('adjusts down with a signed amount; a double tap and the retries after no answer send the same id', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [ACCOUNT]: () => json(200, makeAccount()),
      [`GET /api/billing-settings/${ESTATE.id}`]: SETTINGS,
      [`POST /api/charges/${CHARGE_ID}/adjustments`]: () => {
        attempt += 1;
        if (attempt === 1) return networkDown();
        if (attempt === 2) return apiError(503, 'unavailable', '服务暂不可用 Service unavailable');
        return json(200, makeCorrection());
      },
    });
    const wrapper = await mountUnit();
    await wrapper.get(`[data-test="charge-${CHARGE_ID}"] [data-test="open-adjust"]`).trigger('click');
    await settle();
    expect(text('correction-title')).toBe('调整费用');
    type('correction-amount', '20');
    type('correction-reason', '面积测量有误');
    await settle();
    click('correction-submit');
    await settle();
    // which way is not guessed
    expect(text('direction-error')).toBe('请选择调增或调减');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    click('direction-down');
    await settle();
    // lowering it can go no further than what it owes
    type('correction-amount', '210.03');
    await settle();
    expect(sheet().textContent).toContain('不能超过 ¥210.02');
    type('correction-amount', '20');
    await settle();

    click('correction-submit');
    await settle(10);
    expect(text('correction-notice')).toContain('提交结果未知');
    // locked to what was sent: the retry is the same request
    expect(sheet().querySelector<HTMLInputElement>('[data-test="correction-amount"] input')!.disabled).toBe(true);
    expect(text('correction-submit')).toContain('重试提交');

    click('correction-submit');
    await settle(10);
    expect(text('correction-notice')).toContain('提交结果未知');
    // a double tap on the last retry sends once
    click('correction-submit');
    click('correction-submit');
    await settle(10);

    const sent = posts(calls, `/api/charges/${CHARGE_ID}/adjustments`);
    expect(sent).toHaveLength(3);
    expect(sent[0]!.id).toMatch(UUID);
    for (const body of sent) expect(body).toEqual({ id: sent[0]!.id, amount: '-20.00', reason: '面积测量有误' });
    expect(text('correction-result')).toContain('调整 -¥20.00 已入账');

    // a new form is a new correction: a new id
    click('correction-close');
    await settle();
    await wrapper.get(`[data-test="charge-${CHARGE_ID}"] [data-test="open-adjust"]`).trigger('click');
    await settle();
    click('direction-up');
    type('correction-amount', '5');
    type('correction-reason', '补收');
    await settle();
    click('correction-submit');
    await settle(10);
    const again = posts(calls, `/api/charges/${CHARGE_ID}/adjustments`);
    expect(again).toHaveLength(4);
    expect(again[3]).toMatchObject({ amount: '5.00', reason: '补收' });
    expect(again[3]!.id).not.toBe(sent[0]!.id);
  });

  it('says a correction above the threshold waits for a second person, with the threshold', async () => {
    let loads = 0;
    mockFetch({
      'GET /api/me': ME,
      [ACCOUNT]: () => {
        loads += 1;
        return json(200, makeAccount());
      },
      [`GET /api/billing-settings/${ESTATE.id}`]: SETTINGS,
      [`POST /api/charges/${CHARGE_ID}/adjustments`]: (c) =>
        json(200, makeCorrection({ id: (c.body as AdjustmentInput).id, status: 'pending', amount: '600.00', threshold: '500.00', entryId: null })),
    });
    const wrapper = await mountUnit();
    await wrapper.get(`[data-test="charge-${CHARGE_ID}"] [data-test="open-adjust"]`).trigger('click');
    await settle();
    click('direction-up');
    type('correction-amount', '600');
    type('correction-reason', '补收装修期间垃圾清运费');
    await settle();
    expect(text('correction-will-wait')).toContain('审批阈值 ¥500.00');
    click('correction-submit');
    await settle(10);
    const result = text('correction-result');
    expect(result).toContain('已提交，待审批');
    expect(result).toContain('+¥600.00');
    expect(result).toContain('¥500.00');
    expect(sheet().querySelector('[data-test="correction-open-approvals"]')).not.toBeNull();
    // nothing was posted: the account stays as it was
    expect(loads).toBe(1);
    expect(wrapper.get('[data-test="done-list"]').text()).toContain('待审批');
  });

  it('explains 409 insufficient_prepaid, would_overpay and an id used for another correction', async () => {
    let loads = 0;
    let discounts = 0;
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [ACCOUNT]: () => {
        loads += 1;
        return json(200, makeAccount());
      },
      [`GET /api/billing-settings/${ESTATE.id}`]: SETTINGS,
      [`POST /api/units/${UNIT_ID}/refunds`]: () => apiError(409, 'insufficient_prepaid', '预存余额仅 ¥200.00 The prepaid balance is 200.00', { prepaid: '200.00', amount: '250.00' }),
      [`POST /api/charges/${CHARGE_ID}/discounts`]: () => {
        discounts += 1;
        if (discounts === 1) return apiError(409, 'would_overpay', '该费用尚欠 ¥10.02 The charge owes 10.02', { owed: '10.02', amount: '200.00' });
        return apiError(409, 'conflict', 'this id was used for another correction', { code: 'idempotency_conflict' });
      },
    });
    const wrapper = await mountUnit();

    await wrapper.get('[data-test="open-refund"]').trigger('click');
    await settle();
    expect(text('correction-title')).toBe('退还预存款');
    type('correction-amount', '250');
    type('correction-reason', '业主搬离，退还预存');
    await settle();
    click('correction-submit');
    await settle();
    expect(text('method-error')).toBe('请选择退款方式');
    click('refund-method-wechat');
    await settle();
    click('correction-submit');
    await settle(10);
    expect(posts(calls, `/api/units/${UNIT_ID}/refunds`)[0]).toMatchObject({ amount: '250.00', method: 'wechat', reason: '业主搬离，退还预存' });
    expect(text('correction-notice')).toContain('预存余额不足：目前仅有 ¥200.00');
    expect(loads).toBe(2);

    document.body.querySelector<HTMLElement>('.van-popup__close-icon')!.click();
    await settle();

    await wrapper.get(`[data-test="charge-${CHARGE_ID}"] [data-test="open-discount"]`).trigger('click');
    await settle();
    type('correction-amount', '200');
    type('correction-reason', '物业服务未达标减免');
    await settle();
    click('correction-submit');
    await settle(10);
    expect(text('correction-notice')).toContain('目前尚欠 ¥10.02');
    expect(loads).toBe(3);

    click('correction-submit');
    await settle(10);
    expect(text('correction-notice')).toContain('编号已用于另一笔不同的更正');
    const sent = posts(calls, `/api/charges/${CHARGE_ID}/discounts`);
    expect(sent).toHaveLength(2);
    // nothing was stored under the id after would_overpay, so the corrected request may reuse it
    expect(sent[1]!.id).toBe(sent[0]!.id);
    // after the conflict, a deliberate new submission gets a new id
    click('correction-submit');
    await settle(10);
    const third = posts(calls, `/api/charges/${CHARGE_ID}/discounts`)[2];
    expect(third?.id).toMatch(UUID);
    expect(third?.id).not.toBe(sent[0]!.id);
  });
});
