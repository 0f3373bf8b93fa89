/**
 * The resident app in Chromium: a new resident logs in with the code the server printed, binds to a unit
 * with an invite code issued in the staff app, and sees the unit.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, otpFor, phone, shot } from '../browser';

let browser: Browser;
let staffPage: Page;
let page: Page;
const PHONE = '13766660001';

beforeAll(async () => {
  browser = await launch();
  staffPage = await (await phone(browser)).newPage();
  page = await (await phone(browser)).newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function issueInvite(): Promise<string> {
  await staffPage.goto(`${baseUrl()}/staff/login`);
  await staffPage.locator('[data-test=login-username] input').fill('cs');
  await staffPage.locator('[data-test=login-password] input').fill('demo1234');
  await staffPage.locator('[data-test=login-submit]').click();
  await staffPage.locator('[data-test=greeting]').waitFor();
  await staffPage.goto(`${baseUrl()}/staff/units/search`);
  const search = staffPage.locator('input[type=search]').first();
  await search.fill('3-1502');
  await search.press('Enter');
  await staffPage.locator('[data-test=unit-result]', { hasText: '3-1502' }).first().click();
  await staffPage.locator('[data-test=make-invite]').click();
  // The relation sheet: the resident will be a tenant of 3-1502.
  await staffPage.locator('[data-test=invite-relation]').getByText('租户').click();
  const code = staffPage.locator('[data-test=invite-code]');
  await expect.poll(async () => (await code.textContent())?.trim() ?? '').toMatch(/^[A-Z2-9]{8}$/);
  await shot(staffPage, 'staff-11-invite-code');
  return (await code.textContent())!.trim();
}

describe('resident app', () => {
  it('logs in with phone + one-time code', async () => {
    await page.goto(`${baseUrl()}/resident/`);
    await page.locator('[data-test=login-page]').waitFor();
    await shot(page, 'resident-01-login');
    await page.locator('[data-test=login-phone] input').fill(PHONE);
    await page.locator('[data-test=send-code]').click();
    const code = await otpFor(PHONE);
    await page.locator('[data-test=login-code] input').fill(code);
    await page.locator('[data-test=login-submit]').click();
    await page.locator('[data-test=home-page]').waitFor();
    await page.locator('[data-test=bind-prompt]').waitFor();
    await shot(page, 'resident-02-home-unbound');
  });

  it('binds to a unit with an invite code and sees it', async () => {
    const invite = await issueInvite();
    await page.goto(`${baseUrl()}/resident/bind`);
    await page.locator('[data-test=bind-page]').waitFor();
    await shot(page, 'resident-03-bind');
    await page.locator('[data-test=invite-code] input').fill(invite);
    await page.locator('[data-test=invite-submit]').click();
    await page.locator('[data-test=unit-list]').waitFor();
    expect(await page.locator('[data-test=unit-list]').textContent()).toContain('3-1502');
    await shot(page, 'resident-04-units');
    await page.goto(`${baseUrl()}/resident/`);
    await page.locator('[data-test=unit-card]').waitFor();
    expect(await page.locator('[data-test=unit-card]').textContent()).toContain('3-1502');
    await shot(page, 'resident-05-home');
  });

  it('shows the other tabs and 我的', async () => {
    await page.locator('[data-test=tab-bills]').click();
    await page.locator('[data-test=bills-page]').waitFor();
    await shot(page, 'resident-06-bills');
    await page.locator('[data-test=tab-me]').click();
    await page.locator('[data-test=me-page]').waitFor();
    expect(await page.locator('[data-test=me-phone]').textContent()).toContain('137****0001');
    await shot(page, 'resident-07-me');
  });
});
