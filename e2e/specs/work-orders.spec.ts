/**
 * A work order from report to follow-up, across the three kinds of people who touch it, in the built apps:
 * 1. 张伟 (13800138000, 翠湖花园 1栋 1-101) files a repair with a photo in the resident app;
 * 2. customer service (`cs`) finds it on the dispatch board and dispatches it to 王师傅 (`tech1`) from the
 *    order's detail;
 * 3. 王师傅, with no signal, accepts, starts and completes it with a photo and a charge, reloads the page,
 *    comes back online and syncs: the server has it completed with the phone's times and the photo;
 * 4. 张伟 sees it completed, rates it 2 stars and says it is not fixed: it reopens (待处理, reopened once);
 * 5. the office manager's KPI dashboard counts it (orders, response on time) and drills down to it;
 * 6. a second technician, created here, grabs a paid service from the pool offline while 王师傅 grabs it
 *    online: their sync comes back rejected with the reason and the server's state, never overwriting his.
 * Each step leaves a 390×844 screenshot `wo-NN-…`.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffApi, staffApi } from '../api';
import { baseUrl, launch, offline, online, phone, sendCodeAndRead, shot, waitForServiceWorker } from '../browser';

interface Paged<T> {
  items: T[];
}
interface Order {
  id: string;
  number: string;
  state: string;
  assigneeId: string | null;
  assigneeName?: string | null;
  reopenCount: number;
  chargeAmount: string | null;
  chargeId: string | null;
  completionPhotos: string[];
  photos: { report: { id: string }[]; completion: { id: string }[] };
  events: { id: string; command: string; at: string; receivedAt: string; toState: string | null }[];
}
interface Rate {
  count: number;
  base: number;
  rate: string | null;
}
interface KpiReport {
  total: { submitted: number; responseOnTime: Rate; satisfaction: Rate; reopen: Rate };
}

const RESIDENT_PHONE = '13800138000';
const DESCRIPTION = 'E2E 卫生间灯不亮，开关按了没反应';

let browser: Browser;
let cs: StaffApi;
let manager: StaffApi;
let estateId: string;
let tech1Id: string;
/** The resident's repair, once filed (steps 1–5). */
let order: Order;
/** Its photo and the technician's, as PNG bytes (screenshots: real images of a real size). */
let reportPhoto: Buffer;
let completionPhoto: Buffer;
let kpiBefore: KpiReport;

/** Beijing days: the KPI range is yesterday…today, so a run across midnight still counts the order. */
function beijingDay(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}
const KPI_FROM = beijingDay(-1);
const KPI_TO = beijingDay();
const kpis = () => manager.get<KpiReport>(`/work-orders/kpis?nodeId=${estateId}&from=${KPI_FROM}&to=${KPI_TO}&groupBy=estate`);

beforeAll(async () => {
  browser = await launch();
  cs = await staffApi('cs');
  manager = await staffApi('manager');
  tech1Id = (await (await staffApi('tech1')).get<{ id: string }>('/me')).id;
  const estates = await cs.get<Paged<{ id: string; name: string }>>(`/estates?q=${encodeURIComponent('翠湖花园')}`);
  estateId = estates.items.find((e) => e.name === '翠湖花园')!.id;
  kpiBefore = await kpis();
});
afterAll(async () => {
  await browser?.close();
});

// ---- helpers --------------------------------------------------------------------------------------------

async function staffLogin(page: Page, username: string, password = 'demo1234') {
  await page.goto(`${baseUrl()}/staff/login`);
  await page.locator('[data-test=login-username] input').fill(username);
  await page.locator('[data-test=login-password] input').fill(password);
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=greeting]').waitFor();
}

/** The technician's list (my jobs or the pool), from the phone. */
async function openJobs(page: Page, tab: '我的工单' | '抢单池') {
  await page.goto(`${baseUrl()}/staff/work-orders/tech`);
  await page.locator('.van-tab', { hasText: tab }).click();
}

const jobCard = (page: Page, o: { number: string }) => page.locator(`[data-test=job-${o.number}]`);

/** A step with a confirmation (grab, accept, start): the job's state on the phone changes at once. */
async function step(page: Page, command: 'grab' | 'accept' | 'start', state: string) {
  await page.locator(`[data-test=action-${command}]`).click();
  await page.locator('.van-dialog__confirm').click();
  await expect.poll(() => page.locator('[data-test=job-state]').textContent(), { timeout: 5_000 }).toBe(state);
}

/**
 * Waits until nothing floats over the page — toasts, a dialog or sheet closing, the "works offline now"
 * note — so a screenshot shows the screen itself.
 */
async function settle(page: Page) {
  const ready = page.locator('[data-test=offline-ready]');
  if (await ready.isVisible()) await ready.click();
  await expect.poll(() => page.locator('.van-toast:visible, .van-overlay:visible, [data-test=offline-ready]').count(), { timeout: 6000 }).toBe(0);
}

/** The HTTP status of a work-order photo for customer service (200 once it is on the server). */
async function photoStatus(id: string): Promise<number> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'cs', password: 'demo1234' }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (await fetch(`${baseUrl()}/api/work-order-photos/${id}`, { headers: { cookie } })).status;
}

// ---- the flow -------------------------------------------------------------------------------------------

describe('a repair from report to follow-up, and a grab that lost the race', () => {
  let resident: Page;

  it('1. the resident files a repair with a photo', async () => {
    resident = await (await phone(browser)).newPage();
    await resident.goto(`${baseUrl()}/resident/`);
    await resident.locator('[data-test=login-page]').waitFor();
    reportPhoto = await resident.screenshot();
    await resident.locator('[data-test=login-phone] input').fill(RESIDENT_PHONE);
    await resident.locator('[data-test=login-code] input').fill(await sendCodeAndRead(resident, RESIDENT_PHONE));
    await resident.locator('[data-test=login-submit]').click();
    await resident.locator('[data-test=home-page]').waitFor();

    await resident.locator('[data-test=tab-repairs]').click();
    await resident.locator('[data-test=repairs-page]').waitFor();
    await resident.locator('[data-test=file-repair]').click();
    await resident.locator('[data-test=file-page][data-kind=repair]').waitFor();
    expect(await resident.locator('[data-test=file-unit]').textContent()).toContain('1-101');
    await resident.locator('[data-test=category-option][data-code=water_electric]').click();
    await resident.locator('[data-test=category-promise]').waitFor();
    await resident.locator('[data-test=file-description] textarea').fill(DESCRIPTION);
    await resident.locator('[data-test=photo-input]').setInputFiles({ name: 'bathroom-light.png', mimeType: 'image/png', buffer: reportPhoto });
    await resident.locator('[data-test=photo-item][data-status=ready]').waitFor();
    await settle(resident);
    await shot(resident, 'wo-01-resident-file-repair');

    await resident.locator('[data-test=file-submit]').click();
    await resident.locator('[data-test=work-order-page]').waitFor();
    await expect.poll(() => resident.locator('[data-test=detail-state]').textContent(), { timeout: 10_000 }).toContain('已提交');
    expect(await resident.locator('[data-test=detail-description]').textContent()).toBe(DESCRIPTION);
    await resident.locator('[data-test=report-photos] img').first().waitFor();
    await settle(resident);
    await shot(resident, 'wo-02-resident-filed');

    const id = new URL(resident.url()).pathname.split('/').pop()!;
    order = await cs.get<Order>(`/work-orders/${id}`);
    expect(order).toMatchObject({ state: 'submitted', assigneeId: null, reopenCount: 0 });
    expect(order.photos.report).toHaveLength(1);
    expect(await photoStatus(order.photos.report[0]!.id)).toBe(200);
  });

  it('2. customer service dispatches it to 王师傅 from its detail', async () => {
    const page = await (await phone(browser)).newPage();
    await staffLogin(page, 'cs');
    await page.goto(`${baseUrl()}/staff/work-orders/board?estateId=${estateId}&filter=unassigned`);
    await page.locator('[data-test=board-search] input').fill(order.number);
    // The search is debounced into the URL, then the list reloads: wait for it to narrow to this order.
    await page.waitForURL((url) => url.searchParams.get('q') === order.number);
    await expect.poll(() => page.locator('[data-test=wo-card]').count(), { timeout: 10_000 }).toBe(1);
    const card = page.locator(`[data-test=wo-card][data-id="${order.id}"]`);
    await card.waitFor();
    expect(await card.locator('[data-test=wo-state]').textContent()).toContain('待处理');
    expect(await card.locator('[data-test=wo-photos]').textContent()).toContain('1');
    await settle(page);
    await shot(page, 'wo-03-cs-board');

    await card.locator('[data-test=wo-number]').click();
    await page.locator('[data-test=detail-head]').waitFor();
    await page.locator('[data-test=photos-report] img').first().waitFor();
    await page.locator('[data-test=action-dispatch]').click();
    await page.locator('[data-test=command-sheet][data-command=dispatch]').waitFor();
    await page.locator('[data-test=cmd-technician]').click();
    await page.locator(`[data-test=technician-option][data-id="${tech1Id}"]`).click();
    await expect.poll(() => page.locator('[data-test=cmd-technician] input').inputValue()).toBe('王师傅');
    await page.locator('[data-test=technician-sheet]').waitFor({ state: 'hidden' });
    await shot(page, 'wo-04-cs-dispatch-sheet');
    await page.locator('[data-test=cmd-submit]').click();
    await expect.poll(() => page.locator('[data-test=detail-state]').textContent(), { timeout: 10_000 }).toContain('已派单');
    await page.locator('[data-test=command-sheet]').waitFor({ state: 'hidden' });
    await settle(page);
    await shot(page, 'wo-05-cs-dispatched');

    expect(await cs.get<Order>(`/work-orders/${order.id}`)).toMatchObject({ state: 'assigned', assigneeId: tech1Id });
    await page.context().close();
  });

  it('3. 王师傅, offline, starts and completes it with a photo and a charge, reloads, syncs', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, 'tech1');
    await page.goto(`${baseUrl()}/staff/work-orders/tech`);
    await waitForServiceWorker(page);
    await jobCard(page, order).waitFor({ timeout: 20_000 });
    completionPhoto = await page.screenshot();

    await offline(context);
    await jobCard(page, order).click();
    await page.locator('[data-test=job-actions]').waitFor();
    expect(await page.locator('[data-test=job-description]').textContent()).toBe(DESCRIPTION);
    await step(page, 'accept', '已接单');
    await step(page, 'start', '处理中');
    await settle(page);
    await shot(page, 'wo-06-tech-in-progress-offline');

    await page.locator('[data-test=action-complete]').click();
    await page.locator('[data-test=complete-notes] textarea').fill('更换灯座和开关面板，通电测试正常');
    await page.locator('[data-test=complete-photo-input]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: completionPhoto });
    await page.locator('[data-test=complete-photo-thumb]').waitFor();
    await page.locator('[data-test=complete-charge] input').fill('35');
    await page.locator('[data-test=complete-charge]').scrollIntoViewIfNeeded();
    await shot(page, 'wo-07-tech-complete-form');
    await page.locator('[data-test=complete-submit]').click();
    await expect.poll(() => page.locator('[data-test=job-state]').textContent(), { timeout: 5_000 }).toBe('已完工待回访');
    await expect.poll(() => page.locator('[data-test=job-pending-banner]').textContent(), { timeout: 5_000 }).toContain('3');
    expect(await page.locator('[data-test=sync-offline]').isVisible()).toBe(true);

    // A reload with no network: the shell from the service worker, the job and its steps from IndexedDB.
    await page.reload();
    await expect.poll(() => page.locator('[data-test=job-state]').textContent(), { timeout: 20_000 }).toBe('已完工待回访');
    expect(await page.locator('[data-test=completion-charge]').textContent()).toContain('35.00');
    await page.locator('[data-test=completion-photos] img').first().waitFor();
    await settle(page);
    await shot(page, 'wo-08-tech-completed-offline-reloaded');
    // Nothing reached the server while the phone was offline.
    expect((await cs.get<Order>(`/work-orders/${order.id}`)).state).toBe('assigned');

    await online(context);
    await page.locator('[data-test=sync-button]').click();
    await expect.poll(() => page.locator('[data-test=sync-synced]').textContent(), { timeout: 30_000 }).toContain('3');
    expect(await page.locator('[data-test=sync-pending]').textContent()).toContain('0');
    expect(await page.locator('[data-test=sync-rejected]').count()).toBe(0);
    await settle(page);
    await shot(page, 'wo-09-tech-synced');

    // The server: completed by 王师傅 with the phone's times (each done before it was received), the charge
    // recorded (a repair's charge is not billed: only paid services post one), the photo uploaded after its step.
    const done = await cs.get<Order>(`/work-orders/${order.id}`);
    // A charge on a repair inside the unit is a paid repair 有偿维修: billed to the unit like paid services.
    expect(done).toMatchObject({ state: 'completed', assigneeId: tech1Id, chargeAmount: '35.00' });
    expect(done.chargeId).not.toBeNull();
    expect(done.completionPhotos).toHaveLength(1);
    const steps = done.events.filter((e) => ['accept', 'start', 'complete'].includes(e.command));
    expect(steps.map((e) => e.command)).toEqual(['accept', 'start', 'complete']);
    for (const e of steps) expect(Date.parse(e.at)).toBeLessThan(Date.parse(e.receivedAt));
    await expect.poll(() => photoStatus(done.completionPhotos[0]!), { timeout: 20_000 }).toBe(200);
    order = done;
    await context.close();
  });

  it('4. the resident sees it completed, rates it 2 and says not fixed: it reopens', async () => {
    await resident.goto(`${baseUrl()}/resident/repairs`);
    await resident.locator('[data-test=tab-done]').click();
    const card = resident.locator(`[data-test=work-order-card][data-id="${order.id}"]`);
    await card.waitFor();
    expect(await card.locator('[data-test=card-state]').textContent()).toContain('已完工待评价');
    await card.click();
    await resident.locator('[data-test=survey-form]').waitFor();
    expect(await resident.locator('[data-test=detail-state]').textContent()).toContain('已完工待评价');
    expect(await resident.locator('[data-test=detail-result]').textContent()).toContain('更换灯座和开关面板');
    await resident.locator('[data-test=detail-result] img').first().waitFor();
    await settle(resident);
    await shot(resident, 'wo-10-resident-completed');

    await resident.locator('[data-test=survey-rate] .van-rate__item').nth(1).click();
    await resident.locator('[data-test=survey-not-fixed]').click();
    await resident.locator('[data-test=survey-not-fixed-hint]').waitFor();
    await resident.locator('[data-test=survey-comment] textarea').fill('灯还是时亮时不亮');
    await resident.locator('[data-test=survey-form]').scrollIntoViewIfNeeded();
    await shot(resident, 'wo-11-resident-survey-not-fixed');
    await resident.locator('[data-test=survey-submit]').click();

    await resident.locator('[data-test=reopened-banner]').waitFor();
    expect(await resident.locator('[data-test=reopened-banner]').textContent()).toContain('第 1 次');
    expect(await resident.locator('[data-test=detail-state]').textContent()).toContain('已提交');
    await resident.locator('[data-test=work-order-page]').evaluate(() => window.scrollTo(0, 0));
    await settle(resident);
    await shot(resident, 'wo-12-resident-reopened');

    const reopened = await cs.get<Order>(`/work-orders/${order.id}`);
    expect(reopened).toMatchObject({ state: 'submitted', reopenCount: 1, assigneeId: null });
    const survey = reopened.events.find((e) => e.command === 'answer_survey');
    expect(survey).toMatchObject({ toState: 'submitted' });
    await resident.context().close();
  });

  it('5. the manager’s KPI dashboard counts it and drills down to it', async () => {
    const after = await kpis();
    // Between the two reports only this order was filed, and only it was responded to (accepted on time).
    expect(after.total.submitted).toBe(kpiBefore.total.submitted + 1);
    expect(after.total.responseOnTime.count).toBe(kpiBefore.total.responseOnTime.count + 1);

    const page = await (await phone(browser)).newPage();
    await staffLogin(page, 'manager');
    await page.goto(`${baseUrl()}/staff/work-orders/kpi?nodeId=${estateId}&from=${KPI_FROM}&to=${KPI_TO}&groupBy=estate`);
    await page.locator('[data-test=kpi-total]').waitFor();
    await expect.poll(() => page.locator('[data-test=kpi-orders] dd').textContent(), { timeout: 10_000 }).toBe(String(after.total.submitted));
    const response = after.total.responseOnTime;
    expect(await page.locator('[data-test=total-responseOnTime]').textContent()).toContain(`按时响应 ${response.count} / 应响应`);
    await settle(page);
    await shot(page, 'wo-13-kpi-dashboard');

    await page.locator('[data-test=kpi-rate-responseOnTime]').click();
    const drill = page.locator('[data-test=kpi-drill]');
    await drill.waitFor();
    await drill.locator('.van-tab', { hasText: '按时响应' }).click();
    const card = drill.locator(`[data-test=wo-card][data-id="${order.id}"]`);
    await card.waitFor();
    expect(await card.locator('[data-test=wo-reopened]').textContent()).toContain('1');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'wo-14-kpi-drill-down');
    await page.context().close();
  });

  it('6. a second technician grabs a job offline that 王师傅 took meanwhile: rejected, with why', async () => {
    // A second technician of 翠湖花园, made by the group admin.
    const admin = await staffApi('admin');
    const username = `tech2e2e${Date.now().toString(36)}`;
    const tech2 = await admin.post<{ id: string }>('/staff', { username, name: '李师傅', password: 'tech2-pass-1234', homeNodeId: estateId });
    await admin.post('/grants', { staffId: tech2.id, role: 'technician', nodeId: estateId });
    const u102 = (await cs.get<Paged<{ id: string; number: string }>>(`/units?estateId=${estateId}&q=1-102`)).items.find((u) => u.number === '1-102')!.id;
    const paid = await cs.post<Order>('/work-orders', {
      id: randomUUID(),
      estateId,
      kind: 'paid_service',
      category: 'appliance',
      location: 'unit',
      unitId: u102,
      description: 'E2E 洗衣机不排水，请上门检修（特约服务）',
    });
    expect(paid).toMatchObject({ state: 'submitted', assigneeId: null });

    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, username, 'tech2-pass-1234');
    await openJobs(page, '抢单池');
    await waitForServiceWorker(page);
    await openJobs(page, '抢单池');
    await jobCard(page, paid).waitFor({ timeout: 20_000 });
    await settle(page);
    await shot(page, 'wo-15-tech2-pool');

    await offline(context);
    await jobCard(page, paid).click();
    await step(page, 'grab', '已派单');
    await expect.poll(() => page.locator('[data-test=job-pending-banner]').textContent(), { timeout: 5_000 }).toContain('1');
    await settle(page);
    await shot(page, 'wo-16-tech2-grabbed-offline');

    // Meanwhile 王师傅 grabs it online, through the same outbox endpoint his phone uses.
    const tech1 = await staffApi('tech1');
    const pushed = await tech1.post<{ results: { status: string }[] }>('/sync/commands', {
      deviceId: 'e2e-tech1-phone',
      commands: [{ id: randomUUID(), type: 'work_order.command', at: new Date().toISOString(), payload: { workOrderId: paid.id, command: 'grab', from: 'submitted', input: {} } }],
    });
    expect(pushed.results[0]!.status).toBe('applied');

    await online(context);
    await page.locator('[data-test=sync-button]').click();
    await expect.poll(() => page.locator('[data-test=sync-rejected]').textContent(), { timeout: 30_000 }).toContain('1');
    expect(await page.locator('[data-test=sync-pending]').textContent()).toContain('0');
    // The job shows as the server has it — 王师傅's — with the refusal on top; nothing on the phone overrides it.
    await expect.poll(() => page.locator('[data-test=job-rejection-grab]').textContent(), { timeout: 10_000 }).toContain('「抢单」被拒：已被王师傅接单');
    expect(await page.locator('[data-test=server-state]').textContent()).toBe('服务器当前状态：已派单');
    expect(await page.locator('[data-test=job-state]').textContent()).toBe('已派单');
    expect(await page.locator('.pm-job').textContent()).toContain('王师傅');
    await settle(page);
    await shot(page, 'wo-17-tech2-grab-rejected');

    await page.locator('[data-test=sync-rejected]').click();
    const reason = page.locator('[data-test=log-reason]');
    await expect.poll(() => reason.textContent(), { timeout: 10_000 }).toBe('已被王师傅接单');
    expect(await page.locator(`[data-test^=log-rejected-]`).textContent()).toContain('服务器当前状态：已派单');
    await settle(page);
    await shot(page, 'wo-18-tech2-sync-log');

    // The server kept 王师傅's grab: one grab, his.
    const server = await cs.get<Order>(`/work-orders/${paid.id}`);
    expect(server).toMatchObject({ state: 'assigned', assigneeId: tech1Id });
    expect(server.events.filter((e) => e.command === 'grab')).toHaveLength(1);
    await context.close();
  });
});
