import type { Decimal } from '../money';
import { checkDigits } from './dial';
import { MeteringError } from './errors';
import { assertMeter, type Meter } from './meter';
import { checkMultiplier } from './multiplier';
import { parseReadingValue, type ReadingFormatReason, readingValue } from './parseReading';
import { checkFactor, checkPeriods, DEFAULT_SPIKE_FACTOR, DEFAULT_SPIKE_PERIODS, exceedsRecentAverage, recentUsages } from './recentAverage';
import { exactUsage, type MeterReplacement, toUsageString, type UsageKind } from './usage';

/**
 * What the reader says when the reading is lower than the previous one (the phone asks; we never guess):
 * - `misread`:  I read it wrong → the reading is rejected, the reader enters it again.
 * - `rollover`: the dial passed 99…9 and restarted at 0 → usage via rollover.
 * - `replaced`: the meter was replaced 换表 → usage from the old and new meter (needs `replacement`).
 */
export const READING_EXPLANATIONS = ['misread', 'rollover', 'replaced'] as const;
export type ReadingExplanation = (typeof READING_EXPLANATIONS)[number];

/**
 * Review flags, in the order they are reported. A flag never drops a reading: a flagged reading that is
 * `ok` is recorded and goes to review.
 * - `lower_than_previous`: current < previous (reported whatever the explanation).
 * - `rollover_suspicious`: a rollover whose usage is > k × the recent average.
 * - `meter_replaced`:      usage was computed over a meter replacement.
 * - `spike`:               usage > k × the average of the last n periods (with at least one period).
 * - `zero_usage`:          usage is exactly 0.
 * - `too_many_digits`:     the value does not fit the dial (this one also rejects the reading).
 */
export const READING_FLAGS = [
  'lower_than_previous',
  'rollover_suspicious',
  'meter_replaced',
  'spike',
  'zero_usage',
  'too_many_digits',
] as const;
export type ReadingFlag = (typeof READING_FLAGS)[number];

/**
 * Why a reading cannot be recorded (`ok: false`): the value as typed is not a reading for the dial (a
 * `ReadingFormatReason`), the reader said it was misread, or a replacement is missing or inconsistent.
 */
export type ReadingRejection =
  | ReadingFormatReason
  | 'misread'
  | 'replacement_required'
  | 'replacement_new_meter_invalid'
  | 'replacement_old_final_invalid'
  | 'replacement_old_final_below_previous'
  | 'replacement_new_initial_invalid'
  | 'replacement_current_below_new_initial';

export interface CheckReadingInput {
  meter: Meter;
  /** The last approved reading's value, or null when there is none yet (then `meter.initialReading`). */
  previous: string | null;
  /** The value as typed (on the new meter when `explanation` is 'replaced'). */
  current: string;
  /** Usages of the last periods, newest first (decimal strings). */
  history: readonly string[];
  /** Spike factor, default 3. */
  k?: number | string;
  /** Periods averaged, default 3. */
  n?: number;
  /** The reader's answer when the reading is lower than the previous one. */
  explanation?: ReadingExplanation;
  /** Required with explanation 'replaced' (and only then). */
  replacement?: MeterReplacement;
}

export interface ReadingCheck {
  /**
   * Can the reading be recorded? Flags do NOT make it false: a flagged reading is recorded and goes to
   * review (`needsReview`). Only a value that is not a reading, a reading the reader declared misread, or a
   * replacement with missing/inconsistent data gives false (`rejection` says why): the reader re-enters it.
   */
  ok: boolean;
  /** The usage (decimal string, ≤ 4 decimals), or null when it cannot be computed (rejected, or unexplained). */
  usage: string | null;
  /** How `usage` was computed; null when it was not. */
  kind: UsageKind | null;
  flags: ReadingFlag[];
  /**
   * The reading is lower than the previous one and the reader has not said why: the phone must ask
   * (misread / rollover / replaced). If it is recorded anyway (the server receiving it, a reader who
   * cannot tell), it is `ok` with usage null and goes to review; nothing is assumed.
   */
  needsExplanation: boolean;
  /** ok and flagged (or unexplained): record it, then a person reviews it before billing uses it. */
  needsReview: boolean;
  /** Why `ok` is false; null when ok. */
  rejection: ReadingRejection | null;
  /** The current value in canonical form ("0012.30" → "12.3"); null when it is not a reading. */
  value: string | null;
  /** The previous value used (the initial reading when `previous` was null), canonical. */
  previous: string;
}

function sortFlags(flags: readonly ReadingFlag[]): ReadingFlag[] {
  return READING_FLAGS.filter((flag) => flags.includes(flag));
}

/**
 * Check one meter reading — the same rule set on the phone (before saving offline) and on the server.
 *
 * Steps: the value must be a reading for the dial (else rejected, `too_many_digits` also flagged); a
 * 'misread' explanation rejects it; 'replaced' computes usage over the replacement; a value lower than
 * the previous one is never explained away — without an explanation it is recorded with usage null and
 * `needsExplanation`, with 'rollover' usage goes round the dial (flag `rollover_suspicious` when it is
 * > k × the recent average); otherwise usage is normal. Then `zero_usage` and `spike` (> k × the average of
 * the newest n history usages, only when there is history; `rollover_suspicious` replaces `spike` for a
 * rollover).
 *
 * Throws `MeteringError` only for broken inputs that are not the reader's: an invalid meter, a stored
 * previous reading that does not fit the dial, malformed history, k or n, or replacement data without
 * the 'replaced' explanation.
 */
export function checkReading(input: CheckReadingInput): ReadingCheck {
  const { meter, explanation, replacement } = input;
  assertMeter(meter);
  const previous = readingValue(input.previous ?? meter.initialReading, meter.digits, input.previous === null ? 'initialReading' : 'previous');
  const spike = { k: input.k ?? DEFAULT_SPIKE_FACTOR, n: input.n ?? DEFAULT_SPIKE_PERIODS };
  checkFactor(spike.k);
  recentUsages(input.history, checkPeriods(spike.n));
  if (explanation !== undefined && !(READING_EXPLANATIONS as readonly string[]).includes(explanation)) {
    throw new MeteringError('INVALID_READING', 'unknown explanation', { field: 'explanation' });
  }
  if (replacement !== undefined && explanation !== 'replaced') {
    throw new MeteringError('UNEXPECTED_REPLACEMENT', "replacement data is only accepted with the explanation 'replaced'");
  }

  const base = { previous: previous.toFixed() };
  const reject = (rejection: ReadingRejection, flags: ReadingFlag[] = [], value: Decimal | null = null): ReadingCheck => ({
    ok: false,
    usage: null,
    kind: null,
    flags: sortFlags(flags),
    needsExplanation: false,
    needsReview: false,
    rejection,
    value: value === null ? null : value.toFixed(),
    ...base,
  });

  // The current value is read on the new meter's dial after a replacement.
  let digits = meter.digits;
  if (explanation === 'replaced') {
    if (replacement === undefined || replacement === null) return reject('replacement_required');
    try {
      digits = checkDigits(replacement.newDigits, 'newDigits');
      checkMultiplier(replacement.newMultiplier, 'newMultiplier');
    } catch (error) {
      if (error instanceof MeteringError) return reject('replacement_new_meter_invalid');
      throw error;
    }
  }

  const parsed = parseReadingValue(input.current, digits);
  if (!parsed.ok) return reject(parsed.reason, parsed.reason === 'too_many_digits' ? ['too_many_digits'] : []);
  const current = parsed.value;
  const flags: ReadingFlag[] = current.lessThan(previous) ? ['lower_than_previous'] : [];

  // The reader says the number is wrong: nothing is recorded, they read again.
  if (explanation === 'misread') return reject('misread', flags, current);

  let kind: UsageKind;
  if (explanation === 'replaced' && replacement) {
    const oldFinal = parseReadingValue(replacement.oldFinal, meter.digits);
    if (!oldFinal.ok) return reject('replacement_old_final_invalid', flags, current);
    if (oldFinal.value.lessThan(previous)) return reject('replacement_old_final_below_previous', flags, current);
    const newInitial = parseReadingValue(replacement.newInitial, digits);
    if (!newInitial.ok) return reject('replacement_new_initial_invalid', flags, current);
    if (current.lessThan(newInitial.value)) return reject('replacement_current_below_new_initial', flags, current);
    kind = 'replaced';
    flags.push('meter_replaced');
  } else if (current.lessThan(previous)) {
    if (explanation !== 'rollover') {
      // Lower than previous and unexplained: recorded for review without a usage; never assume why.
      return {
        ok: true,
        usage: null,
        kind: null,
        flags: sortFlags(flags),
        needsExplanation: true,
        needsReview: true,
        rejection: null,
        value: current.toFixed(),
        ...base,
      };
    }
    kind = 'rollover';
  } else {
    // Not lower: a 'rollover' explanation does not apply and the usage is normal.
    kind = 'normal';
  }

  const exact = exactUsage(
    kind === 'replaced' && replacement
      ? { kind, previous: base.previous, current: current.toFixed(), multiplier: meter.multiplier, digits: meter.digits, replacement }
      : { kind: kind as 'normal' | 'rollover', previous: base.previous, current: current.toFixed(), multiplier: meter.multiplier, digits: meter.digits },
  );
  const usage = toUsageString(exact);
  if (exact.isZero()) flags.push('zero_usage');
  if (exceedsRecentAverage(exact, input.history, spike)) flags.push(kind === 'rollover' ? 'rollover_suspicious' : 'spike');

  const sorted = sortFlags(flags);
  return {
    ok: true,
    usage,
    kind,
    flags: sorted,
    needsExplanation: false,
    needsReview: sorted.length > 0,
    rejection: null,
    value: current.toFixed(),
    ...base,
  };
}
