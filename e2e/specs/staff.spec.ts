/** The staff app in Chromium at phone size: log in, find a unit, see its occupants, issue an invite code. */
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

describe('staff app', () => {
  it('refuses a wrong password with the message from the API', async () => {
    await page.goto(`${baseUrl()}/staff/`);
    await page.locator('[data-test=login-form]').waitFor();
    await shot(page, 'staff-01-login');
    await page.locator('[data-test=login-username] input').fill('manager');
    await page.locator('[data-test=login-password] input').fill('wrong-password');
    await page.locator('[data-test=login-submit]').click();
    await expect.poll(() => page.locator('[data-test=login-error]').textContent()).toContain('账号或密码错误');
  });

  it('logs in as the office manager and shows what the role may do', async () => {
    await loginAs(page, 'manager');
    expect(await page.locator('[data-test=home-roles]').textContent()).toContain('项目经理');
    expect(await page.locator('[data-test=tile-staff]').count()).toBe(1);
    await shot(page, 'staff-02-home');
  });

  it('browses estates → buildings → units', async () => {
    await page.goto(`${baseUrl()}/staff/property`);
    await page.locator('[data-test=estate-item]').first().waitFor();
    expect(await page.locator('[data-test=estate-list]').textContent()).toContain('翠湖花园');
    await shot(page, 'staff-03-estates');
    await page.locator('[data-test=estate-item]', { hasText: '翠湖花园' }).click();
    await page.locator('[data-test=building-item]').first().waitFor();
    await shot(page, 'staff-04-buildings');
    await page.locator('[data-test=building-item]').first().click();
    await page.locator('[data-test=floor-1]').waitFor();
    await shot(page, 'staff-05-building-units');
  });

  it('finds a unit by owner name and shows its occupants and history', async () => {
    await page.goto(`${baseUrl()}/staff/units/search`);
    const search = page.locator('input[type=search]').first();
    await search.fill('张伟');
    await search.press('Enter');
    await page.locator('[data-test=unit-result]', { hasText: '1-101' }).first().waitFor();
    await shot(page, 'staff-06-unit-search');
    await page.locator('[data-test=unit-result]', { hasText: '1-101' }).first().click();
    await page.locator('[data-test=current-occupants]').waitFor();
    expect(await page.locator('[data-test=current-occupants]').textContent()).toContain('张伟');
    expect(await page.locator('body').textContent()).toContain('钱建国');
    await shot(page, 'staff-07-unit-detail');
  });

  it('shows staff management and the import screen to a manager', async () => {
    await page.goto(`${baseUrl()}/staff/staff`);
    await page.getByText('tech1').first().waitFor();
    await shot(page, 'staff-08-staff-list');
    await page.goto(`${baseUrl()}/staff/import`);
    await page.locator('[data-test=import-template]').waitFor();
    await shot(page, 'staff-09-import');
  });

  it('switches to English', async () => {
    await page.goto(`${baseUrl()}/staff/me`);
    await page.locator('[data-test=locale-switch]').click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/Log out|Logout|Sign out/i);
    await shot(page, 'staff-10-me-en');
    await page.locator('[data-test=locale-switch]').click();
  });
});
