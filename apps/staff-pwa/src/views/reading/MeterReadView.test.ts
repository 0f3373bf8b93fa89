import '../../offline/test/idb-env';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb, listCommands, useSyncStore } from '../../offline';
import { saveRoute } from '../../reading/route-cache';
import { download } from '../../reading/test-fixtures';
import { useSessionStore } from '../../stores/session';
import { json, makeMe, mockFetch, networkDown } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import MeterReadView from './MeterReadView.vue';

async function mountMeter(meterId = 'm2') {
  const mounted = await mountAt(`/reading/routes/r1/meters/${meterId}`, MeterReadView, { routeId: 'r1', meterId });
  await useSessionStore(mounted.pinia).load();
  await settle(20);
  return mounted;
}

const TOUCH = { touches: [{ clientX: 0, clientY: 0 }], changedTouches: [{ clientX: 0, clientY: 0 }] };
async function press(key: { trigger(event: string, init?: object): Promise<void> }) {
  await key.trigger('touchstart', TOUCH);
  await key.trigger('touchend', TOUCH);
}

async function type(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], text: string) {
  for (const ch of text) {
    const keys = wrapper.findAll('[data-test="keypad"] .van-key');
    const key = keys.find((k) => k.text() === ch);
    if (!key) throw new Error(`no key ${ch}`);
    await press(key);
  }
  await settle();
}

beforeEach(async () => {
  localStorage.clear();
  document.body.innerHTML = '';
  mockFetch({ 'GET /api/me': () => json(200, makeMe({ id: 'reader-1', permissions: ['unit:read', 'meter:read', 'reading:write'] })), 'POST /api/sync/commands': () => networkDown() });
  const db = getDb();
  await Promise.all([db.outbox.clear(), db.blobs.clear(), db.routes.clear(), db.routeMeters.clear()]);
  await saveRoute(db, download('r1', '2026-11', 3), 'reader-1');
});
afterEach(() => useSyncStore().stop());

describe('MeterReadView', () => {
  it('shows the last reading, computes the usage as typed, and saves to the outbox, then opens the next meter to read', async () => {
    const { wrapper, router } = await mountMeter('m2');
    expect(wrapper.get('[data-test="last-reading"]').text()).toBe('100');
    await type(wrapper, '112.5');
    expect(wrapper.get('[data-test="value"]').text()).toBe('112.5');
    expect(wrapper.get('[data-test="usage"]').text()).toContain('12.5');

    await press(wrapper.get('[data-test="keypad"] .van-key--blue'));
    await settle(20);

    const saved = await listCommands({}, getDb());
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ status: 'pending', owner: 'reader-1', payload: { meterId: 'm2', routeId: 'r1', period: '2026-11', value: '112.5' } });
    // m1 is read on the server already, m2 just now: the next one to read is m3.
    expect(router.currentRoute.value.params.meterId).toBe('m3');
  });

  it('a reading lower than the last one asks why and cannot be saved unexplained; rollover computes round the dial', async () => {
    const { wrapper } = await mountMeter('m2');
    await type(wrapper, '5');
    expect(wrapper.find('[data-test="lower"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="usage"]').exists()).toBe(false);

    await wrapper.get('[data-test="explain-rollover"]').trigger('click');
    await settle();
    // (10^5 − 100 + 5) × 1
    expect(wrapper.get('[data-test="usage"]').text()).toContain('99905');

    await wrapper.get('[data-test="explain-misread"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-test="value"]').text()).toBe('');
  });

  it('flags a spike (> 3 × the recent average) and a value too long for the dial', async () => {
    const { wrapper } = await mountMeter('m2');
    await type(wrapper, '200');
    expect(wrapper.find('[data-test="flag-spike"]').exists()).toBe(true);
    await type(wrapper, '000');
    expect(wrapper.get('[data-test="value-error"]').text()).toContain('位数');
  });

  it('computes across a replacement the office recorded with the old dial for the old part, as the server does', async () => {
    const d = download('r1', '2026-11', 3);
    const m2 = d.meters[1]!;
    Object.assign(m2, {
      digits: 6,
      multiplier: '2.0000',
      replacement: { oldFinal: '150', newInitial: '0', newMultiplier: '2.0000', newDigits: 6, oldMultiplier: '1.0000', oldDigits: 5, replacedOn: '2026-11-10' },
    });
    await saveRoute(getDb(), d, 'reader-1');
    const { wrapper } = await mountMeter('m2');
    await type(wrapper, '30');
    // (150 − 100) × 1 + (30 − 0) × 2
    expect(wrapper.get('[data-test="usage"]').text()).toContain('110');
    expect(wrapper.find('[data-test="lower"]').exists()).toBe(false);
  });
});
