import { flushPromises } from '@vue/test-utils';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, mockFetch } from '../../test/fetch-mock';
import { residentMe } from '../../test/fixtures';
import { mountApp } from '../../test/mount';
import { completedRepair, detail, event, hoursFromNow, noAnswer, notification, ORDER_ID, withDynamicRoutes } from './test-data';

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
const SLOW = { timeout: 10_000 };
const GET = `GET /api/resident/work-orders/${ORDER_ID}`;
const COMMAND = `POST /api/resident/work-orders/${ORDER_ID}/commands`;
const COMMENT = `POST /api/resident/work-orders/${ORDER_ID}/comments`;
const NOTIFICATIONS = { 'GET /api/resident/notifications': { body: { items: [], unread: 0 } } };

// The body is not wiped between tests: Vant's toast lives in a container it made there once and reuses.
beforeEach(() => {
  localStorage.clear();
});
// "Pay" opens the 缴费 tab, whose tab bar measures itself up to 300 ms after mounting — later than the
// shared setup's 250 ms wait before the DOM goes. Wait out the last measurement.
afterAll(() => new Promise((resolve) => setTimeout(resolve, 350)));

async function open(routes: Parameters<typeof mockFetch>[0]) {
  const api = mockFetch({ 'GET /api/resident/me': { body: residentMe() }, ...NOTIFICATIONS, ...routes });
  const app = await mountApp(`/repairs/${ORDER_ID}`);
  await vi.waitFor(() => expect(app.wrapper.find('[data-test="detail-state"]').exists()).toBe(true), SLOW);
  return { api, ...app };
}

const commands = (api: ReturnType<typeof mockFetch>) => api.calls.filter((c) => c.path.endsWith('/commands'));

describe('work order detail', () => {
  it('shows the timeline newest first: who, when, what, with notes and the rating', async () => {
    const o = completedRepair();
    o.events.push(
      event({ id: 'ev-comment', command: 'comment', actorKind: 'resident', actorName: '王女士', at: hoursFromNow(-0.5), note: '师傅辛苦了' }),
    );
    const { wrapper } = await open({ [GET]: { body: o } });

    const items = wrapper.findAll('[data-test="timeline-item"]');
    expect(items.map((i) => i.get('[data-test="timeline-title"]').text())).toEqual(['留言', '维修完成', '师傅已接单', '已派单', '提交工单']);
    expect(items.map((i) => i.get('[data-test="timeline-who"]').text())).toEqual([
      '住户 · 王女士',
      '维修师傅 · 张师傅',
      '维修师傅 · 张师傅',
      '客服 · 李客服',
      '住户 · 王女士',
    ]);
    expect(items[0]!.get('[data-test="timeline-note"]').text()).toBe('师傅辛苦了');
    expect(items[1]!.get('[data-test="timeline-note"]').text()).toBe('更换下水管密封圈，试水无渗漏');
    expect(items[0]!.get('[data-test="timeline-time"]').text()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已完工待评价');
    expect(wrapper.get('[data-test="detail-hint"]').text()).toBe('已处理完毕，请您评价');
    wrapper.unmount();
  });

  it('survey "fixed": the order closes and thanks the resident', async () => {
    const closed = completedRepair({
      state: 'closed',
      allowed: ['reopen'],
      survey: { satisfaction: 5, fixed: true, comment: '很及时', channel: 'app', answeredAt: hoursFromNow(0), recordedBy: null },
      closeReason: 'survey',
    });
    const { wrapper, api } = await open({ [GET]: { body: completedRepair() }, [COMMAND]: { body: closed } });

    // Nothing chosen: nothing sent.
    await wrapper.get('[data-test="survey-submit"]').trigger('click');
    expect(wrapper.get('[data-test="survey-error"]').text()).toBe('请为本次服务打分');
    await wrapper.findAll('[data-test="survey-rate"] .van-rate__item')[4]!.trigger('click');
    expect(wrapper.get('[data-test="survey-star-text"]').text()).toBe('非常满意');
    await wrapper.get('[data-test="survey-submit"]').trigger('click');
    expect(wrapper.get('[data-test="survey-error"]').text()).toBe('请选择问题是否解决');
    expect(commands(api)).toHaveLength(0);

    await wrapper.get('[data-test="survey-fixed"]').trigger('click');
    expect(wrapper.find('[data-test="survey-not-fixed-hint"]').exists()).toBe(false);
    await wrapper.get('[data-test="survey-comment"] textarea').setValue(' 很及时 ');
    await wrapper.get('[data-test="survey-submit"]').trigger('click');
    await flushPromises();

    expect(commands(api)).toHaveLength(1);
    expect(commands(api)[0]!.body).toEqual({
      id: expect.any(String),
      command: 'answer_survey',
      input: { satisfaction: 5, fixed: true, comment: '很及时' },
    });
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已完成');
    expect(wrapper.find('[data-test="survey-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="survey-answer"]').text()).toContain('很及时');
    expect(document.body.textContent).toContain('感谢您的评价');
    // Closed: reopening within the window is a separate button now.
    expect(wrapper.find('[data-test="reopen"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('survey "not fixed": it reopens and says so', async () => {
    const reopened = completedRepair({
      state: 'submitted',
      reopenCount: 1,
      completedAt: null,
      completionNotes: null,
      allowed: ['cancel'],
      sla: { response: 'met', completion: 'overdue' },
      completeDueAt: hoursFromNow(-2),
    });
    reopened.events.push(
      event({ id: 'ev-survey', command: 'answer_survey', fromState: 'completed', toState: 'submitted', at: hoursFromNow(0), note: '还在漏', data: { satisfaction: 2, fixed: false } }),
    );
    const { wrapper, api } = await open({ [GET]: { body: completedRepair() }, [COMMAND]: { body: reopened } });

    await wrapper.findAll('[data-test="survey-rate"] .van-rate__item')[1]!.trigger('click');
    await wrapper.get('[data-test="survey-not-fixed"]').trigger('click');
    expect(wrapper.get('[data-test="survey-not-fixed-hint"]').text()).toBe('选择“未解决”后，工单将重新提交处理');
    await wrapper.get('[data-test="survey-comment"] textarea').setValue('还在漏');
    await wrapper.get('[data-test="survey-submit"]').trigger('click');
    await flushPromises();

    expect(commands(api)[0]!.body).toMatchObject({ command: 'answer_survey', input: { satisfaction: 2, fixed: false, comment: '还在漏' } });
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已提交');
    expect(wrapper.get('[data-test="reopened-banner"]').text()).toBe('您反馈问题未解决，正在重新处理（第 1 次）');
    expect(wrapper.get('[data-test="detail-hint"]').text()).toBe('已超过预计完成时间，正在加急处理');
    expect(document.body.textContent).toContain('已收到反馈，工单已重新提交处理');
    const latest = wrapper.findAll('[data-test="timeline-item"]')[0]!;
    expect(latest.get('[data-test="timeline-title"]').text()).toBe('完成评价');
    expect(latest.text()).toContain('未解决');
    wrapper.unmount();
  });

  it('reopens a closed order within the window, with the reason required', async () => {
    const closed = completedRepair({
      state: 'closed',
      allowed: ['reopen'],
      closeReason: 'survey',
      survey: { satisfaction: 4, fixed: true, comment: null, channel: 'app', answeredAt: hoursFromNow(-30), recordedBy: null },
    });
    const redo = completedRepair({ state: 'submitted', reopenCount: 1, completedAt: null, allowed: ['cancel'] });
    const { wrapper, api } = await open({ [GET]: { body: closed }, [COMMAND]: { body: redo } });
    expect(wrapper.find('[data-test="survey-form"]').exists()).toBe(false);
    await wrapper.get('[data-test="reopen"]').trigger('click');
    await flushPromises();
    (document.querySelector('[data-test="reason-confirm"]') as HTMLElement).click();
    await flushPromises();
    expect(document.body.textContent).toContain('请描述仍然存在的问题');
    expect(commands(api)).toHaveLength(0);
    const reason = document.querySelector<HTMLTextAreaElement>('[data-test="reason-text"] textarea')!;
    reason.value = '又开始漏水了';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    (document.querySelector('[data-test="reason-confirm"]') as HTMLElement).click();
    await flushPromises();
    expect(commands(api)[0]!.body).toEqual({ id: expect.any(String), command: 'reopen', input: { reason: '又开始漏水了' } });
    expect(wrapper.get('[data-test="reopened-banner"]').text()).toContain('第 1 次');
    expect(wrapper.find('[data-test="reopen"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('offers cancel only when the server allows it, and sends the chosen reason once', async () => {
    const accepted = detail({ state: 'accepted', respondedAt: hoursFromNow(-0.2), allowed: [] });
    const { wrapper: late } = await open({ [GET]: { body: accepted } });
    expect(late.get('[data-test="detail-state"]').text()).toBe('师傅已接单');
    expect(late.find('[data-test="cancel"]').exists()).toBe(false);
    late.unmount();
    // The server's `allowed` decides, not the state seen here (e.g. someone else in the unit filed it).
    const { wrapper: notMine } = await open({ [GET]: { body: detail({ allowed: [] }) } });
    expect(notMine.get('[data-test="detail-state"]').text()).toBe('已提交');
    expect(notMine.find('[data-test="cancel"]').exists()).toBe(false);
    notMine.unmount();

    const cancelled = detail({ state: 'cancelled', allowed: [], cancelReason: '问题已自行解决' });
    const { wrapper, api } = await open({ [GET]: { body: detail() } });
    expect(wrapper.get('[data-test="detail-hint"]').text()).toBe('预计 2 小时内响应');
    let tries = 0;
    withDynamicRoutes(api)((method, path) => {
      if (`${method} ${path}` !== COMMAND) return null;
      if (++tries === 1) noAnswer();
      return { body: cancelled };
    });
    await wrapper.get('[data-test="cancel"]').trigger('click');
    await flushPromises();
    const presets = [...document.querySelectorAll<HTMLElement>('[data-test="reason-preset"]')];
    expect(presets.map((p) => p.textContent?.trim())).toEqual(['问题已自行解决', '信息填写有误，将重新提交', '时间不方便']);
    (document.querySelector('[data-test="reason-confirm"]') as HTMLElement).click();
    await flushPromises();
    // No answer: still there, and the retry carries the same command id.
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已提交');
    (document.querySelector('[data-test="reason-confirm"]') as HTMLElement).click();
    await flushPromises();
    const sent = commands(api);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toEqual({ id: expect.any(String), command: 'cancel', input: { reason: '问题已自行解决' } });
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已取消');
    expect(wrapper.find('[data-test="cancel"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('reloads when the order moved on before the cancel arrived', async () => {
    const accepted = detail({ state: 'accepted', respondedAt: hoursFromNow(-0.1), allowed: [] });
    const { wrapper, api } = await open({
      [GET]: [{ body: detail() }, { body: accepted }],
      [COMMAND]: apiError(409, 'invalid_transition', 'x', { state: 'accepted', reason: 'wrong_state' }),
    });
    await wrapper.get('[data-test="cancel"]').trigger('click');
    await flushPromises();
    (document.querySelector('[data-test="reason-other"]') as HTMLElement).click();
    await flushPromises();
    (document.querySelector('[data-test="reason-confirm"]') as HTMLElement).click();
    await flushPromises();
    expect(commands(api)).toHaveLength(1);
    expect(commands(api)[0]!.body).toMatchObject({ command: 'cancel', input: {} });
    expect(document.body.textContent).toContain('工单状态已变化，已为您刷新');
    await vi.waitFor(() => expect(wrapper.get('[data-test="detail-state"]').text()).toBe('师傅已接单'), SLOW);
    expect(wrapper.find('[data-test="cancel"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('adds a comment to the timeline, and reads the order\'s notifications', async () => {
    const withComment = detail({
      events: [detail().events[0]!, event({ id: 'ev-c', command: 'comment', at: hoursFromNow(0), note: '下午三点后在家' })],
    });
    const { wrapper, api } = await open({
      [GET]: { body: detail() },
      [COMMENT]: { body: withComment },
      'GET /api/resident/notifications': { body: { items: [notification(), notification({ id: 'n-2', workOrderId: 'other' })], unread: 2 } },
      'POST /api/resident/notifications/read': { body: { items: [], unread: 1 } },
    });
    await vi.waitFor(() => expect(api.calls.some((c) => c.path === '/api/resident/notifications/read')).toBe(true), SLOW);
    expect(api.calls.find((c) => c.path === '/api/resident/notifications/read')!.body).toEqual({ ids: [notification().id] });

    await wrapper.get('[data-test="comment-text"] textarea').setValue(' 下午三点后在家 ');
    await wrapper.get('[data-test="comment-send"]').trigger('click');
    await flushPromises();
    expect(api.calls.find((c) => c.path.endsWith('/comments'))!.body).toEqual({ id: expect.any(String), text: '下午三点后在家' });
    const first = wrapper.findAll('[data-test="timeline-item"]')[0]!;
    expect(first.get('[data-test="timeline-title"]').text()).toBe('留言');
    expect(first.get('[data-test="timeline-note"]').text()).toBe('下午三点后在家');
    expect((wrapper.get('[data-test="comment-text"] textarea').element as HTMLTextAreaElement).value).toBe('');
    wrapper.unmount();
  });

  it('paid work shows its charge and what is owed, with a way to the 缴费 tab', async () => {
    const paid = completedRepair({ kind: 'paid_service', chargeAmount: '101.00', chargeOwed: '101.00', chargeId: 'c0000000-0000-4000-8000-000000000001' });
    const { wrapper, router } = await open({ [GET]: { body: paid }, 'GET /api/resident/units': { body: { items: [] } } });
    expect(wrapper.get('[data-test="charge-amount"]').text()).toBe('¥101.00');
    expect(wrapper.get('[data-test="charge-owed"]').text()).toBe('待支付 ¥101.00');
    await wrapper.get('[data-test="pay-now"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('bills'), SLOW);
    wrapper.unmount();

    const settled = completedRepair({ kind: 'paid_service', chargeAmount: '101.00', chargeOwed: '0.00' });
    const { wrapper: again } = await open({ [GET]: { body: settled } });
    expect(again.get('[data-test="charge-paid"]').text()).toBe('已支付');
    expect(again.find('[data-test="pay-now"]').exists()).toBe(false);
    again.unmount();
  });
});
