import { describe, expect, it } from 'vitest';
import { apiError, json, mockFetch, networkDown } from '../../../test/fetch-mock';
import { createCommandRunner } from './command-runner';
import { makeDetail, ORDER_ID, TECH_A } from './test-data';

describe('command runner', () => {
  it('sends the same command id (and the state first seen) again after a network failure, a new one after an answer', async () => {
    let down = true;
    const { calls } = mockFetch({
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => (down ? networkDown() : json(200, makeDetail({ state: 'assigned', assigneeId: TECH_A.id }))),
    });
    const runner = createCommandRunner();
    const order = { id: ORDER_ID, state: 'submitted' as const };

    await expect(runner.run(order, 'dispatch', { assigneeId: TECH_A.id })).rejects.toMatchObject({ status: 0 });
    const firstId = (calls[0]!.body as { id: string }).id;
    expect(runner.pendingId(ORDER_ID, 'dispatch')).toBe(firstId);

    down = false;
    // The screen may have reloaded the order meanwhile: the retry still says what the person saw.
    const after = await runner.run({ id: ORDER_ID, state: 'assigned' }, 'dispatch', { assigneeId: TECH_A.id });
    expect(after.state).toBe('assigned');
    expect(calls[1]!.body).toEqual({ id: firstId, command: 'dispatch', from: 'submitted', input: { assigneeId: TECH_A.id } });
    expect(runner.pendingId(ORDER_ID, 'dispatch')).toBeNull();

    await runner.run(order, 'dispatch', { assigneeId: TECH_A.id });
    expect((calls[2]!.body as { id: string }).id).not.toBe(firstId);
  });

  it('forgets the id after a refusal (4xx): the next try is a new command', async () => {
    const { calls } = mockFetch({
      [`POST /api/work-orders/${ORDER_ID}/commands`]: () => apiError(409, 'invalid_transition', 'stale', { state: 'assigned', reason: 'stale_state' }),
    });
    const runner = createCommandRunner();
    await expect(runner.run({ id: ORDER_ID, state: 'submitted' }, 'cancel', { reason: '重复报修' })).rejects.toMatchObject({ status: 409 });
    expect(runner.pendingId(ORDER_ID, 'cancel')).toBeNull();
    await expect(runner.run({ id: ORDER_ID, state: 'submitted' }, 'cancel', { reason: '重复报修' })).rejects.toMatchObject({ status: 409 });
    expect((calls[0]!.body as { id: string }).id).not.toBe((calls[1]!.body as { id: string }).id);
  });

  it('keeps a comment’s id for its retry after a 5xx', async () => {
    let status = 503;
    const { calls } = mockFetch({
      [`POST /api/work-orders/${ORDER_ID}/comments`]: (c) =>
        status === 503 ? apiError(503, 'unavailable', 'busy') : json(200, { id: ORDER_ID, events: [{ id: (c.body as { id: string }).id, command: 'comment', note: '已电话联系' }] }),
    });
    const runner = createCommandRunner();
    await expect(runner.comment(ORDER_ID, '已电话联系')).rejects.toMatchObject({ status: 503 });
    status = 200;
    const order = await runner.comment(ORDER_ID, '已电话联系');
    expect(order.events.at(-1)!.id).toBe((calls[0]!.body as { id: string }).id);
    expect((calls[1]!.body as { id: string }).id).toBe((calls[0]!.body as { id: string }).id);
  });
});
