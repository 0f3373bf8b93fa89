import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import NoticesView from './NoticesView.vue';
import { ESTATE, letVantSettle, makeNotice, paged, READER_PERMISSIONS, WRITER_PERMISSIONS } from './test-data';

const PUBLISHED = makeNotice({
  id: 'cccccccc-0000-4000-8000-000000000002',
  title: '消防演练通知',
  status: 'published',
  pinned: true,
  publishAt: '2026-11-27T02:00:00.000Z',
  readCount: 12,
  attachmentCount: 1,
  targets: [{ kind: 'building', id: 'b-1', name: '1栋' }, { kind: 'building', id: 'b-2', name: '2栋' }],
});
const DRAFT = makeNotice({ title: '草稿：电梯维保' });

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('NoticesView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('a writer sees the published notices first, switches to drafts and opens one', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...WRITER_PERMISSIONS] as never })),
      'GET /api/notices': (c) => json(200, paged(c.query.get('status') === 'draft' ? [DRAFT] : [PUBLISHED])),
      [`GET /api/notices/${DRAFT.id}`]: () => json(200, DRAFT),
    });
    const { wrapper, router } = await mountAt('/notices', NoticesView);
    mounted = wrapper;
    await settle(10);
    const first = calls.find((c) => c.path === '/api/notices')!;
    expect(first.query.get('status')).toBe('published');
    expect(first.query.has('estateId')).toBe(false);
    const card = wrapper.get(`[data-test="notice-${PUBLISHED.id}"]`);
    expect(card.text()).toContain('消防演练通知');
    expect(card.text()).toContain('置顶');
    expect(card.text()).toContain('1栋、2栋');
    expect(card.text()).toContain('12 人已读');
    expect(card.text()).toContain('1 个附件');
    expect(wrapper.find('[data-test="notices-new"]').exists()).toBe(true);

    const tabs = wrapper.findAll('[data-test="notices-tabs"] .van-tab');
    expect(tabs.map((x) => x.text())).toEqual(['草稿', '已发布', '已撤回']);
    await tabs[0]!.trigger('click');
    await settle(10);
    expect(calls.filter((c) => c.path === '/api/notices').at(-1)!.query.get('status')).toBe('draft');
    expect(wrapper.get(`[data-test="notice-${DRAFT.id}"]`).text()).toContain('草稿：电梯维保');
    expect(router.currentRoute.value.query.status).toBe('draft');

    await wrapper.get(`[data-test="notice-${DRAFT.id}"] [data-test="notice-item"]`).trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.id).toBe(DRAFT.id);
  });

  it('someone who only reads sees published notices, no tabs and no write button; the estate comes from the URL', async () => {
    const { calls } = mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...READER_PERMISSIONS] as never })),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/notices': () => json(200, paged([])),
    });
    const { wrapper } = await mountAt(`/notices?status=draft&estateId=${ESTATE.id}`, NoticesView);
    mounted = wrapper;
    await settle(12);
    const asked = calls.filter((c) => c.path === '/api/notices');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.query.get('status')).toBe('published');
    expect(asked[0]!.query.get('estateId')).toBe(ESTATE.id);
    expect(wrapper.find('[data-test="notices-tabs"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="notices-new"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="notices-empty"]').text()).toContain('没有已发布的公告');
    expect(wrapper.get<HTMLInputElement>('[data-test="notices-estate"] input').element.value).toBe('翠湖花园');
  });
});
