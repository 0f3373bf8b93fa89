import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import UnitRemindersView from './UnitRemindersView.vue';
import { BUILDING, ESTATE, letVantSettle, MANAGER_PERMISSIONS, reminder, SERVICE_PERMISSIONS, UNIT_ID } from './test-data';

const ME = (permissions: readonly string[]) => () => json(200, makeMe({ permissions: [...permissions] as never }));
const UNIT = {
  id: UNIT_ID,
  estateId: ESTATE.id,
  estateName: '翠湖花园',
  buildingId: BUILDING.id,
  buildingName: '1栋',
  number: '1-101',
  floor: 1,
  buildingArea: '89.37',
  insideArea: null,
  type: 'residential',
  state: 'occupied',
  owners: [{ partyId: 'p1', name: '张伟' }],
  occupancies: [],
};

let mounted: VueWrapper | null = null;
async function mountUnit() {
  const { wrapper, router } = await mountAt(`/reminders/units/${UNIT_ID}`, UnitRemindersView, { unitId: UNIT_ID });
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

describe('UnitRemindersView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('shows what the unit owes and its reminders, and records one; a retry after a lost answer keeps its id', async () => {
    let down = true;
    const { calls } = mockFetch({
      'GET /api/me': ME(SERVICE_PERMISSIONS),
      [`GET /api/units/${UNIT_ID}`]: () => json(200, UNIT),
      [`GET /api/units/${UNIT_ID}/reminders`]: () => json(200, { unitId: UNIT_ID, owed: '420.24', items: [reminder('r-1')] }),
      [`POST /api/units/${UNIT_ID}/reminders`]: (c: RecordedCall) => {
        if (down) networkDown();
        const body = c.body as { id: string; kind: 'visit'; note?: string };
        return json(200, reminder(body.id, { kind: body.kind, note: body.note ?? '', at: '2026-11-21T03:00:00.000Z', createdByName: '王经理' }));
      },
    });
    const { wrapper, router } = await mountUnit();
    expect(wrapper.get('[data-test="unit-title"]').text()).toBe('翠湖花园 1栋 1-101');
    expect(wrapper.get('[data-test="unit-head"]').text()).toContain('张伟');
    expect(wrapper.get('[data-test="unit-owed"]').text()).toBe('¥420.24');
    expect(wrapper.get('[data-test="legal-note"]').text()).toContain('第九百四十四条');
    const history = wrapper.findAll('[data-test="history-item"]');
    expect(history).toHaveLength(1);
    // 02:00 UTC is 10:00 in Beijing
    expect(history[0]!.text()).toContain('电话');
    expect(history[0]!.text()).toContain('2026-11-20 10:00');
    expect(history[0]!.text()).toContain('李客服 登记 · 当时欠费 ¥420.24');
    expect(history[0]!.text()).toContain('业主答应月底缴清');

    await wrapper.get('[data-test="kind-visit"]').trigger('click');
    await wrapper.get('[data-test="record-note"] textarea').setValue('  上门未遇，留了通知  ');
    await wrapper.get('[data-test="record-save"]').trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="record-error"]').text()).toContain('网络不可用');
    const first = calls.filter((c) => c.method === 'POST')[0]!;
    expect(first.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'visit', note: '上门未遇，留了通知' });

    down = false;
    await wrapper.get('[data-test="record-save"]').trigger('click');
    await settle(10);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect((posts[1]!.body as { id: string }).id).toBe((first.body as { id: string }).id);
    const items = wrapper.findAll('[data-test="history-item"]');
    expect(items).toHaveLength(2);
    expect(items[0]!.text()).toContain('上门');
    expect(items[0]!.text()).toContain('上门未遇，留了通知');
    expect(wrapper.get<HTMLTextAreaElement>('[data-test="record-note"] textarea').element.value).toBe('');
    expect(wrapper.find('[data-test="record-error"]').exists()).toBe(false);

    // the next reminder is a new one
    await wrapper.get('[data-test="record-save"]').trigger('click');
    await settle(10);
    const third = calls.filter((c) => c.method === 'POST')[2]!;
    expect((third.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
    expect(third.body).toEqual({ id: expect.any(String), kind: 'visit' });

    // without the counter: the unit itself
    await wrapper.get('[data-test="unit-account"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('unit'), { timeout: 10_000 });
  });

  it('a cashier or manager goes on to collect', async () => {
    mockFetch({
      'GET /api/me': ME(MANAGER_PERMISSIONS),
      [`GET /api/units/${UNIT_ID}`]: () => json(200, UNIT),
      [`GET /api/units/${UNIT_ID}/reminders`]: () => json(200, { unitId: UNIT_ID, owed: '0.00', items: [] }),
    });
    const { wrapper, router } = await mountUnit();
    expect(wrapper.get('[data-test="history-empty"]').text()).toContain('还没有催缴记录');
    expect(wrapper.get('[data-test="unit-account"]').text()).toBe('去收款');
    await wrapper.get('[data-test="unit-account"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('cashier-account'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.unitId).toBe(UNIT_ID);
  });

  it('says when the unit is out of reach', async () => {
    mockFetch({
      'GET /api/me': ME(SERVICE_PERMISSIONS),
      [`GET /api/units/${UNIT_ID}`]: () => apiError(404, 'not_found', 'unit not found'),
      [`GET /api/units/${UNIT_ID}/reminders`]: () => apiError(404, 'not_found', 'unit not found'),
    });
    const { wrapper } = await mountUnit();
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('记录不存在或无权查看');
    expect(wrapper.find('[data-test="record-form"]').exists()).toBe(false);
  });
});
