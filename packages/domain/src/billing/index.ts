/**
 * Billing 计费: the pure rules the API calls when it posts charges and the phone/cashier screens show —
 * fee formulas (area, fixed, metered with progressive tiers, shared 公摊), cycles and the partial first
 * period, adjustments (vacancy and prepayment discounts, late-payment penalties) and the ledger math
 * (balance, owed per charge, prepaid balance, arrears and aging, payment allocation, prepayment offset).
 * Strings in, strings out, exact with decimal.js, one rounding per line, every result explained in
 * Chinese. One concern per file; see README.md for every rule and why.
 */
export { BillingError, type BillingErrorReason, LedgerError, type LedgerErrorReason } from './errors';
export { AMOUNT_SCALE, PRICE_MAX_SCALE, QUANTITY_MAX_SCALE } from './values';
export { formatPercent, formatPrice, formatQuantity } from './format';
export { addDays, daysBetween, daysInMonth, isCalendarDate, toBeijingDate } from './calendarDate';
export { ROUNDING_UNITS, type RoundingRule, type RoundingUnit, roundLine } from './roundLine';
export { BILLING_CYCLES, type BillingCycle, CYCLE_LABELS, CYCLE_MONTHS, isBillingCycle } from './cycle';
export { type BilledMonths, billedMonths, type PartialMonth } from './billedMonths';
export {
  AREA_BASES,
  type AreaBasis,
  type AreaChargeInput,
  type AreaFeeStandard,
  type ChargeLine,
  FEE_KINDS,
  type FeeKind,
  type FeeStandard,
  type FeeTier,
  type FixedChargeInput,
  type FixedFeeStandard,
  type MeteredChargeInput,
  type MeteredFeeStandard,
  type PeriodInput,
  SHARE_BASES,
  SHARE_BASIS_LABELS,
  type ShareBasis,
  type SharedChargeInput,
  type SharedFeeStandard,
  type SharedUnit,
  type UnitAreas,
} from './feeStandard';
export { type AreaCharge, areaCharge } from './areaCharge';
export { type FixedCharge, fixedCharge } from './fixedCharge';
export { splitTiers, type TierPortion } from './tiers';
export { type MeteredCharge, meteredCharge } from './meteredCharge';
export { type ChargeShare, type SharedCharge, sharedCharges } from './sharedCharges';
export { type ChargeInputFor, type ChargeResult, type ChargeResultFor, computeCharge } from './computeCharge';
export { type PercentDiscount, type VacancyDiscountInput, vacancyDiscount } from './vacancyDiscount';
export { type PrepaymentDiscount, type PrepaymentDiscountInput, prepaymentDiscount, type PrepaymentRule } from './prepaymentDiscount';
export { type LatePenalty, type LatePenaltyInput, latePenalty, PENALTY_OFF, type PenaltyCap, type PenaltyPolicy } from './latePenalty';
export {
  type AdjustmentEntry,
  type ChargeEntry,
  checkLedgerEntry,
  LEDGER_ENTRY_LABELS,
  LEDGER_ENTRY_TYPES,
  type LedgerEntry,
  type LedgerEntryType,
  type PenaltyEntry,
  type PrepaidEntry,
  type ReversalEntry,
  type SettlementEntry,
} from './ledgerEntry';
export { foldLedger, type LedgerState, ledgerBalance, type OwedCharge, owedByCharge, prepaidBalance } from './foldLedger';
export { AGING_BUCKET_LABELS, AGING_BUCKETS, type AgingBucket, agingBucket, type Arrears, type ArrearsItem, arrears } from './arrears';
export type { ChargeSettlement, OpenCharge } from './settleOldestFirst';
export { allocatePayment, type PaymentAllocation } from './allocatePayment';
export { autoOffset, type OffsetAllocation } from './autoOffset';
