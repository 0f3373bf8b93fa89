import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import BillingView from './BillingView.vue';
import { ESTATE, FEE_ITEMS, letVantSettle, MANAGER_PERMISSIONS, makeSummary, RUNS, STANDARDS } from './test-data';

const ME = (permissions: readonly string[] = MANAGER_PERMISSIONS) => () => json(200, makeMe({ permissions: [...permissions] as never }));

let mounted: VueWrapper | null = null;
async function mountBilling(query: string) {
  const { wrapper, router } = await mountAt(`/billing?estateId=${ESTATE.id}&${query}`, BillingView);
  mounted = wrapper;
  await settle(15);
  return { wrapper, router };
}

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}

describe('BillingView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('previews a run with totals, explained samples and why units were skipped, then posts it after a confirm', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/billing-runs': () => json(200, { items: RUNS }),
      'POST /api/billing-runs/preview': () => json(200, makeSummary()),
      'POST /api/billing-runs': () => json(200, { ...makeSummary(), run: { id: 'eeeeeeee-0000-4000-8000-000000000001', inserted: 3, existing: 0, total: '630.06' } }),
    });
    const { wrapper } = await mountBilling('tab=run&period=2025-06');
    expect(wrapper.findAll('[data-test="run"]')).toHaveLength(1);
    expect(wrapper.get('[data-test="runs"]').text()).toContain('¥211,702.35');

    await wrapper.get('[data-test="run-preview"]').trigger('click');
    await settle(10);
    expect(calls.find((c) => c.path === '/api/billing-runs/preview')?.body).toEqual({ estateId: ESTATE.id, period: '2025-06' });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/billing-runs')).toBe(false);
    expect(wrapper.get('[data-test="run-total"]').text()).toBe('¥630.06');
    expect(wrapper.get('[data-test="run-by-fee"]').text()).toContain('物业费');
    expect(wrapper.get('[data-test="run-by-building"]').text()).toContain('1栋');
    expect(wrapper.get('[data-test="run-samples"]').text()).toContain('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');

    const skipped = wrapper.findAll('[data-test="run-skip"]');
    expect(skipped).toHaveLength(3);
    expect(skipped[0]!.get('[data-test="run-skip-reason"]').text()).toBe('缺少本期已审核的抄表读数');
    expect(skipped[0]!.text()).toContain('居民水费');
    expect(skipped[0]!.text()).toContain('7 户');
    expect(skipped[0]!.text()).toContain('1栋 1-102 W-0002');
    expect(skipped[0]!.text()).toContain('等');
    expect(skipped[1]!.get('[data-test="run-skip-reason"]').text()).toBe('房屋没有套内面积');
    // a reason this app does not know yet is shown as it came
    expect(skipped[2]!.get('[data-test="run-skip-reason"]').text()).toBe('something_new');

    await wrapper.get('[data-test="run-post"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('将为 翠湖花园 2025-06 生成 3 笔应收');
    confirmInBody();
    await settle(10);
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/billing-runs')?.body).toEqual({ estateId: ESTATE.id, period: '2025-06' });
    expect(wrapper.get('[data-test="run-result"]').text()).toContain('新增 3 笔');
    expect(calls.filter((c) => c.path === '/api/billing-runs' && c.method === 'GET')).toHaveLength(2);
  });

  it('says a rerun only adds what is missing', async () => {
    mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/billing-runs': () => json(200, { items: [] }),
      'POST /api/billing-runs/preview': () => json(200, makeSummary({ alreadyPosted: 3, skipped: [] })),
    });
    const { wrapper } = await mountBilling('tab=run&period=2025-06');
    await wrapper.get('[data-test="run-preview"]').trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="run-rerun-note"]').text()).toContain('已全部过账');
    expect(wrapper.get('[data-test="run-post"]').text()).toContain('补齐');
  });

  it('lists the standards in words with where they apply', async () => {
    mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-standards': () => json(200, { items: STANDARDS }),
    });
    const { wrapper } = await mountBilling('tab=standards&period=2025-06');
    const cards = wrapper.findAll('[data-test="standard"]');
    expect(cards).toHaveLength(2);
    const texts = cards.map((c) => c.get('[data-test="standard-price"]').text());
    expect(texts).toContain('按建筑面积 ¥2.35/m²·月');
    expect(texts).toContain('冷水 阶梯价：180 m³ 以内 ¥5.00；180–260 m³ ¥7.00；260 m³ 以上 ¥9.00');
    const assigned = cards.map((c) => c.get('[data-test="standard-assigned"]').text());
    expect(assigned).toContain('全项目');
    expect(assigned).toContain('楼栋：1栋、2栋');
    expect(wrapper.find('[data-test="standard-new"]').exists()).toBe(true);
    expect(wrapper.findAll('[data-test="standard-revise"]')).toHaveLength(2);
  });

  it('changes a price from a date', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-standards': () => json(200, { items: STANDARDS }),
      [`POST /api/fee-standards/${STANDARDS[0]!.id}/revise`]: () =>
        json(200, { ...STANDARDS[0]!, id: 'bbbbbbbb-0000-4000-8000-000000000009', effectiveFrom: '2025-07-01', params: { unitPrice: '2.50', areaBasis: 'building_area' } }),
    });
    const { wrapper } = await mountBilling('tab=standards&period=2025-06');
    const card = wrapper.findAll('[data-test="standard"]').find((c) => c.text().includes('住宅物业费'))!;
    await card.get('[data-test="standard-revise"]').trigger('click');
    await settle();
    const sheet = document.body.querySelector('[data-test="revise-sheet"]')!;
    const price = sheet.querySelector<HTMLInputElement>('[data-test="revise-unit-price"] input')!;
    expect(price.value).toBe('2.35');
    price.value = '2.50';
    price.dispatchEvent(new Event('input'));
    // no date yet: nothing is sent
    sheet.querySelector<HTMLButtonElement>('[data-test="revise-save"]')!.click();
    await settle();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(sheet.textContent).toContain('请选择 2024-01-02 或以后的日期');
  });

  it('keeps late fees off by default, with the legal note, and saves the settings', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      [`GET /api/billing-settings/${ESTATE.id}`]: () =>
        json(200, { estateId: ESTATE.id, vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: null, prepayDiscount: null }),
      [`PUT /api/billing-settings/${ESTATE.id}`]: (c) => json(200, { estateId: ESTATE.id, ...(c.body as object) }),
    });
    const { wrapper } = await mountBilling('tab=settings');
    expect(wrapper.get('[data-test="settings-law"]').text()).toContain('不得以停水停电方式催缴');
    expect(wrapper.find('[data-test="settings-rate"]').exists()).toBe(false);
    await wrapper.get('[data-test="settings-vacancy"] input').setValue('30');
    await wrapper.get('[data-test="settings-penalty"]').trigger('click');
    await settle();
    expect(wrapper.get<HTMLInputElement>('[data-test="settings-rate"] input').element.value).toBe('0.0003');
    await wrapper.get('[data-test="settings-save"]').trigger('click');
    await settle(10);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      vacancyDiscountPct: '30',
      approvalThreshold: '500.00',
      penalty: { dailyRate: '0.0003', graceDays: 10, cap: { kind: 'percent', percent: '100' } },
      prepayDiscount: null,
    });
  });

  it('creates a fee item; without fee:write nothing can be changed', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-items': () => json(200, { items: FEE_ITEMS }),
      'POST /api/fee-items': (c) => json(200, { id: 'aaaaaaaa-0000-4000-8000-000000000003', nodeName: '翠湖花园', active: true, ...(c.body as object) }),
    });
    const { wrapper } = await mountBilling('tab=items');
    expect(wrapper.findAll('[data-test="item"]')).toHaveLength(2);
    expect(wrapper.get('[data-test="items"]').text()).toContain('物业服务');
    await wrapper.get('[data-test="item-new"]').trigger('click');
    await settle();
    const form = document.body.querySelector('[data-test="item-form"]')!;
    const name = form.querySelector<HTMLInputElement>('[data-test="item-name"] input')!;
    name.value = '停车费';
    name.dispatchEvent(new Event('input'));
    form.querySelector<HTMLElement>('[data-test="item-category"] .van-radio:nth-child(3)')!.click();
    await settle();
    form.querySelector<HTMLButtonElement>('[data-test="item-save"]')!.click();
    await settle(10);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ nodeId: ESTATE.id, name: '停车费', category: 'parking' });
  });

  it('hides what a user may not do', async () => {
    mockFetch({
      'GET /api/me': ME(['fee:read', 'fee:write', 'charge:read', 'estate:read']),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-standards': () => json(200, { items: STANDARDS }),
    });
    const { wrapper } = await mountBilling('');
    // no billing:run: no run tab; the first tab is the standards
    expect(wrapper.find('[data-test="run-panel"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="standards-panel"]').exists()).toBe(true);
  });
});
