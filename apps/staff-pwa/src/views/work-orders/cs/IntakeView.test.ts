import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, networkDown } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import IntakeView from './IntakeView.vue';
import { CS_PERMISSIONS, ESTATE, letVantSettle, makeDetail, makeSettings, ORDER_ID, paged, UNIT_ID } from './test-data';

const UNIT = {
  id: UNIT_ID,
  estateId: ESTATE.id,
  estateName: '翠湖花园',
  buildingId: 'dddddddd-0000-4000-8000-000000000001',
  buildingName: '1栋',
  number: '1-101',
  floor: 1,
  buildingArea: '89.37',
  insideArea: null,
  type: 'residential',
  state: 'occupied',
  owners: [{ partyId: 'cccccccc-0000-4000-8000-000000000001', name: '张伟' }],
};
const OCCUPANCY = {
  id: '00000000-0000-4000-8000-0000000000aa',
  unitId: UNIT_ID,
  partyId: 'cccccccc-0000-4000-8000-000000000001',
  partyName: '张伟',
  partyPhone: '13800001111',
  relation: 'owner',
  startDate: '2020-01-01',
  endDate: null,
};

function routes(create: () => Response = () => json(200, makeDetail())) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...CS_PERMISSIONS] as never })),
    'GET /api/estates': () => json(200, paged([ESTATE])),
    [`GET /api/work-order-settings/${ESTATE.id}`]: () => json(200, makeSettings()),
    'GET /api/units': () => json(200, paged([UNIT])),
    [`GET /api/units/${UNIT_ID}`]: () => json(200, { ...UNIT, occupancies: [OCCUPANCY, { ...OCCUPANCY, id: 'x', partyName: '李四', endDate: '2021-01-01' }] }),
    'POST /api/work-orders': create,
  });
}

const one = (selector: string) => {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

async function open(create?: () => Response) {
  const mock = routes(create);
  // Photos are uploaded under ids made by the screen: answer a PUT to any of them (and record it).
  const fetchMock = mock.fn;
  const inner = fetchMock.getMockImplementation()!;
  fetchMock.mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method === 'PUT' && url.includes('/api/work-order-photos/')) {
      await inner(input, init);
      const id = url.split('/').pop();
      return json(200, { id, url: `/api/work-order-photos/${id}` });
    }
    return inner(input, init);
  });
  const { wrapper, router } = await mountAt('/work-orders/new', IntakeView);
  mounted = wrapper;
  await settle(12);
  return { ...mock, wrapper, router };
}

describe('IntakeView (受理登记)', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:photo');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  });

  it('files a repair for a resident: category from the estate, unit and its occupant, a photo, then opens the order', async () => {
    const { calls, wrapper, router } = await open();

    // repair categories of this estate, not the complaint-only ones
    const categories = wrapper.findAll('[data-test="category-option"]').map((b) => b.text());
    expect(categories).toContain('水电');
    expect(categories).not.toContain('噪音');
    await wrapper.get('[data-test="category-option"][data-code="elevator"]').trigger('click');
    expect(wrapper.get('[data-test="priority-high"]').attributes('aria-pressed')).toBe('true');
    // the elevator has its own windows in this estate
    expect(wrapper.get('[data-test="intake-sla"]').text()).toContain('15 分钟 内响应，2 小时 内完成');
    await wrapper.get('[data-test="category-option"][data-code="water_electric"]').trigger('click');
    expect(wrapper.get('[data-test="priority-normal"]').attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-test="priority-urgent"]').trigger('click');
    expect(wrapper.get('[data-test="intake-sla"]').text()).toContain('30 分钟 内响应，4 小时 内完成');

    await wrapper.get('[data-test="intake-unit"]').trigger('click');
    await settle(8);
    one('[data-test="unit-option"]').click();
    await settle(8);
    // current occupants only
    const occupants = wrapper.findAll('[data-test="occupant-option"]');
    expect(occupants.map((o) => o.text())).toEqual(['张伟 · 业主']);
    await occupants[0]!.trigger('click');
    expect((wrapper.get('[data-test="intake-contact-phone"] input').element as HTMLInputElement).value).toBe('13800001111');

    await wrapper.get('[data-test="intake-description"] textarea').setValue('  厨房水龙头漏水  ');
    const input = wrapper.get('[data-test="photo-input"]').element as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([new Uint8Array([1, 2, 3])], 'leak.jpg', { type: 'image/jpeg' })], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle(8);
    const upload = calls.find((c) => c.method === 'PUT')!;
    expect(upload.path).toMatch(/^\/api\/work-order-photos\/[0-9a-f-]{36}$/);
    expect(upload.headers.get('Content-Type')).toBe('image/jpeg');
    expect(wrapper.get('[data-test="photo-item"]').attributes('data-status')).toBe('done');
    const photoId = upload.path.split('/').pop();

    await wrapper.get('[data-test="intake-submit"]').trigger('click');
    await settle(10);
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/work-orders')!;
    expect(post.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      estateId: ESTATE.id,
      kind: 'repair',
      category: 'water_electric',
      priority: 'urgent',
      location: 'unit',
      unitId: UNIT_ID,
      description: '厨房水龙头漏水',
      reportPhotos: [photoId],
      contactName: '张伟',
      contactPhone: '13800001111',
      partyId: OCCUPANCY.partyId,
    });
    // the lazy order screen may take a moment to load
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('wo-detail'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.workOrderId).toBe(ORDER_ID);
  });

  it('says what is missing and sends nothing', async () => {
    const { calls, wrapper } = await open();
    await wrapper.get('[data-test="intake-submit"]').trigger('click');
    await settle(2);
    expect(wrapper.get('[data-test="intake-category"]').text()).toContain('必填');
    expect(wrapper.get('[data-test="intake-unit-error"]').text()).toContain('必填');
    expect(wrapper.get('[data-test="intake-description"]').text()).toContain('必填');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('files an anonymous complaint about a common area, and a retry after a lost answer reuses the order’s id', async () => {
    let down = true;
    const { calls, wrapper } = await open(() => (down ? networkDown() : json(200, makeDetail({ kind: 'complaint' }))));
    await wrapper.get('[data-test="kind-complaint"]').trigger('click');
    await settle(2);
    expect(wrapper.findAll('[data-test="category-option"]').map((b) => b.text())).toContain('噪音');
    await wrapper.get('[data-test="category-option"][data-code="noise"]').trigger('click');
    await wrapper.get('[data-test="location-common"]').trigger('click');
    await wrapper.get('[data-test="intake-description"] textarea').setValue('夜间装修噪音');
    await wrapper.get('[data-test="intake-anonymous"]').trigger('click');
    await settle(2);

    await wrapper.get('[data-test="intake-submit"]').trigger('click');
    await settle(8);
    expect(wrapper.get('[data-test="intake-error"]').text()).toContain('网络不可用');
    down = false;
    await wrapper.get('[data-test="intake-submit"]').trigger('click');
    await settle(8);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    expect(posts[0]!.body).toMatchObject({ kind: 'complaint', category: 'noise', location: 'common_area', anonymous: true, description: '夜间装修噪音' });
    expect((posts[0]!.body as Record<string, unknown>).unitId).toBeUndefined();
  });

  it('shows the price list for a paid service', async () => {
    const { wrapper } = await open();
    await wrapper.get('[data-test="kind-paid_service"]').trigger('click');
    await settle(2);
    expect(wrapper.find('[data-test="intake-location"]').exists()).toBe(false);
    const prices = wrapper.get('[data-test="intake-prices"]').text();
    expect(prices).toContain('上门费');
    expect(prices).toContain('¥30.00 / 次');
    expect(prices).toContain('¥35.50 / 个');
  });
});
