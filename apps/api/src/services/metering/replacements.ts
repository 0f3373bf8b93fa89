/**
 * Meter replacement 换表. The meter row is the metering point: it keeps its id (routes, shares, readings
 * stay attached) and moves to the new dial; the replacement row keeps both dials, so the next reading's
 * usage is the old dial's part up to `oldFinal` plus the new dial's part from `newInitial`.
 * The id is made by the client: the same request again answers the same; another body under it is 409.
 */
import { compare, parseReading, todayInShanghai } from '@pm/domain';
import { and, desc, eq } from 'drizzle-orm';
import { meterReplacements, meters, readings, staffAccounts } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { AppError, ConflictError, ValidationError } from '../../lib/errors';
import { authorizeMeter } from '../meters';
import { type StoredReplacement, latestReplacement } from './basis';

export interface ReplacementInput {
  id: string;
  replacedOn: string;
  oldFinal: string;
  newSerial: string;
  /** Absent: the meter keeps its code (the label on the metering point); null: the code is removed. */
  newCode?: string | null | undefined;
  newInitial: string;
  newMultiplier: string;
  newDigits: number;
  note?: string | undefined;
}

const replacementColumns = {
  id: meterReplacements.id,
  meterId: meterReplacements.meterId,
  replacedOn: meterReplacements.replacedOn,
  oldSerial: meterReplacements.oldSerial,
  oldCode: meterReplacements.oldCode,
  oldFinal: meterReplacements.oldFinal,
  oldMultiplier: meterReplacements.oldMultiplier,
  oldDigits: meterReplacements.oldDigits,
  newSerial: meterReplacements.newSerial,
  newCode: meterReplacements.newCode,
  newInitial: meterReplacements.newInitial,
  newMultiplier: meterReplacements.newMultiplier,
  newDigits: meterReplacements.newDigits,
  note: meterReplacements.note,
  createdBy: meterReplacements.createdBy,
  createdByName: staffAccounts.name,
  createdAt: meterReplacements.createdAt,
};

function replacementQuery(db: StaffContext['db']) {
  return db.select(replacementColumns).from(meterReplacements).innerJoin(staffAccounts, eq(staffAccounts.id, meterReplacements.createdBy));
}

const toWire = (r: Awaited<ReturnType<typeof replacementQuery>>[number]) => ({ ...r, createdAt: r.createdAt.toISOString() });
export type Replacement = ReturnType<typeof toWire>;

export async function listReplacements({ ctx, meterId }: { ctx: StaffContext; meterId: string }) {
  await authorizeMeter(ctx, meterId, 'meter:read');
  const rows = await replacementQuery(ctx.db)
    .where(eq(meterReplacements.meterId, meterId))
    .orderBy(desc(meterReplacements.createdAt), desc(meterReplacements.id));
  return { items: rows.map(toWire) };
}

const sameNumber = (a: string, b: string) => compare(a, b) === 0;

/** Is a repeated request the one stored under its id? (`newCode` absent means "keep the old code".) */
function sameRequest(stored: StoredReplacement, meterId: string, input: ReplacementInput) {
  const newCode = input.newCode === undefined ? stored.oldCode : input.newCode;
  return (
    stored.meterId === meterId &&
    stored.replacedOn === input.replacedOn &&
    sameNumber(stored.oldFinal, input.oldFinal) &&
    stored.newSerial === input.newSerial &&
    (stored.newCode ?? null) === (newCode ?? null) &&
    sameNumber(stored.newInitial, input.newInitial) &&
    sameNumber(stored.newMultiplier, input.newMultiplier) &&
    stored.newDigits === input.newDigits &&
    (stored.note ?? null) === (input.note || null)
  );
}

const reject = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);

export async function replaceMeter({ ctx, meterId, input }: { ctx: StaffContext; meterId: string; input: ReplacementInput }) {
  await authorizeMeter(ctx, meterId, 'meter:write');
  if (input.replacedOn > todayInShanghai(ctx.clock.now())) {
    throw new ValidationError('换表日期不能晚于今天 The replacement date cannot be in the future', [{ path: 'replacedOn', message: 'in the future' }]);
  }
  const replacementId = await ctx.db.transaction(async (tx) => {
    // One replacement of a meter at a time: a concurrent one (or a retry of this one) waits here.
    const [meter] = await tx.select().from(meters).where(eq(meters.id, meterId)).for('update');
    const [existing] = await tx.select().from(meterReplacements).where(eq(meterReplacements.id, input.id));
    if (existing) {
      if (!sameRequest(existing, meterId, input)) throw new ConflictError('这个换表编号已用于另一次换表 This replacement id was used with other data', { id: input.id });
      return existing.id;
    }
    if (meter?.state !== 'active') throw new ConflictError('该仪表已停用 The meter is not active');

    // The old dial's baseline: its last approved reading (or its initial reading when it has none yet).
    const [lastApproved] = await tx
      .select({ id: readings.id, value: readings.value, takenAt: readings.takenAt })
      .from(readings)
      .where(and(eq(readings.meterId, meterId), eq(readings.status, 'approved')))
      .orderBy(desc(readings.period), desc(readings.takenAt), desc(readings.id))
      .limit(1);
    const latest = await latestReplacement(tx, meterId);
    if (latest && (!lastApproved || latest.createdAt.getTime() > lastApproved.takenAt.getTime())) {
      // The usage rule spans one replacement between two approved readings; a second one would lose a part.
      throw new AppError(409, 'replacement_unread', '上次换表后还没有审核通过的读数，请先抄表并审核 The meter has no approved reading since its last replacement', {
        replacementId: latest.id,
      });
    }
    const oldFinal = parseReading(input.oldFinal, { digits: meter.digits });
    if (!oldFinal.ok) {
      throw reject('replacement_old_final_invalid', `旧表止码不是 ${meter.digits} 位表盘上的读数 The old meter's final reading does not fit its dial`, { reason: oldFinal.reason });
    }
    const baseline = lastApproved?.value ?? meter.initialReading;
    if (compare(oldFinal.value, baseline) < 0) {
      throw reject('replacement_old_final_below_previous', `旧表止码低于上次审核读数 ${baseline} The old meter's final reading is below its last approved reading`, {
        previous: baseline,
        readingId: lastApproved?.id ?? null,
      });
    }
    const newInitial = parseReading(input.newInitial, { digits: input.newDigits });
    if (!newInitial.ok) {
      throw reject('replacement_new_initial_invalid', `新表起码不是 ${input.newDigits} 位表盘上的读数 The new meter's initial reading does not fit its dial`, { reason: newInitial.reason });
    }

    const newCode = input.newCode === undefined ? meter.code : input.newCode;
    const now = ctx.clock.now();
    const [created] = await tx
      .insert(meterReplacements)
      .values({
        id: input.id,
        meterId,
        replacedOn: input.replacedOn,
        oldSerial: meter.serial,
        oldCode: meter.code,
        oldFinal: oldFinal.value,
        oldMultiplier: meter.multiplier,
        oldDigits: meter.digits,
        newSerial: input.newSerial,
        newCode,
        newInitial: newInitial.value,
        newMultiplier: input.newMultiplier,
        newDigits: input.newDigits,
        note: input.note || null,
        createdBy: ctx.actor.id,
        createdAt: now,
      })
      .returning();
    const [updated] = await tx
      .update(meters)
      .set({
        serial: input.newSerial,
        code: newCode,
        multiplier: input.newMultiplier,
        digits: input.newDigits,
        initialReading: newInitial.value,
        installDate: input.replacedOn,
        updatedAt: now,
      })
      .where(eq(meters.id, meterId))
      .returning();
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'replace', entity: 'meter', entityId: meterId, before: meter, after: { meter: updated, replacement: created } });
    return created!.id;
  });
  const [replacement] = await replacementQuery(ctx.db).where(eq(meterReplacements.id, replacementId));
  return { replacement: toWire(replacement!), meter: await authorizeMeter(ctx, meterId, 'meter:read') };
}
