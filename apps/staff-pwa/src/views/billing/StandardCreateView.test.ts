import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import StandardCreateView from './StandardCreateView.vue';
import { ESTATE, FEE_ITEMS, letVantSettle, MANAGER_PERMISSIONS, STANDARDS } from './test-data';

const BUILDINGS = [
  { id: 'cccccccc-0000-4000-8000-000000000001', estateId: ESTATE.id, estateName: ESTATE.name, name: '1栋', floors: 21, unitCount: 84 },
  { id: 'cccccccc-0000-4000-8000-000000000002', estateId: ESTATE.id, estateName: ESTATE.name, name: '2栋', floors: 21, unitCount: 84 },
];

let mounted: VueWrapper | null = null;
async function mountForm() {
  const { wrapper, router } = await mountAt(`/billing/standards/new?estateId=${ESTATE.id}`, StandardCreateView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

async function input(wrapper: VueWrapper, selector: string, value: string) {
  await wrapper.get(selector).setValue(value);
}

describe('StandardCreateView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('creates a metered standard with tiers for some buildings', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-items': () => json(200, { items: FEE_ITEMS }),
      'GET /api/buildings': () => json(200, { items: BUILDINGS, total: 2, page: 1, pageSize: 200 }),
      'POST /api/fee-standards': () => json(200, STANDARDS[1]),
      'GET /api/fee-standards': () => json(200, { items: STANDARDS }),
    });
    const { wrapper, router } = await mountForm();
    expect(wrapper.text()).toContain('翠湖花园');

    // nothing chosen: nothing is sent, the form says what is missing
    await wrapper.get('[data-test="standard-form"]').trigger('submit');
    await settle();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(wrapper.text()).toContain('请选择收费项目');

    await wrapper.get('[data-test="std-fee-item"]').trigger('click');
    await settle();
    const options = document.body.querySelectorAll<HTMLElement>('[data-test="std-fee-option"]');
    expect(options).toHaveLength(2);
    options[1]!.click();
    await settle();
    // the name follows the fee item until typed
    expect(wrapper.get<HTMLInputElement>('[data-test="std-name"] input').element.value).toBe('水费');
    await input(wrapper, '[data-test="std-name"] input', '居民水费');

    await wrapper.get('[data-test="std-kind-metered"]').trigger('click');
    await settle();
    await wrapper.get('[data-test="std-pricing-tiers"]').trigger('click');
    await settle();
    const rows = () => wrapper.findAll('[data-test="tier-row"]');
    expect(rows()).toHaveLength(2);
    await wrapper.get('[data-test="tier-add"]').trigger('click');
    await settle();
    expect(rows()).toHaveLength(3);
    // bounds must grow
    await rows()[0]!.get('[data-test="tier-up-to"]').setValue('260');
    await rows()[1]!.get('[data-test="tier-up-to"]').setValue('180');
    await rows()[0]!.get('[data-test="tier-price"]').setValue('5.00');
    await rows()[1]!.get('[data-test="tier-price"]').setValue('7.00');
    await rows()[2]!.get('[data-test="tier-price"]').setValue('9.00');
    expect(rows()[2]!.find('[data-test="tier-up-to"]').exists()).toBe(false);

    await wrapper.get('[data-test="std-target-building"]').trigger('click');
    await settle();
    await wrapper.get('[data-test="std-buildings"] .van-checkbox').trigger('click');
    await settle();

    await wrapper.get('[data-test="standard-form"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-test="tiers-error"]').text()).toContain('逐档递增');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await rows()[0]!.get('[data-test="tier-up-to"]').setValue('180');
    await rows()[1]!.get('[data-test="tier-up-to"]').setValue('260');
    await input(wrapper, '[data-test="std-due-days"] input', '15');
    await wrapper.get('[data-test="standard-form"]').trigger('submit');
    await settle(10);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      estateId: ESTATE.id,
      feeItemId: FEE_ITEMS[1]!.id,
      name: '居民水费',
      kind: 'metered',
      params: {
        meterType: 'cold_water',
        tiers: [
          { upTo: '180', price: '5.00' },
          { upTo: '260', price: '7.00' },
          { upTo: null, price: '9.00' },
        ],
      },
      cycle: 'monthly',
      effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-01$/),
      dueDays: 15,
      assignments: [{ targetKind: 'building', targetId: BUILDINGS[0]!.id }],
    });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('billing'), { timeout: 10_000 });
    expect(router.currentRoute.value.query.tab).toBe('standards');
  });

  it('sends an area standard for the whole estate', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/fee-items': () => json(200, { items: FEE_ITEMS }),
      'GET /api/buildings': () => json(200, { items: BUILDINGS, total: 2, page: 1, pageSize: 200 }),
      'POST /api/fee-standards': () => json(200, STANDARDS[0]),
      'GET /api/fee-standards': () => json(200, { items: STANDARDS }),
    });
    const { wrapper } = await mountForm();
    await wrapper.get('[data-test="std-fee-item"]').trigger('click');
    await settle();
    document.body.querySelectorAll<HTMLElement>('[data-test="std-fee-option"]')[0]!.click();
    await settle();
    await input(wrapper, '[data-test="std-unit-price"] input', '2.3456789');
    await wrapper.get('[data-test="standard-form"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-test="std-unit-price"]').text()).toContain('最多 6 位小数');
    await input(wrapper, '[data-test="std-unit-price"] input', '2.35');
    await wrapper.get('[data-test="standard-form"]').trigger('submit');
    await settle(10);
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      name: '物业费',
      kind: 'area',
      params: { unitPrice: '2.35', areaBasis: 'building_area' },
      cycle: 'monthly',
      assignments: [{ targetKind: 'estate', targetId: ESTATE.id }],
    });
  });
});
