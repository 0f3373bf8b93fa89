import { todayInShanghai } from '@pm/domain';
import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import LateFeesView from './LateFeesView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, makePenaltyPreview } from './test-data';

const ME = () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never }));

let mounted: VueWrapper | null = null;
async function mountLateFees(query = '') {
  const { wrapper, router } = await mountAt(`/ledger/late-fees?estateId=${ESTATE.id}${query}`, LateFeesView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}

describe('LateFeesView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('previews the late fees with the legal note and explanations, then posts them after a confirm', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/penalties/preview': () => json(200, makePenaltyPreview()),
      'POST /api/billing/penalties': () => json(200, { ...makePenaltyPreview({ lines: 2, alreadyPosted: 1 }), posted: { inserted: 2, total: '6.40' } }),
    });
    const { wrapper } = await mountLateFees('&asOf=2025-07-20');
    expect(wrapper.get('[data-test="late-fees-as-of"] input').element).toHaveProperty('value', '2025-07-20');
    // nothing shown, nothing asked before the preview
    expect(wrapper.find('[data-test="late-fees-legal"]').exists()).toBe(false);

    await wrapper.get('[data-test="late-fees-preview"]').trigger('click');
    await settle(10);
    expect(calls.find((c) => c.path === '/api/billing/penalties/preview')?.body).toEqual({ estateId: ESTATE.id, asOf: '2025-07-20' });
    const legal = wrapper.get('[data-test="late-fees-legal"]').text();
    expect(legal).toContain('不得采取停止供水、供电');
    expect(legal).not.toContain('never cut off');
    expect(wrapper.get('[data-test="late-fees-preview-note"]').text()).toContain('尚未生成');
    expect(wrapper.get('[data-test="late-fees-policy"]').text()).toBe('日利率 0.0003，宽限 10 天，上限为本金的 100%');
    expect(wrapper.get('[data-test="late-fees-lines"]').text()).toBe('2');
    expect(wrapper.get('[data-test="late-fees-total"]').text()).toBe('¥6.40');
    expect(wrapper.get('[data-test="late-fees-already"]').text()).toBe('1');
    const items = wrapper.findAll('[data-test="late-fee-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('1栋 1-101');
    expect(items[0]!.get('[data-test="late-fee-explanation"]').text()).toBe('¥210.02 × 0.0003/天 × 40 天 = ¥2.52');
    expect(items[1]!.text()).toContain('已达上限');
    expect(calls.some((c) => c.path === '/api/billing/penalties')).toBe(false);

    await wrapper.get('[data-test="late-fees-post"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('将为 翠湖花园 截至 2025-07-20 生成 2 笔违约金，共 ¥6.40');
    confirmInBody();
    await settle(10);
    expect(calls.find((c) => c.path === '/api/billing/penalties')?.body).toEqual({ estateId: ESTATE.id, asOf: '2025-07-20' });
    expect(wrapper.get('[data-test="late-fees-result"]').text()).toBe('已生成 2 笔违约金，共 ¥6.40。');
    // the legal note stays with the posted fees
    expect(wrapper.get('[data-test="late-fees-legal"]').text()).toContain('第九百四十四条');
    expect(wrapper.find('[data-test="late-fees-post"]').exists()).toBe(false);
  });

  it('says late fees are off and where to turn them on', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/penalties/preview': () =>
        json(200, makePenaltyPreview({ enabled: false, policy: null, lines: 0, total: '0.00', alreadyPosted: 0, items: [] })),
    });
    const { wrapper, router } = await mountLateFees();
    // today by default
    expect(wrapper.get('[data-test="late-fees-as-of"] input').element).toHaveProperty('value', todayInShanghai());
    await wrapper.get('[data-test="late-fees-preview"]').trigger('click');
    await settle(10);
    expect(calls.find((c) => c.path === '/api/billing/penalties/preview')?.body).toEqual({ estateId: ESTATE.id, asOf: todayInShanghai() });
    expect(wrapper.get('[data-test="late-fees-off"]').text()).toContain('本项目未启用违约金');
    expect(wrapper.get('[data-test="late-fees-off"]').text()).toContain('收费管理 → 设置');
    expect(wrapper.get('[data-test="late-fees-legal"]').text()).toContain('不得采取停止供水');
    expect(wrapper.find('[data-test="late-fees-post"]').exists()).toBe(false);
    await wrapper.get('[data-test="late-fees-settings"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('billing'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toMatchObject({ estateId: ESTATE.id, tab: 'settings' });
  });

  it('says so when late fees were turned off before posting (409 penalty_disabled)', async () => {
    mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'POST /api/billing/penalties/preview': () => json(200, makePenaltyPreview()),
      'POST /api/billing/penalties': () => apiError(409, 'penalty_disabled', '本项目未启用违约金 Late fees are off for this estate (billing settings)'),
    });
    const { wrapper } = await mountLateFees('&asOf=2025-07-20');
    await wrapper.get('[data-test="late-fees-preview"]').trigger('click');
    await settle(10);
    await wrapper.get('[data-test="late-fees-post"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    expect(wrapper.get('[data-test="late-fees-off"]').text()).toContain('本项目未启用违约金');
    expect(wrapper.find('[data-test="late-fees-post"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="late-fees-result"]').exists()).toBe(false);
  });
});
