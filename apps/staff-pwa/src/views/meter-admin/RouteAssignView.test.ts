import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import RouteAssignView from './RouteAssignView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, paged, PERIOD } from './test-data';

const BUILDINGS = [
  { id: 'b-1', estateId: ESTATE.id, estateName: ESTATE.name, name: '1栋', floors: 6, unitCount: 24 },
  { id: 'b-2', estateId: ESTATE.id, estateName: ESTATE.name, name: '2栋', floors: 6, unitCount: 24 },
];
const staff = (id: string, name: string, role: string) => ({
  id,
  username: id,
  name,
  phone: null,
  homeNodeId: 'office-1',
  active: true,
  grants: [{ id: `g-${id}`, role, nodeId: ESTATE.id, nodeName: ESTATE.name, nodeKind: 'estate' }],
});

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('RouteAssignView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('assigns the chosen buildings to a reader for the period', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
      'GET /api/staff': () => json(200, paged([staff('cs1', '客服小李', 'customer_service'), staff('reader1', '赵抄表', 'meter_reader')])),
      'POST /api/reading-routes': (c) => json(200, { id: 'route-9', ...(c.body as object), meterCount: 48, readCount: 0 }),
    });
    const { wrapper, router } = await mountAt(`/meter-admin/routes/new?estateId=${ESTATE.id}&period=${PERIOD}`, RouteAssignView);
    mounted = wrapper;
    await settle(10);
    expect(calls.find((c) => c.path === '/api/buildings')?.query.get('estateId')).toBe(ESTATE.id);

    // nothing chosen yet: nothing sent
    await wrapper.get('[data-test="route-form"]').trigger('submit');
    await settle();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await wrapper.get('[data-test="route-all"]').trigger('click');
    await wrapper.get('[data-test="route-reader"]').trigger('click');
    await settle(10);
    const options = [...document.body.querySelectorAll<HTMLElement>('[data-test="staff-option"]')];
    // readers only by default
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('赵抄表')]);
    options[0]?.click();
    await settle();
    await wrapper.get('[data-test="route-form"]').trigger('submit');
    await settle(10);

    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ estateId: ESTATE.id, period: PERIOD, name: `1栋、2栋 ${PERIOD}`, readerId: 'reader1', buildingIds: ['b-1', 'b-2'] });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meter-admin-routes'), { timeout: 10_000 });
  });
});
