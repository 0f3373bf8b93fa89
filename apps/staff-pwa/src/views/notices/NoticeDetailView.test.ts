import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import NoticeDetailView from './NoticeDetailView.vue';
import { letVantSettle, makeNotice, READER_PERMISSIONS, WRITER_PERMISSIONS } from './test-data';

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const me = (permissions: readonly string[]) => () => json(200, makeMe({ permissions: [...permissions] as never }));
function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}
async function open(id: string) {
  const { wrapper, router } = await mountAt(`/notices/${id}`, NoticeDetailView, { id });
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

const FILE = { id: 'f0000000-0000-4000-8000-000000000001', name: '停水范围.pdf', contentType: 'application/pdf', size: 2048, createdAt: '2026-11-27T02:00:00.000Z', url: '/api/notices/x/attachments/f1' };

describe('NoticeDetailView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('a draft: its facts and the resident preview; publishing after a confirm', async () => {
    const draft = makeNotice({ attachments: [FILE], attachmentCount: 1, targets: [{ kind: 'building', id: 'b-1', name: '1栋' }, { kind: 'unit', id: 'u-1', name: '2栋 2-101' }] });
    const { calls } = mockFetch({
      'GET /api/me': me(WRITER_PERMISSIONS),
      [`GET /api/notices/${draft.id}`]: () => json(200, draft),
      [`POST /api/notices/${draft.id}/publish`]: () =>
        json(200, { ...draft, status: 'published', publishAt: '2026-11-27T03:00:00.000Z', publishedByName: '客服小李' }),
    });
    const { wrapper } = await open(draft.id);
    expect(wrapper.get('[data-test="notice-status"]').text()).toBe('草稿');
    expect(wrapper.get('[data-test="notice-audience-text"]').text()).toContain('1栋、2栋 2-101');
    expect(wrapper.find('[data-test="notice-reads"]').exists()).toBe(false);
    const preview = wrapper.get('[data-test="notice-preview"]');
    expect(preview.text()).toContain('关于12月5日停水的通知');
    expect(preview.get('[data-test="notice-preview-body"]').text()).toContain('请提前储水');
    expect(preview.get('a').attributes('href')).toBe(FILE.url);

    await wrapper.get('[data-test="notice-publish"]').trigger('click');
    await settle(5);
    confirmInBody();
    await settle(10);
    expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/publish'))).toBe(true);
    expect(wrapper.get('[data-test="notice-status"]').text()).toBe('已发布');
    expect(wrapper.get('[data-test="notice-reads"]').text()).toContain('0 人已读');
    expect(wrapper.find('[data-test="notice-withdraw"]').exists()).toBe(true);
  });

  it('a published notice: unpin, then withdraw after a confirm; a refusal is shown', async () => {
    const published = makeNotice({ status: 'published', pinned: true, publishAt: '2026-11-27T02:00:00.000Z', readCount: 7 });
    const { calls } = mockFetch({
      'GET /api/me': me(WRITER_PERMISSIONS),
      [`GET /api/notices/${published.id}`]: () => json(200, published),
      [`PATCH /api/notices/${published.id}`]: (c) => json(200, { ...published, ...(c.body as object) }),
      [`POST /api/notices/${published.id}/withdraw`]: () => apiError(409, 'invalid_transition', '已撤回的公告不能再发布 Already withdrawn elsewhere'),
    });
    const { wrapper } = await open(published.id);
    expect(wrapper.get('[data-test="notice-reads"]').text()).toContain('7 人已读');
    expect(wrapper.find('[data-test="notice-pinned"]').exists()).toBe(true);
    await wrapper.get('[data-test="notice-pin"]').trigger('click');
    await settle(10);
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ pinned: false });
    expect(wrapper.find('[data-test="notice-pinned"]').exists()).toBe(false);

    await wrapper.get('[data-test="notice-withdraw"]').trigger('click');
    await settle(5);
    confirmInBody();
    await settle(10);
    expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/withdraw'))).toBe(true);
    expect(wrapper.get('[data-test="notice-error"]').text()).toContain('已撤回的公告不能再发布');
  });

  it('someone who only reads sees no actions', async () => {
    const published = makeNotice({ status: 'published', publishAt: '2026-11-27T02:00:00.000Z' });
    mockFetch({ 'GET /api/me': me(READER_PERMISSIONS), [`GET /api/notices/${published.id}`]: () => json(200, published) });
    const { wrapper, router } = await open(published.id);
    expect(wrapper.find('[data-test="notice-actions"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="notice-preview"]').text()).toContain('关于12月5日停水的通知');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'));
  });
});
