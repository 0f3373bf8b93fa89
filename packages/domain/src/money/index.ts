/**
 * Money: exact decimal amounts (decimal.js, never JS numbers), named rounding modes, largest-remainder
 * allocation, display and Chinese capitals. One function per file, dinero.js style.
 */
export type { Decimal, MoneyInput } from './decimal';
export { MONEY_PRECISION, MoneyDecimal } from './decimal';
export * from './errors';
export { isMoneyString, type MoneyStringOptions, parseMoney, toDecimal } from './parse';
export { add } from './add';
export { subtract } from './subtract';
export { sum } from './sum';
export { multiply } from './multiply';
export { negate } from './negate';
export { compare } from './compare';
export { isZero } from './isZero';
export { isNegative } from './isNegative';
export { toMoneyString } from './toMoneyString';
export {
  DEFAULT_ROUNDING_MODE,
  isRoundingMode,
  ROUNDING_MODE_LABELS,
  ROUNDING_MODES,
  type RoundingMode,
} from './rounding';
export { MAX_ROUNDING_SCALE, roundTo } from './roundTo';
export { roundToFen } from './roundToFen';
export { type FormatYuanOptions, formatYuan, groupThousands, YUAN_SYMBOL } from './formatYuan';
export { type ParseYuanOptions, parseYuan } from './parseYuan';
export { type AllocationWeight, allocate } from './allocate';
export { allocateEvenly } from './allocateEvenly';
export { CHINESE_CAPITAL_MAX_INTEGER_DIGITS, toChineseCapital } from './toChineseCapital';
