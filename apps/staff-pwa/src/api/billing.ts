/**
 * Billing 收费 through the API's typed client: the cashier's counter (unit accounts, receipts 收款单, the
 * day close 日结) and the manager's fee items, fee standards, billing settings and billing runs. The shapes
 * are inferred from the routes (apps/api/src/routes/billing/), so when a schema changes vue-tsc points at
 * every screen that has to follow. Only the option lists the forms offer are written here.
 *
 * Amounts, prices and percentages are decimal strings ("210.02") end to end: never a JS number.
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType } from 'hono/client';
import { api, ok, query } from './client';

type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;

// ---- the counter ------------------------------------------------------------------------------------------

/** A unit's account: what it owes (per charge, oldest due first), its prepaid balance and its receipts. */
export const getUnitAccount = (unitId: string) => ok(api.units[':id'].account.$get({ param: { id: unitId } }));
export type UnitAccount = Awaited<ReturnType<typeof getUnitAccount>>;
export type AccountCharge = UnitAccount['charges'][number];

/**
 * `idempotencyKey`: made on the client when the payment form opens, the same for every retry of one
 * submission. `expectedTotal`: what the cashier saw — the server answers 409 `amount_changed` when the
 * charges owe something else now, 409 `charge_settled` (details.chargeIds) when one was collected meanwhile.
 */
export type ReceiptInput = Json<ApiClient['receipts']['$post']>;
export type PayMethod = ReceiptInput['method'];
export const PAY_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'pos'] as const satisfies readonly PayMethod[];
export const createReceipt = (input: ReceiptInput) => ok(api.receipts.$post({ json: input }));

/** 预交: the fees the unit can pay ahead, the estate's discount rules, and a quote for a fee × months. */
export const getAdvance = (unitId: string, pick?: { standardId: string; months: number }) =>
  ok(api.units[':id'].advance.$get({ param: { id: unitId }, query: pick ? { standardId: pick.standardId, months: String(pick.months) } : {} }));
export type AdvanceOptions = Awaited<ReturnType<typeof getAdvance>>;
export type AdvanceQuote = NonNullable<AdvanceOptions['quote']>;
export type Receipt = Awaited<ReturnType<typeof createReceipt>>;
export type ReceiptLine = Receipt['lines'][number];
export const getReceipt = (id: string) => ok(api.receipts[':id'].$get({ param: { id } }));
export const voidReceipt = (id: string, reason: string) => ok(api.receipts[':id'].void.$post({ param: { id }, json: { reason } }));

/** details of 409 `charge_settled` and `amount_changed`. */
export interface ChargeSettledDetails {
  chargeIds: string[];
}
export interface AmountChangedDetails {
  expectedTotal: string;
  actualTotal: string;
}

export const getCashierDay = (q: { estateId: string; date?: string; cashierId?: string }) => ok(api.cashier.day.$get({ query: { ...query(q), estateId: q.estateId } }));
export type CashierDay = Awaited<ReturnType<typeof getCashierDay>>;
export const closeCashierDay = (estateId: string, date: string) => ok(api.cashier['day-close'].$post({ json: { estateId, date } }));

// ---- fee items and standards ------------------------------------------------------------------------------

export const listFeeItems = (estateId: string) => ok(api['fee-items'].$get({ query: { estateId } }));
export type FeeItem = Awaited<ReturnType<typeof listFeeItems>>['items'][number];
export type FeeCategory = FeeItem['category'];
export const FEE_CATEGORIES = [
  'service',
  'utility',
  'parking',
  'sanitation',
  'repair',
  'special_service',
  'deposit',
  'other',
] as const satisfies readonly FeeCategory[];
export type FeeItemInput = Json<ApiClient['fee-items']['$post']>;
export const createFeeItem = (input: FeeItemInput) => ok(api['fee-items'].$post({ json: input }));

export const listFeeStandards = (estateId: string) => ok(api['fee-standards'].$get({ query: { estateId } }));
export type FeeStandard = Awaited<ReturnType<typeof listFeeStandards>>['items'][number];
export type StandardKind = FeeStandard['kind'];
export type StandardParams = FeeStandard['params'];
export type Cycle = FeeStandard['cycle'];
export type Assignment = FeeStandard['assignments'][number];
export type TargetKind = Assignment['targetKind'];
export type FeeStandardInput = Json<ApiClient['fee-standards']['$post']>;
export const createFeeStandard = (input: FeeStandardInput) => ok(api['fee-standards'].$post({ json: input }));
export type ReviseInput = Json<ApiClient['fee-standards'][':id']['revise']['$post']>;
/** A price change from a date: a new standard; the old one ends the day before; posted charges never change. */
export const reviseFeeStandard = (id: string, input: ReviseInput) => ok(api['fee-standards'][':id'].revise.$post({ param: { id }, json: input }));

export const STANDARD_KINDS = ['area', 'fixed', 'metered', 'shared'] as const satisfies readonly StandardKind[];
export const CYCLES = ['monthly', 'quarterly', 'yearly'] as const satisfies readonly Cycle[];
export const AREA_BASIS_OPTIONS = ['building_area', 'inside_area'] as const;
export type AreaBasisOption = (typeof AREA_BASIS_OPTIONS)[number];
export const SHARE_BASIS_OPTIONS = ['building_area', 'inside_area', 'household'] as const;
export type ShareBasisOption = (typeof SHARE_BASIS_OPTIONS)[number];
export const METER_TYPE_OPTIONS = ['cold_water', 'hot_water', 'electricity', 'gas'] as const;
export type MeterTypeOption = (typeof METER_TYPE_OPTIONS)[number];
/** One step of a progressive tariff: up to `upTo` of the yearly cumulative usage (null: no upper bound). */
export interface Tier {
  upTo: string | null;
  price: string;
}

// ---- settings -----------------------------------------------------------------------------------------------

export const getBillingSettings = (estateId: string) => ok(api['billing-settings'][':estateId'].$get({ param: { estateId } }));
export type BillingSettings = Awaited<ReturnType<typeof getBillingSettings>>;
export type BillingSettingsInput = Json<ApiClient['billing-settings'][':estateId']['$put']>;
export const saveBillingSettings = (estateId: string, settings: BillingSettingsInput) =>
  ok(api['billing-settings'][':estateId'].$put({ param: { estateId }, json: settings }));

// ---- billing runs -------------------------------------------------------------------------------------------

/** What a run would post (nothing is written): every line of the period, already posted or not. */
export const previewBillingRun = (estateId: string, period: string) => ok(api['billing-runs'].preview.$post({ json: { estateId, period } }));
export type RunSummary = Awaited<ReturnType<typeof previewBillingRun>>;
/** Posts the period's charges; idempotent: a rerun inserts only what is missing. */
export const postBillingRun = (estateId: string, period: string) => ok(api['billing-runs'].$post({ json: { estateId, period } }));
export type RunResult = Awaited<ReturnType<typeof postBillingRun>>;
export const listBillingRuns = (estateId: string) => ok(api['billing-runs'].$get({ query: { estateId } }));
export type BillingRun = Awaited<ReturnType<typeof listBillingRuns>>['items'][number];

/** Why a run skipped units (the API may add reasons: unknown ones are shown as they come). */
export const SKIP_REASONS = ['missing_approved_reading', 'no_inside_area', 'not_in_cycle', 'not_started', 'invalid'] as const;
