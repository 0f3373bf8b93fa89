import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import RoutesView from './RoutesView.vue';
import { ESTATE, letVantSettle, makeProgress, MANAGER_PERMISSIONS, PERIOD } from './test-data';

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('RoutesView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('lists the estate’s routes of the period with their reader and progress', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'GET /api/reading-routes': () =>
        json(200, {
          items: [
            { id: 'route-1', estateId: ESTATE.id, period: PERIOD, name: '1栋', readerId: 'reader-1', meterCount: 40, readCount: 0 },
            { id: 'route-x', estateId: 'another-estate', period: PERIOD, name: '别的项目', readerId: 'reader-2', meterCount: 10, readCount: 0 },
          ],
        }),
      'GET /api/metering/progress': () => json(200, makeProgress()),
    });
    const { wrapper } = await mountAt(`/meter-admin/routes?estateId=${ESTATE.id}&period=${PERIOD}`, RoutesView);
    mounted = wrapper;
    await settle(10);
    expect(calls.find((c) => c.path === '/api/reading-routes')?.query.get('period')).toBe(PERIOD);
    const items = wrapper.findAll('[data-test="route-item"]');
    expect(items).toHaveLength(1);
    expect(items[0]!.text()).toContain('赵抄表');
    expect(items[0]!.text()).toContain('30/40');
    expect(wrapper.find('[data-test="route-new"]').exists()).toBe(true);
  });

  it('offers no assignment without meter:write', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: ['org:read', 'estate:read', 'unit:read', 'meter:read', 'reading:review'] })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'GET /api/reading-routes': () => json(200, { items: [] }),
      'GET /api/metering/progress': () => json(200, makeProgress()),
    });
    const { wrapper } = await mountAt(`/meter-admin/routes?estateId=${ESTATE.id}&period=${PERIOD}`, RoutesView);
    mounted = wrapper;
    await settle(10);
    expect(wrapper.find('[data-test="route-new"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('本期还没有抄表路线');
  });
});
