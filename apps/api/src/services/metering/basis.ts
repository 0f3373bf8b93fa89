/**
 * What a new reading of a meter is checked against — the same for a reading synced from a phone
 * (services/sync.ts) and a reviewer's correction (review.ts), and what the route download gives the phone
 * so it reaches the same verdict offline:
 * - previous: the newest approved reading of an earlier period (none: the meter's initial reading);
 * - history: the usages of those periods, newest first, one per period;
 * - the replacement 换表 that lies between the previous reading and this one, if the office recorded one.
 */
import { type CheckReadingInput, MeteringError, type MeterReplacement, type ReadingCheck, type ReadingExplanation, checkReading } from '@pm/domain';
import { and, desc, eq, isNotNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { meterReplacements, readings } from '../../db/schema';
import { AppError } from '../../lib/errors';

export type StoredReplacement = typeof meterReplacements.$inferSelect;

export interface PreviousReading {
  id: string;
  value: string;
  takenAt: Date;
  period: string;
}

/**
 * Does the latest recorded replacement apply to the next reading after `previous`? Only when it was
 * recorded after the previous approved reading was taken (that reading was on the old dial). Without a
 * previous reading there is no old part: the new dial starts at its initial reading (the meter row's
 * initial reading is the replacement's newInitial). A meter is replaced at most once between two approved
 * readings (services/metering/replacements.ts refuses a second one), so the latest is the only candidate.
 */
export function applicableReplacement(previous: Pick<PreviousReading, 'takenAt'> | null, latest: StoredReplacement | null | undefined) {
  if (!previous || !latest) return null;
  return latest.createdAt.getTime() > previous.takenAt.getTime() ? latest : null;
}

export async function latestReplacement(db: DbOrTx, meterId: string): Promise<StoredReplacement | undefined> {
  const [row] = await db
    .select()
    .from(meterReplacements)
    .where(eq(meterReplacements.meterId, meterId))
    .orderBy(desc(meterReplacements.createdAt), desc(meterReplacements.id))
    .limit(1);
  return row;
}

export interface ReadingBasis {
  previous: PreviousReading | null;
  history: string[];
  replacement: StoredReplacement | null;
}

export async function readingBasis(db: DbOrTx, meterId: string, period: string): Promise<ReadingBasis> {
  const earlier = await db
    .select({ id: readings.id, value: readings.value, usage: readings.usage, period: readings.period, takenAt: readings.takenAt })
    .from(readings)
    .where(and(eq(readings.meterId, meterId), eq(readings.status, 'approved'), lt(readings.period, period), isNotNull(readings.usage)))
    .orderBy(desc(readings.period), desc(readings.takenAt), desc(readings.id))
    .limit(12);
  const perPeriod = earlier.filter((r, i) => earlier.findIndex((x) => x.period === r.period) === i);
  const previous = perPeriod[0] ?? null;
  return {
    previous: previous && { id: previous.id, value: previous.value, takenAt: previous.takenAt, period: previous.period },
    history: perPeriod.map((r) => r.usage!),
    replacement: applicableReplacement(previous, await latestReplacement(db, meterId)),
  };
}

/** The replacement as @pm/domain's checkReading takes it. */
export const replacementForCheck = (r: StoredReplacement): MeterReplacement => ({
  oldFinal: r.oldFinal,
  newInitial: r.newInitial,
  newMultiplier: r.newMultiplier,
  newDigits: r.newDigits,
});

interface MeterDial {
  id: string;
  type: 'cold_water' | 'hot_water' | 'electricity' | 'gas';
  digits: number;
  multiplier: string;
  initialReading: string;
}

/**
 * Run @pm/domain checkReading against the basis. When a recorded replacement applies, the reading is on the
 * new dial and the usage is old part + new part (kind 'replaced'): the check runs on the OLD dial (its
 * digits and multiplier, kept on the replacement; the meter row already has the new ones), whatever
 * replacement data the phone sent — the office's record is authoritative. A reader who says 'misread' still
 * withdraws the reading. Without a recorded replacement the phone's own replacement data (found in the
 * field) is used as before.
 * Stored data that does not fit the dial (a previous reading too long for the meter's digits) is not the
 * reader's fault: 409 `meter_data_inconsistent`, for the office to sort out.
 */
export function checkAgainstBasis(
  meter: MeterDial,
  basis: ReadingBasis,
  input: { value: string; explanation?: ReadingExplanation | undefined; replacement?: MeterReplacement | undefined },
): ReadingCheck {
  const stored = basis.replacement;
  if (stored && input.explanation !== 'misread') {
    return check({
      meter: { ...meter, digits: stored.oldDigits, multiplier: stored.oldMultiplier },
      previous: basis.previous?.value ?? null,
      current: input.value,
      history: basis.history,
      explanation: 'replaced',
      replacement: replacementForCheck(stored),
    });
  }
  return check({
    meter,
    previous: basis.previous?.value ?? null,
    current: input.value,
    history: basis.history,
    ...(input.explanation && { explanation: input.explanation }),
    ...(input.replacement && { replacement: input.replacement }),
  });
}

function check(input: CheckReadingInput): ReadingCheck {
  try {
    return checkReading(input);
  } catch (e) {
    if (e instanceof MeteringError) {
      throw new AppError(409, 'meter_data_inconsistent', `仪表资料与读数不一致 The meter's stored data is inconsistent: ${e.message}`, e.details);
    }
    throw e;
  }
}
