import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch, networkDown } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import NoticeEditView from './NoticeEditView.vue';
import { BUILDINGS, ESTATE, letVantSettle, makeNotice, paged, WRITER_PERMISSIONS } from './test-data';

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const ME = () => json(200, makeMe({ permissions: [...WRITER_PERMISSIONS] as never }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}

async function fill(wrapper: VueWrapper) {
  await wrapper.get('[data-test="notice-title"] input').setValue('  关于12月5日停水的通知 ');
  await wrapper.get('[data-test="notice-body"] textarea').setValue('各位业主：\n12月5日停水。');
  await wrapper.get('[data-test="audience-buildings"]').trigger('click');
  await settle(10);
  await wrapper.findAll('[data-test="audience-building"]')[0]!.trigger('click');
  const input = wrapper.get('[data-test="notice-file-input"] input[type="file"]').element as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.4'], '停水通知.pdf', { type: 'application/pdf' })], configurable: true });
  input.dispatchEvent(new Event('change'));
  await settle(10);
}

describe('NoticeEditView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());

  it('writes a notice for a building with a file, saves and publishes it, then shows it', async () => {
    let id = '';
    const { calls, fn } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
      'POST /api/notices': (c) => {
        id = (c.body as { id: string }).id;
        return json(200, makeNotice({ id }));
      },
    });
    // Paths with the page-made id answer here.
    const base = fn.getMockImplementation()!;
    fn.mockImplementation(async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      const method = (init?.method ?? 'GET').toUpperCase();
      if (id && url.pathname.startsWith(`/api/notices/${id}`)) {
        await base(input, init);
        if (method === 'PUT') return json(200, { id: url.pathname.split('/').pop(), noticeId: id, name: '停水通知.pdf', contentType: 'application/pdf', size: 8, createdAt: '', url: '' });
        if (method === 'POST' && url.pathname.endsWith('/publish')) return json(200, makeNotice({ id, status: 'published', publishAt: '2026-11-27T02:00:00.000Z' }));
        return json(200, makeNotice({ id }));
      }
      return base(input, init);
    });

    const { wrapper, router } = await mountAt(`/notices/new?estateId=${ESTATE.id}`, NoticeEditView);
    mounted = wrapper;
    await settle(10);
    expect(wrapper.get<HTMLInputElement>('[data-test="notice-estate"] input').element.value).toBe('翠湖花园');
    await fill(wrapper);
    expect(wrapper.get('[data-test="notice-file-pending"]').text()).toContain('停水通知.pdf');

    await wrapper.get('[data-test="notice-preview-open"]').trigger('click');
    await settle(5);
    const preview = document.body.querySelector<HTMLElement>('[data-test="notice-preview"]')!;
    expect(preview.textContent).toContain('关于12月5日停水的通知');
    expect(preview.querySelector('[data-test="notice-preview-body"]')!.textContent).toBe('各位业主：\n12月5日停水。');

    await wrapper.get('[data-test="notice-save-publish"]').trigger('click');
    await settle(5);
    confirmInBody();
    await settle(15);

    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/notices')!;
    expect(post.body).toEqual({
      id: expect.stringMatching(UUID),
      estateId: ESTATE.id,
      title: '关于12月5日停水的通知',
      body: '各位业主：\n12月5日停水。',
      pinned: false,
      expiresAt: null,
      targets: [{ kind: 'building', buildingId: BUILDINGS[0]!.id }],
    });
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toMatch(new RegExp(`^/api/notices/${id}/attachments/[0-9a-f-]{36}$`));
    expect(put.query.get('name')).toBe('停水通知.pdf');
    expect(put.headers.get('Content-Type')).toBe('application/pdf');
    expect(calls.some((c) => c.method === 'POST' && c.path === `/api/notices/${id}/publish`)).toBe(true);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'), { timeout: 10_000 });
    expect(router.currentRoute.value.params.id).toBe(id);
  });

  it('after a failed upload, saving again edits the same notice and sends the same file id', async () => {
    let id = '';
    let uploads = 0;
    const { calls, fn } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
      'POST /api/notices': (c) => {
        id = (c.body as { id: string }).id;
        return json(200, makeNotice({ id }));
      },
    });
    const base = fn.getMockImplementation()!;
    fn.mockImplementation(async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      const method = (init?.method ?? 'GET').toUpperCase();
      if (id && url.pathname.startsWith(`/api/notices/${id}`)) {
        await base(input, init);
        if (method === 'PUT' && ++uploads === 1) return networkDown();
        if (method === 'PUT') return json(200, { id: url.pathname.split('/').pop(), noticeId: id, name: 'x', contentType: 'application/pdf', size: 8, createdAt: '', url: '' });
        return json(200, makeNotice({ id }));
      }
      return base(input, init);
    });

    const { wrapper, router } = await mountAt(`/notices/new?estateId=${ESTATE.id}`, NoticeEditView);
    mounted = wrapper;
    await settle(10);
    await fill(wrapper);
    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(15);
    expect(wrapper.get('[data-test="notice-error"]').text()).toContain('网络不可用');
    expect(router.currentRoute.value.name).toBe('notice-new');

    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(15);
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/notices')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'PATCH' && c.path === `/api/notices/${id}`)).toHaveLength(1);
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]!.path).toBe(puts[0]!.path);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'), { timeout: 10_000 });
  });

  it('a published notice: words and audience are read only; saving sends pinning and expiry only', async () => {
    const published = makeNotice({ status: 'published', publishAt: '2026-11-27T02:00:00.000Z', expiresAt: '2030-12-31T15:59:59.000Z' });
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/notices/${published.id}`]: () => json(200, published),
      [`PATCH /api/notices/${published.id}`]: (c) => json(200, { ...published, ...(c.body as object) }),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
    });
    const { wrapper, router } = await mountAt(`/notices/${published.id}/edit`, NoticeEditView, { id: published.id });
    mounted = wrapper;
    await settle(10);
    expect(wrapper.find('[data-test="edit-published-hint"]').exists()).toBe(true);
    expect(wrapper.get<HTMLInputElement>('[data-test="notice-title"] input').element.readOnly).toBe(true);
    expect(wrapper.find('[data-test="notice-files"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="notice-save-publish"]').exists()).toBe(false);
    expect(wrapper.get<HTMLInputElement>('[data-test="notice-expiry"] input').element.value).toBe('2030-12-31');

    await wrapper.get('[data-test="notice-pinned"]').trigger('click');
    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(15);
    // An unchanged expiry is not sent again.
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ pinned: true }]);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('notice'), { timeout: 10_000 });
  });

  it('a published notice whose expiry is removed: the PATCH says so', async () => {
    const published = makeNotice({ status: 'published', publishAt: '2026-11-27T02:00:00.000Z', expiresAt: '2030-12-31T15:59:59.000Z' });
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/notices/${published.id}`]: () => json(200, published),
      [`PATCH /api/notices/${published.id}`]: (c) => json(200, { ...published, ...(c.body as object) }),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
    });
    const { wrapper } = await mountAt(`/notices/${published.id}/edit`, NoticeEditView, { id: published.id });
    mounted = wrapper;
    await settle(10);
    await wrapper.get('[data-test="notice-expiry-clear"]').trigger('click');
    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(15);
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ pinned: false, expiresAt: null });
  });

  it('says what is missing and sends nothing; shows the API’s refusal', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME,
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/buildings': () => json(200, paged(BUILDINGS)),
      'POST /api/notices': () => apiError(400, 'validation_failed', '楼栋不属于该项目 The building is not in the notice’s estate'),
    });
    const { wrapper } = await mountAt(`/notices/new?estateId=${ESTATE.id}`, NoticeEditView);
    mounted = wrapper;
    await settle(10);
    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(5);
    expect(document.body.textContent).toContain('请填写标题');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await wrapper.get('[data-test="notice-title"] input').setValue('通知');
    await wrapper.get('[data-test="notice-body"] textarea').setValue('正文');
    await wrapper.get('[data-test="notice-form"]').trigger('submit');
    await settle(10);
    expect(wrapper.get('[data-test="notice-error"]').text()).toContain('楼栋不属于该项目');
  });
});
