import DecimalJs from 'decimal.js';
import { add, type Decimal, multiply, subtract } from '../money';
import { normalize } from '../money/decimal';
import { checkDigits, dialSize } from './dial';
import { MeteringError, preview } from './errors';
import { checkMultiplier } from './multiplier';
import { readingValue } from './parseReading';

/** Decimals a usage is kept to (the usage column is numeric(…, 4)). */
export const USAGE_SCALE = 4;

/**
 * How a usage is computed from two readings:
 * - `normal`:   the dial went up: (current − previous) × multiplier.
 * - `rollover`: the dial passed 99…9 and started again at 0 (翻表/回零): (10^digits − previous + current) × multiplier.
 * - `replaced`: the meter was replaced (换表) between the two readings: what the old meter counted until
 *   it was removed plus what the new one counted since it was installed.
 */
export const USAGE_KINDS = ['normal', 'rollover', 'replaced'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/**
 * A meter replacement 换表 between the previous reading (on the old meter) and the current one (on the new
 * meter). Every field is required on purpose: a CT-fed meter ×40 replaced by a direct ×1 meter must not
 * silently inherit the old multiplier.
 */
export interface MeterReplacement {
  /** The old meter's final reading, taken when it was removed (old dial, ≥ previous). */
  oldFinal: string;
  /** The new meter's reading when it was installed (new dial, ≤ current; often "0"). */
  newInitial: string;
  /** The new meter's multiplier 倍率 (positive decimal string). */
  newMultiplier: string;
  /** The new meter's dial digits (4–10). */
  newDigits: number;
}

interface UsageCommon {
  /** The previous reading (on the old meter for `replaced`). */
  previous: string;
  /** The current reading (on the new meter for `replaced`). */
  current: string;
  /** The (old) meter's multiplier. */
  multiplier: string;
}

/**
 * Input of `usage`. `digits` is the (old) meter's dial size: required for a rollover, optional otherwise —
 * when given, `previous` (and `current`, `oldFinal`) must fit the dial.
 */
export type UsageInput =
  | (UsageCommon & { kind: 'normal'; digits?: number })
  | (UsageCommon & { kind: 'rollover'; digits: number })
  | (UsageCommon & { kind: 'replaced'; digits?: number; replacement: MeterReplacement });

/**
 * A usage as its wire string. The rule: usage is computed exactly from the readings and multipliers; it is
 * rounded only when the exact value has more than 4 decimals (a multiplier with many decimals), then once,
 * ROUND_HALF_UP, to 4 decimals. Otherwise it is returned as is, without trailing zeros ("85.3", "0").
 */
export function toUsageString(value: Decimal): string {
  const rounded = value.decimalPlaces() > USAGE_SCALE ? value.toDecimalPlaces(USAGE_SCALE, DecimalJs.ROUND_HALF_UP) : value;
  return normalize(rounded).toFixed();
}

function notNegative(value: Decimal, message: string, details: Record<string, unknown>): Decimal {
  if (value.isNegative() && !value.isZero()) {
    throw new MeteringError('NEGATIVE_USAGE', message, details);
  }
  return value;
}

/** The exact (unrounded) usage; throws like `usage`. */
export function exactUsage(input: UsageInput): Decimal {
  if (input === null || typeof input !== 'object' || !(USAGE_KINDS as readonly unknown[]).includes(input.kind)) {
    throw new MeteringError('INVALID_KIND', `usage kind must be one of ${USAGE_KINDS.join(', ')}`, {
      kind: preview((input as { kind?: unknown } | null)?.kind),
    });
  }
  const digits = input.kind === 'rollover' ? checkDigits(input.digits) : input.digits === undefined ? null : checkDigits(input.digits);
  const multiplier = checkMultiplier(input.multiplier);
  const previous = readingValue(input.previous, digits, 'previous');

  switch (input.kind) {
    case 'normal': {
      const current = readingValue(input.current, digits, 'current');
      const diff = notNegative(subtract(current, previous), 'current is lower than previous: not a normal usage', {
        previous: previous.toFixed(),
        current: current.toFixed(),
      });
      return multiply(diff, multiplier);
    }
    case 'rollover': {
      const current = readingValue(input.current, digits, 'current');
      if (!current.lessThan(previous)) {
        throw new MeteringError('NOT_A_ROLLOVER', 'a rollover needs a current reading lower than the previous one', {
          previous: previous.toFixed(),
          current: current.toFixed(),
        });
      }
      return multiply(add(subtract(dialSize(digits as number), previous), current), multiplier);
    }
    case 'replaced': {
      const r = input.replacement;
      if (r === null || typeof r !== 'object') {
        throw new MeteringError('INVALID_READING', 'a replaced meter needs its replacement data', { field: 'replacement' });
      }
      const newDigits = checkDigits(r.newDigits, 'newDigits');
      const newMultiplier = checkMultiplier(r.newMultiplier, 'newMultiplier');
      const oldFinal = readingValue(r.oldFinal, digits, 'oldFinal');
      const newInitial = readingValue(r.newInitial, newDigits, 'newInitial');
      const current = readingValue(input.current, newDigits, 'current');
      const oldPart = notNegative(subtract(oldFinal, previous), "the old meter's final reading is lower than previous", {
        previous: previous.toFixed(),
        oldFinal: oldFinal.toFixed(),
      });
      const newPart = notNegative(subtract(current, newInitial), "current is lower than the new meter's initial reading", {
        newInitial: newInitial.toFixed(),
        current: current.toFixed(),
      });
      return add(multiply(oldPart, multiplier), multiply(newPart, newMultiplier));
    }
    default:
      throw new MeteringError('INVALID_KIND', 'unknown usage kind');
  }
}

/**
 * The usage between two readings, as a decimal string (see `toUsageString` for the 4-decimal rule):
 * - normal   `usage({ kind: 'normal', previous: '1200', current: '1285.3', multiplier: '1' })` → "85.3"
 * - rollover `usage({ kind: 'rollover', previous: '9990', current: '15', multiplier: '1', digits: 4 })` → "25"
 * - replaced (oldFinal − previous) × multiplier + (current − newInitial) × newMultiplier
 *
 * Never negative: throws `MeteringError` NEGATIVE_USAGE for a normal usage with current < previous (decide
 * first, with `checkReading`, whether that is a rollover, a replacement or a misread), NOT_A_ROLLOVER for
 * a rollover whose current is not below previous, INVALID_READING / INVALID_DIGITS / INVALID_MULTIPLIER for
 * malformed input, INVALID_KIND for an unknown kind.
 */
export function usage(input: UsageInput): string {
  return toUsageString(exactUsage(input));
}
