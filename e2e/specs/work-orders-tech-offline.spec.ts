/**
 * A technician's jobs with no signal, in the built app. Customer service (`cs`) files three jobs in 翠湖花园
 * through the API: a repair in 1栋 1-101 dispatched to `tech1`, and two paid services 特约服务 left in the pool.
 * tech1 downloads them online, goes offline, and — through a reload and a closed-and-reopened browser —
 * accepts, starts and completes the repair with a photo, materials and labour; grabs, works and completes
 * the first paid service with a charge; grabs the second one, which customer service cancels meanwhile.
 * Back online, one sync: seven steps applied with the phone's times, the photo uploaded after its step, and
 * the grab of the cancelled job shown as rejected with the reason and the server's state — not overwritten.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsLogged, type StaffApi, staffApi } from '../api';
import { baseUrl, offline, online, phoneProfile, shot, waitForServiceWorker } from '../browser';

interface Paged<T> {
  items: T[];
}
interface Order {
  id: string;
  number: string;
  state: string;
  assigneeId: string | null;
  completionPhotos: string[];
  materials: { name: string; quantity: string; unit?: string }[];
  labourMinutes: number | null;
  chargeAmount: string | null;
  chargeId: string | null;
  events: { id: string; command: string; at: string; receivedAt: string }[];
}

let cs: StaffApi;
let techId: string;
let repair: Order;
let paid: Order;
let cancelled: Order;
const profileDir = mkdtempSync(join(tmpdir(), 'pm-e2e-tech-'));

async function open(estateId: string, unitId: string, body: Record<string, unknown>): Promise<Order> {
  return cs.post<Order>('/work-orders', { id: randomUUID(), estateId, location: 'unit', unitId, ...body });
}

beforeAll(async () => {
  cs = await staffApi('cs');
  const tech = await staffApi('tech1');
  techId = (await tech.get<{ id: string }>('/me')).id;
  const estates = await cs.get<Paged<{ id: string; name: string }>>(`/estates?q=${encodeURIComponent('翠湖花园')}`);
  const estateId = estates.items.find((e) => e.name === '翠湖花园')!.id;
  const unit = async (q: string) => (await cs.get<Paged<{ id: string; number: string }>>(`/units?estateId=${estateId}&q=${q}`)).items.find((u) => u.number === q)!.id;
  const [u101, u102] = [await unit('1-101'), await unit('1-102')];

  repair = await open(estateId, u101, { kind: 'repair', category: 'water_electric', description: 'E2E 厨房水龙头漏水，关不紧', contactName: '张伟', contactPhone: '13800138000' });
  repair = await cs.post<Order>(`/work-orders/${repair.id}/commands`, { id: randomUUID(), command: 'dispatch', from: 'submitted', input: { assigneeId: techId } });
  paid = await open(estateId, u102, { kind: 'paid_service', category: 'appliance', description: 'E2E 空调不制冷，请上门维修（特约服务）' });
  cancelled = await open(estateId, u102, { kind: 'paid_service', category: 'housekeeping', description: 'E2E 家政保洁两小时（特约服务）' });
  expect(repair).toMatchObject({ state: 'assigned', assigneeId: techId });
  expect(paid.state).toBe('submitted');
});
afterAll(() => {
  rmSync(profileDir, { recursive: true, force: true });
});

async function login(page: Page) {
  await page.goto(`${baseUrl()}/staff/login`);
  await page.locator('[data-test=login-username] input').fill('tech1');
  await page.locator('[data-test=login-password] input').fill('demo1234');
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=greeting]').waitFor();
}

const card = (page: Page, o: Order) => page.locator(`[data-test=job-${o.number}]`);

async function openList(page: Page, tab: '我的工单' | '抢单池') {
  await page.goto(`${baseUrl()}/staff/work-orders/tech`);
  await page.locator('.van-tab', { hasText: tab }).click();
}

/** A step with a confirmation (grab, accept, start): the job's state on the phone changes at once. */
async function step(page: Page, command: 'grab' | 'accept' | 'start', state: string) {
  await page.locator(`[data-test=action-${command}]`).click();
  await page.locator('.van-dialog__confirm').click();
  await expect.poll(() => page.locator('[data-test=job-state]').textContent()).toBe(state);
}

async function complete(page: Page, fill: { notes: string; photo?: Buffer; material?: [string, string]; labour?: string; charge?: string }) {
  await page.locator('[data-test=action-complete]').click();
  await page.locator('[data-test=complete-notes] textarea').fill(fill.notes);
  if (fill.photo) {
    await page.locator('[data-test=complete-photo-input]').setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: fill.photo });
    await page.locator('[data-test=complete-photo-thumb]').waitFor();
  }
  if (fill.material) {
    await page.locator('[data-test=material-add]').click();
    await page.locator('[data-test=material-0] [data-test=material-name] input').fill(fill.material[0]);
    await page.locator('[data-test=material-0] [data-test=material-qty] input').fill(fill.material[1]);
  }
  if (fill.labour) await page.locator('[data-test=complete-labour] input').fill(fill.labour);
  if (fill.charge) await page.locator('[data-test=complete-charge] input').fill(fill.charge);
  await page.locator('[data-test=complete-submit]').click();
  await expect.poll(() => page.locator('[data-test=job-state]').textContent()).toBe('已完工待回访');
}

/** The HTTP status of a work-order photo for customer service (200 once the phone has uploaded it). */
async function photoStatus(id: string): Promise<number> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'cs', password: 'demo1234' }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (await fetch(`${baseUrl()}/api/work-order-photos/${id}`, { headers: { cookie } })).status;
}

describe('work orders offline (technician)', () => {
  it('three jobs worked with no signal sync once; the grab of a job cancelled meanwhile comes back rejected with why', async () => {
    let context = await phoneProfile(profileDir);
    let page = context.pages()[0] ?? (await context.newPage());
    await login(page);
    await page.goto(`${baseUrl()}/staff/work-orders/tech`);
    await waitForServiceWorker(page);
    await card(page, repair).waitFor({ timeout: 20_000 });
    await expect.poll(() => card(page, repair).locator('[data-test=sla-response]').getAttribute('data-status')).toMatch(/on_track|at_risk|overdue/);
    await shot(page, 'wo-tech-01-my-jobs');
    const photo = await page.screenshot();
    const syncsBefore = requestsLogged('/api/sync/commands');

    await offline(context);
    // The repair: accept, start, complete with a photo, a material and the labour.
    await card(page, repair).click();
    await page.locator('[data-test=job-actions]').waitFor();
    await step(page, 'accept', '已接单');
    await step(page, 'start', '处理中');
    await shot(page, 'wo-tech-02-job-in-progress');
    await complete(page, { notes: '更换水龙头阀芯，试水无渗漏', photo, material: ['水龙头阀芯', '1'], labour: '35' });
    await expect.poll(() => page.locator('[data-test=job-pending-banner]').textContent()).toContain('3');
    await shot(page, 'wo-tech-03-job-completed-offline');

    // A reload with no network: the shell from the service worker, the jobs and steps from IndexedDB.
    await page.reload();
    await expect.poll(() => page.locator('[data-test=job-state]').textContent(), { timeout: 20_000 }).toBe('已完工待回访');

    // The first paid service: grab from the pool, then work it and complete it with a charge.
    await openList(page, '抢单池');
    await card(page, paid).click();
    await step(page, 'grab', '已派单');
    await step(page, 'accept', '已接单');
    await step(page, 'start', '处理中');
    await complete(page, { notes: '更换启动电容，制冷恢复', charge: '80' });

    // The browser is closed (a flat battery) and opened again, still offline.
    await context.close();
    context = await phoneProfile(profileDir, 'zh-CN', { offline: true });
    await offline(context);
    page = context.pages()[0] ?? (await context.newPage());
    await openList(page, '抢单池');
    await card(page, cancelled).click();
    await step(page, 'grab', '已派单');
    await openList(page, '我的工单');
    await expect.poll(() => page.locator('[data-test=sync-pending]').textContent()).toContain('8');
    await shot(page, 'wo-tech-04-offline-waiting');
    expect(requestsLogged('/api/sync/commands')).toBe(syncsBefore);

    // Meanwhile customer service cancels the second paid service.
    await cs.post(`/work-orders/${cancelled.id}/commands`, { id: randomUUID(), command: 'cancel', input: { reason: '住户改约，取消本次服务' } });

    await online(context);
    await page.locator('[data-test=sync-button]').click();
    await expect.poll(() => page.locator('[data-test=sync-synced]').textContent(), { timeout: 30_000 }).toContain('7');
    expect(await page.locator('[data-test=sync-pending]').textContent()).toContain('0');
    expect(await page.locator('[data-test=sync-rejected]').textContent()).toContain('1');
    await shot(page, 'wo-tech-05-synced');

    await page.locator('[data-test=sync-rejected]').click();
    await expect.poll(() => page.locator('[data-test=log-reason]').textContent()).toBe('工单已取消');
    expect(await page.locator(`[data-test^=log-rejected-]`).textContent()).toContain('服务器当前状态：已取消');
    await shot(page, 'wo-tech-06-sync-log');
    await page.locator('[data-test=log-open]').click();
    await expect.poll(() => page.locator('[data-test=server-state]').textContent()).toBe('服务器当前状态：已取消');
    expect(await page.locator('[data-test=job-state]').textContent()).toBe('已取消');
    await shot(page, 'wo-tech-07-rejected-job');

    // The server: the steps with the phone's times (done before they were received), each once.
    const r = await cs.get<Order>(`/work-orders/${repair.id}`);
    expect(r).toMatchObject({ state: 'completed', assigneeId: techId, labourMinutes: 35, materials: [{ name: '水龙头阀芯', quantity: '1' }] });
    expect(r.completionPhotos).toHaveLength(1);
    const done = r.events.filter((e) => ['accept', 'start', 'complete'].includes(e.command));
    expect(done.map((e) => e.command)).toEqual(['accept', 'start', 'complete']);
    for (const e of done) expect(Date.parse(e.at)).toBeLessThan(Date.parse(e.receivedAt));
    await expect.poll(() => photoStatus(r.completionPhotos[0]!), { timeout: 20_000 }).toBe(200);

    const p = await cs.get<Order>(`/work-orders/${paid.id}`);
    expect(p).toMatchObject({ state: 'completed', assigneeId: techId, chargeAmount: '80.00' });
    expect(p.chargeId).not.toBeNull();
    expect(p.events.filter((e) => e.command === 'grab')).toHaveLength(1);
    const c = await cs.get<Order>(`/work-orders/${cancelled.id}`);
    expect(c).toMatchObject({ state: 'cancelled', assigneeId: null });

    // A second sync sends nothing again.
    const syncsAfter = requestsLogged('/api/sync/commands');
    await page.locator('[data-test=sync-button]').click();
    await page.waitForTimeout(500);
    expect(requestsLogged('/api/sync/commands')).toBe(syncsAfter);
    await context.close();
  });
});
