import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderSettings } from '../../../api/work-orders';
import { apiError, json, makeMe, mockFetch } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import SettingsView from './SettingsView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeSettings } from './test-data';

function routes(put: (body: WorkOrderSettings) => Response = (body) => json(200, body)) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...MANAGER_PERMISSIONS] as never })),
    [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
    [`GET /api/work-order-settings/${ESTATE.id}`]: () => json(200, makeSettings()),
    [`PUT /api/work-order-settings/${ESTATE.id}`]: (c) => put(c.body as WorkOrderSettings),
  });
}

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

async function open(put?: (body: WorkOrderSettings) => Response) {
  const mock = routes(put);
  const { wrapper } = await mountAt(`/work-orders/settings?estateId=${ESTATE.id}`, SettingsView);
  mounted = wrapper;
  await settle(10);
  return { ...mock, wrapper };
}

describe('SettingsView (工单设置)', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('shows the estate’s deadlines, categories, policy and price list', async () => {
    const { wrapper } = await open();
    const urgent = wrapper.get('[data-test="sla-urgent"]');
    expect((urgent.get('[data-test="sla-response"]').element as HTMLInputElement).value).toBe('30');
    expect((urgent.get('[data-test="sla-complete"]').element as HTMLInputElement).value).toBe('240');
    expect(urgent.text()).toContain('4 小时');
    const elevator = wrapper.get('[data-test="category-row"][data-code="elevator"]');
    expect(elevator.text()).toContain('电梯');
    expect((elevator.get('[data-test="category-response"]').element as HTMLInputElement).value).toBe('15');
    // no own windows: the priority's shown as a hint
    expect(wrapper.get('[data-test="category-row"][data-code="pipes"] [data-test="category-response"]').attributes('placeholder')).toBe('60');
    expect((wrapper.get('[data-test="settings-at-risk"] input').element as HTMLInputElement).value).toBe('25');
    expect(wrapper.findAll('[data-test="price-row"]')).toHaveLength(2);
  });

  it('refuses impossible windows beside the field, then saves the changes', async () => {
    const { calls, wrapper } = await open();
    await wrapper.get('[data-test="sla-urgent"] [data-test="sla-response"]').setValue('300');
    await wrapper.get('[data-test="settings-save"]').trigger('click');
    await settle(2);
    expect(wrapper.get('[data-test="sla-urgent"] [data-test="sla-error"]').text()).toContain('响应时限不能长于完成时限');
    expect(wrapper.find('[data-test="settings-invalid"]').exists()).toBe(true);
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await wrapper.get('[data-test="sla-urgent"] [data-test="sla-response"]').setValue('20');
    const parking = wrapper.get('[data-test="category-row"][data-code="parking"]');
    await parking.get('[data-test="category-active"]').trigger('click');
    await parking.get('[data-test="category-priority"]').setValue('high');
    await wrapper.get('[data-test="settings-grab"]').trigger('click');
    await wrapper.get('[data-test="settings-survey-days"] input').setValue('10');
    await wrapper.get('[data-test="price-add"]').trigger('click');
    const added = wrapper.findAll('[data-test="price-row"]')[2]!;
    await added.get('[data-test="price-name"]').setValue('管道疏通');
    await added.get('[data-test="price-amount"]').setValue('80');
    await wrapper.findAll('[data-test="price-row"]')[0]!.get('[data-test="price-remove"]').trigger('click');
    await wrapper.get('[data-test="settings-save"]').trigger('click');
    await settle(8);

    const body = calls.find((c) => c.method === 'PUT')!.body as WorkOrderSettings;
    expect(body.estateId).toBe(ESTATE.id);
    expect(body.slas.urgent).toEqual({ responseMinutes: 20, completeMinutes: 240 });
    expect(body.categories.find((c) => c.code === 'parking')).toMatchObject({ active: false, priority: 'high', responseMinutes: null });
    expect(body.categories.find((c) => c.code === 'elevator')).toMatchObject({ responseMinutes: 15, completeMinutes: 120 });
    expect(body.allowGrab).toBe(false);
    expect(body.surveyDays).toBe(10);
    expect(body.atRiskShare).toBe(0.25);
    expect(body.priceList).toEqual([
      { code: 'p2', name: '水龙头更换', price: '35.50', unit: '个' },
      { code: 'p3', name: '管道疏通', price: '80.00', unit: '次' },
    ]);
    expect(document.body.textContent).toContain('已保存');
  });

  it('shows why the server refused to save', async () => {
    const { wrapper } = await open(() => apiError(403, 'forbidden', '没有权限执行此操作 Forbidden'));
    await wrapper.get('[data-test="settings-save"]').trigger('click');
    await settle(8);
    expect(wrapper.get('[data-test="settings-error"]').text()).toContain('没有权限');
  });
});
