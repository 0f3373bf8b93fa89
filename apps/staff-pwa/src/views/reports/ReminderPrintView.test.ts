import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ReminderPrintView from './ReminderPrintView.vue';
import { ESTATE, letVantSettle, makeNotices, reminder, SERVICE_PERMISSIONS, UNIT_2, UNIT_ID } from './test-data';

const ME = () => json(200, makeMe({ permissions: [...SERVICE_PERMISSIONS] as never }));
const QUERY = `?nodeId=${ESTATE.id}&minDays=30&asOf=2026-10-31&payBy=2026-11-15`;

let mounted: VueWrapper | null = null;
async function mountPrint() {
  const { wrapper, router } = await mountAt(`/reminders/print${QUERY}`, ReminderPrintView);
  mounted = wrapper;
  await settle(15);
  return { wrapper, router };
}

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}

/** The reminders API: stores by id like the server (the same id again → the stored one). */
function reminderServer(failFor: Set<string>) {
  const stored = new Map<string, ReturnType<typeof reminder>>();
  return (c: RecordedCall) => {
    const unitId = c.path.split('/')[3]!;
    if (failFor.has(unitId)) networkDown();
    const body = c.body as { id: string; kind: 'notice'; note: string };
    const r = stored.get(body.id) ?? reminder(body.id, { unitId, kind: body.kind, note: body.note });
    stored.set(body.id, r);
    return json(200, r);
  };
}

describe('ReminderPrintView', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '';
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('lays out one notice per A5 page with its charges and the legal note, and prints', async () => {
    const { calls } = mockFetch({ 'GET /api/me': ME, 'POST /api/reports/reminders/notices': () => json(200, makeNotices({ pageSize: 500 })) });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { wrapper } = await mountPrint();

    expect(calls.find((c) => c.path === '/api/reports/reminders/notices')?.body).toEqual({
      nodeId: ESTATE.id,
      minDays: 30,
      asOf: '2026-10-31',
      payBy: '2026-11-15',
      page: 1,
      pageSize: 500,
    });
    const notices = wrapper.findAll('[data-test="notice"]');
    expect(notices).toHaveLength(2);
    const first = notices[0]!;
    expect(first.text()).toContain('催缴通知书');
    expect(first.text()).toContain('尊敬的张伟 业主/住户');
    expect(first.text()).toContain('不会以停水停电方式催缴');
    expect(first.findAll('[data-test="notice-charge"]')).toHaveLength(2);
    expect(first.get('[data-test="notice-total"]').text()).toBe('¥420.24');
    // the table sits before the issuer and the date
    const html = first.html();
    expect(html.indexOf('notice-total')).toBeLessThan(html.indexOf('翠湖花园物业服务中心'));
    expect(notices[1]!.get('[data-test="notice-total"]').text()).toBe('¥0.30');
    expect(wrapper.get('[data-test="legal-note"]').text()).toContain('第九百四十四条');

    expect(document.documentElement.classList.contains('pm-print-notices')).toBe(true);
    expect(document.head.querySelector('style[data-pm="notices-page"]')?.textContent).toContain('A5');
    await wrapper.get('[data-test="print-print"]').trigger('click');
    expect(print).toHaveBeenCalledTimes(1);

    mounted?.unmount();
    mounted = null;
    expect(document.documentElement.classList.contains('pm-print-notices')).toBe(false);
    expect(document.head.querySelector('style[data-pm="notices-page"]')).toBeNull();
  });

  it('records a notice reminder per unit, and a retry sends the same ids so nothing doubles', async () => {
    const failFor = new Set([UNIT_2]);
    const { calls } = mockFetch({
      'GET /api/me': ME,
      'POST /api/reports/reminders/notices': () => json(200, makeNotices({ pageSize: 500 })),
      [`POST /api/units/${UNIT_ID}/reminders`]: reminderServer(failFor),
      [`POST /api/units/${UNIT_2}/reminders`]: reminderServer(failFor),
    });
    const { wrapper } = await mountPrint();
    const posts = () => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reminders'));

    await wrapper.get('[data-test="print-deliver"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('将为 2 户各登记一条「书面通知」催缴记录');
    confirmInBody();
    await settle(15);
    expect(posts()).toHaveLength(2);
    const firstIds = new Map(posts().map((c) => [c.path, (c.body as { id: string }).id]));
    for (const c of posts()) expect(c.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'notice', note: '已送达催缴通知书，缴费期限 2026-11-15' });
    expect(wrapper.get('[data-test="print-progress"]').text()).toBe('已登记 1 / 2 户');
    expect(wrapper.get('[data-test="print-failures"]').text()).toContain('1栋 1-102');
    expect(wrapper.findAll('[data-test="notice-delivered"]')).toHaveLength(1);

    // the network is back: only the failed unit again, with the id it had
    failFor.clear();
    await wrapper.get('[data-test="print-deliver"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(15);
    expect(posts()).toHaveLength(3);
    const retry = posts()[2]!;
    expect(retry.path).toBe(`/api/units/${UNIT_2}/reminders`);
    expect((retry.body as { id: string }).id).toBe(firstIds.get(`/api/units/${UNIT_2}/reminders`));
    expect(wrapper.find('[data-test="print-failures"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="print-deliver"]').text()).toBe('已全部登记送达');
    expect(wrapper.get('[data-test="print-deliver"]').attributes('disabled')).toBeDefined();

    // opened again later (a reload): the batch is known as delivered, nothing is sent
    mounted?.unmount();
    const again = await mountPrint();
    expect(again.wrapper.findAll('[data-test="notice-delivered"]')).toHaveLength(2);
    expect(again.wrapper.get('[data-test="print-deliver"]').attributes('disabled')).toBeDefined();
    expect(posts()).toHaveLength(3);
  });
});
