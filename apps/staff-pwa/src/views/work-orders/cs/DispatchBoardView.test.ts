import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, json, makeMe, mockFetch } from '../../../test/fetch-mock';
import { mountAt, settle } from '../../../test/mount';
import DispatchBoardView from './DispatchBoardView.vue';
import { CS_PERMISSIONS, ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeBoard, makeDetail, makeOrder, ORDER_2, ORDER_ID, paged, TECH_A, TECH_B } from './test-data';

const unassigned = makeOrder();
const overdue = makeOrder({
  id: ORDER_2,
  number: 'GD2503010002',
  state: 'in_progress',
  priority: 'urgent',
  assigneeId: TECH_B.id,
  assigneeName: TECH_B.name,
  respondedAt: new Date(Date.now() - 3_600_000).toISOString(),
  completeDueAt: new Date(Date.now() - 25.5 * 60_000).toISOString(),
  sla: { response: 'met', completion: 'overdue' },
  escalationLevel: 1,
});

function routes(permissions: readonly string[] = CS_PERMISSIONS, commands = () => json(200, makeDetail({ state: 'assigned', assigneeId: TECH_A.id }))) {
  return mockFetch({
    'GET /api/me': () => json(200, makeMe({ permissions: [...permissions] as never })),
    'GET /api/estates': () => json(200, paged([ESTATE])),
    'GET /api/work-orders/board': () => json(200, makeBoard()),
    'GET /api/work-orders': () => json(200, paged([unassigned, overdue])),
    [`POST /api/work-orders/${ORDER_ID}/commands`]: commands,
  });
}

const inBody = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('DispatchBoardView (工单调度)', () => {
  afterAll(letVantSettle);
  beforeEach(() => {
    localStorage.clear();
  });

  it('shows the estate’s counts as chips, the orders with their SLA clocks and the technicians by load', async () => {
    const { calls } = routes();
    const { wrapper, router } = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = wrapper;
    await settle(12);

    expect(calls.find((c) => c.path === '/api/work-orders/board')?.query.get('estateId')).toBe(ESTATE.id);
    const list = calls.find((c) => c.path === '/api/work-orders')!;
    expect(Object.fromEntries(list.query)).toMatchObject({ estateId: ESTATE.id, view: 'all', state: 'open', page: '1' });
    expect(router.currentRoute.value.query.estateId).toBe(ESTATE.id);
    expect(JSON.parse(localStorage.getItem('pm.workOrders.estate') ?? '{}')).toEqual({ id: ESTATE.id, name: '翠湖花园' });

    const chip = (f: string) => wrapper.get(`[data-test="chip-${f}"]`).text();
    expect(chip('open')).toContain('12');
    expect(chip('unassigned')).toContain('3');
    expect(chip('unassigned')).toContain('待派单');
    expect(chip('overdue')).toContain('2');
    expect(chip('atRisk')).toContain('1');
    expect(chip('onHold')).toContain('1');
    expect(chip('awaitingFollowUp')).toContain('4');

    const cards = wrapper.findAll('[data-test="wo-card"]');
    expect(cards).toHaveLength(2);
    expect(cards[0]!.text()).toContain('GD2503010001');
    expect(cards[0]!.get('[data-test="wo-assignee"]').text()).toContain('未派单');
    expect(cards[0]!.get('[data-test="sla-response"]').attributes('data-status')).toBe('on_track');
    expect(cards[0]!.find('[data-test="card-dispatch"]').exists()).toBe(true);
    // the second is being worked: no dispatch, its completion is overdue, it was escalated
    expect(cards[1]!.find('[data-test="card-dispatch"]').exists()).toBe(false);
    expect(cards[1]!.get('[data-test="sla-completion"]').text()).toContain('已超时');
    expect(cards[1]!.get('[data-test="sla-completion"]').text()).toContain('超 26 分钟');
    expect(cards[1]!.find('[data-test="sla-response"]').exists()).toBe(false);
    expect(cards[1]!.get('[data-test="wo-escalated"]').text()).toContain('L1');
    expect(cards[1]!.get('[data-test="wo-priority"]').text()).toBe('紧急');

    const techs = wrapper.findAll('[data-test="technician-row"]');
    expect(techs.map((t) => t.text())).toEqual([expect.stringContaining('王师傅'), expect.stringContaining('李师傅')]);
    expect(techs[0]!.text()).toContain('超时 2');
  });

  it('a chip filters the list; the follow-up chip chooses between jobs and complaints; a technician shows their jobs', async () => {
    const { calls } = routes();
    const { wrapper, router } = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = wrapper;
    await settle(12);
    const lastList = () => Object.fromEntries(calls.filter((c) => c.path === '/api/work-orders').at(-1)!.query);

    await wrapper.get('[data-test="chip-overdue"]').trigger('click');
    await settle(8);
    expect(router.currentRoute.value.query.filter).toBe('overdue');
    expect(lastList()).toMatchObject({ view: 'overdue' });

    await wrapper.get('[data-test="chip-awaitingFollowUp"]').trigger('click');
    await settle(8);
    expect(lastList()).toMatchObject({ view: 'all', state: 'completed' });
    expect(wrapper.get('[data-test="follow-tabs"]').text()).toContain('已答复待评价');
    await router.replace({ query: { ...router.currentRoute.value.query, followUp: 'responded' } });
    await settle(8);
    expect(lastList()).toMatchObject({ state: 'responded' });

    await wrapper.findAll('[data-test="technician-row"]')[1]!.trigger('click');
    await settle(8);
    expect(lastList()).toMatchObject({ view: 'all', state: 'open', assigneeId: TECH_A.id });
    expect(wrapper.get('[data-test="assignee-filter"]').text()).toContain('李师傅 的未完成工单');
    await wrapper.get('[data-test="assignee-clear"]').trigger('click');
    await settle(8);
    expect(lastList().assigneeId).toBeUndefined();
  });

  it('dispatches an unassigned job to a technician chosen by load', async () => {
    const { calls } = routes();
    const { wrapper } = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = wrapper;
    await settle(12);

    await wrapper.get('[data-test="card-dispatch"]').trigger('click');
    await settle(4);
    const options = inBody('[data-test="technician-option"]');
    // least loaded first
    expect(options.map((o) => o.dataset.id)).toEqual([TECH_A.id, TECH_B.id]);
    expect(options[0]!.textContent).toContain('进行中 1');
    options[0]!.click();
    await settle(10);

    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/api/work-orders/${ORDER_ID}/commands`);
    expect(post.body).toMatchObject({ command: 'dispatch', from: 'submitted', input: { assigneeId: TECH_A.id } });
    expect((post.body as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(document.body.textContent).toContain('GD2503010001 已派给 李师傅');
    // the board and the list are asked again
    expect(calls.filter((c) => c.path === '/api/work-orders/board').length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.path === '/api/work-orders').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a refused dispatch with the order’s state now', async () => {
    routes(CS_PERMISSIONS, () => apiError(409, 'invalid_transition', 'stale_state', { state: 'assigned', reason: 'stale_state' }));
    const { wrapper } = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = wrapper;
    await settle(12);
    await wrapper.get('[data-test="card-dispatch"]').trigger('click');
    await settle(4);
    inBody('[data-test="technician-option"]')[0]!.click();
    await settle(10);
    expect(document.body.textContent).toContain('工单已被其他人处理，请查看最新状态（当前状态：已派单）');
  });

  it('offers the KPIs and settings to a manager only', async () => {
    routes(MANAGER_PERMISSIONS);
    const { wrapper } = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = wrapper;
    await settle(12);
    expect(wrapper.find('[data-test="goto-kpi"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="goto-settings"]').exists()).toBe(true);
    mounted.unmount();

    routes(CS_PERMISSIONS);
    const cs = await mountAt('/work-orders/board', DispatchBoardView);
    mounted = cs.wrapper;
    await settle(12);
    expect(cs.wrapper.find('[data-test="goto-kpi"]').exists()).toBe(false);
    expect(cs.wrapper.find('[data-test="goto-settings"]').exists()).toBe(false);
    expect(cs.wrapper.find('[data-test="board-new"]').exists()).toBe(true);
  });
});
