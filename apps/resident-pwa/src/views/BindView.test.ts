import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../test/fetch-mock';
import { residentMe, unit } from '../test/fixtures';
import { mountApp } from '../test/mount';

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
const SLOW = { timeout: 10_000 };

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});

const ESTATE = { id: '8b0d3c1e-0000-4000-8000-000000000001', name: '翠湖花园' };

describe('bind a unit', () => {
  it('by invite code: shows the API error, then binds and lands on 我的 with the new unit marked', async () => {
    const bound = unit({ bindingId: 'b-new', unitId: 'u-new', buildingName: '3栋', number: '3-502', relation: 'tenant' });
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe() },
      'GET /api/resident/units': { body: { items: [unit(), bound] } },
      'POST /api/resident/bindings/invite': [apiError(422, 'invalid_invite', '邀请码无效或已过期'), { body: bound }],
    });
    const { wrapper, router } = await mountApp('/bind');
    expect(wrapper.find('[data-test="bind-page"]').exists()).toBe(true);

    await wrapper.get('[data-test="invite-code"] input').setValue('ab12');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('邀请码为 8 位字母或数字');
    expect(api.calls.some((c) => c.path === '/api/resident/bindings/invite')).toBe(false);

    await wrapper.get('[data-test="invite-code"] input').setValue('vxs3-guzf');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.calls.at(-1)).toMatchObject({ path: '/api/resident/bindings/invite', body: { code: 'VXS3GUZF' } });
    expect(wrapper.get('[data-test="bind-error"]').text()).toBe('邀请码无效或已过期，请核对后重试，或向物业重新索取');

    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('me'), SLOW);
    expect(router.currentRoute.value.query.bound).toBe('b-new');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="unit-item"]')).toHaveLength(2), SLOW);
    const fresh = wrapper.get('[data-binding="b-new"]');
    expect(fresh.find('[data-test="unit-new"]').exists()).toBe(true);
    expect(fresh.find('[data-test="unit-current"]').exists()).toBe(true);
    expect(fresh.get('[data-test="relation-tag"]').text()).toBe('租户');
    wrapper.unmount();
  });

  it('by owner match: searches estates, requires every field and explains a mismatch', async () => {
    const api = mockFetch({
      'GET /api/resident/me': { body: residentMe({ units: [] }) },
      'GET /api/resident/estates': ({ query }) => ({
        body: { items: query.get('q') === '翠湖' || !query.get('q') ? [ESTATE] : [] },
      }),
      'POST /api/resident/bindings/match': apiError(422, 'no_match', 'No owner on record matches your phone'),
    });
    const { wrapper } = await mountApp('/bind');
    await wrapper.get('[data-test="tab-match"]').trigger('click');
    await flushPromises();

    await wrapper.findAll('form')[1]!.trigger('submit');
    await flushPromises();
    for (const text of ['请选择小区', '请填写楼栋', '请填写房号', '请填写业主姓名']) expect(wrapper.text()).toContain(text);
    expect(api.calls.some((c) => c.path === '/api/resident/bindings/match')).toBe(false);

    await wrapper.get('[data-test="match-estate"]').trigger('click');
    await vi.waitFor(() => expect(document.querySelectorAll('[data-test="estate-option"]')).toHaveLength(1), SLOW);
    const search = document.querySelector<HTMLInputElement>('[data-test="estate-search"] input')!;
    search.value = '翠湖';
    search.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(api.calls.some((c) => c.query.get('q') === '翠湖')).toBe(true), SLOW);
    document.querySelector<HTMLElement>('[data-test="estate-option"]')!.click();
    await flushPromises();

    await wrapper.get('[data-test="match-building"] input').setValue('2栋');
    await wrapper.get('[data-test="match-unit"] input').setValue(' 2-101 ');
    await wrapper.get('[data-test="match-owner"] input').setValue('李四');
    await wrapper.findAll('form')[1]!.trigger('submit');
    await flushPromises();
    expect(api.calls.at(-1)).toMatchObject({
      path: '/api/resident/bindings/match',
      body: { estateId: ESTATE.id, buildingName: '2栋', unitNumber: '2-101', ownerName: '李四' },
    });
    expect(wrapper.get('[data-test="bind-error"]').text()).toContain('未找到与您手机号匹配的业主信息');
    wrapper.unmount();
  });
});
