// The form pieces with behaviour of their own: the appointment picker (Beijing time with its offset) and the
// photo uploader (downscaled, uploaded under a client-made id, a failed one retried with the same id).
import { todayInShanghai } from '@pm/domain';
import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import AppointmentField from './AppointmentField.vue';
import PhotoUploader from './PhotoUploader.vue';
import { letVantSettle } from './test-data';

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('AppointmentField', () => {
  afterAll(letVantSettle);
  beforeEach(() => mockFetch({ 'GET /api/me': () => json(200, makeMe()) }));

  it('shows a stored time in Beijing time, picks a new one as an instant with +08:00, and clears it', async () => {
    // ten days ahead: the picker offers today onwards (a visit is agreed for the future)
    const day = todayInShanghai(new Date(Date.now() + 10 * 86_400_000));
    const stored = new Date(`${day}T14:30:00+08:00`).toISOString();
    const values: string[] = [];
    const { wrapper } = await mountAt('/', AppointmentField, {
      label: '预约时间',
      modelValue: stored,
      'onUpdate:modelValue': (v: string) => {
        values.push(v);
        void wrapper.setProps({ modelValue: v });
      },
    });
    mounted = wrapper;
    expect((wrapper.get('[data-test="appointment"] input').element as HTMLInputElement).value).toBe(`${day} 14:30`);

    await wrapper.get('[data-test="appointment"]').trigger('click');
    await settle(4);
    // date tab → "next" → time tab → confirm, keeping the values shown
    const confirm = () => document.querySelector<HTMLElement>('[data-test="appointment-picker"] .van-picker__confirm')!;
    confirm().click();
    await settle(2);
    confirm().click();
    await settle(4);
    expect(values.at(-1)).toBe(`${day}T14:30:00+08:00`);
    expect(Date.parse(values.at(-1)!)).toBe(Date.parse(stored));

    await wrapper.get('[data-test="appointment-clear"]').trigger('click');
    expect(values.at(-1)).toBe('');
  });
});

describe('PhotoUploader', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:photo');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  });

  it('uploads each photo under its own id; a failed one is retried with the same id; only uploaded ids are in the model', async () => {
    let fail = true;
    const { calls, fn } = mockFetch({ 'GET /api/me': () => json(200, makeMe()) });
    const inner = fn.getMockImplementation()!;
    fn.mockImplementation(async (input, init) => {
      const url = String(input);
      if (init?.method !== 'PUT') return inner(input, init);
      await inner(input, init);
      return fail ? apiError(503, 'unavailable', 'busy') : json(200, { id: url.split('/').pop(), url });
    });
    const models: string[][] = [];
    const pendings: number[] = [];
    const { wrapper } = await mountAt('/', PhotoUploader, {
      max: 2,
      'onUpdate:modelValue': (v: string[]) => models.push(v),
      'onUpdate:pending': (n: number) => pendings.push(n),
    });
    mounted = wrapper;

    const input = wrapper.get('[data-test="photo-input"]').element as HTMLInputElement;
    const photo = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [photo('a.png'), photo('b.png'), photo('c.png')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle(8);

    // at most `max`
    expect(wrapper.findAll('[data-test="photo-item"]')).toHaveLength(2);
    expect(wrapper.findAll('[data-test="photo-item"]').map((i) => i.attributes('data-status'))).toEqual(['failed', 'failed']);
    expect(wrapper.find('[data-test="photo-add"]').exists()).toBe(false);
    expect(pendings.at(-1)).toBe(2);
    const puts = () => calls.filter((c) => c.method === 'PUT').map((c) => c.path);
    const firstIds = puts();
    expect(new Set(firstIds).size).toBe(2);
    expect(calls.find((c) => c.method === 'PUT')!.headers.get('Content-Type')).toBe('image/png');

    fail = false;
    await wrapper.findAll('[data-test="photo-retry"]')[0]!.trigger('click');
    await settle(6);
    expect(puts()[2]).toBe(firstIds[0]);
    expect(models.at(-1)).toEqual([firstIds[0]!.split('/').pop()]);
    expect(pendings.at(-1)).toBe(1);

    await wrapper.findAll('[data-test="photo-remove"]')[1]!.trigger('click');
    await settle(2);
    expect(pendings.at(-1)).toBe(0);
    expect(wrapper.find('[data-test="photo-add"]').exists()).toBe(true);
  });
});
