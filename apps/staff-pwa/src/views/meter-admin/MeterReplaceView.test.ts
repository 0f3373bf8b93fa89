import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch, networkDown } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import { rememberMeters } from './meter-cache';
import MeterReplaceView from './MeterReplaceView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, METER, PERIOD } from './test-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REPLACEMENT = {
  id: 'will-be-the-client-id',
  meterId: METER.id,
  replacedOn: '2025-06-01',
  oldSerial: METER.serial,
  oldCode: METER.code,
  oldFinal: '3456.7',
  oldMultiplier: '1',
  oldDigits: 6,
  newSerial: 'E-0100',
  newCode: METER.code,
  newInitial: '0',
  newMultiplier: '40',
  newDigits: 6,
  note: null,
  createdBy: 'me',
  createdByName: '王经理',
  createdAt: '2025-06-01T02:00:00.000Z',
};

let mounted: VueWrapper | null = null;
async function mountForm() {
  rememberMeters([METER]);
  const { wrapper, router } = await mountAt(`/meter-admin/meters/${METER.id}/replace?estateId=${ESTATE.id}&period=${PERIOD}`, MeterReplaceView, { meterId: METER.id });
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

async function fill(wrapper: VueWrapper, test: string, value: string) {
  await wrapper.get(`[data-test="${test}"] input, [data-test="${test}"] textarea`).setValue(value);
}

describe('MeterReplaceView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('keeps its idempotency id when the same form is sent again after a failure', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      [`POST /api/meters/${METER.id}/replacements`]: (c) => {
        attempt += 1;
        if (attempt === 1) return networkDown();
        if (attempt === 2) return apiError(503, 'unavailable', '服务暂不可用 Service unavailable');
        return json(200, { replacement: { ...REPLACEMENT, id: (c.body as { id: string }).id }, meter: { ...METER, serial: 'E-0100', multiplier: '40' } });
      },
    });
    const { wrapper, router } = await mountForm();
    expect(wrapper.get('[data-test="replace-meter"]').text()).toContain('E-0001');

    await fill(wrapper, 'replace-old-final', '3456.7');
    await fill(wrapper, 'replace-serial', 'E-0100');
    await fill(wrapper, 'replace-initial', '0');
    await fill(wrapper, 'replace-multiplier', '40');
    await fill(wrapper, 'replace-digits', '6');

    for (let i = 0; i < 3; i++) {
      await wrapper.get('[data-test="replace-form"]').trigger('submit');
      await settle(10);
    }
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(3);
    const ids = posts.map((c) => (c.body as { id: string }).id);
    expect(ids[0]).toMatch(UUID);
    expect(new Set(ids).size).toBe(1);
    expect(posts[2]?.body).toMatchObject({ oldFinal: '3456.7', newSerial: 'E-0100', newInitial: '0', newMultiplier: '40', newDigits: 6 });
    expect(posts[2]?.body).not.toHaveProperty('newCode');
    // then on to the meter (its lazy screen may take a moment to load)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meter-admin-meter'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.meterId).toBe(METER.id);
  });

  it('shows the error the API gave and sends nothing while the form is incomplete', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      [`POST /api/meters/${METER.id}/replacements`]: () =>
        apiError(400, 'replacement_old_final_below_previous', '旧表止码低于上次审核读数 3500 The old meter\'s final reading is below its last approved reading'),
    });
    const { wrapper } = await mountForm();
    await wrapper.get('[data-test="replace-form"]').trigger('submit');
    await settle(10);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await fill(wrapper, 'replace-old-final', '3456.7');
    await fill(wrapper, 'replace-serial', 'E-0100');
    await fill(wrapper, 'replace-multiplier', '1');
    await fill(wrapper, 'replace-digits', '6');
    await wrapper.get('[data-test="replace-form"]').trigger('submit');
    await settle(10);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(wrapper.get('[data-test="replace-error"]').text()).toContain('旧表止码低于上次审核读数');
  });
});
