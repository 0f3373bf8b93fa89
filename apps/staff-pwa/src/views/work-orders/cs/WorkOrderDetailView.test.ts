import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch, networkDown, type RecordedCall } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import { CS_PERMISSIONS, ESTATE, FORMS, letVantSettle, makeBoard, makeDetail, makeEvent, makeSettings, ORDER_ID, TECH_A } from './test-data';
import WorkOrderDetailView from './WorkOrderDetailView.vue';

type Handler = (c: RecordedCall) => Response;

function routes(detail = makeDetail(), extra: Record<string, Handler> = {}) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...CS_PERMISSIONS] as never })),
    [`GET /api/work-orders/${ORDER_ID}`]: () => json(200, detail),
    'GET /api/work-orders/board': () => json(200, makeBoard()),
    [`GET /api/work-order-settings/${ESTATE.id}`]: () => json(200, makeSettings()),
    ...extra,
  });
}

const one = (selector: string) => {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const type = async (selector: string, value: string) => {
  const el = one(`${selector} textarea, ${selector} input`) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await settle(2);
};

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

async function open(detail = makeDetail(), extra: Record<string, Handler> = {}) {
  const mock = routes(detail, extra);
  const { wrapper, router } = await mountAt(`/work-orders/${ORDER_ID}`, WorkOrderDetailView, { workOrderId: ORDER_ID });
  mounted = wrapper;
  await settle(10);
  return { ...mock, wrapper, router };
}

describe('WorkOrderDetailView (工单详情)', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
  });

  it('shows every field, the photos and the timeline with the phone’s time beside a late sync', async () => {
    const detail = makeDetail({
      state: 'completed',
      assigneeId: TECH_A.id,
      assigneeName: '李师傅',
      assignedVia: 'dispatch',
      completionNotes: '更换阀芯',
      materials: [{ name: '阀芯', quantity: '1.000', unit: '个' }],
      labourMinutes: 45,
      chargeAmount: '35.50',
      completedAt: '2025-03-01T03:00:00.000Z',
      photos: {
        report: [{ id: 'r1', url: '/api/work-order-photos/r1' }],
        completion: [
          { id: 'c1', url: '/api/work-order-photos/c1' },
          { id: 'c2', url: '/api/work-order-photos/c2' },
        ],
      },
      events: [
        makeEvent(),
        makeEvent({ id: 'e2', command: 'dispatch', fromState: 'submitted', toState: 'assigned', data: { assigneeName: '李师傅' }, at: '2025-03-01T01:10:00.000Z', receivedAt: '2025-03-01T01:10:00.000Z' }),
        // done offline in a basement at 10:40 Beijing, synced at 11:05
        makeEvent({ id: 'e3', command: 'complete', fromState: 'in_progress', toState: 'completed', actorKind: 'technician', actorName: '李师傅', at: '2025-03-01T02:40:00.000Z', receivedAt: '2025-03-01T03:05:00.000Z', note: '更换阀芯' }),
      ],
      allowed: ['answer_survey', 'reopen', 'edit'],
      forms: { answer_survey: FORMS.answer_survey, reopen: FORMS.reopen, edit: { requires: [], requiresAnyOf: ['contactName', 'contactPhone'], accepts: ['contactName', 'contactPhone'] } },
    });
    const { wrapper } = await open(detail);

    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已完工待回访');
    const fact = (k: string) => wrapper.get(`[data-test="fact-${k}"]`).text();
    expect(fact('number')).toContain('GD2503010001');
    expect(fact('location')).toContain('户内 · 1栋 1-101');
    expect(fact('reporter')).toContain('张伟（客服）');
    expect(wrapper.get('[data-test="fact-contactPhone"] a').attributes('href')).toBe('tel:13800001111');
    expect(fact('assignee')).toContain('李师傅（派单）');
    expect(fact('materials')).toContain('阀芯 × 1个');
    expect(fact('labour')).toContain('45 分钟');
    expect(fact('charge')).toContain('¥35.50');
    expect(wrapper.findAll('[data-test="photos-report"] [data-test="photo"]')).toHaveLength(1);
    expect(wrapper.findAll('[data-test="photos-completion"] [data-test="photo"]')).toHaveLength(2);

    const events = wrapper.findAll('[data-test="event"]');
    expect(events.map((e) => e.attributes('data-command'))).toEqual(['complete', 'dispatch', 'submit']);
    expect(events[0]!.get('[data-test="event-when"]').text()).toBe('手机时间 2025-03-01 10:40 · 同步于 2025-03-01 11:05');
    expect(events[0]!.get('[data-test="event-who"]').text()).toContain('维修工 · 李师傅');
    expect(events[0]!.get('[data-test="event-move"]').text()).toBe('处理中 → 已完工待回访');
    expect(events[0]!.get('[data-test="event-note"]').text()).toBe('更换阀芯');
    expect(events[1]!.get('[data-test="event-when"]').text()).toBe('2025-03-01 09:10');
    expect(events[1]!.text()).toContain('给 李师傅');

    // the server's actions, the follow-up first and reopening after editing
    expect(wrapper.findAll('[data-test="actions"] button').map((b) => b.attributes('data-test'))).toEqual(['action-answer_survey', 'action-edit', 'action-reopen']);
  });

  it('dispatches through the form: a technician picked by load, posted with a command id and the state seen', async () => {
    const { calls, wrapper } = await open(makeDetail(), {
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () =>
        json(200, makeDetail({ state: 'assigned', assigneeId: TECH_A.id, assigneeName: '李师傅', allowed: ['reassign', 'cancel'], forms: { reassign: FORMS.reassign, cancel: FORMS.cancel } })),
    });
    expect(wrapper.findAll('[data-test="actions"] button').map((b) => b.attributes('data-test'))).toEqual([
      'action-dispatch',
      'action-edit',
      'action-reclassify',
      'action-escalate',
      'action-cancel',
    ]);
    await wrapper.get('[data-test="action-dispatch"]').trigger('click');
    await settle(4);
    one('[data-test="cmd-submit"]').click();
    await settle(2);
    expect(one('[data-test="cmd-technician"]').textContent).toContain('必填');

    one('[data-test="cmd-technician"]').click();
    await settle(6);
    one(`[data-test="technician-option"][data-id="${TECH_A.id}"]`).click();
    await settle(2);
    one('[data-test="cmd-submit"]').click();
    await settle(8);

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ command: 'dispatch', from: 'submitted', input: { assigneeId: TECH_A.id } });
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已派单');
    expect(wrapper.get('[data-test="fact-assignee"]').text()).toContain('李师傅');
    expect(wrapper.findAll('[data-test="actions"] button').map((b) => b.attributes('data-test'))).toEqual(['action-reassign', 'action-cancel']);
  });

  it('shows a refused cancel in the form with the state the order is in now, and loads it again', async () => {
    let gets = 0;
    const { calls, wrapper } = await open(makeDetail(), {
      [`GET /api/work-orders/${ORDER_ID}`]: () => {
        gets += 1;
        return json(200, gets === 1 ? makeDetail() : makeDetail({ state: 'accepted', allowed: ['cancel'], forms: { cancel: FORMS.cancel } }));
      },
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => apiError(409, 'invalid_transition', 'stale', { state: 'accepted', reason: 'stale_state' }),
    });
    await wrapper.get('[data-test="action-cancel"]').trigger('click');
    await settle(4);
    expect(one('[data-test="cmd-reason"]').textContent).toContain('取消原因');
    await type('[data-test="cmd-reason"]', '住户已自行修好');
    one('[data-test="cmd-submit"]').click();
    await settle(10);

    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ command: 'cancel', from: 'submitted', input: { reason: '住户已自行修好' } });
    expect(one('[data-test="cmd-error"]').textContent).toBe('工单已被其他人处理，请查看最新状态（当前状态：已接单）');
    expect(gets).toBe(2);
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('已接单');
  });

  it('retries a command lost to the network with the same id', async () => {
    let down = true;
    const { calls, wrapper } = await open(makeDetail(), {
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => (down ? networkDown() : json(200, makeDetail({ escalationLevel: 1, escalatedAt: '2025-03-01T02:00:00.000Z' }))),
    });
    await wrapper.get('[data-test="action-escalate"]').trigger('click');
    await settle(4);
    await type('[data-test="cmd-reason"]', '业主多次来电');
    one('[data-test="cmd-submit"]').click();
    await settle(8);
    expect(one('[data-test="cmd-error"]').textContent).toContain('网络不可用');

    down = false;
    one('[data-test="cmd-submit"]').click();
    await settle(8);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect((posts[1]!.body as { id: string }).id).toBe((posts[0]!.body as { id: string }).id);
    expect(wrapper.get('[data-test="fact-escalation"]').text()).toContain('已升级 L1');
  });

  it('records a phone follow-up with the resident’s survey: stars, not fixed, a comment', async () => {
    const completed = makeDetail({ state: 'completed', allowed: ['answer_survey'], forms: { answer_survey: FORMS.answer_survey } });
    const { calls, wrapper } = await open(completed, {
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => json(200, makeDetail({ state: 'submitted', reopenCount: 1, allowed: [], forms: {} })),
    });
    await wrapper.get('[data-test="action-answer_survey"]').trigger('click');
    await settle(4);
    expect(one('[data-test="survey-hint"]').textContent).toContain('未解决');
    one('[data-test="cmd-submit"]').click();
    await settle(2);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    // Vant's stars pick by pointer position (no layout in the test DOM): set them as a tap would.
    wrapper.findComponent({ name: 'van-rate' }).vm.$emit('update:modelValue', 2);
    one('[data-test="cmd-fixed-no"]').click();
    await type('[data-test="cmd-comment"]', '还是漏水');
    await settle(2);
    expect(one('[data-test="cmd-satisfaction"]').textContent).toContain('不满意');
    one('[data-test="cmd-submit"]').click();
    await settle(8);
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({
      command: 'answer_survey',
      from: 'completed',
      input: { satisfaction: 2, fixed: false, comment: '还是漏水' },
    });
    expect(wrapper.get('[data-test="detail-state"]').text()).toBe('待处理');
  });

  it('reclassifies with the estate’s categories, sending only what changed', async () => {
    const { calls, wrapper } = await open(makeDetail(), {
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => json(200, makeDetail({ category: 'pipes', categoryName: '管道疏通' })),
    });
    await wrapper.get('[data-test="action-reclassify"]').trigger('click');
    await settle(6);
    one('[data-test="cmd-category"]').click();
    await settle(4);
    const option = [...document.querySelectorAll<HTMLElement>('[data-test="cmd-category-sheet"] .van-action-sheet__item')].find((b) => b.textContent?.includes('管道疏通'));
    expect(option).toBeTruthy();
    // a complaint-only category is not offered for a repair
    expect(document.querySelector('[data-test="cmd-category-sheet"]')!.textContent).not.toContain('噪音');
    option!.click();
    await settle(4);
    one('[data-test="cmd-submit"]').click();
    await settle(8);
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ command: 'reclassify', input: { category: 'pipes' } });
    expect((calls.find((c) => c.method === 'POST')!.body as { input: object }).input).toEqual({ category: 'pipes' });
  });

  it('adds a comment to the timeline', async () => {
    const { calls, wrapper } = await open(makeDetail(), {
      // The API answers with the order, the comment on its timeline.
      [`POST /api/work-orders/${ORDER_ID}/comments`]: (c) => {
        const detail = makeDetail();
        const event = makeEvent({ id: (c.body as { id: string }).id, command: 'comment', fromState: 'submitted', toState: 'submitted', note: (c.body as { text: string }).text, at: '2025-03-01T02:00:00.000Z', receivedAt: '2025-03-01T02:00:00.000Z' });
        return json(200, { ...detail, events: [...detail.events, event] });
      },
    });
    await wrapper.get('[data-test="comment-input"] textarea').setValue('  已电话联系住户，约明早上门  ');
    await wrapper.get('[data-test="comment-send"]').trigger('click');
    await settle(6);
    expect(calls.find((c) => c.path.endsWith('/comments'))!.body).toMatchObject({ text: '已电话联系住户，约明早上门' });
    const first = wrapper.findAll('[data-test="event"]')[0]!;
    expect(first.attributes('data-command')).toBe('comment');
    expect(first.get('[data-test="event-note"]').text()).toBe('已电话联系住户，约明早上门');
    expect((wrapper.get('[data-test="comment-input"] textarea').element as HTMLTextAreaElement).value).toBe('');
  });

  it('says when the order cannot be seen', async () => {
    mockFetch({
      'GET /api/me': () => json(200, makeMe({ permissions: [...CS_PERMISSIONS] as never })),
      [`GET /api/work-orders/${ORDER_ID}`]: () => apiError(404, 'not_found', '记录不存在或无权查看 Not found'),
    });
    const { wrapper } = await mountAt(`/work-orders/${ORDER_ID}`, WorkOrderDetailView, { workOrderId: ORDER_ID });
    mounted = wrapper;
    await settle(8);
    expect(wrapper.get('[data-test="load-error"]').text()).toContain('记录不存在');
  });
});
