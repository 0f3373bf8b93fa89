import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import LedgerView from './LedgerView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, REQUESTER_PERMISSIONS, UNIT_ID } from './test-data';

const ME = (permissions: readonly string[]) => () => json(200, makeMe({ permissions: [...permissions] as never }));
const UNIT = {
  id: UNIT_ID,
  estateId: ESTATE.id,
  buildingId: 'bbbbbbbb-0000-4000-8000-000000000001',
  buildingName: '1栋',
  number: '1-101',
  floor: 1,
  owners: [{ partyId: 'p1', name: '张伟' }],
};

let mounted: VueWrapper | null = null;
async function mountHub() {
  const { wrapper, router } = await mountAt(`/ledger?estateId=${ESTATE.id}`, LedgerView);
  mounted = wrapper;
  await settle(15);
  return { wrapper, router };
}

describe('LedgerView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows how many corrections wait, links the estate’s ledger work, and opens a picked unit', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(MANAGER_PERMISSIONS),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => json(200, { items: [], total: 3, page: 1, pageSize: 1 }),
      'GET /api/units': () => json(200, { items: [UNIT], total: 1, page: 1, pageSize: 20 }),
    });
    const { wrapper, router } = await mountHub();
    const asked = calls.find((c) => c.path === '/api/ledger-approvals');
    expect(asked?.query.get('estateId')).toBe(ESTATE.id);
    expect(asked?.query.get('status')).toBe('pending');
    expect(wrapper.get('[data-test="pending-count"]').text()).toBe('3');
    expect(wrapper.find('[data-test="goto-late-fees"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="goto-opening"]').exists()).toBe(true);

    await wrapper.get('[data-test="goto-approvals"]').trigger('click');
    // A lazy route: under load its chunk may take longer than a few ticks.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('ledger-approvals'), { timeout: 10_000 });
    expect(router.currentRoute.value.query.estateId).toBe(ESTATE.id);
    await router.back();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('ledger'), { timeout: 10_000 });
    await settle(10);

    await wrapper.get('[data-test="ledger-unit"]').trigger('click');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="unit-option"]')).not.toBeNull(), { timeout: 10_000 });
    const option = document.body.querySelector<HTMLElement>('[data-test="unit-option"]');
    expect(option?.textContent).toContain('1栋 1-101');
    expect(calls.find((c) => c.path === '/api/units')?.query.get('estateId')).toBe(ESTATE.id);
    option?.click();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('ledger-unit'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.unitId).toBe(UNIT_ID);
  });

  it('offers late fees and opening balances only with billing:run, and no badge when nothing waits', async () => {
    mockFetch({
      'GET /api/me': ME(REQUESTER_PERMISSIONS),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => json(200, { items: [], total: 0, page: 1, pageSize: 1 }),
    });
    const { wrapper } = await mountHub();
    expect(wrapper.find('[data-test="goto-approvals"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="pending-count"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="goto-late-fees"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="goto-opening"]').exists()).toBe(false);
  });
});
