/**
 * Sends work-order commands and comments with client-made ids that survive a retry. The id of an attempt
 * is kept (per order and command) until the server has given a definite answer: after a network failure
 * or a 5xx the same action sends the same id again — and the state the order had when it was first tried —
 * so a command whose answer was lost is applied once, never twice. A 2xx or a refusal (4xx) ends the
 * attempt; the next one gets a new id.
 */
import type { WorkOrderCommand, WorkOrderState } from '@pm/domain';
import { ApiError } from '../../../api/client';
import { addComment, type CommandInput, sendCommand, type WorkOrderDetail } from '../../../api/work-orders';
import { newIdempotencyKey } from '../../cashier/pay';

/** A failure worth retrying with the same id: the server may or may not have applied it. */
export function isUncertain(e: unknown): boolean {
  return !(e instanceof ApiError) || e.isNetwork || e.status >= 500;
}

interface Attempt {
  id: string;
  from: WorkOrderState;
}

export function createCommandRunner() {
  const attempts = new Map<string, Attempt>();
  const comments = new Map<string, string>();

  async function settle<T>(key: string, map: Map<string, unknown>, send: () => Promise<T>): Promise<T> {
    try {
      const res = await send();
      map.delete(key);
      return res;
    } catch (e) {
      if (!isUncertain(e)) map.delete(key);
      throw e;
    }
  }

  /** `order.state` is the state on the screen; the server refuses the command if the order has moved on. */
  function run(order: { id: string; state: WorkOrderState }, command: WorkOrderCommand, input: CommandInput): Promise<WorkOrderDetail> {
    const key = `${order.id}|${command}`;
    let attempt = attempts.get(key);
    if (!attempt) {
      attempt = { id: newIdempotencyKey(), from: order.state };
      attempts.set(key, attempt);
    }
    const { id, from } = attempt;
    return settle(key, attempts, () => sendCommand(order.id, { id, command, from, input }));
  }

  function comment(workOrderId: string, text: string): Promise<WorkOrderDetail> {
    let id = comments.get(workOrderId);
    if (!id) {
      id = newIdempotencyKey();
      comments.set(workOrderId, id);
    }
    const commentId = id;
    return settle(workOrderId, comments, () => addComment(workOrderId, { id: commentId, text }));
  }

  /** The id the next try of this command would send (for tests and the "retrying" hint). */
  const pendingId = (workOrderId: string, command: WorkOrderCommand) => attempts.get(`${workOrderId}|${command}`)?.id ?? null;

  return { run, comment, pendingId };
}
export type CommandRunner = ReturnType<typeof createCommandRunner>;
