/** Chromium (Debian's) through playwright-core, phone-sized pages, screenshots, and server-log helpers. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

export const baseUrl = () => inject('baseUrl');

const CHROMIUM = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

/**
 * A phone whose profile lives in `dir`: closing it and opening it again keeps IndexedDB, cookies and the
 * service worker, like a phone whose browser was closed (a plain context forgets everything on close).
 */
export function phoneProfile(dir: string, locale = 'zh-CN', options: { offline?: boolean } = {}): Promise<BrowserContext> {
  // `offline` from the first moment: a reopened profile may restore its last page, which must not get a
  // chance to sync before the test cuts the network.
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM(), args: ARGS, ...PHONE, locale, serviceWorkers: 'allow', offline: options.offline ?? false });
}

/**
 * No signal: every request of the phone's pages fails as on a phone in a basement.
 *
 * Only the browser's own offline switch, no `context.route` abort on top: Playwright holds a routed request
 * while its handler runs, and when the browser is closed (the "flat battery" in the specs) Chromium lets the
 * held requests of a service-worker-controlled page go out with the offline switch already gone — the
 * server then got a sync the test had just said could not leave the phone. The service worker itself never
 * fetches /api (see packages/web/src/vite.ts), so the switch covers everything the app sends.
 */
export async function offline(context: BrowserContext) {
  await context.setOffline(true);
}

export async function online(context: BrowserContext) {
  await context.setOffline(false);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM(),
    args: ARGS,
  });
}

/** A fresh phone-sized context (390×844, touch, zh-CN) — a new profile each time, like a new phone. */
export function phone(browser: Browser, locale = 'zh-CN', serviceWorkers: 'allow' | 'block' = 'allow'): Promise<BrowserContext> {
  return browser.newContext({
    ...PHONE,
    locale,
    serviceWorkers,
  });
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** How many one-time codes the server has printed for this phone so far. */
function codesPrinted(phoneNumber: string): number {
  return readFileSync(inject('serverLog'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`[otp] phone=${phoneNumber} `)).length;
}

/**
 * Presses 获取验证码 on the resident login page and returns the code it made. Specs share one server and the
 * server allows one code a minute per phone: when another spec took this phone's code less than a minute ago,
 * no new code comes, so it waits out the minute and asks again — never returning an old, used code.
 */
export async function sendCodeAndRead(page: Page, phoneNumber: string): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = codesPrinted(phoneNumber);
    await page.locator('[data-test=send-code]').click();
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (codesPrinted(phoneNumber) > before) return otpFor(phoneNumber);
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload();
    await page.waitForTimeout(61_000);
    await page.locator('[data-test=login-phone] input').fill(phoneNumber);
  }
  throw new Error(`no new code printed for ${phoneNumber}`);
}

/** The last one-time code the server printed for this phone. */
export async function otpFor(phoneNumber: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readFileSync(inject('serverLog'), 'utf8').split('\n');
    const hit = lines.reverse().find((l) => l.startsWith(`[otp] phone=${phoneNumber} `));
    if (hit) return hit.split('code=')[1]!.trim();
    if (Date.now() > deadline) throw new Error(`no code printed for ${phoneNumber}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a service worker controls the page (after the first visit it takes one reload at most). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  }
}

/** Logs a resident in on the phone with the one-time code the server printed, and waits for 首页. */
export async function residentLogin(page: Page, phoneNumber: string) {
  await page.goto(`${baseUrl()}/resident/`);
  await page.locator('[data-test=login-page]').waitFor();
  await page.locator('[data-test=login-phone] input').fill(phoneNumber);
  await page.locator('[data-test=login-code] input').fill(await sendCodeAndRead(page, phoneNumber));
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=home-page]').waitFor();
}
