import type { VueWrapper } from '@vue/test-utils';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerCorrection } from '../../api/ledger';
import { apiError, json, makeMe, mockFetch } from '../../test/fetch-mock';
import { mountAt, settle } from '../../test/mount';
import ApprovalsView from './ApprovalsView.vue';
import { ESTATE, letVantSettle, MANAGER_PERMISSIONS, makeCorrection, ME_ID, OTHER_ID, REQUESTER_PERMISSIONS } from './test-data';

const ME = (permissions: readonly string[] = MANAGER_PERMISSIONS) => () => json(200, makeMe({ permissions: [...permissions] as never }));

/** Someone else's adjustment and a refund of mine, both pending. */
const THEIRS = makeCorrection({
  id: 'dddddddd-0000-4000-8000-000000000011',
  status: 'pending',
  amount: '-600.00',
  threshold: '500.00',
  requestedBy: OTHER_ID,
  requestedByName: '李会计',
  reason: '面积测量有误，按实测面积更正',
  entryId: null,
});
const MINE = makeCorrection({
  id: 'dddddddd-0000-4000-8000-000000000012',
  kind: 'refund',
  status: 'pending',
  chargeId: null,
  chargeLabel: null,
  amount: '800.00',
  method: 'bank',
  threshold: '500.00',
  requestedBy: ME_ID,
  requestedByName: '王经理',
  reason: '业主搬离，退还预存',
  entryId: null,
});
const page = (items: LedgerCorrection[]) => json(200, { items, total: items.length, page: 1, pageSize: 20 });
const decided = (c: LedgerCorrection, status: 'approved' | 'rejected', reason: string | null = null) =>
  ({ ...c, status, decidedBy: ME_ID, decidedByName: '王经理', decidedAt: '2025-06-12T08:00:00.000Z', decisionReason: reason }) satisfies LedgerCorrection;

let mounted: VueWrapper | null = null;
async function mountApprovals(query = '') {
  const { wrapper, router } = await mountAt(`/ledger/approvals?estateId=${ESTATE.id}${query}`, ApprovalsView);
  mounted = wrapper;
  await settle(15);
  return { wrapper, router };
}

function confirmInBody() {
  const button = document.body.querySelector<HTMLButtonElement>('.van-dialog__confirm');
  expect(button).not.toBeNull();
  button?.click();
}
const card = (wrapper: VueWrapper, c: LedgerCorrection) => wrapper.get(`[data-test="correction-${c.id}"]`);
const reasonSheet = () => document.body.querySelector<HTMLElement>('[data-test="reason-sheet"]')!;
function typeReason(value: string) {
  const input = reasonSheet().querySelector<HTMLTextAreaElement>('[data-test="reason-input"] textarea')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('ApprovalsView', () => {
  afterAll(letVantSettle);
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
  });

  it('lists what waits, with who asked, when, how much and why; approves after a confirm', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => page([THEIRS, MINE]),
      [`POST /api/ledger-approvals/${THEIRS.id}/approve`]: () => json(200, decided(THEIRS, 'approved')),
    });
    const { wrapper } = await mountApprovals();
    const asked = calls.find((c) => c.path === '/api/ledger-approvals');
    expect(asked?.query.get('estateId')).toBe(ESTATE.id);
    expect(asked?.query.get('status')).toBe('pending');

    const theirs = card(wrapper, THEIRS);
    expect(theirs.get('[data-test="correction-kind"]').text()).toBe('调整');
    expect(theirs.get('[data-test="correction-status"]').text()).toBe('待审批');
    expect(theirs.get('[data-test="correction-amount"]').text()).toBe('-¥600.00');
    expect(theirs.get('[data-test="correction-what"]').text()).toContain('1栋 1-101');
    expect(theirs.get('[data-test="correction-what"]').text()).toContain('2025-05 物业费');
    expect(theirs.get('[data-test="correction-reason"]').text()).toContain('面积测量有误');
    expect(theirs.get('[data-test="correction-requested"]').text()).toContain('李会计');
    expect(theirs.get('[data-test="correction-requested"]').text()).toContain('2025-06-12 14:05');
    expect(theirs.get('[data-test="correction-threshold"]').text()).toContain('¥500.00');

    // my own: no approve button, a second person has to
    const mine = card(wrapper, MINE);
    expect(mine.find('[data-test="approval-approve"]').exists()).toBe(false);
    expect(mine.get('[data-test="approval-own"]').text()).toContain('需要另一人审批');
    expect(mine.get('[data-test="correction-what"]').text()).toContain('银行转账');

    await theirs.get('[data-test="approval-approve"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('批准后立即入账');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    confirmInBody();
    await settle(10);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/api/ledger-approvals/${THEIRS.id}/approve`]);
    const after = card(wrapper, THEIRS);
    expect(after.get('[data-test="correction-status"]').text()).toBe('已批准');
    expect(after.get('[data-test="correction-decided"]').text()).toContain('王经理');
    expect(after.find('[data-test="approval-approve"]').exists()).toBe(false);
  });

  it('rejects with a reason (required) and lets the requester withdraw their own', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => page([THEIRS, MINE]),
      [`POST /api/ledger-approvals/${THEIRS.id}/reject`]: (c) => json(200, decided(THEIRS, 'rejected', (c.body as { reason: string }).reason)),
      [`POST /api/ledger-approvals/${MINE.id}/reject`]: (c) => json(200, decided(MINE, 'rejected', (c.body as { reason: string }).reason)),
    });
    const { wrapper } = await mountApprovals();

    await card(wrapper, THEIRS).get('[data-test="approval-reject"]').trigger('click');
    await settle();
    expect(reasonSheet().textContent).toContain('驳回原因');
    reasonSheet().querySelector<HTMLElement>('[data-test="reason-confirm"]')!.click();
    await settle();
    expect(reasonSheet().textContent).toContain('请填写原因');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    typeReason(' 面积以产权证为准 ');
    await settle();
    reasonSheet().querySelector<HTMLElement>('[data-test="reason-confirm"]')!.click();
    await settle(10);
    expect(calls.find((c) => c.path === `/api/ledger-approvals/${THEIRS.id}/reject`)?.body).toEqual({ reason: '面积以产权证为准' });
    expect(card(wrapper, THEIRS).get('[data-test="correction-status"]').text()).toBe('已驳回');
    expect(card(wrapper, THEIRS).get('[data-test="correction-decision"]').text()).toContain('面积以产权证为准');

    await card(wrapper, MINE).get('[data-test="approval-withdraw"]').trigger('click');
    await settle();
    expect(reasonSheet().textContent).toContain('撤回原因');
    typeReason('金额填错，重新提交');
    await settle();
    reasonSheet().querySelector<HTMLElement>('[data-test="reason-confirm"]')!.click();
    await settle(10);
    expect(calls.find((c) => c.path === `/api/ledger-approvals/${MINE.id}/reject`)?.body).toEqual({ reason: '金额填错，重新提交' });
    expect(card(wrapper, MINE).get('[data-test="correction-status"]').text()).toBe('已驳回');
  });

  it('says a second person has to approve (403 same_person), and why an approval cannot post now', async () => {
    // The list shows another requester (e.g. a stale copy), the server knows better.
    const other = { ...THEIRS, id: 'dddddddd-0000-4000-8000-000000000013' };
    mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => page([THEIRS, other]),
      [`POST /api/ledger-approvals/${THEIRS.id}/approve`]: () => apiError(403, 'same_person', '不能批准自己提交的更正 A correction needs a second person to approve it'),
      [`POST /api/ledger-approvals/${other.id}/approve`]: () => apiError(409, 'would_overpay', '该费用尚欠 ¥10.02 The charge owes 10.02', { owed: '10.02', amount: '-600.00' }),
    });
    const { wrapper } = await mountApprovals();
    await card(wrapper, THEIRS).get('[data-test="approval-approve"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    expect(card(wrapper, THEIRS).get('[data-test="approval-error"]').text()).toContain('需要另一人审批');
    expect(card(wrapper, THEIRS).get('[data-test="correction-status"]').text()).toBe('待审批');

    await card(wrapper, other).get('[data-test="approval-approve"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    expect(card(wrapper, other).get('[data-test="approval-error"]').text()).toContain('该费用目前仅欠 ¥10.02，仍为待审批');
  });

  it('reloads a correction someone else decided meanwhile (409 invalid_transition)', async () => {
    mockFetch({
      'GET /api/me': ME(),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': () => page([THEIRS]),
      [`POST /api/ledger-approvals/${THEIRS.id}/approve`]: () =>
        apiError(409, 'invalid_transition', '该更正已驳回 The correction is already rejected', { status: 'rejected', to: 'approved' }),
      [`GET /api/ledger-approvals/${THEIRS.id}`]: () => json(200, { ...decided(THEIRS, 'rejected', '重复提交'), decidedByName: '赵主管' }),
    });
    const { wrapper } = await mountApprovals();
    await card(wrapper, THEIRS).get('[data-test="approval-approve"]').trigger('click');
    await settle();
    confirmInBody();
    await settle(10);
    expect(card(wrapper, THEIRS).get('[data-test="correction-status"]').text()).toBe('已驳回');
    expect(card(wrapper, THEIRS).get('[data-test="correction-decided"]').text()).toContain('赵主管');
    expect(card(wrapper, THEIRS).get('[data-test="approval-error"]').text()).toContain('已被他人处理');
  });

  it('shows the other tabs; without ledger:approve no approve/reject, only withdrawing one’s own', async () => {
    const { calls } = mockFetch({
      'GET /api/me': ME(REQUESTER_PERMISSIONS),
      [`GET /api/estates/${ESTATE.id}`]: () => json(200, ESTATE),
      'GET /api/ledger-approvals': (c) => {
        const status = c.query.get('status');
        if (status === 'approved') return page([decided(THEIRS, 'approved')]);
        return page(status === 'rejected' ? [] : [THEIRS, MINE]);
      },
    });
    const { wrapper, router } = await mountApprovals();
    expect(wrapper.get('[data-test="approvals-no-right"]').text()).toContain('需要审批权限');
    expect(wrapper.find('[data-test="approval-approve"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="approval-reject"]').exists()).toBe(false);
    // The API lets a requester withdraw their own with ledger:adjust alone.
    expect(card(wrapper, MINE).find('[data-test="approval-withdraw"]').exists()).toBe(true);
    expect(card(wrapper, THEIRS).find('[data-test="approval-withdraw"]').exists()).toBe(false);
    expect(card(wrapper, MINE).get('[data-test="approval-own"]').text()).toContain('需要另一人审批');

    const tabs = wrapper.findAll('.van-tab');
    expect(tabs.map((x) => x.text())).toEqual(['待审批', '已批准', '已驳回']);
    await tabs[1]!.trigger('click');
    await settle(10);
    expect(calls.filter((c) => c.path === '/api/ledger-approvals').at(-1)?.query.get('status')).toBe('approved');
    expect(wrapper.findAll('[data-test="correction-status"]').map((x) => x.text())).toEqual(['已批准']);
    expect(router.currentRoute.value.query).toMatchObject({ estateId: ESTATE.id, status: 'approved' });

    await tabs[2]!.trigger('click');
    await settle(10);
    expect(wrapper.get('[data-test="approvals-empty"]').text()).toContain('还没有已驳回的更正');
  });
});
