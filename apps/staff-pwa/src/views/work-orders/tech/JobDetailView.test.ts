import './test-setup';
import { File as NodeFile } from 'node:buffer';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, listCommands, useSyncStore } from '../../../offline';
import { mountAt } from '../../../test/mount';
import { cachedOrder } from '../../../work-orders/cache';
import { detail, download, moved, OTHER_TECH, poolOrder, TECH } from '../../../work-orders/test-fixtures';
import { WORK_ORDER_COMMAND_TYPE, type WorkOrderDetail } from '../../../work-orders/types';
import JobDetailView from './JobDetailView.vue';
import TechSyncLogView from './TechSyncLogView.vue';
import { clickIn, confirmDialog, PHONE_NOW, resetPhone, seed, techNetwork, typeInto } from './test-setup';

let mounted: VueWrapper | null = null;
async function mountJob(id: string) {
  const { wrapper } = await mountAt(`/work-orders/tech/jobs/${id}`, JobDetailView, { workOrderId: id });
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find('[data-test="job-state"], [data-test="job-missing"]').exists()).toBe(true));
  return wrapper;
}
const stateOf = (w: VueWrapper) => w.get('[data-test="job-state"]').text();

/** A step with a confirmation: tap, confirm, and the phone shows the new state (no server involved). */
async function confirmStep(w: VueWrapper, command: string, state: string) {
  await w.get(`[data-test="action-${command}"]`).trigger('click');
  await vi.waitFor(() => expect(document.body.querySelector('.van-dialog__confirm')).not.toBeNull());
  confirmDialog();
  await vi.waitFor(() => expect(stateOf(w)).toBe(state));
}
const actions = (w: VueWrapper) => w.findAll('[data-test="job-actions"] [data-test^="action-"]').map((b) => b.attributes('data-test'));

const IN_PROGRESS = detail({ state: 'in_progress', acceptedAt: '2026-11-28T01:20:00.000Z', respondedAt: '2026-11-28T01:20:00.000Z', startedAt: '2026-11-28T01:30:00.000Z', allowed: ['hold', 'complete'] });

beforeEach(resetPhone);
afterEach(async () => {
  mounted?.unmount();
  mounted = null;
  await useSyncStore().flushNow();
  useSyncStore().stop();
  vi.useRealTimers();
});

describe('JobDetailView', () => {
  it('offers the domain’s buttons; accept then start apply at once and wait in the outbox with the state seen', async () => {
    techNetwork();
    await seed(download([detail()], []));
    const wrapper = await mountJob('wo-1');
    expect(stateOf(wrapper)).toBe('已派单');
    expect(actions(wrapper)).toEqual(['action-accept', 'action-decline']);
    expect(wrapper.get('[data-test="sla-response"]').text()).toContain('剩 1 小时 0 分');

    await confirmStep(wrapper, 'accept', '已接单');
    await vi.waitFor(() => expect(wrapper.get('[data-test="job-pending-banner"]').text()).toContain('1'));
    // The first acceptance is the response: its clock stopped on time.
    expect(wrapper.get('[data-test="sla-response"]').attributes('data-status')).toBe('met');
    expect(actions(wrapper)).toEqual(['action-start', 'action-decline']);
    expect(wrapper.findAll('[data-test="event-pending"]')).toHaveLength(1);

    await confirmStep(wrapper, 'start', '处理中');
    expect(actions(wrapper)).toEqual(['action-complete', 'action-hold']);

    const saved = await listCommands({ type: WORK_ORDER_COMMAND_TYPE }, getDb());
    expect(saved.map((c) => [c.status, c.owner, c.payload])).toEqual([
      ['pending', TECH, { workOrderId: 'wo-1', command: 'accept', from: 'assigned', input: {} }],
      ['pending', TECH, { workOrderId: 'wo-1', command: 'start', from: 'accepted', input: {} }],
    ]);
    // Each step carries the phone's time of the tap.
    expect(saved.map((c) => c.at)).toEqual([PHONE_NOW.toISOString(), PHONE_NOW.toISOString()]);
  });

  it('hold asks for a reason and will not save without one', async () => {
    techNetwork();
    await seed(download([IN_PROGRESS], []));
    const wrapper = await mountJob('wo-1');
    await wrapper.get('[data-test="action-hold"]').trigger('click');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="reason-submit"]')).not.toBeNull());
    clickIn('reason-submit');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="reason-input"]')?.textContent).toContain('请填写原因'));
    expect(await listCommands({}, getDb())).toHaveLength(0);

    typeInto('reason-input', '等待配件（水龙头阀芯）');
    clickIn('reason-submit');
    await vi.waitFor(() => expect(stateOf(wrapper)).toBe('已挂起'));
    const [saved] = await listCommands({}, getDb());
    expect(saved!.payload).toEqual({ workOrderId: 'wo-1', command: 'hold', from: 'in_progress', input: { reason: '等待配件（水龙头阀芯）' } });
  });

  it('complete: notes required, a paid service’s charge from the price list, photos taken on the phone queued with the step', async () => {
    techNetwork();
    const paid = { ...IN_PROGRESS, kind: 'paid_service' as const, category: 'appliance', categoryName: '家电维修' };
    await seed(download([paid], []), {
      e1: {
        estateId: 'e1',
        atRiskShare: 0.25,
        surveyDays: 7,
        reopenWindowDays: 7,
        allowGrab: true,
        completionPhotosRequired: false,
        priceList: [
          { code: 'visit', name: '上门费', price: '30.00', unit: '次' },
          { code: 'capacitor', name: '更换电容', price: '35.50', unit: '个' },
        ],
      },
    });
    const wrapper = await mountJob('wo-1');
    await wrapper.get('[data-test="action-complete"]').trigger('click');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="complete-submit"]')).not.toBeNull());
    clickIn('complete-submit');
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="complete-notes"]')?.textContent).toContain('必填'));
    expect(document.body.querySelector('[data-test="complete-charge"]')?.textContent).toContain('必填');
    expect(await listCommands({}, getDb())).toHaveLength(0);

    typeInto('complete-notes', '更换启动电容，试机制冷正常');
    // One visit + two capacitors: ¥30.00 × 1 + ¥35.50 × 2 = ¥101.00, exactly.
    document.body.querySelector<HTMLButtonElement>('[data-test="price-visit"] .van-stepper__plus')!.click();
    document.body.querySelector<HTMLButtonElement>('[data-test="price-capacitor"] .van-stepper__plus')!.click();
    document.body.querySelector<HTMLButtonElement>('[data-test="price-capacitor"] .van-stepper__plus')!.click();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="price-total"]')?.textContent).toContain('= ¥101.00'));
    const input = document.body.querySelector<HTMLInputElement>('[data-test="complete-photo-input"]')!;
    // Node's File, like the Blob idb-env installs: happy-dom's would not survive IndexedDB's structured clone.
    Object.defineProperty(input, 'files', { value: [new NodeFile(['jpeg-bytes'], 'done.jpg', { type: 'image/jpeg' })], configurable: true });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(document.body.querySelectorAll('[data-test="complete-photo-thumb"]')).toHaveLength(1));
    typeInto('complete-labour', '40');
    clickIn('complete-submit');
    await vi.waitFor(() => expect(stateOf(wrapper)).toBe('已完工待回访'));

    const [saved] = await listCommands({}, getDb());
    const payload = saved!.payload as { input: Record<string, unknown> };
    expect(payload.input).toMatchObject({ completionNotes: '更换启动电容，试机制冷正常', chargeAmount: '101.00', labourMinutes: 40 });
    const blobs = await getDb().blobs.where('commandId').equals(saved!.id).toArray();
    expect(blobs.map((b) => b.id)).toEqual(payload.input.completionPhotos);
    expect(await blobs[0]!.blob.text()).toBe('jpeg-bytes');
    expect(wrapper.get('[data-test="completion-charge"]').text()).toContain('¥101.00');
    await vi.waitFor(() => expect(wrapper.find('[data-test="completion-photos"]').text()).toContain('待上传'));
  });

  it('a rejected grab shows the server’s reason and state; the sync log lists it until it is seen', async () => {
    techNetwork();
    const taken = moved(poolOrder(), { state: 'assigned', assigneeId: OTHER_TECH, assigneeName: '王师傅', assignedVia: 'grab' }, { id: 'ev-other', command: 'grab', fromState: 'submitted', toState: 'assigned', actorKind: 'technician', actorName: '王师傅', receivedAt: '2026-11-28T01:58:00.000Z' });
    await seed(download([], [poolOrder()]));
    await getDb().outbox.add({
      id: 'cmd-grab',
      type: WORK_ORDER_COMMAND_TYPE,
      payload: { workOrderId: 'wo-2', command: 'grab', from: 'submitted', input: {} },
      at: '2026-11-28T01:50:00.000Z',
      createdAt: '2026-11-28T01:50:00.000Z',
      status: 'rejected',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      result: null,
      rejection: { code: 'invalid_transition', message: 'grab was made on a submitted order that is now assigned', details: { state: 'assigned', reason: 'stale_state' }, current: taken },
      syncedAt: null,
      group: `work-orders:${TECH}`,
      owner: TECH,
    });

    const log = await mountAt('/work-orders/tech/sync-log', TechSyncLogView);
    mounted = log.wrapper;
    await vi.waitFor(() => expect(log.wrapper.get('[data-test="log-reason"]').text()).toBe('已被王师傅接单'));
    expect(log.wrapper.get('[data-test="log-rejected-cmd-grab"]').text()).toContain('服务器当前状态：已派单');
    log.wrapper.unmount();

    const wrapper = await mountJob('wo-2');
    await vi.waitFor(() => expect(wrapper.find('[data-test="job-rejection-grab"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="job-rejection-grab"]').text()).toContain('「抢单」被拒：已被王师傅接单');
    expect(wrapper.get('[data-test="server-state"]').text()).toBe('服务器当前状态：已派单');
    expect(stateOf(wrapper)).toBe('已派单');
    expect(actions(wrapper)).toEqual([]);
    expect(wrapper.findAll('[data-test="event-rejected"]')).toHaveLength(1);

    await wrapper.get('[data-test="dismiss-rejection"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-test="job-rejection-grab"]').exists()).toBe(false));
    expect(await listCommands({}, getDb())).toHaveLength(0);
    // Seen, and the server's state stays: the phone's cached copy is now the server's.
    expect(((await cachedOrder(getDb(), TECH, 'wo-2'))!.order as WorkOrderDetail).assigneeId).toBe(OTHER_TECH);
  });

  it('report photos: cached ones show from the phone, and it says so', async () => {
    techNetwork();
    const job = detail({ reportPhotos: ['p1'], photos: { report: [{ id: 'p1', url: '/api/work-order-photos/p1' }], completion: [] } });
    await seed(download([job], []));
    await getDb().workOrderPhotos.put({ id: 'p1', blob: new Blob(['jpeg'], { type: 'image/jpeg' }), contentType: 'image/jpeg', cachedAt: PHONE_NOW.toISOString() });
    const wrapper = await mountJob('wo-1');
    await vi.waitFor(() => expect(wrapper.get('[data-test="photo-p1"] img').attributes('data-source')).toBe('phone'));
    expect(wrapper.get('[data-test="report-photos-note"]').text()).toBe('照片已保存到本机，无网络也能查看');
  });
});
