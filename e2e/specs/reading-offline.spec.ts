/**
 * Meter reading with no signal, in the built app: a reader downloads a route online, goes offline, reads
 * 20 meters (two with a photo of the dial) through a reload and a closed-and-reopened browser, then comes
 * back online and everything syncs exactly once. A second run drops the server's answer to a committed
 * batch: the resend is answered "duplicate", still one row per reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod, requestsLogged, type StaffApi, staffApi } from '../api';
import { baseUrl, launch, offline, online, phone, phoneProfile, shot, waitForServiceWorker } from '../browser';

interface RouteMeter {
  id: string;
  serial: string;
  previous: string | null;
  initialReading: string;
  history: { usage: string }[];
}
interface Download {
  meters: RouteMeter[];
  readings: { id: string; meterId: string; status: string }[];
}
interface ReadingRow {
  id: string;
  meterId: string;
  photoIds: string[];
}

let manager: StaffApi;
let reader: StaffApi;
let routeId: string;
let meters: RouteMeter[];
const profileDir = mkdtempSync(join(tmpdir(), 'pm-e2e-phone-'));
let browser: Browser | null = null;

beforeAll(async () => {
  manager = await staffApi('manager');
  reader = await staffApi('tech1');
  const me = await reader.get<{ id: string }>('/me');
  const estates = await manager.get<{ items: { id: string; name: string }[] }>('/estates?q=翠湖');
  const estateId = estates.items.find((e) => e.name === '翠湖花园')!.id;
  const buildings = await manager.get<{ items: { id: string; name: string }[] }>(`/buildings?estateId=${estateId}&pageSize=50`);
  const b2 = buildings.items.find((b) => b.name === '2栋')!.id;
  const route = await manager.post<{ id: string }>('/reading-routes', { estateId, period: currentPeriod(), name: '2栋 离线测试', readerId: me.id, buildingIds: [b2] });
  routeId = route.id;
  meters = (await reader.get<Download>(`/reading-routes/${routeId}/download`)).meters;
  expect(meters.length).toBeGreaterThanOrEqual(40);
});
afterAll(async () => {
  await browser?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

/** A plausible reading: the last one plus the last usage (never a spike, never zero). */
function valueFor(m: RouteMeter): string {
  const previous = Number(m.previous ?? m.initialReading);
  const usage = Math.max(1, Math.round(Number(m.history[0]?.usage ?? '10')));
  return String(previous + usage);
}

async function login(page: Page) {
  await page.goto(`${baseUrl()}/staff/login`);
  await page.locator('[data-test=login-username] input').fill('tech1');
  await page.locator('[data-test=login-password] input').fill('demo1234');
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=greeting]').waitFor();
}

async function openRouteList(page: Page) {
  await page.goto(`${baseUrl()}/staff/reading`);
  await page.locator(`[data-test=route-${routeId}]`).waitFor({ timeout: 20_000 });
}

/** Types a value on the meter screen's keypad and saves; the app moves on to the next meter. */
async function readMeter(page: Page, m: RouteMeter, photo?: Buffer) {
  await page.waitForURL(new RegExp(`/meters/${m.id}$`));
  await page.locator('[data-test=meter-card]').waitFor();
  for (const ch of valueFor(m)) await page.locator('[data-test=keypad] .van-key', { hasText: new RegExp(`^${ch === '.' ? '\\.' : ch}$`) }).tap();
  expect(await page.locator('[data-test=value]').textContent()).toBe(valueFor(m));
  if (photo) {
    await page.locator('[data-test=photo-input]').setInputFiles({ name: 'dial.png', mimeType: 'image/png', buffer: photo });
    await page.locator('[data-test=photo-thumb]').waitFor();
  }
  await page.locator('[data-test=keypad] .van-key--blue').tap();
  await page.waitForURL((url) => !url.pathname.endsWith(`/meters/${m.id}`));
}

describe('meter reading offline', () => {
  it('20 readings and 2 photos survive a reload and a closed browser, then sync exactly once', async () => {
    let context = await phoneProfile(profileDir);
    let page = context.pages()[0] ?? (await context.newPage());
    await login(page);
    await openRouteList(page);
    await waitForServiceWorker(page);
    await page.locator(`[data-test=route-${routeId}]`).waitFor({ timeout: 20_000 });
    await shot(page, 'reading-01-routes');
    const photo = await page.screenshot();
    const syncsBefore = requestsLogged('/api/sync/commands');

    await offline(context);
    await page.locator(`[data-test=route-${routeId}]`).click();
    await page.locator(`[data-test=meter-${meters[0]!.serial}]`).waitFor();
    await shot(page, 'reading-02-route');
    await page.locator(`[data-test=meter-${meters[0]!.serial}]`).click();
    for (let i = 0; i < 8; i++) {
      if (i === 2) await shot(page, 'reading-03-meter');
      await readMeter(page, meters[i]!, i === 3 ? photo : undefined);
    }

    // A reload with no network: the shell comes from the service worker, the readings from IndexedDB.
    await page.reload();
    await page.locator('[data-test=meter-card]').waitFor({ timeout: 20_000 });
    for (let i = 8; i < 14; i++) await readMeter(page, meters[i]!, i === 11 ? photo : undefined);

    // The browser is closed mid-route (a flat battery) and opened again, still offline.
    await context.close();
    context = await phoneProfile(profileDir, 'zh-CN', { offline: true });
    await offline(context);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl()}/staff/reading/routes/${routeId}/meters/${meters[14]!.id}`);
    for (let i = 14; i < 20; i++) await readMeter(page, meters[i]!);

    await page.goto(`${baseUrl()}/staff/reading/routes/${routeId}`);
    await expect.poll(() => page.locator('[data-test=route-pending]').textContent()).toContain('20');
    await shot(page, 'reading-04-route-offline');
    expect(requestsLogged('/api/sync/commands')).toBe(syncsBefore);

    await online(context);
    await page.locator('[data-test=sync-button]').click();
    await expect.poll(() => page.locator('[data-test=sync-synced]').textContent(), { timeout: 30_000 }).toContain('20');
    expect(await page.locator('[data-test=sync-pending]').textContent()).toContain('0');
    await shot(page, 'reading-05-synced');

    const rows = await manager.get<{ items: ReadingRow[]; total: number }>(`/readings?routeId=${routeId}&period=${currentPeriod()}&includeSuperseded=true&pageSize=100`);
    expect(rows.total).toBe(20);
    expect(new Set(rows.items.map((r) => r.meterId))).toEqual(new Set(meters.slice(0, 20).map((m) => m.id)));
    await expect.poll(async () => (await manager.get<{ items: ReadingRow[] }>(`/readings?routeId=${routeId}&period=${currentPeriod()}&pageSize=100`)).items.flatMap((r) => r.photoIds).length, { timeout: 20_000 }).toBe(2);
    await context.close();
  });

  it('a batch the server committed but whose answer was lost is resent and answered duplicate: still one row each', async () => {
    browser = await launch();
    // No service worker here: the page's own requests are what gets cut (the first run covers the worker).
    const context = await phone(browser, 'zh-CN', 'block');
    const page = await context.newPage();
    await login(page);
    await openRouteList(page);
    await page.goto(`${baseUrl()}/staff/reading/routes/${routeId}/meters/${meters[20]!.id}`);
    await page.locator('[data-test=meter-card]').waitFor({ timeout: 20_000 });

    let dropped = 0;
    await page.route('**/api/sync/commands', async (route) => {
      if (dropped === 0) {
        dropped += 1;
        await route.fetch(); // the server applies the batch and commits…
        await route.abort('connectionreset'); // …and the phone never hears back.
        return;
      }
      await route.continue();
    });

    await context.setOffline(true);
    for (let i = 20; i < 40; i++) await readMeter(page, meters[i]!);
    await context.setOffline(false);
    await page.locator('[data-test=sync-button]').click();
    await expect.poll(() => page.locator('[data-test=sync-synced]').textContent(), { timeout: 45_000 }).toContain('20');
    expect(dropped).toBe(1);

    const rows = await manager.get<{ items: ReadingRow[]; total: number }>(`/readings?routeId=${routeId}&period=${currentPeriod()}&includeSuperseded=true&pageSize=100`);
    expect(rows.total).toBe(40);
    expect(new Set(rows.items.map((r) => r.id)).size).toBe(40);
    expect(new Set(rows.items.map((r) => r.meterId))).toEqual(new Set(meters.slice(0, 40).map((m) => m.id)));
    await context.close();
  });
});
