import './test/idb-env';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffDb } from './db';
import SyncStatusBar from './SyncStatusBar.vue';
import { useSyncStore } from './sync.store';
import { createFakeSyncServer, type FakeSyncServer, freshDb, photo } from './test/fake-sync-server';

let db: StaffDb;
let server: FakeSyncServer;

beforeEach(() => {
  setActivePinia(createPinia());
  db = freshDb();
  server = createFakeSyncServer({
    reject: (c) => (c.payload === 'bad' ? { code: 'illegal_transition', message: '工单已关闭', current: { state: 'closed' } } : null),
  });
});

afterEach(async () => {
  useSyncStore().stop();
  await db.delete();
});

async function startedStore() {
  const store = useSyncStore();
  store.start({ db, fetch: server.fetch, deviceId: 'device-1', locks: null });
  await vi.waitFor(() => expect(store.flushing).toBe(false));
  return store;
}

describe('useSyncStore', () => {
  it('enqueue sends at once and the live counts follow, overall and per group', async () => {
    const store = await startedStore();
    await store.enqueue({ type: 'reading.record', payload: 1, group: 'route-1', blobs: [{ blob: photo('p') }] });
    await store.enqueue({ type: 'workorder.transition', payload: 'bad', group: 'route-2' });

    await vi.waitFor(() => {
      expect(store.synced).toBe(1);
      expect(store.rejected).toBe(1);
    });
    expect(store.pending).toBe(0);
    expect(store.waiting).toBe(0);
    expect(store.groupCounts('route-1')).toEqual({ pending: 0, syncing: 0, synced: 1, rejected: 0 });
    expect(store.groupCounts('route-2').rejected).toBe(1);
    expect(store.groupCounts('nowhere')).toEqual({ pending: 0, syncing: 0, synced: 0, rejected: 0 });
    await vi.waitFor(() => expect(store.blobsPending).toBe(0));
    expect(store.lastSyncAt).not.toBeNull();
    expect(server.commandRequests.every((r) => r.deviceId === 'device-1')).toBe(true);
  });

  it('counts pending offline, flushNow sends them, dismiss removes a rejection', async () => {
    server.failNext('network');
    const store = await startedStore(); // nothing to send yet: the planned failure is still queued
    const bad = await store.enqueue({ type: 'workorder.transition', payload: 'bad' });
    await vi.waitFor(() => expect(store.online).toBe(false));
    expect(store.pending).toBe(1);
    expect(store.lastError).toMatch(/network/);

    await db.outbox.update(bad.id, { nextAttemptAt: 0 }); // the user does not wait for the backoff…
    await store.flushNow(); // …and taps the button
    await vi.waitFor(() => expect(store.rejected).toBe(1));
    expect(store.online).toBe(true);

    expect(await store.dismiss(bad.id)).toBe(true);
    await vi.waitFor(() => expect(store.rejected).toBe(0));
  });

  it('authRequired follows a 401', async () => {
    const store = await startedStore();
    server.failNext({ status: 401, code: 'unauthenticated' });
    await store.enqueue({ type: 'x', payload: 1 });
    await vi.waitFor(() => expect(store.authRequired).toBe(true));
    expect(store.pending).toBe(1);
    await store.flushNow();
    expect(store.authRequired).toBe(false);
    await vi.waitFor(() => expect(store.synced).toBe(1));
  });
});

describe('SyncStatusBar', () => {
  it('shows pending, synced and rejected, syncs on tap and takes translated labels', async () => {
    const store = await startedStore();
    server.failNext('network');
    await store.enqueue({ type: 'x', payload: 1 });
    await store.enqueue({ type: 'x', payload: 'bad' }); // both in the failed batch
    await vi.waitFor(() => expect(store.pending).toBe(2));

    const wrapper = mount(SyncStatusBar, { attachTo: document.body });
    const bar = () => wrapper.get('[data-test="sync-status"]').text().replace(/\s+/g, '');
    await vi.waitFor(() => expect(bar()).toContain('待同步2·已同步0'));
    expect(wrapper.find('[data-test="sync-rejected"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="sync-offline"]').exists()).toBe(true);

    await db.outbox.toCollection().modify({ nextAttemptAt: 0 });
    await wrapper.get('[data-test="sync-button"]').trigger('click');
    await vi.waitFor(() => expect(bar()).toContain('待同步0·已同步1·被拒1'));
    expect(wrapper.find('[data-test="sync-offline"]').exists()).toBe(false);

    await wrapper.get('[data-test="sync-rejected"]').trigger('click');
    expect(wrapper.emitted('show-rejected')).toHaveLength(1);

    await wrapper.setProps({ labels: { pending: 'Pending', synced: 'Synced', rejected: 'Rejected' } });
    expect(bar()).toContain('Pending0·Synced1·Rejected1');
    wrapper.unmount();
  });

  it('shows one group only when given one', async () => {
    const store = await startedStore();
    await store.enqueue({ type: 'x', payload: 1, group: 'a' });
    await store.enqueue({ type: 'x', payload: 2, group: 'b' });
    await store.enqueue({ type: 'x', payload: 3, group: 'b' });
    await vi.waitFor(() => expect(store.synced).toBe(3));
    const wrapper = mount(SyncStatusBar, { props: { group: 'b' } });
    await vi.waitFor(() => expect(wrapper.text().replace(/\s+/g, '')).toContain('已同步2'));
    wrapper.unmount();
  });
});
