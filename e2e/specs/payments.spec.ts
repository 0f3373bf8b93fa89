/**
 * Online payment 线上缴费 in the built apps, through the sandbox provider (the demo's default), issue 6:
 * 1. 张伟 (13800138000, 翠湖花园 1栋 1-101) opens 缴费, sees the outstanding charges with their explanations,
 *    picks exactly the two oldest, chooses the sandbox, pays on the sandbox cashier page (支付成功), comes back
 *    to the result page — paid — and opens the e-receipt (SK number, the two lines, total and 大写);
 * 2. the API agrees: those two charges are settled, one new receipt, method online, for exactly their sum;
 * 3. the cashier's 日结 screen shows the estate's online payments of the day beside the counter's own, this one
 *    among them, and opens its receipt (no 作废 for an online receipt);
 * 4. 李娜 (13800138001), who binds 2-101 by owner match, cannot read 1-101's account, pay its charges (as
 *    1-101 or slipped into an order of her own unit), follow 张伟's order or open his receipt, and her 缴费
 *    tab shows only 2-101.
 * The specs share one server and run one after another in any order: nothing here assumes which of 1-101's
 * charges other specs (the counter, paid repairs) already collected or added — it reads the account first.
 * Each step leaves a 390×844 screenshot `pay-NN-…`.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWithCookies, type StaffApi, staffApi } from '../api';
import { baseUrl, launch, phone, residentLogin, shot } from '../browser';

interface Paged<T> {
  items: T[];
}
interface ResidentUnit {
  unitId: string;
  number: string;
  buildingName: string;
  estateName: string;
}
interface ResidentAccount {
  unit: { id: string; number: string };
  owed: string;
  prepaid: string;
  charges: { id: string; feeItemName: string; period: string; owed: string; explanation: string; status: string; lockedByOrderId: string | null }[];
  receipts: { id: string }[];
}
interface StaffAccount {
  owed: string;
  charges: { id: string; owed: string; status: string }[];
  receipts: { id: string; number: string; total: string; method: string; status: string }[];
}
interface PaymentOrder {
  id: string;
  outTradeNo: string;
  unitId: string;
  channel: string;
  state: string;
  amount: string;
  chargeIds: string[];
  receiptId: string | null;
}
interface Receipt {
  id: string;
  number: string;
  total: string;
  method: string;
  status: string;
  cashierName: string;
  totalInWords: string;
  lines: { chargeId: string | null; amount: string; kind: string }[];
}
interface Day {
  cashierName: string;
  totals: { count: number; total: string; byMethod: { method: string; count: number; total: string }[] };
  receipts: { id: string; number: string; total: string; method: string; unitNumber: string }[];
}
interface ApiErrorBody {
  error: { code: string };
}

/** Amounts to the fen, exactly (BigInt), and as the apps show them: "1234.5" → "¥1,234.50". */
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

const ZHANG = '13800138000';
const LI = '13800138001';

let browser: Browser;
let cashier: StaffApi;
let estateId: string;
let unit101: string;
let unit2101: string;
/** 张伟's phone, the two charges he pays, his order and its receipt (filled by step 1). */
let zhang: BrowserContext;
let picked: ResidentAccount['charges'];
let accountBefore: StaffAccount;
let order: PaymentOrder;
let receipt: Receipt;

beforeAll(async () => {
  browser = await launch();
  cashier = await staffApi('cashier');
  const estates = await cashier.get<Paged<{ id: string; name: string }>>(`/estates?q=${encodeURIComponent('翠湖花园')}`);
  estateId = estates.items.find((e) => e.name === '翠湖花园')!.id;
  const unit = async (number: string) => (await cashier.get<Paged<{ id: string; number: string }>>(`/units?estateId=${estateId}&q=${number}`)).items.find((u) => u.number === number)!.id;
  unit101 = await unit('1-101');
  unit2101 = await unit('2-101');
});
afterAll(async () => {
  await browser?.close();
});

/** Lets toasts, popups and the "works offline now" note go, so a screenshot shows the screen itself. */
async function settle(page: Page) {
  const ready = page.locator('[data-test=offline-ready]');
  if (await ready.isVisible()) await ready.click();
  await expect.poll(() => page.locator('.van-toast:visible, .van-overlay:visible, [data-test=offline-ready]').count(), { timeout: 6000 }).toBe(0);
}

async function staffLogin(page: Page, username: string) {
  await page.goto(`${baseUrl()}/staff/login`);
  await page.locator('[data-test=login-username] input').fill(username);
  await page.locator('[data-test=login-password] input').fill('demo1234');
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=greeting]').waitFor();
}

/** A charge's row on the 缴费 tab: its period's group, then the row with its fee item and explanation. */
function chargeRow(page: Page, c: ResidentAccount['charges'][number]) {
  return page
    .locator('[data-test=charge-group]')
    .filter({ has: page.locator('[data-test=charge-period]', { hasText: c.period }) })
    .locator('.van-cell')
    .filter({ has: page.getByText(c.feeItemName, { exact: true }) })
    .filter({ has: page.locator('[data-test=charge-explanation]', { hasText: c.explanation }) });
}

describe('a resident pays two bills online through the sandbox', () => {
  it('1. 张伟 picks his two oldest charges, pays on the sandbox cashier and sees the e-receipt', async () => {
    zhang = await phone(browser);
    const page = await zhang.newPage();
    await residentLogin(page, ZHANG);
    accountBefore = await cashier.get<StaffAccount>(`/units/${unit101}/account`);

    await page.locator('[data-test=tab-bills]').click();
    await page.locator('[data-test=bills-page]').waitFor();
    await page.locator('[data-test=charges]').waitFor();
    expect(await page.locator('[data-test=unit-number]').textContent()).toContain('1-101');
    const { status, body: account } = await callWithCookies<ResidentAccount>(zhang, 'GET', `/resident/units/${unit101}/account`);
    expect(status).toBe(200);
    const open = account.charges.filter((c) => c.status === 'open' && c.lockedByOrderId === null);
    expect(open.length).toBeGreaterThanOrEqual(2);
    // what he owes, every open charge with its explanation, grouped by period
    expect(await page.locator('[data-test=account-owed]').textContent()).toBe(formatYuan(account.owed));
    const explanations = await page.locator('[data-test=charge-explanation]').allTextContents();
    expect(explanations).toHaveLength(account.charges.filter((c) => c.status === 'open').length);
    expect(explanations.every((e) => e.trim().length > 0)).toBe(true);
    expect(await page.locator('[data-test=charge-group]').count()).toBe(new Set(open.map((c) => c.period)).size);
    // everything is picked at first
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe(formatYuan(account.owed));
    await settle(page);
    await shot(page, 'pay-01-bills');

    // none, then exactly the two oldest (the account lists them oldest due first)
    await page.locator('[data-test=select-all]').click();
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe('¥0.00');
    picked = open.slice(0, 2);
    for (const c of picked) {
      await expect.poll(() => chargeRow(page, c).count()).toBe(1);
      await chargeRow(page, c).click();
    }
    const total = sumOf(...picked.map((c) => c.owed));
    expect(await page.locator('[data-test=pay-total]').textContent()).toBe(formatYuan(total));
    expect(await page.locator('[data-test=bar-total]').textContent()).toBe(formatYuan(total));
    expect(await page.locator('[data-test=pay-breakdown]').textContent()).toContain('2');
    expect(await page.locator('[data-test=oldest-warning]').count()).toBe(0);
    const words = (await page.locator('[data-test=pay-words]').textContent()) ?? '';
    await page.locator('[data-test=charges]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await settle(page);
    await shot(page, 'pay-02-two-picked');

    await page.locator('[data-test=channel-sandbox]').click();
    await expect.poll(() => page.locator('[data-test=channel-sandbox] .van-radio__icon--checked').count()).toBe(1);
    await page.locator('[data-test=pay-summary]').scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'pay-03-sandbox-channel-total');

    // the app creates the order and the browser goes to the sandbox's cashier page
    await page.locator('[data-test=pay-submit]').click();
    await page.waitForURL(/\/api\/payments\/sandbox\/cashier\?order=/);
    await page.getByRole('button', { name: /支付成功/ }).waitFor();
    // the page shows the amount as "¥164.67": the order's amount is what the server recomputed from the two charges
    expect((await page.locator('.amount').textContent())?.replace(/[¥,\s]/g, '')).toBe(total);
    await shot(page, 'pay-04-sandbox-cashier');

    // 支付成功: the signed notification goes through the WeChat Pay path, then back to the app's result page
    await page.getByRole('button', { name: /支付成功/ }).click();
    await page.waitForURL(/\/resident\/pay\/result\?order=/);
    const orderId = new URL(page.url()).searchParams.get('order')!;
    await page.locator('[data-test=pay-result][data-state=paid]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-test=result-title]').textContent()).toBe('支付成功');
    expect(await page.locator('[data-test=result-amount]').textContent()).toBe(formatYuan(total));
    await settle(page);
    await shot(page, 'pay-05-result-paid');

    const got = await callWithCookies<PaymentOrder>(zhang, 'GET', `/resident/payment-orders/${orderId}`);
    expect(got.status).toBe(200);
    order = got.body;
    expect(order).toMatchObject({ unitId: unit101, channel: 'sandbox', state: 'paid', amount: total });
    expect(order.chargeIds.sort()).toEqual(picked.map((c) => c.id).sort());
    expect(await page.locator('[data-test=result-order-no]').textContent()).toContain(order.outTradeNo);

    // the e-receipt: its number from the estate's sequence, the two lines, the total and 大写
    await page.locator('[data-test=result-receipt]').click();
    await page.locator('[data-test=receipt-paper]').waitFor();
    receipt = await cashier.get<Receipt>(`/receipts/${order.receiptId}`);
    expect(receipt.number).toMatch(/^SK/);
    expect(await page.locator('[data-test=receipt-number]').textContent()).toContain(receipt.number);
    expect(await page.locator('[data-test=receipt-unit]').textContent()).toContain('1-101');
    expect(await page.locator('[data-test=receipt-line]').count()).toBe(2);
    const lineTexts = await page.locator('[data-test=receipt-line]').allTextContents();
    for (const c of picked) expect(lineTexts.some((l) => l.includes(c.feeItemName) && l.includes(c.period) && l.includes(formatYuan(c.owed)))).toBe(true);
    expect(await page.locator('[data-test=receipt-total]').textContent()).toBe(formatYuan(total));
    expect(await page.locator('[data-test=receipt-words]').textContent()).toBe(receipt.totalInWords);
    // the form already said it in capitals, as the server writes them
    expect(words).toContain(receipt.totalInWords);
    expect(await page.locator('[data-test=receipt-method]').textContent()).toBe('线上支付');
    await settle(page);
    await shot(page, 'pay-06-receipt');
  });

  it('2. the API: the two charges settled, one new receipt, online, for exactly their sum', async () => {
    const after = await cashier.get<StaffAccount>(`/units/${unit101}/account`);
    for (const c of picked) {
      const now = after.charges.find((x) => x.id === c.id)!;
      expect(now).toMatchObject({ status: 'settled', owed: '0.00' });
    }
    const total = sumOf(...picked.map((c) => c.owed));
    expect(sumOf(after.owed, total)).toBe(accountBefore.owed);
    const known = new Set(accountBefore.receipts.map((r) => r.id));
    const added = after.receipts.filter((r) => !known.has(r.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ id: receipt.id, number: receipt.number, total, method: 'online', status: 'posted' });
    expect(receipt).toMatchObject({ method: 'online', total, cashierName: '线上支付' });
    expect(receipt.lines.map((l) => l.chargeId).sort()).toEqual(picked.map((c) => c.id).sort());
    // the resident's history lists it too, and the paid order no longer holds its charges
    const history = await callWithCookies<{ items: { receiptId: string; method: string; total: string }[] }>(zhang, 'GET', `/resident/payments?unitId=${unit101}`);
    expect(history.body.items[0]).toMatchObject({ receiptId: receipt.id, method: 'online', total });
    const account = await callWithCookies<ResidentAccount>(zhang, 'GET', `/resident/units/${unit101}/account`);
    expect(account.body.charges.filter((c) => c.lockedByOrderId !== null)).toHaveLength(0);
  });

  it('3. the cashier’s 日结 screen shows the estate’s online payments of the day', async () => {
    const day = await cashier.get<Day>(`/payments/day?estateId=${estateId}`);
    expect(day.cashierName).toBe('线上支付');
    expect(day.receipts.map((r) => r.id)).toContain(receipt.id);
    expect(day.totals.byMethod.find((m) => m.method === 'online')?.count).toBe(day.receipts.length);

    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, 'cashier');
    await page.goto(`${baseUrl()}/staff/cashier/day?estateId=${estateId}`);
    await page.locator('[data-test=day-summary]').waitFor();
    const online = page.locator('[data-test=day-online]');
    await online.locator('[data-test=day-online-total]').waitFor();
    expect(await online.locator('[data-test=day-online-total]').textContent()).toBe(formatYuan(day.totals.total));
    expect(await online.locator('[data-test=day-online-receipt]').count()).toBe(day.receipts.length);
    const row = online.locator('[data-test=day-online-receipt]', { hasText: receipt.number });
    expect(await row.textContent()).toContain('1栋 1-101');
    expect(await row.textContent()).toContain(formatYuan(receipt.total));
    // the cashier's own receipts are not among them, nor the online one among the counter's
    const counter = await cashier.get<Day>(`/cashier/day?estateId=${estateId}`);
    expect(counter.receipts.map((r) => r.id)).not.toContain(receipt.id);
    expect(await page.locator('[data-test=day-receipt]', { hasText: receipt.number }).count()).toBe(0);
    await online.scrollIntoViewIfNeeded();
    await settle(page);
    await shot(page, 'pay-07-cashier-day-online');

    // it opens the same receipt, which the counter cannot void (it goes back by refund)
    await row.click();
    await page.locator('[data-test=receipt-paper]').waitFor();
    expect(page.url()).toContain(`/receipts/${receipt.id}`);
    expect(await page.locator('[data-test=receipt-method]').textContent()).toBe('线上支付');
    expect(await page.locator('[data-test=receipt-total]').textContent()).toBe(formatYuan(receipt.total));
    expect(await page.locator('[data-test=receipt-void]').count()).toBe(0);
    await settle(page);
    await shot(page, 'pay-08-cashier-online-receipt');
    await context.close();
  });

  it('4. 李娜 of 2-101 can neither see nor pay 1-101’s charges', async () => {
    const li = await phone(browser);
    const page = await li.newPage();
    await residentLogin(page, LI);
    // she binds her own flat by owner match (her phone is the owner's on record)
    await page.goto(`${baseUrl()}/resident/bind`);
    await page.locator('[data-test=bind-page]').waitFor();
    await page.locator('[data-test=tab-match]').click();
    await page.locator('[data-test=match-estate]').click();
    await page.locator('[data-test=estate-option]', { hasText: '翠湖花园' }).click();
    await page.locator('[data-test=estate-picker]').waitFor({ state: 'hidden' });
    await page.locator('[data-test=match-building] input').fill('2栋');
    await page.locator('[data-test=match-unit] input').fill('2-101');
    await page.locator('[data-test=match-owner] input').fill('李娜');
    await settle(page);
    await shot(page, 'pay-09-li-bind-by-match');
    await page.locator('[data-test=match-submit]').click();
    await page.locator('[data-test=unit-list]').waitFor();
    expect(await page.locator('[data-test=unit-list]').textContent()).toContain('2-101');
    expect(await page.locator('[data-test=unit-list]').textContent()).not.toContain('1-101');
    await settle(page);
    await shot(page, 'pay-10-li-bound');

    const units = await callWithCookies<{ items: ResidentUnit[] }>(li, 'GET', '/resident/units');
    expect(units.body.items.map((u) => u.unitId)).toEqual([unit2101]);

    // through the API with her cookie: 1-101's account, its charges, 张伟's order and receipt are not there for her
    const account = await callWithCookies<ApiErrorBody>(li, 'GET', `/resident/units/${unit101}/account`);
    expect(account.status).toBe(404);
    const stillOpen = (await cashier.get<StaffAccount>(`/units/${unit101}/account`)).charges.filter((c) => c.status === 'open');
    expect(stillOpen.length).toBeGreaterThan(0);
    const target = stillOpen.slice(0, 2);
    const asOwner = await callWithCookies<ApiErrorBody>(li, 'POST', '/resident/payment-orders', {
      idempotencyKey: randomUUID(),
      unitId: unit101,
      chargeIds: target.map((c) => c.id),
      channel: 'sandbox',
      expectedTotal: sumOf(...target.map((c) => c.owed)),
      returnUrl: '/resident/pay/result',
    });
    expect(asOwner.status).toBe(404);
    // nor slipped into an order for her own unit
    const slipped = await callWithCookies<ApiErrorBody>(li, 'POST', '/resident/payment-orders', {
      idempotencyKey: randomUUID(),
      unitId: unit2101,
      chargeIds: target.map((c) => c.id),
      channel: 'sandbox',
      expectedTotal: sumOf(...target.map((c) => c.owed)),
      returnUrl: '/resident/pay/result',
    });
    expect(slipped.status).toBe(404);
    expect((await callWithCookies(li, 'GET', `/resident/payments?unitId=${unit101}`)).status).toBe(404);
    expect((await callWithCookies(li, 'GET', `/resident/payment-orders/${order.id}`)).status).toBe(404);
    expect((await callWithCookies(li, 'POST', `/resident/payment-orders/${order.id}/close`)).status).toBe(404);
    expect((await callWithCookies(li, 'GET', `/resident/receipts/${receipt.id}`)).status).toBe(404);
    // nothing was opened on 1-101 by any of that
    const after = await cashier.get<{ items: PaymentOrder[] }>(`/payment-orders?unitId=${unit101}`);
    expect(after.items.filter((o) => o.state === 'created' || o.state === 'pending')).toHaveLength(0);

    // her 缴费 tab: 2-101 only, with 2-101's own charges
    await page.goto(`${baseUrl()}/resident/bills`);
    await page.locator('[data-test=bills-page]').waitFor();
    await page.locator('[data-test=account-summary]').waitFor();
    expect(await page.locator('[data-test=unit-number]').textContent()).toContain('2-101');
    expect(await page.locator('[data-test=unit-switch]').count()).toBe(0);
    const own = (await callWithCookies<ResidentAccount>(li, 'GET', `/resident/units/${unit2101}/account`)).body;
    expect(await page.locator('[data-test=account-owed]').textContent()).toBe(formatYuan(own.owed));
    expect(await page.locator('[data-test=charge-explanation]').count()).toBe(own.charges.filter((c) => c.status === 'open').length);
    const seen = new Set(await page.locator('[data-test=charge-explanation]').allTextContents());
    const hers = new Set(own.charges.filter((c) => c.status === 'open').map((c) => c.explanation));
    expect([...seen].every((e) => hers.has(e))).toBe(true);
    await settle(page);
    await shot(page, 'pay-11-li-bills');
    // and her history has none of 张伟's receipts
    await page.locator('[data-test=history-link]').click();
    await page.locator('[data-test=pay-history-page]').waitFor();
    await page.locator('[data-test=history-empty], [data-test=history-item]').first().waitFor();
    expect(await page.locator('[data-test=pay-history-page]').textContent()).not.toContain(receipt.number);
    await settle(page);
    await shot(page, 'pay-12-li-history');
    await li.close();
  });

  it('5. finance reconciles the day: the sandbox’s bill holds 张伟’s payment and matches the ledger', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, 'manager');
    await page.goto(`${baseUrl()}/staff/reports`);
    await page.getByText('线上对账', { exact: true }).first().click();
    await page.waitForURL(/\/staff\/reports\/reconciliation/);
    await page.goto(`${baseUrl()}/staff/reports/reconciliation?day=${day}`);
    await page.locator('[data-test=recon-rerun]').click();
    const run = page.locator('[data-test=run-sandbox]');
    await expect.poll(() => run.locator('[data-test=run-status]').textContent(), { timeout: 20_000 }).toBe('已完成');
    expect(await run.locator('[data-test=run-source]').textContent()).toBe('账单');
    expect(await run.locator('[data-test=run-result]').textContent()).toContain('全部一致');
    await page.locator('[data-test=recon-no-mismatch]').waitFor();
    await settle(page);
    await shot(page, 'pay-13-finance-reconciliation');

    // the same run through the API: the bill listed the payment, and nothing differs
    const manager = await staffApi('manager');
    const report = await manager.get<{ runs: { provider: string; status: string; source: string; summary: Record<string, number> }[]; mismatches: unknown[] }>(
      `/payments/reconciliation?day=${day}`,
    );
    const sandbox = report.runs.find((r) => r.provider === 'sandbox')!;
    expect(sandbox).toMatchObject({ status: 'done', source: 'bill' });
    expect(sandbox.summary.providerPayments).toBeGreaterThanOrEqual(1);
    expect(sandbox.summary.matched).toBe(sandbox.summary.providerPayments);
    expect(report.mismatches).toEqual([]);
    await context.close();
  });
});
