/**
 * The offline sync endpoint: a batch of commands made on a phone, each applied exactly once.
 * - Each command runs in its own savepoint: one bad command never undoes or blocks the others.
 * - Its client-made id is the idempotency key: the first application is logged in sync_commands with its
 *   result; a replay (retry, dropped response, a second tab) answers `duplicate` with that same result.
 *   Two concurrent pushes of one command meet at the primary key: the second waits, then sees the first.
 * - A command that breaks a rule is `rejected` with a reason (and logged, so a replay gets the same answer);
 *   the phone shows it and never retries it.
 */
import { READING_EXPLANATIONS, type ReadingExplanation, WORK_ORDER_COMMANDS, WORK_ORDER_STATES } from '@pm/domain';
import { and, desc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db';
import { readingRoutes, readings, routeMeters, syncCommands, workOrders } from '../db/schema';
import { writeAudit } from '../lib/audit';
import type { StaffContext } from '../lib/context';
import { AppError, ForbiddenError, NotFoundError, fromDatabaseError } from '../lib/errors';
import { authorizeNode } from '../lib/scope';
import { authorizeMeter } from './meters';
import { checkAgainstBasis, readingBasis } from './metering/basis';
import { applyCommand } from './work-orders/command';
import { CommandInput } from './work-orders/input';
import { staffDetail, staffWho } from './work-orders/staff';

export interface Command {
  id: string;
  type: string;
  at: string;
  payload: Record<string, unknown>;
}

const ReadingValue = z.string().trim().max(20);
/** `reading.record`: one meter reading taken on the phone; the command id becomes the reading id. */
export const ReadingPayload = z.object({
  meterId: z.uuid(),
  routeId: z.uuid().nullable().optional(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  value: ReadingValue,
  explanation: z.enum(READING_EXPLANATIONS as unknown as [ReadingExplanation, ...ReadingExplanation[]]).optional(),
  replacement: z
    .object({ oldFinal: ReadingValue, newInitial: ReadingValue, newMultiplier: z.string().max(20), newDigits: z.number().int().min(4).max(10) })
    .optional(),
  note: z.string().trim().max(500).optional(),
})
  // Replacement data belongs to the explanation 'replaced' only (the domain rule throws otherwise).
  .refine((p) => !p.replacement || p.explanation === 'replaced', { path: ['replacement'], message: "only with explanation 'replaced'" });
type ReadingPayloadInput = z.infer<typeof ReadingPayload>;

/** `work_order.command`: a technician's action on a work order, made on the phone (maybe offline). */
const WorkOrderPayload = z.object({
  workOrderId: z.uuid(),
  command: z.enum(WORK_ORDER_COMMANDS),
  from: z.enum(WORK_ORDER_STATES).optional(),
  input: CommandInput.default({}),
});

/** Command types and the service that applies each (inside the command's own savepoint). */
const HANDLERS: Record<string, (ctx: StaffContext, tx: Tx, id: string, at: string, payload: unknown) => Promise<unknown>> = {
  'work_order.command': async (ctx, tx, id, at, payload) => {
    const parsed = WorkOrderPayload.safeParse(payload);
    if (!parsed.success) {
      throw new Rejection('invalid_command', '指令内容不合法 Invalid command', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const p = parsed.data;
    const inner: StaffContext = { ...ctx, db: tx as unknown as StaffContext['db'] };
    try {
      const out = await applyCommand(tx, staffWho(inner), { id, workOrderId: p.workOrderId, command: p.command, at: new Date(at), from: p.from, input: p.input, photosFollow: true }, ctx.clock.now());
      return await staffDetail(inner, out.row);
    } catch (e) {
      // Refused (someone else took the job, it was cancelled…): the phone gets why and the order as it is now.
      if (!(e instanceof AppError)) throw e;
      const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, p.workOrderId));
      const current = row && e.status !== 404 ? await staffDetail(inner, row).catch(() => undefined) : undefined;
      throw new Rejection(e.code, e.message, e.details, current);
    }
  },
  'reading.record': (ctx, tx, id, at, payload) => {
    const parsed = ReadingPayload.safeParse(payload);
    if (!parsed.success) {
      throw new Rejection('invalid_command', '指令内容不合法 Invalid command', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    return recordReading(ctx, tx, id, at, parsed.data);
  },
};

export type CommandResult =
  | { id: string; status: 'applied' | 'duplicate'; result: unknown }
  | { id: string; status: 'rejected'; reason: { code: string; message: string; details?: unknown }; current?: unknown };

class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The record as it is now, for the phone to replace its copy with (work orders). */
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export async function applyCommands({ ctx, input }: { ctx: StaffContext; input: { deviceId: string; commands: Command[] } }) {
  const results: CommandResult[] = [];
  for (const command of input.commands) results.push(await applyOne(ctx, input.deviceId, command));
  return { results };
}

async function replay(ctx: StaffContext, id: string): Promise<CommandResult | undefined> {
  const [done] = await ctx.db.select().from(syncCommands).where(eq(syncCommands.id, id));
  if (!done) return undefined;
  if (done.staffId !== ctx.actor.id) return { id, status: 'rejected', reason: { code: 'foreign_command', message: 'this command id belongs to someone else' } };
  if (done.status === 'applied') return { id, status: 'duplicate', result: done.result };
  const r = done.result as { reason: { code: string; message: string; details?: unknown }; current?: unknown };
  return { id, status: 'rejected', reason: r.reason, ...(r.current !== undefined && { current: r.current }) };
}

async function applyOne(ctx: StaffContext, deviceId: string, command: Command): Promise<CommandResult> {
  const seen = await replay(ctx, command.id);
  if (seen) return seen;
  try {
    const result = await ctx.db.transaction(async (tx) => {
      // Claim the id first: a concurrent push of the same command waits here, then finds nothing to insert.
      const claimed = await tx
        .insert(syncCommands)
        .values({ id: command.id, type: command.type, deviceId, staffId: ctx.actor.id, at: new Date(command.at), receivedAt: ctx.clock.now(), status: 'applied' })
        .onConflictDoNothing()
        .returning({ id: syncCommands.id });
      if (claimed.length === 0) return undefined;
      const handler = HANDLERS[command.type];
      if (!handler) throw new Rejection('unknown_command_type', `unknown command type ${command.type}`);
      const row = await handler(ctx, tx, command.id, command.at, command.payload);
      await tx.update(syncCommands).set({ result: row }).where(eq(syncCommands.id, command.id));
      return row;
    });
    if (result === undefined) return (await replay(ctx, command.id))!;
    return { id: command.id, status: 'applied', result };
  } catch (e) {
    const known = e instanceof AppError ? e : fromDatabaseError(e);
    const reason =
      e instanceof Rejection
        ? { code: e.code, message: e.message, ...(e.details !== undefined && { details: e.details }) }
        : known
          ? { code: known.code, message: known.message }
          : undefined;
    if (!reason) throw e;
    const current = e instanceof Rejection ? e.current : undefined;
    // Remember the rejection, so a replay of this command gets the same answer.
    await ctx.db
      .insert(syncCommands)
      .values({ id: command.id, type: command.type, deviceId, staffId: ctx.actor.id, at: new Date(command.at), receivedAt: ctx.clock.now(), status: 'rejected', result: { reason, ...(current !== undefined && { current }) } })
      .onConflictDoNothing();
    return (await replay(ctx, command.id)) ?? { id: command.id, status: 'rejected', reason, ...(current !== undefined && { current }) };
  }
}

async function recordReading(outer: StaffContext, tx: Tx, commandId: string, at: string, p: ReadingPayloadInput) {
  // Every read inside the transaction goes through it: on embedded PGlite a query on the outer handle would
  // wait for this very transaction to end.
  const ctx: StaffContext = { ...outer, db: tx as unknown as StaffContext['db'] };
  let meter: Awaited<ReturnType<typeof authorizeMeter>>;
  try {
    meter = await authorizeMeter(ctx, p.meterId, 'reading:write');
  } catch (e) {
    if (e instanceof NotFoundError || e instanceof ForbiddenError) throw new Rejection('meter_not_allowed', '该仪表不在您的抄表范围内 This meter is outside your scope');
    throw e;
  }
  if (meter.state !== 'active') throw new Rejection('meter_replaced', '该仪表已更换 This meter has been replaced');
  // Readers record on their own routes; someone who manages meters may record without a route.
  if (p.routeId) {
    const [onRoute] = await tx
      .select({ readerId: readingRoutes.readerId, period: readingRoutes.period })
      .from(routeMeters)
      .innerJoin(readingRoutes, eq(readingRoutes.id, routeMeters.routeId))
      .where(and(eq(routeMeters.routeId, p.routeId), eq(routeMeters.meterId, p.meterId)));
    if (!onRoute) throw new Rejection('not_on_route', '该仪表不在此抄表路线上 The meter is not on this route');
    if (onRoute.readerId !== ctx.actor.id) throw new Rejection('not_your_route', '这不是您的抄表路线 This route is assigned to someone else');
    if (onRoute.period !== p.period) throw new Rejection('wrong_period', `路线的抄表期间是 ${onRoute.period} The route is for ${onRoute.period}`);
  } else {
    try {
      await authorizeNode(ctx.db, ctx.actor, meter.estateId, 'meter:write', 'meter:read', 'meter');
    } catch {
      throw new Rejection('route_required', '请在抄表路线中录入 Record readings from a route');
    }
  }

  // Previous, history and a replacement the office recorded: the same basis the route download gave the phone.
  const basis = await readingBasis(tx, p.meterId, p.period);
  const check = checkAgainstBasis(meter, basis, { value: p.value, explanation: p.explanation, replacement: p.replacement });
  if (!check.ok) throw new Rejection('reading_invalid', `读数无效 Invalid reading: ${check.rejection}`, { rejection: check.rejection, flags: check.flags });

  // A second reading of the meter in the period supersedes the one before it; both are kept.
  const [before] = await tx
    .select({ id: readings.id })
    .from(readings)
    .where(and(eq(readings.meterId, p.meterId), eq(readings.period, p.period), lte(readings.takenAt, new Date(at))))
    .orderBy(desc(readings.takenAt), desc(readings.id))
    .limit(1);
  const [row] = await tx
    .insert(readings)
    .values({
      id: commandId,
      meterId: p.meterId,
      routeId: p.routeId ?? null,
      period: p.period,
      value: check.value!,
      previous: check.previous,
      usage: check.usage,
      kind: check.kind,
      flags: check.flags,
      explanation: p.explanation ?? null,
      status: check.needsReview ? 'pending_review' : 'approved',
      note: p.note ?? null,
      readerId: ctx.actor.id,
      takenAt: new Date(at),
      receivedAt: ctx.clock.now(),
      supersedesId: before?.id ?? null,
    })
    .returning();
  await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'create', entity: 'reading', entityId: row!.id, after: row });
  return { ...row!, takenAt: row!.takenAt.toISOString(), receivedAt: row!.receivedAt.toISOString() };
}
