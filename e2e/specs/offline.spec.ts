/** Each app's shell loads from its service worker with the network off, after one online visit. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, phone, shot, waitForServiceWorker } from '../browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('offline shell', () => {
  for (const app of [
    { name: 'staff', path: '/staff/', ready: '[data-test=login-form]' },
    { name: 'resident', path: '/resident/', ready: '[data-test=login-page]' },
  ]) {
    it(`${app.name} app reloads offline from the service worker`, async () => {
      const context = await phone(browser);
      const page = await context.newPage();
      await page.goto(`${baseUrl()}${app.path}`);
      await page.locator(app.ready).waitFor();
      await waitForServiceWorker(page);
      const manifest = await page.evaluate(async () => {
        const href = document.querySelector('link[rel=manifest]')?.getAttribute('href');
        return href ? (await fetch(href)).json() : null;
      });
      expect(manifest).toMatchObject({ display: 'standalone' });
      expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

      await context.setOffline(true);
      await page.reload();
      await page.locator(app.ready).waitFor({ timeout: 15_000 });
      // The API is not answered from any cache: offline, it fails rather than returning stale data.
      const api = await page.evaluate(() =>
        fetch('/api/health')
          .then((r) => r.status)
          .catch(() => 'network error'),
      );
      expect(api).toBe('network error');
      await shot(page, `${app.name}-offline-reload`);
      await context.close();
    });
  }
});
