import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ProgressView from './ProgressView.vue';
import { ESTATE, letVantSettle, makeProgress, MANAGER_PERMISSIONS, PERIOD } from './test-data';

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('ProgressView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('shows each route’s and reader’s progress and the missing meters', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
      'GET /api/metering/progress': () => json(200, makeProgress()),
    });
    const { wrapper } = await mountAt(`/meter-admin/progress?estateId=${ESTATE.id}&period=${PERIOD}&tab=missing`, ProgressView);
    mounted = wrapper;
    await settle(10);
    expect(wrapper.get('[data-test="progress-totals"]').text()).toContain('52/80');
    const missing = wrapper.get('[data-test="missing-meter"]');
    expect(missing.text()).toContain('2栋 2-101');
    expect(missing.text()).toContain('W-0009');
    expect(wrapper.text()).toContain('另有 27 只未显示');

    const tabs = wrapper.findAll('[data-test="progress-tabs"] .van-tab');
    await tabs[0]!.trigger('click');
    await settle(10);
    const route = wrapper.get('[data-test="progress-route"]');
    expect(route.text()).toContain('1栋');
    expect(route.text()).toContain('30/40');
    expect(route.text()).toContain('赵抄表');
    // 20 of 40 approved: half the bar
    expect(route.get('[data-test="bar-approved"]').attributes('style')).toContain('width: 50%');

    await tabs[1]!.trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="progress-reader"]').text()).toContain('赵抄表');
  });
});
