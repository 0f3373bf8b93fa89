/**
 * Metering: meter readings 抄表 checked the same way on the phone (offline) and on the server — reading
 * format against the dial, usage (normal, rollover 翻表, replacement 换表) with multipliers 倍率, review
 * flags (lower than previous, spike, zero usage…), which of several readings counts, periods, and shared
 * meter apportionment 公摊. One concern per file; see README.md for the rules and why.
 */
export { MeteringError, type MeteringErrorReason } from './errors';
export { isMeterType, METER_TYPE_LABELS, METER_TYPES, type MeterType } from './meterType';
export { METER_MAX_DIGITS, METER_MIN_DIGITS } from './dial';
export { assertMeter, type Meter } from './meter';
export type { Reading } from './reading';
export {
  isReadingString,
  type ParsedReading,
  parseReading,
  READING_MAX_DECIMALS,
  type ReadingFormatReason,
} from './parseReading';
export { type MeterReplacement, USAGE_KINDS, USAGE_SCALE, type UsageInput, type UsageKind, usage } from './usage';
export {
  DEFAULT_SPIKE_FACTOR,
  DEFAULT_SPIKE_PERIODS,
  exceedsRecentAverage,
  recentAverage,
  type SpikeOptions,
} from './recentAverage';
export {
  type CheckReadingInput,
  checkReading,
  READING_EXPLANATIONS,
  READING_FLAGS,
  type ReadingCheck,
  type ReadingExplanation,
  type ReadingFlag,
  type ReadingRejection,
} from './checkReading';
export { compareReadings, supersedes } from './supersedes';
export { currentReading } from './currentReading';
export { isPeriod, periodOf, shiftPeriod } from './period';
export { type ShareUnit, sharedUsageShares, type UsageShare } from './sharedUsageShares';
