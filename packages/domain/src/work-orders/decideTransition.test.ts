import { describe, expect, it } from 'vitest';
import { decideTransition } from './decideTransition';
import { workOrderPolicy } from './policy';
import { actor, at, deepFreeze, openOrder, refusal, run } from './test-helpers';
import type { WorkOrder } from './workOrder';

const DAY = 24 * 60;

/** A repair dispatched to t1, accepted and started (10, 20, 30 minutes after submission). */
function startedRepair(): WorkOrder {
  return run(openOrder('repair'), [
    ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
    ['accept', 'technician', 't1', {}],
    ['start', 'technician', 't1', {}],
  ]);
}

function completedRepair(kind: 'repair' | 'paid_service' = 'repair'): WorkOrder {
  return run(openOrder(kind), [
    ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
    ['accept', 'technician', 't1', {}],
    ['start', 'technician', 't1', {}],
    ['complete', 'technician', 't1', { completionNotes: '更换阀芯', ...(kind === 'paid_service' ? { chargeAmount: '80' } : {}) }],
  ]);
}

describe('decideTransition: the repair workflow', () => {
  it('goes submitted → assigned → accepted → in_progress ⇄ on_hold → completed → closed by the survey', () => {
    const order = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
      ['hold', 'technician', 't1', { reason: '等配件' }],
      ['resume', 'technician', 't1', {}],
      [
        'complete',
        'technician',
        't1',
        { completionNotes: ' 更换阀芯 ', completionPhotos: ['p1', 'p1', 'p2'], materials: [{ name: '阀芯', quantity: '1.50', unit: '个' }], labourMinutes: 45 },
      ],
      ['answer_survey', 'resident', 'r1', { satisfaction: 5, fixed: true, comment: '很好' }],
    ]);
    expect(order).toMatchObject({
      state: 'closed',
      assigneeId: 't1',
      assignedVia: 'dispatch',
      assignedAt: at(10),
      respondedAt: at(20),
      acceptedAt: at(20),
      startedAt: at(30),
      holdReason: null,
      heldAt: null,
      completedAt: at(60),
      completionNotes: '更换阀芯',
      completionPhotos: ['p1', 'p2'],
      materials: [{ name: '阀芯', quantity: '1.5', unit: '个' }],
      labourMinutes: 45,
      chargeAmount: null,
      survey: { satisfaction: 5, fixed: true, comment: '很好', channel: 'app', answeredAt: at(70), recordedBy: null },
      closedAt: at(70),
      closeReason: 'survey',
      reopenCount: 0,
      // deadlines never move: normal priority = 2 h / 48 h from 09:00 Beijing
      responseDueAt: '2025-03-03T03:00:00.000Z',
      completeDueAt: '2025-03-05T01:00:00.000Z',
    });
  });

  it('returns the fields to write and the event, and never touches the order', () => {
    const order = deepFreeze(startedRepair());
    const d = decideTransition(order, 'hold', actor(order, 'technician', 't1'), { at: '2025-03-03T10:00:00+08:00', reason: ' 住户不在家 ' });
    expect(d).toEqual({
      ok: true,
      command: 'hold',
      from: 'in_progress',
      to: 'on_hold',
      set: { state: 'on_hold', holdReason: '住户不在家', heldAt: '2025-03-03T02:00:00.000Z' },
      event: {
        command: 'hold',
        from: 'in_progress',
        to: 'on_hold',
        at: '2025-03-03T02:00:00.000Z',
        actor: { kind: 'technician', id: 't1' },
        data: { reason: '住户不在家' },
      },
    });
  });

  it('lets any technician grab a submitted order, unless the estate turned the pool off', () => {
    const order = openOrder('repair');
    const grabbed = decideTransition(order, 'grab', actor(order, 'technician', 't7'), { at: at(5) });
    expect(grabbed).toMatchObject({ ok: true, to: 'assigned', set: { assigneeId: 't7', assignedVia: 'grab', assignedAt: at(5) } });
    const off = decideTransition(order, 'grab', actor(order, 'technician', 't7'), { at: at(5) }, workOrderPolicy({ allowGrab: false }));
    expect(refusal(off)).toMatchObject({ code: 'invalid_transition', state: 'submitted', details: { reason: 'grab_disabled' } });
  });

  it('lets the assignee decline before starting: back to the pool, the first response kept', () => {
    const accepted = run(openOrder('repair'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
    ]);
    const d = decideTransition(accepted, 'decline', actor(accepted, 'technician', 't1'), { at: at(25), reason: '不会修电梯' });
    expect(d).toMatchObject({ ok: true, to: 'submitted', set: { assigneeId: null, assignedVia: null, acceptedAt: null } });
    expect(d.ok && 'respondedAt' in d.set).toBe(false);
    const started = startedRepair();
    expect(refusal(decideTransition(started, 'decline', actor(started, 'technician', 't1'), { at: at(40), reason: 'x' }))).toMatchObject({
      code: 'invalid_transition',
      details: { reason: 'wrong_state', allowedFrom: ['assigned', 'accepted'] },
    });
  });

  it('reassigns before completion, to someone else, and the new technician must accept again', () => {
    const order = startedRepair();
    const d = decideTransition(order, 'reassign', actor(order, 'customer_service', 'cs1'), { at: at(40), assigneeId: 't2', reason: '换人' });
    expect(d).toMatchObject({ ok: true, to: 'assigned', set: { assigneeId: 't2', acceptedAt: null, startedAt: null } });
    const same = decideTransition(order, 'reassign', actor(order, 'manager', 'm1'), { at: at(40), assigneeId: 't1', reason: '换人' });
    expect(refusal(same)).toMatchObject({ code: 'invalid_transition', details: { reason: 'same_assignee' } });
  });

  it('requires the charge for a paid service, on the fen', () => {
    const order = run(openOrder('paid_service'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
    ]);
    const t1 = actor(order, 'technician', 't1');
    expect(refusal(decideTransition(order, 'complete', t1, { at: at(60), completionNotes: '保洁完成' }))).toMatchObject({
      code: 'missing_fields',
      state: 'in_progress',
      details: { fields: ['chargeAmount'], anyOf: false },
    });
    expect(refusal(decideTransition(order, 'complete', t1, { at: at(60), completionNotes: '保洁完成', chargeAmount: '80.005' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'chargeAmount', reason: 'not_an_amount' }] },
    });
    expect(decideTransition(order, 'complete', t1, { at: at(60), completionNotes: '保洁完成', chargeAmount: '80' })).toMatchObject({
      ok: true,
      set: { chargeAmount: '80.00' },
    });
  });

  it('refuses a charge on an internal job and asks for photos when the estate wants them', () => {
    const order = run(openOrder('internal'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
    ]);
    const t1 = actor(order, 'technician', 't1');
    expect(refusal(decideTransition(order, 'complete', t1, { at: at(60), completionNotes: '换灯', chargeAmount: '10.00' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'chargeAmount', reason: 'not_chargeable' }] },
    });
    const photos = workOrderPolicy({ completionPhotosRequired: true });
    expect(refusal(decideTransition(order, 'complete', t1, { at: at(60), completionNotes: '换灯' }, photos))).toMatchObject({
      code: 'missing_fields',
      details: { fields: ['completionPhotos'] },
    });
  });
});

describe('decideTransition: refusals', () => {
  it('invalid_transition names the states the command is made from', () => {
    const order = openOrder('repair');
    expect(refusal(decideTransition(order, 'complete', actor(order, 'technician', 't1'), { at: at(5), completionNotes: 'x' }))).toEqual({
      ok: false,
      code: 'invalid_transition',
      state: 'submitted',
      message: 'complete cannot be made while the order is submitted',
      details: { command: 'complete', reason: 'wrong_state', allowedFrom: ['in_progress'] },
    });
    expect(refusal(decideTransition(order, 'acknowledge', actor(order, 'customer_service', 'cs1'), { at: at(5) }))).toMatchObject({
      code: 'invalid_transition',
      details: { reason: 'not_for_kind' },
    });
    expect(refusal(decideTransition(order, 'fly' as never, actor(order, 'manager', 'm1'), { at: at(5) }))).toMatchObject({
      code: 'invalid_transition',
      details: { reason: 'unknown_command' },
    });
  });

  it('refuses a command made on a screen that showed another state (offline queue)', () => {
    const order = startedRepair();
    const t1 = actor(order, 'technician', 't1');
    expect(refusal(decideTransition(order, 'hold', t1, { at: at(40), reason: '等配件', from: 'accepted' }))).toMatchObject({
      code: 'invalid_transition',
      state: 'in_progress',
      details: { reason: 'stale_state', expected: 'accepted' },
    });
    expect(decideTransition(order, 'hold', t1, { at: at(40), reason: '等配件', from: 'in_progress' }).ok).toBe(true);
  });

  it('not_allowed when the actor is not one the row names (or lacks the assignee/reporter flag)', () => {
    const order = run(openOrder('repair'), [['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }]]);
    expect(refusal(decideTransition(order, 'accept', actor(order, 'technician', 't2'), { at: at(20) }))).toEqual({
      ok: false,
      code: 'not_allowed',
      state: 'assigned',
      message: 'a technician may not accept this order',
      details: { command: 'accept', actor: 'technician', allowed: [{ kind: 'technician', must: 'assignee' }] },
    });
    expect(refusal(decideTransition(order, 'dispatch', actor(order, 'resident', 'r1'), { at: at(20), assigneeId: 't2' })).code).toBe('invalid_transition');
    const fresh = openOrder('repair');
    expect(refusal(decideTransition(fresh, 'dispatch', actor(fresh, 'resident', 'r1'), { at: at(5), assigneeId: 't2' })).code).toBe('not_allowed');
    expect(refusal(decideTransition(fresh, 'cancel', actor(fresh, 'resident', 'r9'), { at: at(5) })).code).toBe('not_allowed');
  });

  it('missing_fields lists what is missing, at included', () => {
    const order = openOrder('repair');
    expect(refusal(decideTransition(order, 'dispatch', actor(order, 'customer_service', 'cs1'), {} as never))).toMatchObject({
      code: 'missing_fields',
      details: { fields: ['at', 'assigneeId'] },
    });
    expect(refusal(decideTransition(order, 'edit', actor(order, 'customer_service', 'cs1'), { at: at(5) }))).toMatchObject({
      code: 'missing_fields',
      details: { anyOf: true, fields: ['description', 'reportPhotos', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt'] },
    });
  });

  it('invalid_fields: bad values, an input the command does not take, a time before submission', () => {
    const order = completedRepair();
    const r1 = actor(order, 'resident', 'r1');
    expect(refusal(decideTransition(order, 'answer_survey', r1, { at: at(70), satisfaction: 6, fixed: 'yes' as never }))).toMatchObject({
      code: 'invalid_fields',
      details: {
        fields: [
          { field: 'satisfaction', reason: 'out_of_range' },
          { field: 'fixed', reason: 'not_a_boolean' },
        ],
      },
    });
    const fresh = openOrder('repair');
    const cs = actor(fresh, 'customer_service', 'cs1');
    expect(refusal(decideTransition(fresh, 'edit', cs, { at: at(5), description: '新描述', priority: 'urgent' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'priority', reason: 'unexpected' }] },
    });
    expect(refusal(decideTransition(fresh, 'dispatch', cs, { at: '2025-03-03T08:59:00+08:00', assigneeId: 't1' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'at', reason: 'before_submitted' }] },
    });
    expect(refusal(decideTransition(fresh, 'dispatch', cs, { at: '2025-03-03 10:00', assigneeId: 't1' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'at', reason: 'not_an_instant' }] },
    });
  });

  it('frozen_field once the technician has accepted what was reported', () => {
    const order = startedRepair();
    const cs = actor(order, 'customer_service', 'cs1');
    expect(refusal(decideTransition(order, 'edit', cs, { at: at(40), description: '其实是马桶', contactPhone: '13800138000' }))).toEqual({
      ok: false,
      code: 'frozen_field',
      state: 'in_progress',
      message: 'description can no longer change while the order is in_progress',
      details: { command: 'edit', fields: ['description'] },
    });
    expect(decideTransition(order, 'edit', cs, { at: at(40), contactPhone: '138-0013-8000', appointmentAt: '2025-03-04T14:00:00+08:00' })).toMatchObject({
      ok: true,
      to: 'in_progress',
      set: { contactPhone: '138-0013-8000', appointmentAt: '2025-03-04T06:00:00.000Z' },
    });
    expect(refusal(decideTransition(order, 'edit', cs, { at: at(40), contactPhone: 'call me' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'contactPhone', reason: 'bad_phone' }] },
    });
  });
});

describe('decideTransition: cancel', () => {
  it('lets the resident cancel before acceptance without a reason, staff any time while open with one', () => {
    const assigned = run(openOrder('repair'), [['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }]]);
    expect(decideTransition(assigned, 'cancel', actor(assigned, 'resident', 'r1'), { at: at(15) })).toMatchObject({
      ok: true,
      to: 'cancelled',
      set: { cancelledAt: at(15), cancelReason: null, cancelledBy: 'resident' },
    });
    const started = startedRepair();
    expect(refusal(decideTransition(started, 'cancel', actor(started, 'resident', 'r1'), { at: at(40) })).code).toBe('not_allowed');
    expect(refusal(decideTransition(started, 'cancel', actor(started, 'manager', 'm1'), { at: at(40) })).code).toBe('missing_fields');
    expect(decideTransition(started, 'cancel', actor(started, 'manager', 'm1'), { at: at(40), reason: '重复报修' })).toMatchObject({
      ok: true,
      set: { cancelReason: '重复报修', cancelledBy: 'manager' },
    });
    const done = completedRepair();
    expect(refusal(decideTransition(done, 'cancel', actor(done, 'manager', 'm1'), { at: at(60), reason: 'x' })).code).toBe('invalid_transition');
  });
});

describe('decideTransition: follow-up and reopen', () => {
  it('a survey saying "not fixed" reopens for dispatch: count up, work cleared, deadlines kept', () => {
    const order = completedRepair();
    const d = decideTransition(order, 'answer_survey', actor(order, 'customer_service', 'cs1'), { at: at(100), satisfaction: 2, fixed: false, comment: '还在漏' });
    expect(d).toMatchObject({
      ok: true,
      to: 'submitted',
      set: {
        state: 'submitted',
        reopenCount: 1,
        reopenedAt: at(100),
        reopenReason: '还在漏',
        assigneeId: null,
        completedAt: null,
        completionNotes: null,
        survey: null,
      },
    });
    expect(d.ok && ('responseDueAt' in d.set || 'completeDueAt' in d.set || 'respondedAt' in d.set)).toBe(false);
    expect(d.ok && d.event.data).toEqual({ satisfaction: 2, fixed: false, comment: '还在漏' });
  });

  it('a survey recorded by phone names who recorded it', () => {
    const order = completedRepair();
    expect(decideTransition(order, 'answer_survey', actor(order, 'customer_service', 'cs1'), { at: at(100), satisfaction: 4, fixed: true })).toMatchObject({
      ok: true,
      to: 'closed',
      set: { survey: { satisfaction: 4, fixed: true, comment: null, channel: 'phone', recordedBy: 'cs1' } },
    });
    expect(refusal(decideTransition(order, 'answer_survey', actor(order, 'resident', 'r1'), { at: at(100), satisfaction: 4 }))).toMatchObject({
      code: 'missing_fields',
      details: { fields: ['fixed'] },
    });
  });

  it('closes an unanswered survey as no_response only after surveyDays', () => {
    const order = completedRepair(); // completed at +40 min
    const system = { kind: 'system' as const, id: 'system' };
    expect(refusal(decideTransition(order, 'close_no_response', system, { at: at(40 + 7 * DAY - 1) }))).toMatchObject({
      code: 'invalid_transition',
      details: { reason: 'survey_window_open', until: at(40 + 7 * DAY) },
    });
    expect(decideTransition(order, 'close_no_response', system, { at: at(40 + 7 * DAY) })).toMatchObject({
      ok: true,
      to: 'closed',
      set: { closeReason: 'no_response', closedAt: at(40 + 7 * DAY) },
    });
    expect(refusal(decideTransition(order, 'close_no_response', actor(order, 'manager', 'm1'), { at: at(40 + 8 * DAY) })).code).toBe('not_allowed');
  });

  it('reopens a closed order within the window only', () => {
    const closed = run(completedRepair(), [['answer_survey', 'resident', 'r1', { satisfaction: 4, fixed: true, at: at(60) }]]);
    const r1 = actor(closed, 'resident', 'r1');
    expect(decideTransition(closed, 'reopen', r1, { at: at(60 + 7 * DAY), reason: '又漏了' })).toMatchObject({
      ok: true,
      to: 'submitted',
      set: { reopenCount: 1, survey: null, closedAt: null, closeReason: null },
    });
    expect(refusal(decideTransition(closed, 'reopen', r1, { at: at(60 + 7 * DAY + 1), reason: '又漏了' }))).toMatchObject({
      code: 'invalid_transition',
      state: 'closed',
      details: { reason: 'reopen_window_passed', until: at(60 + 7 * DAY) },
    });
    expect(refusal(decideTransition(closed, 'reopen', r1, { at: at(61), reason: 'x' }, workOrderPolicy({ reopenWindowDays: 0 }))).details).toMatchObject({
      reason: 'reopen_window_passed',
    });
  });

  it('counts every reopen', () => {
    let order = completedRepair();
    for (let i = 1; i <= 3; i++) {
      order = run(order, [
        ['reopen', 'resident', 'r1', { reason: '没修好' }],
        ['dispatch', 'customer_service', 'cs1', { assigneeId: 't2' }],
        ['accept', 'technician', 't2', {}],
        ['start', 'technician', 't2', {}],
        ['complete', 'technician', 't2', { completionNotes: '返修' }],
      ]);
      expect(order).toMatchObject({ state: 'completed', reopenCount: i, assigneeId: 't2' });
    }
  });

  it('closes an internal job by staff verification, never by a survey', () => {
    const order = run(openOrder('internal'), [
      ['dispatch', 'customer_service', 'cs1', { assigneeId: 't1' }],
      ['accept', 'technician', 't1', {}],
      ['start', 'technician', 't1', {}],
      ['complete', 'technician', 't1', { completionNotes: '已更换灯管' }],
    ]);
    expect(refusal(decideTransition(order, 'answer_survey', actor(order, 'customer_service', 'cs1'), { at: at(60), satisfaction: 5, fixed: true })).code).toBe(
      'invalid_transition',
    );
    expect(decideTransition(order, 'verify', actor(order, 'manager', 'm1'), { at: at(60) })).toMatchObject({
      ok: true,
      to: 'closed',
      set: { closeReason: 'verified' },
    });
  });
});

describe('decideTransition: complaints', () => {
  it('goes submitted → acknowledged → handling → responded → closed, rated by the resident', () => {
    const order = run(openOrder('complaint'), [
      ['acknowledge', 'customer_service', 'cs1', {}],
      ['start_handling', 'customer_service', 'cs1', {}],
      ['reply', 'customer_service', 'cs1', { replyText: '已约谈装修户，晚间停止施工' }],
      ['answer_survey', 'resident', 'r1', { satisfaction: 3, comment: '一般' }],
    ]);
    expect(order).toMatchObject({
      state: 'closed',
      assigneeId: 'cs1',
      respondedAt: at(10),
      startedAt: at(20),
      completedAt: at(30),
      replyText: '已约谈装修户，晚间停止施工',
      survey: { satisfaction: 3, fixed: null, channel: 'app' },
      closeReason: 'survey',
    });
  });

  it('goes back to handling when the resident is not satisfied with the reply', () => {
    const replied = run(openOrder('complaint'), [
      ['acknowledge', 'customer_service', 'cs1', { assigneeId: 'cs2' }],
      ['start_handling', 'customer_service', 'cs2', {}],
      ['reply', 'customer_service', 'cs2', { replyText: '已处理' }],
    ]);
    expect(replied.assigneeId).toBe('cs2');
    const r1 = actor(replied, 'resident', 'r1');
    expect(decideTransition(replied, 'answer_survey', r1, { at: at(40), satisfaction: 1, fixed: false })).toMatchObject({
      ok: true,
      to: 'handling',
      set: { reopenCount: 1, completedAt: null, replyText: null },
    });
    expect(decideTransition(replied, 'reopen', r1, { at: at(40), reason: '噪音依旧' })).toMatchObject({ ok: true, to: 'handling' });
  });
});

describe('decideTransition: escalation (a level and an event, not a state)', () => {
  it('the timer escalates once when a deadline has passed; managers go further by hand, up to the company', () => {
    const order = openOrder('complaint'); // noise: normal, respond by +120 min
    const system = { kind: 'system' as const, id: 'system' };
    expect(refusal(decideTransition(order, 'escalate', system, { at: at(120) }))).toMatchObject({
      code: 'invalid_transition',
      details: { reason: 'not_overdue', until: at(120) },
    });
    const once = decideTransition(order, 'escalate', system, { at: at(121) });
    expect(once).toMatchObject({ ok: true, from: 'submitted', to: 'submitted', set: { state: 'submitted', escalationLevel: 1, escalatedAt: at(121) } });
    const level1 = run(order, [['escalate', 'system', 'system', { at: at(121) }]]);
    expect(refusal(decideTransition(level1, 'escalate', system, { at: at(500) })).details).toMatchObject({ reason: 'already_escalated' });
    const level2 = run(level1, [['escalate', 'manager', 'm1', { reason: '住户多次投诉', at: at(200) }]]);
    expect(level2.escalationLevel).toBe(2);
    expect(refusal(decideTransition(level2, 'escalate', actor(level2, 'manager', 'm1'), { at: at(300), reason: 'x' })).details).toMatchObject({
      reason: 'max_escalation',
    });
  });
});

describe('decideTransition: reclassify', () => {
  it('recomputes the deadlines from submission, until the first response', () => {
    const order = openOrder('repair');
    const cs = actor(order, 'customer_service', 'cs1');
    expect(decideTransition(order, 'reclassify', cs, { at: at(5), priority: 'urgent' })).toMatchObject({
      ok: true,
      set: {
        category: 'water_electric',
        priority: 'urgent',
        responseDueAt: '2025-03-03T01:30:00.000Z',
        completeDueAt: '2025-03-03T05:00:00.000Z',
      },
    });
    expect(refusal(decideTransition(order, 'reclassify', cs, { at: at(5), category: 'noise' }))).toMatchObject({
      code: 'invalid_fields',
      details: { fields: [{ field: 'category', reason: 'unknown_category' }] },
    });
    const reassigned = run(startedRepair(), [['reassign', 'customer_service', 'cs1', { assigneeId: 't2', reason: '请假' }]]);
    expect(refusal(decideTransition(reassigned, 'reclassify', cs, { at: at(50), priority: 'low' })).details).toMatchObject({ reason: 'already_responded' });
  });
});

describe('decideTransition: bad stored data throws', () => {
  it('an order whose state does not belong to its kind', () => {
    const order = { ...openOrder('complaint'), state: 'in_progress' as const };
    expect(() => decideTransition(order, 'reply', { kind: 'customer_service', id: 'cs1' }, { at: at(5), replyText: 'x' })).toThrow(/cannot be in state/);
  });
});
