/**
 * What each command writes on the order (the `set` of an accepted transition), given its checked input.
 * The state is the row's `to`; timestamps are the command's `at` in UTC ISO.
 */
import type { WorkOrderActor } from './actors';
import type { WorkOrderCommand } from './commands';
import { computeDueDates } from './sla';
import { slaFor, type WorkOrderPolicy } from './policy';
import type { NormalizedInput } from './validateInput';
import type { EscalationLevel, WorkOrder } from './workOrder';

export interface EffectContext {
  order: WorkOrder;
  input: NormalizedInput;
  /** The command's time, UTC ISO. */
  at: string;
  actor: WorkOrderActor;
  policy: WorkOrderPolicy;
}

/**
 * A reopen 返修 starts the work again from scratch: back to dispatch (a complaint back to handling), the
 * completion and the survey cleared (both stay in the event log), the count up. Deadlines do NOT move:
 * a job that had to be redone was not done on time.
 */
function reopened(ctx: EffectContext, reason: string | null): Partial<WorkOrder> {
  const { order, at } = ctx;
  const common: Partial<WorkOrder> = {
    completedAt: null,
    survey: null,
    closedAt: null,
    closeReason: null,
    reopenCount: order.reopenCount + 1,
    reopenedAt: at,
    reopenReason: reason,
  };
  if (order.kind === 'complaint') return { ...common, replyText: null };
  return {
    ...common,
    assigneeId: null,
    assignedAt: null,
    assignedVia: null,
    acceptedAt: null,
    startedAt: null,
    holdReason: null,
    heldAt: null,
    completionNotes: null,
    completionPhotos: [],
    materials: [],
    labourMinutes: null,
    chargeAmount: null,
  };
}

export function effectsOf(command: WorkOrderCommand, ctx: EffectContext): Partial<WorkOrder> {
  const { order, input, at, actor } = ctx;
  switch (command) {
    case 'dispatch':
      return { assigneeId: input.assigneeId ?? null, assignedAt: at, assignedVia: 'dispatch' };
    case 'grab':
      return { assigneeId: actor.id, assignedAt: at, assignedVia: 'grab' };
    case 'reassign':
      if (order.kind === 'complaint') return { assigneeId: input.assigneeId ?? null, assignedAt: at, assignedVia: 'dispatch' };
      return { assigneeId: input.assigneeId ?? null, assignedAt: at, assignedVia: 'dispatch', acceptedAt: null, startedAt: null, holdReason: null, heldAt: null };
    case 'accept':
      return { acceptedAt: at, respondedAt: order.respondedAt ?? at };
    case 'decline':
      // Back to the pool; the first response (if any) stays: the resident was answered.
      return { assigneeId: null, assignedAt: null, assignedVia: null, acceptedAt: null };
    case 'start':
      return { startedAt: at };
    case 'hold':
      return { holdReason: input.reason ?? null, heldAt: at };
    case 'resume':
      return { holdReason: null, heldAt: null };
    case 'complete':
      return {
        completedAt: at,
        completionNotes: input.completionNotes ?? null,
        completionPhotos: input.completionPhotos ?? [],
        materials: input.materials ?? [],
        labourMinutes: input.labourMinutes ?? null,
        chargeAmount: input.chargeAmount ?? null,
      };
    case 'verify':
      return { closedAt: at, closeReason: 'verified' };
    case 'acknowledge':
      return { assigneeId: input.assigneeId ?? actor.id, assignedAt: at, assignedVia: 'dispatch', respondedAt: order.respondedAt ?? at };
    case 'start_handling':
      return { startedAt: at };
    case 'reply':
      return { replyText: input.replyText ?? null, completedAt: at };
    case 'answer_survey': {
      if (input.fixed === false) return reopened(ctx, input.comment ?? null);
      const fromApp = actor.kind === 'resident';
      return {
        survey: {
          satisfaction: input.satisfaction ?? 0,
          fixed: input.fixed ?? null,
          comment: input.comment ?? null,
          channel: fromApp ? 'app' : 'phone',
          answeredAt: at,
          recordedBy: fromApp ? null : actor.id,
        },
        closedAt: at,
        closeReason: 'survey',
      };
    }
    case 'close_no_response':
      return { closedAt: at, closeReason: 'no_response' };
    case 'reopen':
      return reopened(ctx, input.reason ?? null);
    case 'cancel':
      return { cancelledAt: at, cancelReason: input.reason ?? null, cancelledBy: actor.kind };
    case 'escalate':
      return { escalationLevel: (order.escalationLevel + 1) as EscalationLevel, escalatedAt: at };
    case 'reclassify': {
      const category = input.category ?? order.category;
      const priority = input.priority ?? order.priority;
      // Deadlines always count from submission: reclassifying does not buy time, it corrects it.
      return { category, priority, ...computeDueDates(order.submittedAt, slaFor(category, priority, ctx.policy)) };
    }
    case 'edit': {
      const set: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(input)) set[field] = value;
      return set as Partial<WorkOrder>;
    }
  }
}
