/**
 * Review actions on a reading 读数审核: approve, send back for a re-read, or correct (a new approved reading
 * that supersedes it; nothing is edited in place except the review state). Only the current reading of its
 * meter and period can be acted on: acting on a superseded one is 409 with `details.currentId`.
 * Transitions: pending_review → approved | sent_back; approved → sent_back (a re-read before billing).
 * The same action again on a reading already in that state answers 200 and writes nothing.
 */
import type { ReadingExplanation } from '@pm/domain';
import { compare } from '@pm/domain';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db';
import { meters, readings } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { AppError, ConflictError, UnprocessableError } from '../../lib/errors';
import { checkAgainstBasis, readingBasis } from './basis';
import { currentReadingOf } from './current';
import { authorizeReading, reviewItem } from './review-queue';

type ReadingRow = typeof readings.$inferSelect;

/** Lock the reading's meter (review actions and corrections of one meter run one after another). */
async function lockMeter(tx: Tx, meterId: string) {
  await tx.select({ id: meters.id }).from(meters).where(eq(meters.id, meterId)).for('update');
}

async function loadCurrent(tx: Tx, id: string): Promise<ReadingRow> {
  const [row] = await tx.select().from(readings).where(eq(readings.id, id));
  const current = await currentReadingOf(tx, row!.meterId, row!.period);
  if (current && current.id !== row!.id) {
    throw new ConflictError('这条读数已被更新的读数取代 A newer reading supersedes this one', { currentId: current.id, status: current.status });
  }
  return row!;
}

const invalidTransition = (from: string, to: string) =>
  new AppError(409, 'invalid_transition', `读数状态为 ${from}，不能改为 ${to} A ${from} reading cannot become ${to}`, { status: from, to });

export async function approveReading({ ctx, id, input }: { ctx: StaffContext; id: string; input: { note?: string | undefined } }) {
  const ref = await authorizeReading(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await lockMeter(tx, ref.meterId);
    const before = await loadCurrent(tx, id);
    if (before.status === 'approved') return;
    if (before.status !== 'pending_review') throw invalidTransition(before.status, 'approved');
    if (before.usage === null) {
      throw new UnprocessableError('needs_explanation', '读数低于上次读数且没有说明原因，请更正（误读/翻表/换表）后再审核 Lower than previous and unexplained: correct it with an explanation', {
        flags: before.flags,
      });
    }
    const [after] = await tx
      .update(readings)
      .set({ status: 'approved', reviewNote: input.note || null, reviewedBy: ctx.actor.id, reviewedAt: ctx.clock.now() })
      .where(eq(readings.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'approve', entity: 'reading', entityId: id, before, after });
  });
  return reviewItem(ctx.db, id);
}

export async function sendBackReading({ ctx, id, input }: { ctx: StaffContext; id: string; input: { reason: string } }) {
  const ref = await authorizeReading(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await lockMeter(tx, ref.meterId);
    const before = await loadCurrent(tx, id);
    if (before.status === 'sent_back') return;
    const [after] = await tx
      .update(readings)
      .set({ status: 'sent_back', sentBackReason: input.reason, reviewNote: input.reason, reviewedBy: ctx.actor.id, reviewedAt: ctx.clock.now() })
      .where(eq(readings.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'send_back', entity: 'reading', entityId: id, before, after });
  });
  return reviewItem(ctx.db, id);
}

export interface CorrectionInput {
  /** The new reading's id, made by the client: the idempotency key. */
  id: string;
  value: string;
  explanation?: ReadingExplanation | undefined;
  note: string;
}

/**
 * A reviewer's correction: a new reading of the same meter and period, approved, superseding the corrected
 * one, read by the reviewer now; previous, usage and kind recomputed with the same rules as a reading from
 * the phone. A value the rules refuse is 400 `reading_invalid` with `details.rejection` (also
 * `needs_explanation` when it is lower than the previous reading and no explanation was given: an approved
 * reading must have a usage). The same id again answers the same reading.
 */
export async function correctReading({ ctx, id, input }: { ctx: StaffContext; id: string; input: CorrectionInput }) {
  const ref = await authorizeReading(ctx, id);
  const newId = await ctx.db.transaction(async (tx) => {
    await lockMeter(tx, ref.meterId);
    const [existing] = await tx.select().from(readings).where(eq(readings.id, input.id));
    if (existing) {
      const same =
        existing.supersedesId === id &&
        existing.reviewedBy === ctx.actor.id &&
        compare(existing.value, input.value) === 0 &&
        (existing.explanation ?? null) === (input.explanation ?? null) &&
        existing.note === input.note;
      if (!same) throw new ConflictError('这个读数编号已被使用 This reading id is already used', { id: input.id });
      return existing.id;
    }
    const before = await loadCurrent(tx, id);
    const [meter] = await tx
      .select({ id: meters.id, type: meters.type, digits: meters.digits, multiplier: meters.multiplier, initialReading: meters.initialReading })
      .from(meters)
      .where(eq(meters.id, before.meterId));
    const basis = await readingBasis(tx, before.meterId, before.period);
    const check = checkAgainstBasis(meter!, basis, { value: input.value, explanation: input.explanation });
    if (!check.ok || check.usage === null) {
      const rejection = check.rejection ?? 'needs_explanation';
      throw new AppError(400, 'reading_invalid', `读数无效 Invalid reading: ${rejection}`, { rejection, flags: check.flags });
    }
    const now = ctx.clock.now();
    // The correction must be the newest reading of the period even if a phone's clock ran ahead.
    const takenAt = new Date(Math.max(now.getTime(), before.takenAt.getTime() + 1));
    const [row] = await tx
      .insert(readings)
      .values({
        id: input.id,
        meterId: before.meterId,
        routeId: before.routeId,
        period: before.period,
        value: check.value!,
        previous: check.previous,
        usage: check.usage,
        kind: check.kind,
        flags: check.flags,
        explanation: input.explanation ?? null,
        status: 'approved',
        note: input.note,
        readerId: ctx.actor.id,
        takenAt,
        receivedAt: now,
        supersedesId: before.id,
        reviewNote: input.note,
        reviewedBy: ctx.actor.id,
        reviewedAt: now,
      })
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'correct', entity: 'reading', entityId: row!.id, before, after: row });
    return row!.id;
  });
  return reviewItem(ctx.db, newId);
}
