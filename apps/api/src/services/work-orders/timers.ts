/**
 * The system's own commands, run by a timer in the server process (and by tests directly): close a survey
 * nobody answered within the estate's survey window as `no_response`, escalate an order once a deadline has
 * passed, and warn the assignee when a deadline is at risk. Each command goes through `applyCommand` like a
 * person's, with an id derived from the order, the command and the order's round (reopens, escalation level):
 * a repeated or concurrent tick finds the event and changes nothing; the domain checks its guard again anyway.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors';
import { slaStatus, systemTimers } from '@pm/domain';
import { and, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { workOrders } from '../../db/schema';
import type { WorkOrderRow } from './access';
import { applyCommand, type Who } from './command';
import { notifyAtRisk } from './notify';
import { toDomain } from './row';
import { loadSettings } from './settings';

const SYSTEM: Who = { sees: () => true, actor: () => ({ kind: 'system', id: 'system' }), staffId: null, residentId: null, audit: { kind: 'system' } };
const BATCH = 500;

/** A UUID made from a name (the shape of a v5 UUID), so the same timer on the same order always has the same id. */
function nameId(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export async function runWorkOrderTimers(db: Db, now: Date) {
  const done = { escalated: 0, closedNoResponse: 0, atRisk: 0 };
  const candidates = await db
    .select()
    .from(workOrders)
    .where(
      or(
        // surveys waiting (the window is at least a day)
        and(inArray(workOrders.state, ['completed', 'responded']), lt(workOrders.completedAt, new Date(now.getTime() - 86_400_000))),
        // deadlines passed and not escalated yet
        and(
          notInArray(workOrders.state, ['completed', 'responded', 'closed', 'cancelled']),
          lt(workOrders.escalationLevel, 1),
          or(and(isNull(workOrders.respondedAt), lt(workOrders.responseDueAt, now)), and(isNull(workOrders.completedAt), lt(workOrders.completeDueAt, now))),
        ),
      ),
    )
    .limit(BATCH);
  for (const row of candidates) {
    const { policy } = await loadSettings(db, row.estateId);
    for (const timer of systemTimers(toDomain(row), policy)) {
      if (new Date(timer.after) > now) continue;
      const id = nameId(`${row.id}:${timer.command}:${row.reopenCount}:${row.escalationLevel}`);
      try {
        const out = await db.transaction((tx) => applyCommand(tx, SYSTEM, { id, workOrderId: row.id, command: timer.command, at: now, input: timer.command === 'escalate' ? { reason: '超时自动升级 Deadline passed' } : {} }, now));
        if (!out.replay) done[timer.command === 'escalate' ? 'escalated' : 'closedNoResponse'] += 1;
      } catch (e) {
        // The order moved on meanwhile (a person acted first): nothing to do.
        if (!(e instanceof AppError)) throw e;
      }
    }
  }
  // At risk: assigned, running, less than the share of the window left.
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const running = await db
    .select()
    .from(workOrders)
    .where(
      and(
        notInArray(workOrders.state, ['submitted', 'completed', 'responded', 'closed', 'cancelled']),
        sql`${workOrders.assigneeId} is not null`,
        sql`${workOrders.completeDueAt} > ${nowSql}`,
        sql`${workOrders.completeDueAt} < ${nowSql} + interval '2 days'`,
      ),
    )
    .limit(BATCH);
  for (const row of running as WorkOrderRow[]) {
    const { policy } = await loadSettings(db, row.estateId);
    const sla = slaStatus(toDomain(row), now, policy);
    for (const clock of ['response', 'completion'] as const) {
      if (sla[clock].status === 'at_risk') {
        await notifyAtRisk(db, row, clock, now);
        done.atRisk += 1;
      }
    }
  }
  return done;
}

/** Runs the timers every minute in the server process (unref'd: never keeps the process alive). */
export function startWorkOrderTimers(db: Db, clock: { now(): Date }, everyMs = 60_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runWorkOrderTimers(db, clock.now())
      .catch((e) => console.error('work-order timers failed', e))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
