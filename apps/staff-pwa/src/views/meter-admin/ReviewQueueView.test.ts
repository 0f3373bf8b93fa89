import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ReviewQueueView from './ReviewQueueView.vue';
import { ESTATE, letVantSettle, makeReading, MANAGER_PERMISSIONS, paged, PERIOD } from './test-data';

const FLAGGED = makeReading();
const PLAIN = makeReading({ id: 'aaaaaaaa-0000-4000-8000-000000000002', unitNumber: '1-102', meterId: 'm-2', serial: 'W-0002', flags: [], usage: '11', value: '1241.5', photoIds: [] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Handler = (c: RecordedCall) => Response;
function routes(extra: Record<string, Handler> = {}, permissions: readonly string[] = MANAGER_PERMISSIONS) {
  let listCalls = 0;
  const mock = mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...permissions] as never })),
    'GET /api/estates/11111111-1111-4111-8111-111111111111': () => json(200, ESTATE),
    'GET /api/reading-routes': () => json(200, { items: [{ id: 'route-1', estateId: ESTATE.id, period: PERIOD, name: '1栋', readerId: 'reader-1', meterCount: 40, readCount: 30 }] }),
    'GET /api/readings': () => {
      listCalls += 1;
      return json(200, paged([FLAGGED, PLAIN]));
    },
    ...extra,
  });
  return { ...mock, listCalls: () => listCalls };
}

let mounted: VueWrapper | null = null;
async function mountQueue() {
  const { wrapper } = await mountAt(`/meter-admin/review?estateId=${ESTATE.id}&period=${PERIOD}`, ReviewQueueView);
  mounted = wrapper;
  await settle(10);
  return wrapper;
}

const popup = () => document.body.querySelector<HTMLElement>('[data-test="review-popup"]');
const inPopup = <T extends HTMLElement>(test: string) => popup()?.querySelector<T>(`[data-test="${test}"]`) ?? null;
async function type(test: string, value: string) {
  const el = inPopup<HTMLElement>(test)?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (!el) throw new Error(`no field ${test}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await settle();
}
async function submitPopup() {
  inPopup<HTMLButtonElement>('review-submit')?.click();
  await settle(10);
}

describe('ReviewQueueView', () => {
  afterAll(letVantSettle);
  // Vant keeps its toast and dialog in <body> between tests: unmount the screen instead of clearing the body.
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('asks for the pending readings of the estate and period, and shows each one in words', async () => {
    const { calls } = routes();
    const wrapper = await mountQueue();
    const list = calls.find((c) => c.path === '/api/readings');
    expect(list?.query.get('estateId')).toBe(ESTATE.id);
    expect(list?.query.get('period')).toBe(PERIOD);
    expect(list?.query.get('status')).toBe('pending_review');

    const cards = wrapper.findAll('[data-test="reading-card"]');
    expect(cards).toHaveLength(2);
    const first = cards[0]!;
    expect(first.get('[data-test="reading-unit"]').text()).toBe('1栋 1-101');
    expect(first.get('[data-test="reading-values"]').text()).toContain('1230.5');
    expect(first.get('[data-test="reading-values"]').text()).toContain('1350.5');
    expect(first.get('[data-test="reading-usage"]').text()).toBe('120 m³');
    // (12 + 14 + 10) / 3, newest three periods
    expect(first.get('[data-test="reading-average"]').text()).toContain('12 m³');
    expect(first.get('[data-test="reading-flags"]').text()).toContain('用量突增');
    // 02:30 UTC is 10:30 in Beijing
    expect(first.get('[data-test="reading-reader"]').text()).toContain('赵抄表');
    expect(first.get('[data-test="reading-reader"]').text()).toContain('2025-06-12 10:30');
    expect(first.get('[data-test="reading-photo"] img').attributes('src')).toBe('/api/photos/p-1');
  });

  it('approves an unflagged reading straight away and takes it off the list', async () => {
    const { calls } = routes({
      'POST /api/readings/aaaaaaaa-0000-4000-8000-000000000002/approve': () => json(200, { ...PLAIN, status: 'approved' }),
    });
    const wrapper = await mountQueue();
    await wrapper.findAll('[data-test="reading-card"]')[1]!.get('[data-test="reading-approve"]').trigger('click');
    await settle(10);
    const approve = calls.find((c) => c.method === 'POST');
    expect(approve?.path).toBe('/api/readings/aaaaaaaa-0000-4000-8000-000000000002/approve');
    expect(approve?.body).toEqual({});
    expect(wrapper.findAll('[data-test="reading-card"]')).toHaveLength(1);
  });

  it('approves a flagged reading through the form, with the note', async () => {
    const { calls } = routes({
      'POST /api/readings/aaaaaaaa-0000-4000-8000-000000000001/approve': () => json(200, { ...FLAGGED, status: 'approved' }),
    });
    const wrapper = await mountQueue();
    await wrapper.findAll('[data-test="reading-card"]')[0]!.get('[data-test="reading-approve"]').trigger('click');
    await settle();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await type('review-note', '新装热水器，已电话核实');
    await submitPopup();
    const approve = calls.find((c) => c.method === 'POST');
    expect(approve?.body).toEqual({ note: '新装热水器，已电话核实' });
    expect(wrapper.findAll('[data-test="reading-card"]')).toHaveLength(1);
  });

  it('sends back only with a reason', async () => {
    const { calls } = routes({
      'POST /api/readings/aaaaaaaa-0000-4000-8000-000000000001/send-back': () => json(200, { ...FLAGGED, status: 'sent_back' }),
    });
    const wrapper = await mountQueue();
    await wrapper.findAll('[data-test="reading-card"]')[0]!.get('[data-test="reading-send-back"]').trigger('click');
    await settle();
    await submitPopup();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(popup()?.textContent).toContain('请填写退回原因');
    await type('review-reason', '照片模糊，请重新拍照');
    await submitPopup();
    const sendBack = calls.find((c) => c.method === 'POST');
    expect(sendBack?.path).toBe('/api/readings/aaaaaaaa-0000-4000-8000-000000000001/send-back');
    expect(sendBack?.body).toEqual({ reason: '照片模糊，请重新拍照' });
    expect(wrapper.findAll('[data-test="reading-card"]')).toHaveLength(1);
  });

  it('shows why a correction is still invalid (400) and retries it with the same id', async () => {
    let attempt = 0;
    const { calls } = routes({
      'POST /api/readings/aaaaaaaa-0000-4000-8000-000000000001/correct': (c) => {
        attempt += 1;
        if (attempt === 1) return apiError(400, 'reading_invalid', '读数无效 Invalid reading: too_many_digits', { rejection: 'too_many_digits', flags: ['too_many_digits'] });
        const body = c.body as { id: string; value: string };
        return json(200, makeReading({ id: body.id, value: body.value, usage: '20', flags: [], status: 'approved', supersedesId: FLAGGED.id }));
      },
    });
    const wrapper = await mountQueue();
    await wrapper.findAll('[data-test="reading-card"]')[0]!.get('[data-test="reading-correct"]').trigger('click');
    await settle();
    await type('review-value', '12505');
    await type('review-note', '按照片核对');
    await submitPopup();
    expect(inPopup('review-error')?.textContent).toContain('超出表盘位数');
    expect(inPopup('review-error')?.textContent).toContain('reading_invalid');

    await type('review-value', '1250.5');
    await submitPopup();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    const [first, second] = posts.map((c) => c.body as { id: string; value: string; note: string });
    expect(first!.id).toMatch(UUID);
    expect(second!.id).toBe(first!.id);
    expect(second).toMatchObject({ value: '1250.5', note: '按照片核对' });
    expect(second).not.toHaveProperty('explanation');
    // the corrected reading is approved: it leaves the pending list with the one it replaced
    expect(wrapper.findAll('[data-test="reading-card"]')).toHaveLength(1);
  });

  it('says so and fetches the list again when someone else acted first (409)', async () => {
    const r = routes({
      'POST /api/readings/aaaaaaaa-0000-4000-8000-000000000002/approve': () =>
        apiError(409, 'conflict', '这条读数已被更新的读数取代 A newer reading supersedes this one', { currentId: 'x', status: 'pending_review' }),
    });
    const wrapper = await mountQueue();
    expect(r.listCalls()).toBe(1);
    await wrapper.findAll('[data-test="reading-card"]')[1]!.get('[data-test="reading-approve"]').trigger('click');
    await settle(10);
    expect(document.body.textContent).toContain('已被其他人处理或已被更正');
    expect(r.listCalls()).toBe(2);
  });

  it('filters by status tab and "flagged only"', async () => {
    const { calls } = routes();
    const wrapper = await mountQueue();
    await wrapper.get('[data-test="review-flagged"]').trigger('click');
    await settle(10);
    const lists = () => calls.filter((c) => c.path === '/api/readings');
    expect(lists().at(-1)?.query.get('flagged')).toBe('true');
    const tabs = wrapper.findAll('[data-test="review-tabs"] .van-tab');
    await tabs[1]!.trigger('click');
    await settle(10);
    expect(lists().at(-1)?.query.get('status')).toBe('sent_back');
  });

  it('shows the readings but no actions without reading:review', async () => {
    routes({}, ['org:read', 'estate:read', 'unit:read', 'meter:read']);
    const wrapper = await mountQueue();
    expect(wrapper.findAll('[data-test="reading-card"]')).toHaveLength(2);
    expect(wrapper.find('[data-test="reading-approve"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="reading-send-back"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="reading-correct"]').exists()).toBe(false);
  });
});
