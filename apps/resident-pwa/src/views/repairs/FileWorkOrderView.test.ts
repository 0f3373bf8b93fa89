import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../../test/fetch-mock';
import { residentMe, unit } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { detail, jpeg, noAnswer, ORDER_ID, pickFiles, settings, withDynamicRoutes } from './test-data';

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
const SLOW = { timeout: 10_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// The body is not wiped between tests: Vant's toast lives in a container it made there once and reuses.
beforeEach(() => {
  localStorage.clear();
});

describe('filing a repair', () => {
  it('uploads the photos, then the order; every retry after no answer reuses the same ids', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe({ name: '王女士' }) },
      'GET /api/resident/work-order-settings': { body: settings() },
      [`GET /api/resident/work-orders/${ORDER_ID}`]: { body: detail() },
      'GET /api/resident/notifications': { body: { items: [], unread: 0 } },
    });
    const { wrapper, router } = await mountApp('/repairs/new?kind=repair');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="category-option"]').length).toBeGreaterThan(0), SLOW);
    expect(api.calls.find((c) => c.path === '/api/resident/work-order-settings')?.query.get('unitId')).toBe('u-1');
    expect(wrapper.get('[data-test="file-page"]').attributes('data-kind')).toBe('repair');
    // Repair categories only (noise is a complaint; appliance a paid service).
    expect(wrapper.findAll('[data-test="category-option"]').map((b) => b.text())).toEqual(['水电', '电梯']);

    // Nothing chosen: the form says what is missing and sends nothing.
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="category-error"]').text()).toBe('请选择类别');
    expect(wrapper.text()).toContain('请填写描述');

    await wrapper.get('[data-code="water_electric"]').trigger('click');
    // The category follows the estate's SLA for its priority (normal: 2 h / 48 h).
    expect(wrapper.get('[data-test="category-promise"]').text()).toBe('预计 2 小时内响应，48 小时内完成');
    await wrapper.get('[data-code="elevator"]').trigger('click');
    expect(wrapper.get('[data-test="category-promise"]').text()).toBe('预计 15 分钟内响应，2 小时内完成');
    await wrapper.get('[data-code="water_electric"]').trigger('click');
    await wrapper.get('[data-test="file-description"] textarea').setValue('  卫生间洗手盆下水管漏水  ');
    // Contact comes from the session.
    expect((wrapper.get('[data-test="file-contact-name"] input').element as HTMLInputElement).value).toBe('王女士');
    expect((wrapper.get('[data-test="file-contact-phone"] input').element as HTMLInputElement).value).toBe('13800138000');

    pickFiles(wrapper.get('[data-test="photo-input"]').element as HTMLInputElement, [jpeg('a.jpg'), jpeg('b.jpg')]);
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="photo-item"][data-status="ready"]')).toHaveLength(2), SLOW);

    // 1st attempt: photo 1 goes up, photo 2 gets no answer.
    const answer = withDynamicRoutes(api);
    let puts = 0;
    answer((method, path) => {
      if (method === 'PUT' && path.startsWith('/api/resident/work-order-photos/')) {
        puts++;
        if (puts === 2) noAnswer();
        return { body: { id: path.split('/').pop(), url: path } };
      }
      return null;
    });
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const first = api.calls.filter((c) => c.method === 'PUT').map((c) => c.path);
    expect(first).toHaveLength(2);
    expect(first.map((p) => p.split('/').pop())).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    expect(wrapper.get('[data-test="file-error"]').text()).toBe('照片上传失败：网络异常，请检查网络后重试');
    expect(wrapper.findAll('[data-test="photo-item"]').map((p) => p.attributes('data-status'))).toEqual(['uploaded', 'failed']);
    expect(wrapper.get('[data-test="file-submit"]').text()).toBe('重新提交');

    // 2nd attempt: only photo 2 again (same id), then the order gets no answer.
    let posts = 0;
    answer((method, path) => {
      if (method === 'PUT') return { body: { id: path.split('/').pop(), url: path } };
      if (method === 'POST' && path === '/api/resident/work-orders') {
        posts++;
        if (posts === 1) noAnswer();
        return { body: detail() };
      }
      return null;
    });
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const puts2 = api.calls.filter((c) => c.method === 'PUT').map((c) => c.path);
    expect(puts2.slice(2)).toEqual([first[1]]);
    expect(wrapper.get('[data-test="file-error"]').text()).toBe('网络异常，未能确认是否提交成功。请点“重新提交”，不会重复创建工单。');

    // 3rd attempt: no photo again, the same order id, and this time an answer.
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order'), SLOW);
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(3);
    const orders = api.calls.filter((c) => c.method === 'POST' && c.path === '/api/resident/work-orders');
    expect(orders).toHaveLength(2);
    expect(orders[0]!.body).toEqual(orders[1]!.body);
    expect(orders[1]!.body).toEqual({
      id: expect.stringMatching(UUID),
      unitId: 'u-1',
      kind: 'repair',
      category: 'water_electric',
      location: 'unit',
      description: '卫生间洗手盆下水管漏水',
      reportPhotos: first.map((p) => p.split('/').pop()),
      contactName: '王女士',
      contactPhone: '13800138000',
    });
    expect(router.currentRoute.value.params.id).toBe(ORDER_ID);
    wrapper.unmount();
  });

  it('files for another unit or its common area, with a visit time; a refusal is explained', async () => {
    const second = unit({ bindingId: 'b-2', unitId: 'u-2', estateName: '翠湖花园', buildingName: '2栋', number: '301' });
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe({ units: [unit(), second] }) },
      'GET /api/resident/work-order-settings': { body: settings() },
      'POST /api/resident/work-orders': apiError(400, 'invalid_fields', 'x', { state: null, fields: [{ field: 'category', reason: 'unknown_category' }] }),
    });
    const { wrapper } = await mountApp('/repairs/new');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="category-option"]').length).toBeGreaterThan(0), SLOW);
    expect(wrapper.get('[data-test="file-unit"]').text()).toContain('阳光花园 · 3栋 · 1201');

    await wrapper.get('[data-test="file-unit"]').trigger('click');
    await flushPromises();
    const option = [...document.querySelectorAll<HTMLElement>('.van-action-sheet__item')].find((b) => b.textContent?.includes('翠湖花园'))!;
    option.click();
    await vi.waitFor(() => expect(api.calls.filter((c) => c.path === '/api/resident/work-order-settings').at(-1)?.query.get('unitId')).toBe('u-2'), SLOW);

    await wrapper.get('[data-test="location-common"]').trigger('click');
    await flushPromises();
    // A common area is the estate's: the cell names it, and the form asks where exactly.
    expect(wrapper.get('[data-test="file-unit"]').text()).toContain('翠湖花园');
    expect(wrapper.text()).toContain('公共区域请写明具体位置');

    await wrapper.get('[data-code="elevator"]').trigger('click');
    await wrapper.get('[data-test="file-description"] textarea').setValue('3栋大堂电梯按钮失灵');
    await wrapper.get('[data-test="file-contact-phone"] input').setValue('12');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('请输入正确的电话号码');
    await wrapper.get('[data-test="file-contact-phone"] input').setValue('0755-8888 6666');

    await wrapper.get('[data-test="visit-time"]').trigger('click');
    await flushPromises();
    (document.querySelector('[data-test="visit-picker"] .van-picker__confirm') as HTMLElement).click();
    await flushPromises();
    expect(wrapper.get('[data-test="visit-time"]').text()).not.toContain('尽快安排');

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const sent = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ unitId: 'u-2', location: 'common_area', category: 'elevator', contactPhone: '0755-8888 6666' });
    expect(sent.appointmentAt).toMatch(/^\d{4}-\d{2}-\d{2}T(0[89]|1\d|20):00:00\+08:00$/);
    expect(sent.reportPhotos).toEqual([]);
    expect(wrapper.get('[data-test="file-error"]').text()).toBe('填写的信息有误，请检查后重试');
    wrapper.unmount();
  });
});

describe('filing a complaint', () => {
  it('offers complaint categories and anonymity, and sends no contact when anonymous', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/work-order-settings': { body: settings() },
      'POST /api/resident/work-orders': { body: detail({ kind: 'complaint', category: 'noise', categoryName: '噪音' }) },
      [`GET /api/resident/work-orders/${ORDER_ID}`]: { body: detail({ kind: 'complaint' }) },
    });
    const { wrapper, router } = await mountApp('/complaints');
    await vi.waitFor(() => expect(wrapper.find('[data-test="file-complaint"]').exists()).toBe(true), SLOW);
    await wrapper.get('[data-test="file-complaint"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="category-option"]').length).toBeGreaterThan(0), SLOW);
    expect(router.currentRoute.value.query.kind).toBe('complaint');
    // Active complaint categories; no visit time for a complaint.
    expect(wrapper.findAll('[data-test="category-option"]').map((b) => b.text())).toEqual(['电梯', '噪音']);
    expect(wrapper.find('[data-test="visit-time"]').exists()).toBe(false);

    await wrapper.get('[data-code="noise"]').trigger('click');
    expect(wrapper.get('[data-test="category-promise"]').text()).toBe('预计 2 小时内受理，48 小时内答复');
    await wrapper.get('[data-test="file-description"] textarea').setValue('楼上每晚 11 点后装修噪音');
    await wrapper.get('[data-test="file-anonymous"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="file-contact-phone"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order'), SLOW);
    const sent = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ kind: 'complaint', category: 'noise', anonymous: true, location: 'unit' });
    expect(sent).not.toHaveProperty('contactPhone');
    expect(sent).not.toHaveProperty('contactName');
    wrapper.unmount();
  });
});

describe('booking a paid service', () => {
  it('shows the price list and sends the unit as the place', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/work-order-settings': { body: settings() },
      'POST /api/resident/work-orders': { body: detail({ kind: 'paid_service' }) },
      [`GET /api/resident/work-orders/${ORDER_ID}`]: { body: detail({ kind: 'paid_service' }) },
    });
    const { wrapper, router } = await mountApp('/repairs/new?kind=paid_service');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="price-item"]')).toHaveLength(2), SLOW);
    expect(wrapper.findAll('[data-test="price-item"]').map((p) => p.text())).toEqual(['上门费¥30.00 / 次', '水龙头更换¥35.50 / 个']);
    expect(wrapper.find('[data-test="file-location"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-test="category-option"]').map((b) => b.text())).toEqual(['水电', '家电维修']);
    await wrapper.get('[data-code="appliance"]').trigger('click');
    await wrapper.get('[data-test="file-description"] textarea').setValue('更换厨房水龙头 1 个');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('work-order'), SLOW);
    expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ kind: 'paid_service', location: 'unit', category: 'appliance' });
    wrapper.unmount();
  });
});
