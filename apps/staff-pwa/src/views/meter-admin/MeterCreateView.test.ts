import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import MeterCreateView from './MeterCreateView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, METER, paged, PERIOD } from './test-data';

const UNIT = {
  id: '33333333-3333-4333-8333-333333333333',
  estateId: ESTATE.id,
  estateName: ESTATE.name,
  buildingId: 'b-1',
  buildingName: '1栋',
  number: '1-101',
  floor: 1,
  buildingArea: '89.37',
  insideArea: null,
  type: 'residential',
  state: 'occupied',
  owners: [{ partyId: 'p-1', name: '张伟' }],
};

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('MeterCreateView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('registers a unit meter picked by searching the estate’s units', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'GET /api/units': () => json(200, paged([UNIT])),
      'POST /api/meters': (c) => json(200, { ...METER, ...(c.body as object), id: METER.id }),
    });
    const { wrapper, router } = await mountAt(`/meter-admin/meters/new?estateId=${ESTATE.id}&period=${PERIOD}`, MeterCreateView);
    mounted = wrapper;
    await settle(10);

    await wrapper.get('[data-test="meter-unit"]').trigger('click');
    await settle(10);
    const units = calls.find((c) => c.path === '/api/units');
    expect(units?.query.get('estateId')).toBe(ESTATE.id);
    document.body.querySelector<HTMLElement>('[data-test="unit-option"]')?.click();
    await settle();

    await wrapper.get('[data-test="type-electricity"]').trigger('click');
    await wrapper.get('[data-test="meter-serial"] input').setValue('E-0200');
    await wrapper.get('[data-test="meter-code"] input').setValue('QR-E-0200');
    await wrapper.get('[data-test="meter-multiplier"] input').setValue('40');
    await wrapper.get('[data-test="meter-digits"] input').setValue('6');
    await wrapper.get('[data-test="meter-form"]').trigger('submit');
    await settle(10);

    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      estateId: ESTATE.id,
      unitId: UNIT.id,
      scope: 'unit',
      type: 'electricity',
      serial: 'E-0200',
      code: 'QR-E-0200',
      multiplier: '40',
      digits: 6,
      initialReading: '0',
    });
    expect(post?.body).not.toHaveProperty('servedUnitIds');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meter-admin-meter'), { timeout: 10_000 });
  });

  it('a master meter has no unit', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'POST /api/meters': () => json(200, { ...METER, scope: 'master', unitId: null }),
    });
    const { wrapper } = await mountAt(`/meter-admin/meters/new?estateId=${ESTATE.id}`, MeterCreateView);
    mounted = wrapper;
    await settle(10);
    await wrapper.get('[data-test="scope-master"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-test="meter-unit"]').exists()).toBe(false);
    await wrapper.get('[data-test="meter-serial"] input').setValue('M-1');
    await wrapper.get('[data-test="meter-digits"] input').setValue('8');
    await wrapper.get('[data-test="meter-form"]').trigger('submit');
    await settle(10);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ scope: 'master', serial: 'M-1', digits: 8, multiplier: '1' });
    expect(post?.body).not.toHaveProperty('unitId');
  });
});
