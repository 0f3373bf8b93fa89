/**
 * Billing in Chromium: the manager previews and posts this month's billing run for 翠湖花园 and looks
 * through the standards, fee items and settings; the cashier finds 1-101, collects its three oldest
 * charges (the total checked to the fen against the API's own figures), sees and prints the receipt (A5
 * and 80 mm, print media), takes and voids a prepayment, and closes the day. Phone size, one screen at
 * tablet width, one in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod, type StaffApi, staffApi } from '../api';
import { baseUrl, launch, phone, shot } from '../browser';

interface Paged<T> {
  items: T[];
}
interface Account {
  owed: string;
  charges: { id: string; period: string; feeItemName: string; owed: string; status: string }[];
  receipts: { id: string; total: string; status: string }[];
}
interface Receipt {
  id: string;
  number: string;
  total: string;
  method: string;
  status: string;
  totalInWords: string;
  lines: { chargeId: string | null; amount: string }[];
}

/** Amounts to the fen, exactly (BigInt), and as the app shows them: "1234.5" → "¥1,234.50". */
const fen = (amount: string) => {
  const [yuan = '0', cents = ''] = amount.split('.');
  return BigInt(yuan) * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2));
};
const money = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
const sumOf = (...amounts: string[]) => money(amounts.reduce((acc, a) => acc + fen(a), 0n));
const formatYuan = (amount: string) => {
  const [yuan = '0', cents = '00'] = money(fen(amount)).split('.');
  return `¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
};

let browser: Browser;
let estateId: string;
let unitId: string;
let manager: StaffApi;
let cashier: StaffApi;
const period = currentPeriod();

beforeAll(async () => {
  browser = await launch();
  manager = await staffApi('manager');
  cashier = await staffApi('cashier');
  const estates = await manager.get<Paged<{ id: string; name: string }>>(`/estates?q=${encodeURIComponent('翠湖花园')}`);
  estateId = estates.items.find((e) => e.name === '翠湖花园')!.id;
  const units = await cashier.get<Paged<{ id: string; number: string }>>(`/units?estateId=${estateId}&q=1-101`);
  unitId = units.items.find((u) => u.number === '1-101')!.id;
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

/** Lets transitions (popups, bars) finish and toasts go before a screenshot. */
async function calm(p: Page) {
  // the service worker's "ready offline" note covers the bottom of the screen: tap it away
  const note = p.locator('[data-test=offline-ready]');
  if (await note.isVisible()) await note.click();
  await p.waitForTimeout(400);
  await p.locator('.van-toast').first().waitFor({ state: 'hidden' });
}

async function confirmDialog(p: Page) {
  const button = p.locator('.van-dialog__confirm:visible').last();
  await button.waitFor();
  await button.click();
}

describe('billing (manager)', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await phone(browser);
    page = await context.newPage();
    await loginAs(page, 'manager');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('previews this month’s run, then posts it after a confirm', async () => {
    await page.locator('[data-test=tile-billing]').click();
    await page.locator('[data-test=billing-estate]').click();
    await page.locator('[data-test=estate-option]', { hasText: '翠湖花园' }).click();
    await expect.poll(() => page.locator('[data-test=billing-estate] input').inputValue()).toBe('翠湖花园');
    await page.locator('.van-popup').first().waitFor({ state: 'hidden' });
    expect(await page.locator('[data-test=billing-period] input').inputValue()).toBe(period);
    // the seed billed the last three months
    await page.locator('[data-test=run]').first().waitFor();
    expect(await page.locator('[data-test=run]').count()).toBeGreaterThanOrEqual(3);

    await page.locator('[data-test=run-preview]').click();
    await page.locator('[data-test=run-summary]').waitFor();
    const preview = await manager.post<{ lines: number; total: string; alreadyPosted: number }>('/billing-runs/preview', { estateId, period });
    expect(preview.alreadyPosted).toBe(0);
    expect(preview.lines).toBeGreaterThan(1000);
    expect(await page.locator('[data-test=run-total]').textContent()).toBe(formatYuan(preview.total));
    expect(await page.locator('[data-test=run-lines]').textContent()).toBe(String(preview.lines));
    expect(await page.locator('[data-test=run-samples]').textContent()).toContain('m² × ¥2.35');
    await calm(page);
    await shot(page, 'cashier-01-billing-preview');
    await page.locator('[data-test=run-skipped]').scrollIntoViewIfNeeded();
    await calm(page);
    await shot(page, 'cashier-02-billing-preview-skipped');

    await page.locator('[data-test=run-post]').click();
    await confirmDialog(page);
    await page.locator('[data-test=run-result]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=run-result]').textContent()).toContain(`新增 ${preview.lines} 笔`);
    await calm(page);
    await page.locator('[data-test=run-result]').scrollIntoViewIfNeeded();
    await calm(page);
    await shot(page, 'cashier-03-billing-posted');

    // posting again adds nothing
    await page.locator('[data-test=run-preview]').click();
    await page.locator('[data-test=run-rerun-note]').waitFor();
    expect(await page.locator('[data-test=run-rerun-note]').textContent()).toContain('已全部过账');
  });

  it('shows the standards in words, the fee items and the settings with the legal note', async () => {
    await page.getByRole('tab', { name: '收费标准' }).click();
    await page.locator('[data-test=standard]').first().waitFor();
    const prices = await page.locator('[data-test=standard-price]').allTextContents();
    expect(prices).toContain('按建筑面积 ¥2.35/m²·月');
    expect(prices.some((p) => p.startsWith('冷水 阶梯价：216 m³ 以内 ¥2.90'))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await calm(page);
    await shot(page, 'cashier-04-billing-standards');

    await page.locator('[data-test=standard-revise]').first().click();
    await page.locator('[data-test=revise-sheet]').waitFor();
    await calm(page);
    await shot(page, 'cashier-05-billing-revise');
    await page.locator('.van-popup__close-icon:visible').click();
    await page.locator('[data-test=revise-sheet]').waitFor({ state: 'hidden' });

    await page.locator('[data-test=standard-new]').click();
    await page.locator('[data-test=standard-form]').waitFor();
    await page.locator('[data-test=std-kind-metered]').click();
    await page.locator('[data-test=std-pricing-tiers]').click();
    await page.locator('[data-test=tier-row]').nth(1).waitFor();
    await page.locator('[data-test=tier-up-to]').first().fill('216');
    await page.locator('[data-test=tier-price]').first().fill('2.90');
    await page.locator('[data-test=tier-price]').nth(1).fill('3.85');
    await calm(page);
    await shot(page, 'cashier-06-billing-new-standard');
    await page.goBack();

    await page.getByRole('tab', { name: '收费项目' }).click();
    await page.locator('[data-test=item]').first().waitFor();
    expect(await page.locator('[data-test=items]').textContent()).toContain('物业服务费');
    await calm(page);
    await shot(page, 'cashier-07-billing-items');

    await page.getByRole('tab', { name: '设置' }).click();
    await page.locator('[data-test=settings-law]').waitFor();
    expect(await page.locator('[data-test=settings-law]').textContent()).toContain('不得以停水停电方式催缴');
    expect(await page.locator('[data-test=settings-penalty]').getAttribute('aria-checked')).toBe('false');
    await calm(page);
    await shot(page, 'cashier-08-billing-settings');
  });
});

describe('the counter (cashier)', () => {
  let context: BrowserContext;
  let page: Page;
  let picked: Account['charges'];
  let receiptId: string;
  let receiptNumber: string;

  beforeAll(async () => {
    context = await phone(browser);
    page = await context.newPage();
    await loginAs(page, 'cashier');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('finds 1-101 and collects its three oldest charges, the total exact to the fen', async () => {
    await page.locator('[data-test=tile-cashier]').click();
    await page.locator('[data-test=cashier-estate]').click();
    await page.locator('[data-test=estate-option]', { hasText: '翠湖花园' }).click();
    await expect.poll(() => page.locator('[data-test=cashier-estate] input').inputValue()).toBe('翠湖花园');
    await page.locator('.van-popup').first().waitFor({ state: 'hidden' });
    const search = page.locator('[data-test=cashier-search] input');
    await search.fill('1-101');
    await search.press('Enter');
    await page.locator('[data-test=cashier-unit]', { hasText: '1栋 1-101' }).first().waitFor();
    await calm(page);
    await shot(page, 'cashier-10-search');
    await page.locator('[data-test=cashier-unit]', { hasText: '1栋 1-101' }).first().click();
    await page.locator('[data-test=charges]').waitFor();

    const account = await cashier.get<Account>(`/units/${unitId}/account`);
    const open = account.charges.filter((c) => c.status === 'open');
    expect(open.length).toBeGreaterThanOrEqual(4);
    expect(await page.locator('[data-test=account-owed]').textContent()).toBe(formatYuan(account.owed));
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe(formatYuan(account.owed));
    await calm(page);
    await shot(page, 'cashier-11-account');

    // untick every period, then tick the three oldest charges
    picked = open.slice(0, 3);
    const toggles = page.locator('[data-test=charge-group-toggle]');
    for (let i = 0; i < (await toggles.count()); i++) await toggles.nth(i).click();
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe('¥0.00');
    for (const c of picked) await page.locator(`[data-test=charge-${c.id}]`).click();
    const expected = sumOf(...picked.map((c) => c.owed));
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe(formatYuan(expected));
    const words = (await page.locator('[data-test=pay-words]').textContent()) ?? '';
    expect(await page.locator('[data-test=oldest-warning]').count()).toBe(0);

    await page.locator('[data-test=method-cash]').click();
    await page.locator('[data-test=pay-total-box]').scrollIntoViewIfNeeded();
    await calm(page);
    await shot(page, 'cashier-12-pay-form');
    await page.locator('[data-test=pay-submit]').click();
    await page.locator('[data-test=confirm-total]').waitFor();
    expect(await page.locator('[data-test=confirm-total]').textContent()).toBe(formatYuan(expected));
    await calm(page);
    await shot(page, 'cashier-13-confirm');
    await confirmDialog(page);

    await page.locator('[data-test=receipt-paper]').waitFor();
    receiptId = page.url().split('/receipts/')[1]!.split('?')[0]!;
    const receipt = await cashier.get<Receipt>(`/receipts/${receiptId}`);
    receiptNumber = receipt.number;
    expect(receipt.total).toBe(expected);
    expect(receipt.method).toBe('cash');
    expect(receipt.lines.map((l) => l.chargeId).sort()).toEqual(picked.map((c) => c.id).sort());
    expect(await page.locator('[data-test=receipt-total]').textContent()).toBe(formatYuan(expected));
    // 大写 as the server writes it, on the receipt and already on the form
    expect(await page.locator('[data-test=receipt-words]').textContent()).toBe(receipt.totalInWords);
    expect(words).toContain(receipt.totalInWords);
    expect(await page.locator('[data-test=receipt-number]').textContent()).toContain(receipt.number);
    expect(await page.locator('[data-test=receipt-line]').count()).toBe(3);
    // the account now owes exactly that much less
    const after = await cashier.get<Account>(`/units/${unitId}/account`);
    expect(sumOf(after.owed, expected)).toBe(account.owed);
  });

  it('shows the receipt ready to print: A5 and the 80 mm slip, without the app around it', async () => {
    await calm(page);
    await shot(page, 'cashier-14-receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.van-nav-bar').isVisible()).toBe(false);
    expect(await page.locator('[data-test=receipt-print]').isVisible()).toBe(false);
    await calm(page);
    await shot(page, 'cashier-15-receipt-print-a5');
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-test=format-80mm]').click();
    await page.emulateMedia({ media: 'print' });
    await calm(page);
    await shot(page, 'cashier-16-receipt-print-80mm');
    await page.emulateMedia({ media: 'screen' });
    // Print opens the browser's dialog: count the calls instead
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.locator('[data-test=receipt-print]').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await page.locator('style[data-pm=receipt-page]').textContent()).toMatch(/size: 80mm \d+mm/);
    await page.locator('[data-test=format-a5]').click();
  });

  it('takes a prepayment and voids it the same day with a reason', async () => {
    await page.goto(`${baseUrl()}/staff/cashier/units/${unitId}?estateId=${estateId}`);
    await page.locator('[data-test=charges]').waitFor();
    const toggles = page.locator('[data-test=charge-group-toggle]');
    for (let i = 0; i < (await toggles.count()); i++) await toggles.nth(i).click();
    await page.locator('[data-test=pay-prepayment] input').fill('50');
    await page.locator('[data-test=method-wechat]').click();
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe('¥50.00');
    await page.locator('[data-test=prepay-offset-note]').waitFor();
    await page.locator('[data-test=pay-submit]').click();
    await confirmDialog(page);
    await page.locator('[data-test=receipt-paper]').waitFor();
    expect(await page.locator('[data-test=receipt-total]').textContent()).toBe('¥50.00');
    // the prepayment went straight to the oldest open charge
    await page.locator('[data-test=receipt-offsets]').waitFor();
    await calm(page);
    await shot(page, 'cashier-17-prepayment-receipt');

    await page.locator('[data-test=receipt-void]').click();
    await page.locator('[data-test=void-reason] textarea').fill('交款人改用微信以外方式');
    await page.locator('[data-test=void-dialog] .van-dialog__confirm').click();
    await page.locator('[data-test=receipt-voided]').waitFor();
    await expect.poll(() => page.locator('[data-test=void-dialog]').isVisible()).toBe(false);
    expect(await page.locator('[data-test=receipt-void]').count()).toBe(0);
    await calm(page);
    await shot(page, 'cashier-18-voided');
  });

  it('closes the day: totals by method and fee item, receipts drill down, then locked', async () => {
    await page.goto(`${baseUrl()}/staff/cashier/day?estateId=${estateId}`);
    await page.locator('[data-test=day-summary]').waitFor();
    // the day as the API sums it (the demo seed also collected at this counter today)
    const day = await cashier.get<{ totals: { total: string; count: number }; receipts: { id: string; status: string }[] }>(`/cashier/day?estateId=${estateId}`);
    expect(day.receipts.map((r) => r.id)).toContain(receiptId);
    expect(day.receipts.filter((r) => r.status === 'voided')).toHaveLength(1);
    expect(await page.locator('[data-test=day-total]').textContent()).toBe(formatYuan(day.totals.total));
    expect(await page.locator('[data-test=day-receipt]').count()).toBe(day.receipts.length);
    expect(await page.locator('[data-test=day-by-method]').textContent()).toContain('现金');
    await calm(page);
    await shot(page, 'cashier-19-day');

    await page.locator('[data-test=day-receipt]', { hasText: receiptNumber }).click();
    await page.locator('[data-test=receipt-paper]').waitFor();
    expect(page.url()).toContain(`/receipts/${receiptId}`);
    await page.goBack();
    await page.locator('[data-test=day-close]').click();
    await confirmDialog(page);
    await page.locator('[data-test=day-closed]').waitFor();
    expect(await page.locator('[data-test=day-close]').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await calm(page);
    await shot(page, 'cashier-20-day-closed');

    // a closed day's receipt can no longer be voided
    await page.goto(`${baseUrl()}/staff/cashier/receipts/${receiptId}`);
    await page.locator('[data-test=receipt-paper]').waitFor();
    const res = await fetch(`${baseUrl()}/api/receipts/${receiptId}/void`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
      body: JSON.stringify({ reason: 'too late' }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('void_not_allowed');
  });
});

describe('the counter at tablet width and in English', () => {
  it('lays the account out in two columns on a tablet', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const page = await context.newPage();
    await loginAs(page, 'cashier');
    await page.goto(`${baseUrl()}/staff/cashier/units/${unitId}?estateId=${estateId}`);
    await page.locator('[data-test=charges]').waitFor();
    const charges = await page.locator('[data-test=charges]').boundingBox();
    const form = await page.locator('[data-test=pay-form]').boundingBox();
    expect(form!.x).toBeGreaterThan(charges!.x + charges!.width - 1);
    await calm(page);
    await shot(page, 'cashier-21-account-tablet');
    await context.close();
  });

  it('shows the account and a receipt in English', async () => {
    const context = await phone(browser, 'en');
    await context.addInitScript(() => localStorage.setItem('pm.locale', 'en'));
    const page = await context.newPage();
    await loginAs(page, 'cashier');
    await page.goto(`${baseUrl()}/staff/cashier/units/${unitId}?estateId=${estateId}`);
    await page.locator('[data-test=charges]').waitFor();
    expect(await page.locator('[data-test=pay-form]').textContent()).toContain('Method');
    await calm(page);
    await shot(page, 'cashier-22-account-en');
    await page.goto(`${baseUrl()}/staff/cashier/day?estateId=${estateId}`);
    await page.locator('[data-test=day-summary]').waitFor();
    expect(await page.locator('[data-test=day-closed]').textContent()).toContain('Closed');
    await calm(page);
    await shot(page, 'cashier-23-day-en');
    await context.close();
  });
});
