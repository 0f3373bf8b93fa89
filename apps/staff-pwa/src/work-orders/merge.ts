/**
 * What the technician sees per job, merged from two sources that never overwrite each other: the server's
 * copies of the order (the download, and the copies that came back with sync answers and rejections) and
 * this person's steps in the outbox.
 *
 * - The newest server copy wins (`serverVersion`: its latest event), so a rejection's current state
 *   replaces the local one the moment it arrives, and a later download replaces both.
 * - Steps still waiting are applied on top with the domain's `decideTransition`, the rule the server will
 *   run: the screen moves at once (optimistic). A waiting step the rules refuse on the newest server copy
 *   (the job was cancelled meanwhile) is shown as a conflict — the server will refuse it too.
 * - Synced steps are in the server's copies already; rejected ones stay visible with the server's reason
 *   until the technician has seen them (dismissed).
 */
import {
  allowedCommands,
  decideTransition,
  type SlaStatusResult,
  slaStatus,
  type TransitionRefusal,
  WORK_KINDS,
  type WorkOrderActor,
  type WorkOrderCommand,
  type WorkOrderPolicy,
  type WorkOrderState,
} from '@pm/domain';
import type { OutboxCommand, Rejection } from '../offline';
import { type CachedOrder, serverVersion } from './cache';
import { policiesByEstate } from './policy';
import { WORK_ORDER_COMMAND_TYPE, type WorkOrderCommandPayload, type WorkOrderDetail } from './types';

export type WorkOrderOutboxCommand = OutboxCommand<WorkOrderCommandPayload, WorkOrderDetail>;

/** One of this person's steps on a job, as the outbox holds it. */
export interface JobStep {
  commandId: string;
  command: WorkOrderCommand;
  /** The state the technician saw. */
  from: WorkOrderState;
  /** The state it leads to on the phone (null while not applicable: rejected, conflict, synced). */
  to: WorkOrderState | null;
  /** When the technician did it (phone time). */
  at: string;
  createdAt: string;
  /** 'syncing' counts as pending: the server has not answered yet. */
  status: 'pending' | 'synced' | 'rejected';
  rejection: Rejection | null;
  /** A waiting step the rules refuse on the newest server copy: it will come back rejected. */
  conflict: TransitionRefusal | null;
  input: Record<string, unknown>;
  lastError: string | null;
}

export interface JobView {
  id: string;
  /** The order as the technician sees it: the newest server copy with the waiting steps applied. */
  order: WorkOrderDetail;
  /** The newest server copy alone. */
  server: WorkOrderDetail;
  /** This person's steps on it still in the outbox, oldest first. */
  steps: JobStep[];
  pending: number;
  /** Rejected steps not yet dismissed, oldest first. */
  rejected: JobStep[];
  synced: number;
  mine: boolean;
  /** Grab-able: not assigned, submitted (a work kind). */
  inPool: boolean;
  /** Buttons for this person now. */
  allowed: WorkOrderCommand[];
  sla: SlaStatusResult | null;
  policy: WorkOrderPolicy;
}

/** The technician as the rules see them on this order. */
export function technicianOn(order: Pick<WorkOrderDetail, 'assigneeId'>, me: string): WorkOrderActor {
  return { kind: 'technician', id: me, isAssignee: order.assigneeId === me };
}

function isOrder(value: unknown): value is WorkOrderDetail {
  const o = value as Partial<WorkOrderDetail> | null;
  return typeof o?.id === 'string' && typeof o.state === 'string' && typeof o.kind === 'string' && typeof o.submittedAt === 'string';
}

/** This person's work-order commands, oldest first (another person's never count on a shared phone). */
export function commandsOf(commands: readonly OutboxCommand[], me: string): WorkOrderOutboxCommand[] {
  return (commands as WorkOrderOutboxCommand[])
    .filter((c) => c.type === WORK_ORDER_COMMAND_TYPE && c.owner === me && typeof c.payload?.workOrderId === 'string')
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}

/** The server copies of one order the phone holds, in the order they are listed (later wins a tie). */
function serverCopies(cached: CachedOrder | undefined, commands: readonly WorkOrderOutboxCommand[]): WorkOrderDetail[] {
  const copies: WorkOrderDetail[] = cached ? [cached.order] : [];
  for (const c of commands) {
    if (c.status === 'synced' && isOrder(c.result)) copies.push(c.result);
    if (c.status === 'rejected' && isOrder(c.rejection?.current)) copies.push(c.rejection.current);
  }
  return copies;
}

function newest(copies: readonly WorkOrderDetail[]): WorkOrderDetail | null {
  let best: WorkOrderDetail | null = null;
  for (const copy of copies) if (best === null || serverVersion(copy) >= serverVersion(best)) best = copy;
  return best;
}

/**
 * The server already has this step although its answer has not reached the phone (the answer was lost, the
 * download came first): its history holds the event the step made — the event's id is the command's id —
 * or, should a server not keep that id, the same command at the same phone time (the server keeps it).
 */
function alreadyOnServer(server: WorkOrderDetail, c: WorkOrderOutboxCommand): boolean {
  const at = Date.parse(c.at);
  return (server.events ?? []).some((e) => e.id === c.id || (e.command === c.payload.command && Date.parse(e.at) === at));
}

function stepOf(c: WorkOrderOutboxCommand): JobStep {
  return {
    commandId: c.id,
    command: c.payload.command,
    from: c.payload.from,
    to: null,
    at: c.at,
    createdAt: c.createdAt,
    status: c.status === 'syncing' ? 'pending' : c.status,
    rejection: c.rejection,
    conflict: null,
    input: c.payload.input ?? {},
    lastError: c.lastError,
  };
}

function viewOf(id: string, server: WorkOrderDetail, commands: readonly WorkOrderOutboxCommand[], me: string, now: Date, policy: WorkOrderPolicy): JobView {
  let order: WorkOrderDetail = server;
  const steps: JobStep[] = [];
  for (const c of commands) {
    const step = stepOf(c);
    steps.push(step);
    if (step.status !== 'pending' || alreadyOnServer(server, c)) continue;
    try {
      const input = { ...step.input, at: step.at, from: step.from };
      const decision = decideTransition(order, step.command, technicianOn(order, me), input, policy);
      if (decision.ok) {
        order = { ...order, ...decision.set };
        step.to = decision.to;
      } else {
        step.conflict = decision;
      }
    } catch {
      // The stored copy breaks the rules' assumptions (corrupt cache): show the server's copy as it is.
    }
  }
  let allowed: WorkOrderCommand[] = [];
  let sla: SlaStatusResult | null = null;
  try {
    allowed = allowedCommands(order, technicianOn(order, me), { now, policy });
    sla = slaStatus(order, now, policy);
  } catch {
    // as above: no buttons and no badge rather than a broken screen
  }
  const mine = order.assigneeId === me;
  return {
    id,
    order,
    server,
    steps,
    pending: steps.filter((s) => s.status === 'pending').length,
    rejected: steps.filter((s) => s.status === 'rejected'),
    synced: steps.filter((s) => s.status === 'synced').length,
    mine,
    inPool: !mine && order.assigneeId === null && order.state === 'submitted' && WORK_KINDS.includes(order.kind),
    allowed,
    sla,
    policy,
  };
}

export interface JobViewsInput {
  cached: readonly CachedOrder[];
  /** The outbox (any types, any owner: filtered here). */
  commands: readonly OutboxCommand[];
  /** The signed-in technician's staff id. */
  me: string;
  /** The phone's time: SLA badges and time windows are judged at it. */
  now: Date;
  /** Estate id → settings, as cached with the download. */
  settings?: Readonly<Record<string, unknown>>;
}

/** Every job this person has on the phone: cached orders, and orders known only from their own steps. */
export function jobViews(input: JobViewsInput): JobView[] {
  const mine = commandsOf(input.commands, input.me);
  const byOrder = new Map<string, WorkOrderOutboxCommand[]>();
  for (const c of mine) byOrder.set(c.payload.workOrderId, [...(byOrder.get(c.payload.workOrderId) ?? []), c]);
  const cachedById = new Map(input.cached.map((c) => [c.order.id, c]));
  // An order no longer cached is shown only while a step of mine on it waits or was rejected: one whose
  // steps all synced and that the last download no longer lists (finished a week ago) is not my business.
  const open = [...byOrder].filter(([, list]) => list.some((c) => c.status !== 'synced')).map(([id]) => id);
  const ids = [...new Set([...cachedById.keys(), ...open])];

  const servers = new Map<string, WorkOrderDetail>();
  for (const id of ids) {
    const server = newest(serverCopies(cachedById.get(id), byOrder.get(id) ?? []));
    if (server) servers.set(id, server);
  }
  const policies = policiesByEstate([...servers.values()], input.settings ?? {});
  const views: JobView[] = [];
  for (const [id, server] of servers) {
    const policy = policies.get(server.estateId)!;
    views.push(viewOf(id, server, byOrder.get(id) ?? [], input.me, input.now, policy));
  }
  return views;
}

const BOARD_RANK = { overdue: 0, at_risk: 1, on_track: 2 } as const;

/** Most urgent first: overdue, at risk, on track, then by the completion deadline; finished ones last. */
export function byUrgency(a: JobView, b: JobView): number {
  const ra = a.sla?.board ? BOARD_RANK[a.sla.board] : 3;
  const rb = b.sla?.board ? BOARD_RANK[b.sla.board] : 3;
  if (ra !== rb) return ra - rb;
  const da = Date.parse(a.order.completeDueAt);
  const db = Date.parse(b.order.completeDueAt);
  return ra === 3 ? db - da : da - db;
}

export type JobTab = 'mine' | 'pool' | 'done';

/** Which tab a job is listed under, or null when it is no longer this person's business. */
export function tabOf(view: JobView): JobTab | null {
  const open = !['completed', 'closed', 'cancelled', 'responded'].includes(view.order.state);
  if (view.mine) return open ? 'mine' : 'done';
  if (view.inPool) return 'pool';
  // Not mine and not grab-able (someone else took it, it was cancelled): still shown while one of my
  // steps on it waits or was rejected, so the technician sees what happened to it.
  if (view.pending > 0 || view.rejected.length > 0) return open ? 'pool' : 'done';
  // A job of mine that was reassigned or finished by someone else stays in "done" until the next download.
  return view.steps.length > 0 ? 'done' : null;
}
