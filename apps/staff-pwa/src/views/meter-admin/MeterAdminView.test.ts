import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import MeterAdminView from './MeterAdminView.vue';
import { ESTATE, letVantSettle, makeProgress, MANAGER_PERMISSIONS, paged, PERIOD } from './test-data';

function routes(permissions: readonly string[] = MANAGER_PERMISSIONS) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...permissions] as never })),
    'GET /api/estates': () => json(200, paged([ESTATE])),
    'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
    'GET /api/metering/progress': () => json(200, makeProgress()),
  });
}

describe('MeterAdminView (hub)', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });

  it('picks the first estate and this month, and shows the progress numbers', async () => {
    const { calls } = routes();
    const { wrapper, router } = await mountAt('/meter-admin', MeterAdminView);
    await settle(10);

    const progress = calls.find((c) => c.path === '/api/metering/progress');
    expect(progress?.query.get('estateId')).toBe(ESTATE.id);
    expect(progress?.query.get('period')).toBe(PERIOD);
    expect(router.currentRoute.value.query).toMatchObject({ estateId: ESTATE.id, period: PERIOD });

    expect((wrapper.get('[data-test="hub-estate"] input').element as HTMLInputElement).value).toBe('翠湖花园');
    const stat = (key: string) => wrapper.get(`[data-test="stat-${key}"] .pm-stat-value`).text();
    expect(stat('meters')).toBe('80');
    expect(stat('read')).toBe('52');
    expect(stat('approved')).toBe('40');
    expect(stat('pending')).toBe('9');
    expect(stat('sentBack')).toBe('3');
    expect(stat('flagged')).toBe('4');
    expect(stat('missing')).toBe('28');
    expect(wrapper.get('[data-test="hub-percent"]').text()).toContain('52/80');
    expect(wrapper.get('[data-test="hub-percent"]').text()).toContain('65%');
    expect(wrapper.get('[data-test="badge-pending"]').text()).toContain('9');
    expect(wrapper.get('[data-test="badge-flagged"]').text()).toContain('4');
    expect(wrapper.get('[data-test="goto-missing"]').text()).toContain('28');

    const exportLink = wrapper.get('[data-test="hub-export"]');
    expect(exportLink.attributes('href')).toBe(`/api/metering/export?estateId=${ESTATE.id}&period=${PERIOD}`);
    expect(exportLink.attributes('download')).toContain('.xlsx');
  });

  it('takes the estate and period from the link and remembers the estate', async () => {
    const { calls } = routes();
    await mountAt(`/meter-admin?estateId=${ESTATE.id}&period=2025-03`, MeterAdminView);
    await settle(10);
    const progress = calls.find((c) => c.path === '/api/metering/progress');
    expect(progress?.query.get('period')).toBe('2025-03');
    expect(calls.some((c) => c.path === '/api/estates')).toBe(false);
    expect(JSON.parse(localStorage.getItem('pm.meterAdmin.estate') ?? '{}')).toEqual({ id: ESTATE.id, name: '翠湖花园' });
  });

  it('opens on the estate remembered from the last visit', async () => {
    localStorage.setItem('pm.meterAdmin.estate', JSON.stringify({ id: ESTATE.id, name: '翠湖花园' }));
    const { calls } = routes();
    const { wrapper } = await mountAt('/meter-admin', MeterAdminView);
    await settle(10);
    expect(calls.some((c) => c.path === '/api/estates')).toBe(false);
    expect(calls.find((c) => c.path === '/api/metering/progress')?.query.get('estateId')).toBe(ESTATE.id);
    expect(wrapper.get('[data-test="stat-meters"]').text()).toContain('80');
  });

  it('offers only what the role may do (customer service: no review without reading:review)', async () => {
    routes(['org:read', 'estate:read', 'unit:read', 'meter:read']);
    const { wrapper } = await mountAt('/meter-admin', MeterAdminView);
    await settle(10);
    expect(wrapper.find('[data-test="goto-review"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="goto-meters"]').exists()).toBe(true);
  });

  it('shows the error and a retry when the progress cannot be loaded', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
      'GET /api/estates': () => json(200, paged([ESTATE])),
      'GET /api/metering/progress': () => apiError(403, 'forbidden', '没有权限执行此操作 Forbidden'),
    });
    const { wrapper } = await mountAt('/meter-admin', MeterAdminView);
    await settle(10);
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('没有权限');
  });
});
