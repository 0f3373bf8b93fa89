/**
 * The manager's meter-reading screens in Chromium at phone size: the hub with this month's progress,
 * progress by route, the review queue (approve the seeded flagged reading), the export, registering and
 * replacing a meter, and assigning a route — then the hub in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, phone, shot } from '../browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  context = await phone(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function loginAs(p: Page, username: string) {
  await p.goto(`${baseUrl()}/staff/login`);
  await p.locator('[data-test=login-username] input').fill(username);
  await p.locator('[data-test=login-password] input').fill('demo1234');
  await p.locator('[data-test=login-submit]').click();
  await p.locator('[data-test=greeting]').waitFor();
}

const number = async (p: Page, key: string) => Number(await p.locator(`[data-test=stat-${key}] .pm-stat-value`).textContent());

/** Hub → an entry, waiting for its screen. */
async function openFromHub(entry: string, ready: string) {
  await page.goto(`${baseUrl()}/staff/meter-admin`);
  await page.locator('[data-test=hub-summary]').waitFor();
  await page.locator(`[data-test=${entry}]`).click();
  await page.locator(ready).first().waitFor();
}

/** Lets transitions (popups, bars) finish and toasts go before a screenshot. */
async function calm() {
  await page.waitForTimeout(400);
  await page.locator('.van-toast').first().waitFor({ state: 'hidden' });
}

describe('meter administration (manager)', () => {
  it('opens the hub from the home tile and shows this month’s progress for 翠湖花园', async () => {
    await loginAs(page, 'manager');
    await page.locator('[data-test=tile-meter-admin]').click();
    await page.locator('[data-test=hub-scope]').waitFor();
    // The estate: 翠湖花园 (the seeded meters are there), picked from the sheet.
    await page.locator('[data-test=hub-estate]').click();
    await page.locator('[data-test=estate-option]', { hasText: '翠湖花园' }).click();
    await page.locator('[data-test=hub-summary]').waitFor();
    await expect.poll(() => page.locator('[data-test=hub-estate] input').inputValue()).toBe('翠湖花园');
    await expect.poll(() => number(page, 'meters')).toBeGreaterThan(0);
    expect(await number(page, 'pending')).toBeGreaterThanOrEqual(1);
    expect(await number(page, 'flagged')).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-test=badge-flagged]').textContent()).toMatch(/异常 \d+/);
    await calm();
    await shot(page, 'meter-admin-01-hub');
  });

  it('shows progress by route and by reader, and the missing meters', async () => {
    await openFromHub('goto-progress', '[data-test=progress-route]');
    expect(await page.locator('[data-test=progress-route]').first().textContent()).toContain('赵抄表');
    await calm();
    await shot(page, 'meter-admin-02-progress');
    await page.locator('[data-test=progress-tabs] .van-tab', { hasText: '漏抄' }).click();
    await page.locator('[data-test=missing-meter]').first().waitFor();
    await calm();
    await shot(page, 'meter-admin-03-missing');
  });

  it('approves the flagged reading in the review queue', async () => {
    await openFromHub('goto-review', '[data-test=reading-card]');
    const card = page.locator('[data-test=reading-card]').filter({ has: page.locator('[data-test=reading-flags]') }).first();
    expect(await card.locator('[data-test=reading-flags]').textContent()).toContain('用量突增');
    expect(await card.locator('[data-test=reading-reader]').textContent()).toContain('赵抄表');
    const id = await card.getAttribute('data-id');
    await calm();
    await shot(page, 'meter-admin-04-review');

    await card.locator('[data-test=reading-approve]').click();
    const popup = page.locator('[data-test=review-popup]');
    await popup.locator('[data-test=review-note] textarea').fill('已电话核实：新装空调');
    await calm();
    await shot(page, 'meter-admin-05-approve');
    await popup.locator('[data-test=review-submit]').click();
    await page.locator(`[data-test=reading-card][data-id="${id}"]`).waitFor({ state: 'detached' });

    // It is now among the approved ones, with the note.
    await page.locator('[data-test=review-tabs] .van-tab', { hasText: '已通过' }).click();
    const approved = page.locator(`[data-test=reading-card][data-id="${id}"]`);
    await approved.waitFor();
    expect(await approved.locator('[data-test=reading-reviewed]').textContent()).toContain('新装空调');
  });

  it('downloads the period as an .xlsx', async () => {
    await page.goto(`${baseUrl()}/staff/meter-admin`);
    await page.locator('[data-test=hub-summary]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=hub-export]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
  });

  it('registers a meter and records its replacement', async () => {
    await openFromHub('goto-meters', '[data-test=meter-item]');
    await calm();
    await shot(page, 'meter-admin-06-meters');
    await page.locator('[data-test=meter-new]').click();
    await page.locator('[data-test=meter-form]').waitFor();
    await page.locator('[data-test=meter-unit]').click();
    await page.locator('[data-test=unit-picker-search] input').fill('1-101');
    await page.locator('[data-test=unit-option]', { hasText: '1-101' }).first().click();
    await page.locator('[data-test=type-gas]').click();
    const serial = `G-${Date.now().toString(36).toUpperCase()}`;
    await page.locator('[data-test=meter-serial] input').fill(serial);
    await page.locator('[data-test=meter-digits] input').fill('5');
    await calm();
    await shot(page, 'meter-admin-07-register');
    await page.locator('[data-test=meter-save]').click();
    await page.locator('[data-test=meter-info]').waitFor();
    expect(await page.locator('[data-test=meter-info]').textContent()).toContain(serial);

    await page.locator('[data-test=meter-replace]').click();
    await page.locator('[data-test=replace-form]').waitFor();
    await page.locator('[data-test=replace-old-final] input').fill('12.5');
    await page.locator('[data-test=replace-serial] input').fill(`${serial}-N`);
    await page.locator('[data-test=replace-multiplier] input').fill('1');
    await page.locator('[data-test=replace-digits] input').fill('5');
    await calm();
    await shot(page, 'meter-admin-08-replace');
    await page.locator('[data-test=replace-submit]').click();
    await page.locator('[data-test=replacement]').first().waitFor();
    expect(await page.locator('[data-test=meter-info]').textContent()).toContain(`${serial}-N`);
    expect(await page.locator('[data-test=replacement]').first().textContent()).toContain('12.5');
    await calm();
    await shot(page, 'meter-admin-09-meter');
  });

  it('assigns a route of 2栋 to the meter reader', async () => {
    await openFromHub('goto-routes', '[data-test=route-item]');
    const before = await page.locator('[data-test=route-item]').count();
    await page.locator('[data-test=route-new]').click();
    await page.locator('[data-test=route-building]').first().waitFor();
    await page.locator('[data-test=route-building]', { hasText: /^\s*2栋/ }).click();
    await page.locator('[data-test=route-reader]').click();
    await page.locator('[data-test=staff-option]', { hasText: '赵抄表' }).click();
    await calm();
    await shot(page, 'meter-admin-10-assign');
    await page.locator('[data-test=route-save]').click();
    await expect.poll(() => page.locator('[data-test=route-item]').count()).toBe(before + 1);
    await expect.poll(() => page.locator('[data-test=route-item]', { hasText: /^\s*2栋/ }).first().textContent()).toContain('赵抄表');
    await calm();
    await shot(page, 'meter-admin-11-routes');
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl()}/staff/me`);
    await page.locator('[data-test=locale-switch]').click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/Log out|Logout|Sign out/i);
    await page.goto(`${baseUrl()}/staff/meter-admin`);
    await page.locator('[data-test=hub-summary]').waitFor();
    await expect.poll(() => page.locator('[data-test=hub-entries]').textContent()).toContain('Review queue');
    await calm();
    await shot(page, 'meter-admin-12-hub-en');
    await page.locator('[data-test=goto-review]').click();
    await page.locator('[data-test=review-tabs] .van-tab', { hasText: 'Approved' }).click();
    await page.locator('[data-test=reading-card]').first().waitFor();
    await calm();
    await shot(page, 'meter-admin-13-review-en');
    await page.goto(`${baseUrl()}/staff/me`);
    await page.locator('[data-test=locale-switch]').click();
  });
});
