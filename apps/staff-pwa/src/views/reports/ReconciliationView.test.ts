import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../router';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ReconciliationView from './ReconciliationView.vue';
import { ALIPAY_RUN, letVantSettle, MANAGER_PERMISSIONS, makeReconciliation, reconciliationRun, SERVICE_PERMISSIONS } from './test-data';

const ME = (permissions: readonly string[] = MANAGER_PERMISSIONS) => () => json(200, makeMe({ permissions: [...permissions] as never }));
/** 10:30 in Beijing on 2026-11-01: yesterday is 2026-10-31. */
const NOW = new Date('2026-11-01T02:30:00.000Z');

let mounted: VueWrapper | null = null;
async function mountReconciliation(query = '') {
  const { wrapper, router } = await mountAt(`/reports/reconciliation${query}`, ReconciliationView);
  mounted = wrapper;
  await settle(10);
  return { wrapper, router };
}

const toast = () => document.body.querySelector('.van-toast')?.textContent ?? '';
const texts = (wrapper: VueWrapper, selector: string) => wrapper.findAll(selector).map((w) => w.text());

describe('ReconciliationView', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
    vi.useRealTimers();
  });

  it('shows yesterday’s runs per provider and the mismatches by kind, each saying what to do', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME(), 'GET /api/payments/reconciliation': () => json(200, makeReconciliation()) });
    const { wrapper } = await mountReconciliation();

    const asked = calls.filter((c) => c.path === '/api/payments/reconciliation');
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(asked[0]!.query)).toEqual({ day: '2026-10-31' });
    expect(wrapper.get<HTMLInputElement>('[data-test="recon-day"] input').element.value).toBe('2026-10-31');

    // WeChat Pay first (the providers' order, not the answer's), its figures in words
    expect(texts(wrapper, '[data-test="run-provider"]')).toEqual(['微信支付', '支付宝']);
    const wechat = wrapper.get('[data-test="run-wechatpay"]');
    expect(wechat.get('[data-test="run-source"]').text()).toBe('账单');
    expect(wechat.get('[data-test="run-status"]').text()).toBe('已完成');
    expect(wechat.get('[data-test="run-status"]').html()).toContain('van-tag--success');
    expect(wechat.get('[data-test="run-result"]').text()).toBe('4 条差异');
    expect(wechat.text()).toContain('对账时间 2026-11-01 10:05');
    expect(wechat.get('[data-test="figure-providerPayments"]').text()).toBe('渠道收款128 笔');
    expect(wechat.get('[data-test="figure-paidHere"]').text()).toBe('本系统收款127 笔');
    expect(wechat.get('[data-test="figure-matched"]').text()).toBe('核对一致126 笔');
    expect(wechat.get('[data-test="figure-mismatches"] dd').classes()).toContain('pm-figure--bad');
    expect(wechat.find('[data-test="run-error"]').exists()).toBe(false);

    // Alipay waits for its bill: said in one line, only the figures it has, not an error
    const alipay = wrapper.get('[data-test="run-alipay"]');
    expect(alipay.get('[data-test="run-status"]').text()).toBe('等待账单');
    expect(alipay.get('[data-test="run-status"]').html()).toContain('van-tag--warning');
    expect(alipay.get('[data-test="run-waiting"]').text()).toContain('系统会自动重试');
    expect(alipay.find('[data-test="run-error"]').exists()).toBe(false);
    expect(alipay.find('[data-test="run-result"]').exists()).toBe(false);
    expect(alipay.findAll('.pm-figure').map((f) => f.attributes('data-test'))).toEqual(['figure-openQueried', 'figure-appliedFromQuery']);

    // mismatches grouped in the order finance works through them, not the API's alphabetical one
    expect(texts(wrapper, '[data-test="mismatch-kind"]')).toEqual(['本系统无此订单（1）', '金额不一致（1）', '收据与账目不符（1）', '本系统无此退款（1）']);
    const missing = wrapper.get('[data-test="mismatch-group-missing_order"]');
    expect(missing.get('[data-test="mismatch-hint"]').text()).toContain('从未生成这个订单号');
    expect(missing.get('[data-test="mismatch-order"]').text()).toBe('PM20261031UNKNOWN00001');
    expect(missing.get('[data-test="mismatch-where"]').text()).toBe('未对应到项目 · 微信支付');
    expect(missing.get('[data-test="mismatch-amounts"]').text()).toBe('渠道 ¥3,353.94 · 账面 无');

    const amount = wrapper.get('[data-test="mismatch-group-amount_mismatch"]');
    expect(amount.get('[data-test="mismatch-where"]').text()).toBe('翠湖花园 · 微信支付');
    expect(amount.get('[data-test="mismatch-amounts"]').text()).toBe('渠道 ¥210.12 · 账面 ¥210.02');
    expect(amount.text()).toContain('交易号 4200002718202610318812345678');

    // a ledger mismatch compares the order with what was booked
    const ledger = wrapper.get('[data-test="mismatch-group-ledger_mismatch"]');
    expect(ledger.get('[data-test="mismatch-where"]').text()).toBe('锦绣家园 · 微信支付');
    expect(ledger.get('[data-test="mismatch-amounts"]').text()).toBe('订单 ¥1,234.50 · 入账 ¥0.00');
    expect(ledger.get('[data-test="mismatch-hint"]').text()).toContain('收据或入账合计与订单金额不符');

    expect(wrapper.get('[data-test="mismatch-group-refund_unknown"]').text()).toContain('退款单号 RF20261031000001');
    expect(wrapper.find('[data-test="recon-no-mismatch"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="recon-no-trade"]').exists()).toBe(false);
  });

  it('reconciles the day again: posts it, stays disabled meanwhile, and shows the new answer', async () => {
    let answer: (r: Response) => void = () => {};
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      'GET /api/payments/reconciliation': () => json(200, makeReconciliation({ day: '2026-10-15' })),
      'POST /api/payments/reconciliation': () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    const { wrapper } = await mountReconciliation('?day=2026-10-15');
    expect(calls.find((c) => c.path === '/api/payments/reconciliation')!.query.get('day')).toBe('2026-10-15');

    await wrapper.get('[data-test="recon-rerun"]').trigger('click');
    await settle(5);
    const button = wrapper.get('[data-test="recon-rerun"]');
    expect(button.classes()).toContain('van-button--loading');
    await button.trigger('click');
    await settle(5);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ day: '2026-10-15' });

    // Alipay's bill has come: both done, nothing left over
    const done = { providerPayments: 40, providerRefunds: 0, paidHere: 40, matched: 40, mismatches: 0, openQueried: 0, appliedFromQuery: 0, appliedNow: 0 };
    answer(
      json(200, {
        day: '2026-10-15',
        runs: [reconciliationRun({ day: '2026-10-15', summary: done }), reconciliationRun({ id: ALIPAY_RUN, provider: 'alipay', day: '2026-10-15', summary: done })],
        mismatches: [],
      }),
    );
    await settle(10);
    expect(wrapper.get('[data-test="recon-rerun"]').classes()).not.toContain('van-button--loading');
    expect(texts(wrapper, '[data-test="run-status"]')).toEqual(['已完成', '已完成']);
    expect(texts(wrapper, '[data-test="run-result"]')).toEqual(['全部一致', '全部一致']);
    expect(wrapper.find('[data-test="mismatch-row"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="recon-no-mismatch"]').text()).toBe('未发现差异。');
    expect(toast()).toContain('已重新对账');
    // the answer came with the POST: nothing asked again
    expect(calls.filter((c) => c.path === '/api/payments/reconciliation' && c.method === 'GET')).toHaveLength(1);
  });

  it('says why a re-run was refused, keeping what was shown', async () => {
    mockFetch({
      'GET /api/me': ME(),
      'GET /api/payments/reconciliation': () => json(200, makeReconciliation()),
      'POST /api/payments/reconciliation': () => apiError(400, 'validation_failed', '不能对未来的日期对账 Not a past or current day', [{ path: 'day', message: 'in the future' }]),
    });
    const { wrapper } = await mountReconciliation();
    await wrapper.get('[data-test="recon-rerun"]').trigger('click');
    await settle(10);
    expect(toast()).toContain('不能对未来的日期对账');
    expect(wrapper.findAll('[data-test="mismatch-row"]')).toHaveLength(4);
    expect(wrapper.get('[data-test="recon-rerun"]').classes()).not.toContain('van-button--loading');
  });

  it('says when a day has no runs yet, and when it had no online trade', async () => {
    let body = makeReconciliation({ day: '2026-10-20', runs: [], mismatches: [] });
    mockFetch({ 'GET /api/me': ME(), 'GET /api/payments/reconciliation': () => json(200, body) });
    const { wrapper, router } = await mountReconciliation('?day=2026-10-20');
    expect(wrapper.get('[data-test="recon-no-runs"]').text()).toContain('该日还没有对账');
    expect(wrapper.find('[data-test="run-status"]').exists()).toBe(false);

    const zero = { providerPayments: 0, providerRefunds: 0, paidHere: 0, matched: 0, mismatches: 0, openQueried: 0, appliedFromQuery: 0, appliedNow: 0 };
    body = makeReconciliation({
      day: '2026-10-21',
      runs: [reconciliationRun({ day: '2026-10-21', summary: zero }), reconciliationRun({ id: ALIPAY_RUN, provider: 'alipay', day: '2026-10-21', summary: zero })],
      mismatches: [],
    });
    await router.replace({ name: 'reports-reconciliation', query: { day: '2026-10-21' } });
    await settle(10);
    expect(wrapper.find('[data-test="recon-no-runs"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="recon-no-trade"]').text()).toBe('该日无线上交易。');
    expect(wrapper.find('[data-test="recon-no-mismatch"]').exists()).toBe(false);
  });

  it('shows why a run failed, and why the day could not be loaded', async () => {
    let fail = true;
    mockFetch({
      'GET /api/me': ME(),
      'GET /api/payments/reconciliation': () =>
        fail
          ? apiError(403, 'forbidden', '没有权限')
          : json(200, makeReconciliation({ runs: [reconciliationRun({ status: 'failed', summary: null, error: 'download bill: HTTP 500 SYSTEM_ERROR' })], mismatches: [] })),
    });
    const { wrapper } = await mountReconciliation();
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('没有权限');

    fail = false;
    await wrapper.get('[data-test="load-error"] button').trigger('click');
    await settle(10);
    const run = wrapper.get(`[data-test="run-wechatpay"]`);
    expect(run.get('[data-test="run-status"]').text()).toBe('失败');
    expect(run.get('[data-test="run-status"]').html()).toContain('van-tag--danger');
    expect(run.get('[data-test="run-error"]').text()).toBe('对账未完成：download bill: HTTP 500 SYSTEM_ERROR');
    expect(run.find('.pm-figure').exists()).toBe(false);
    // a failed run says nothing about mismatches
    expect(wrapper.find('[data-test="recon-no-mismatch"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="recon-no-trade"]').exists()).toBe(false);
  });

  it('speaks English', async () => {
    localStorage.setItem('pm.locale', 'en');
    mockFetch({
      'GET /api/me': ME(),
      'GET /api/payments/reconciliation': () =>
        json(200, makeReconciliation({ runs: [reconciliationRun({ source: 'query', provider: 'sandbox' }), reconciliationRun({ id: ALIPAY_RUN, provider: 'alipay', status: 'waiting', summary: null })] })),
    });
    const { wrapper } = await mountReconciliation();
    expect(texts(wrapper, '[data-test="run-provider"]')).toEqual(['Alipay', 'Sandbox']);
    expect(texts(wrapper, '[data-test="run-status"]')).toEqual(['Waiting for the bill', 'Done']);
    expect(wrapper.get('[data-test="run-source"]').text()).toBe('Bill');
    expect(wrapper.get('[data-test="run-sandbox"] [data-test="run-source"]').text()).toBe('Order by order');
    expect(wrapper.get('[data-test="run-alipay"] [data-test="run-waiting"]').text()).toContain('retries by itself');
    expect(wrapper.get('[data-test="figure-providerPayments"]').text()).toBe('Provider payments128');
    expect(wrapper.get('[data-test="run-result"]').text()).toBe('Mismatches: 4');
    expect(texts(wrapper, '[data-test="mismatch-kind"]')[0]).toBe('Order not issued by us (1)');
    expect(wrapper.get('[data-test="mismatch-group-missing_order"] [data-test="mismatch-amounts"]').text()).toBe('Provider ¥3,353.94 · Books none');
    expect(wrapper.get('[data-test="mismatch-group-ledger_mismatch"] [data-test="mismatch-amounts"]').text()).toBe('Order ¥1,234.50 · Booked ¥0.00');
    expect(wrapper.get('[data-test="mismatch-group-missing_order"] [data-test="mismatch-where"]').text()).toBe('No estate · Sandbox');
    expect(wrapper.get('[data-test="recon-rerun"]').text()).toBe('Reconcile again');
  });

  it('is for report:read only', async () => {
    setActivePinia(createPinia());
    mockFetch({ 'GET /api/me': ME(SERVICE_PERMISSIONS) });
    const router = createAppRouter(createMemoryHistory('/staff/'));
    await router.push('/reports/reconciliation');
    expect(router.currentRoute.value.name).toBe('forbidden');
  });
});
