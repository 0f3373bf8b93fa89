// Shared set-up of the technician screens' tests: a signed-in technician, a phone with a download in
// IndexedDB (fake-indexeddb), the network mocked at fetch, and the phone's clock fixed.
import '../../../offline/test/idb-env';
import { vi } from 'vitest';
import { getDb } from '../../../offline';
import { json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../../test/fetch-mock';
import { saveDownload } from '../../../work-orders/cache';
import { TECH } from '../../../work-orders/test-fixtures';
import type { MyWorkOrdersDownload } from '../../../work-orders/types';

/** 2026-11-28 10:00 Beijing: an hour after the fixtures' orders came in. */
export const PHONE_NOW = new Date('2026-11-28T02:00:00.000Z');

type Handler = (c: RecordedCall) => Response | Promise<Response>;

/** The technician signed in; by default the phone has no signal (downloads and sync fail). */
export function techNetwork(extra: Record<string, Handler> = {}) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ id: TECH, name: '李师傅', username: 'tech1', permissions: ['work_order:work', 'reading:write'] })),
    'GET /api/work-orders/mine': () => networkDown(),
    'POST /api/sync/commands': () => networkDown(),
    ...extra,
  });
}

export async function resetPhone() {
  localStorage.clear();
  const db = getDb();
  await Promise.all([db.outbox.clear(), db.blobs.clear(), db.workOrders.clear(), db.workOrderDownloads.clear(), db.workOrderPhotos.clear()]);
  // Only Date is mocked (no fake timers: IndexedDB, Vue and vi.waitFor run on real ones), and it stands
  // still, so the SLA badges read the same whenever a check runs. vi.useRealTimers() puts it back.
  vi.setSystemTime(PHONE_NOW);
}

export function seed(download: MyWorkOrdersDownload, settings: Record<string, unknown> = {}) {
  return saveDownload(getDb(), TECH, download, { settings, now: PHONE_NOW });
}

export function confirmDialog() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  if (!button) throw new Error('no confirm dialog');
  button.click();
}

/** Types into a Vant field (input or textarea) found by its data-test, anywhere in the page. */
export function typeInto(test: string, value: string) {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${test}"] input, [data-test="${test}"] textarea`);
  if (!el) throw new Error(`no field ${test}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
}

export function clickIn(test: string) {
  const el = document.body.querySelector<HTMLElement>(`[data-test="${test}"]`);
  if (!el) throw new Error(`nothing with data-test ${test}`);
  el.click();
}
