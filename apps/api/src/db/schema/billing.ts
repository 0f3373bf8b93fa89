// Billing 收费: fee items and standards, charges posted by billing runs, the append-only ledger of every unit
// account, receipts with a per-estate sequence, and the cashiers' day close. Amounts are numeric(14,2);
// unit prices and rates keep 6 decimals. Nothing posted is updated or deleted: a mistake is undone by a
// reversal entry (see services/billing/ledger.ts).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { meters } from './metering';
import { estates, orgNodes, units } from './org';
import { staffAccounts } from './staff';

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const FEE_CATEGORIES = ['service', 'utility', 'parking', 'sanitation', 'repair', 'special_service', 'deposit', 'other'] as const;

/** 收费项目: what a charge is for (物业费, 水费 …) and the accounting category it books to. */
export const feeItems = pgTable(
  'fee_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The org node that owns it (usually a company); visible to everyone below it. */
    nodeId: uuid('node_id')
      .notNull()
      .references(() => orgNodes.id),
    name: text('name').notNull(),
    category: text('category', { enum: FEE_CATEGORIES }).notNull(),
    active: integer('active').notNull().default(1),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('fee_items_node_name_uq').on(t.nodeId, t.name)],
);

export const FORMULA_KINDS = ['area', 'fixed', 'metered', 'shared'] as const;

/**
 * 收费标准: how one fee item is priced in one estate from a date. `params` holds the formula's prices
 * (validated by the API against @pm/domain's FeeStandard). A price change is a new standard with a later
 * `effective_from`; the old one gets `effective_to` — charges already posted never change.
 */
export const feeStandards = pgTable(
  'fee_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    feeItemId: uuid('fee_item_id')
      .notNull()
      .references(() => feeItems.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: FORMULA_KINDS }).notNull(),
    params: jsonb('params').notNull(),
    /** 收费周期: a charge covers 1, 3 or 12 calendar months (@pm/domain BillingCycle). */
    cycle: text('cycle', { enum: ['monthly', 'quarterly', 'yearly'] }).notNull().default('monthly'),
    /** Charging starts on this date (a partial first month is pro-rated by days). */
    chargeStart: date('charge_start', { mode: 'string' }),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    /** Days after the period starts that its charges fall due. */
    dueDays: integer('due_days').notNull().default(30),
    /** The standard this one replaced (a price change). */
    previousId: uuid('previous_id'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('fee_standards_estate_idx').on(t.estateId),
    check('fee_standards_cycle_ck', sql`${t.cycle} in ('monthly', 'quarterly', 'yearly')`),
    check('fee_standards_dates_ck', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check('fee_standards_due_ck', sql`${t.dueDays} between 0 and 366`),
  ],
);

/** Which units a standard applies to: the whole estate, some buildings, or a list of units. */
export const feeAssignments = pgTable(
  'fee_assignments',
  {
    standardId: uuid('standard_id')
      .notNull()
      .references(() => feeStandards.id),
    targetKind: text('target_kind', { enum: ['estate', 'building', 'unit'] }).notNull(),
    targetId: uuid('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.standardId, t.targetKind, t.targetId] })],
);

/** Per-estate billing rules: vacancy discount, prepayment discount, late fees, the approval threshold. */
export const billingSettings = pgTable(
  'billing_settings',
  {
    estateId: uuid('estate_id')
      .primaryKey()
      .references(() => estates.id),
    /** Percent off area/fixed fees while a unit is vacant (空置房), 0–100. */
    vacancyDiscountPct: numeric('vacancy_discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    /** Late fee 违约金; null = off (the default). { dailyRate, graceDays, cap… } */
    penalty: jsonb('penalty'),
    /** Prepayment discount, e.g. { months: 12, percent: "5" }; null = none. */
    prepayDiscount: jsonb('prepay_discount'),
    /** Adjustments and refunds above this need a second person's approval. */
    approvalThreshold: money('approval_threshold').notNull().default('500.00'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [check('billing_settings_vacancy_ck', sql`${t.vacancyDiscountPct} between 0 and 100`)],
);

export const billingRuns = pgTable(
  'billing_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    period: text('period').notNull(),
    /** Charges this run inserted (a rerun inserts only what is missing). */
    inserted: integer('inserted').notNull(),
    /** Charges that already existed (posted by an earlier run). */
    existing: integer('existing').notNull(),
    total: money('total').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('billing_runs_estate_period_idx').on(t.estateId, t.period)],
);

/** 'penalty': a late fee 违约金 levied on another charge (`detail.baseChargeId`), see `penalty_postings`. */
/** 'advance': billed ahead of its run when a unit prepays whole cycles 预交 (services/billing/advance.ts). */
/** 'service': paid work 特约服务 completed on a work order (services/work-orders/charge.ts). */
export const CHARGE_SOURCES = ['billing', 'opening', 'manual', 'penalty', 'advance', 'service'] as const;

/**
 * 应收: one amount a unit owes for one fee standard and period (and meter, for metered/shared fees). The
 * unique key makes posting idempotent: a rerun, a retry after a crash, or two managers posting at once can
 * never charge twice. `explanation` says how the amount was computed, wherever the charge is shown.
 */
export const charges = pgTable(
  'charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    feeItemId: uuid('fee_item_id')
      .notNull()
      .references(() => feeItems.id),
    standardId: uuid('standard_id').references(() => feeStandards.id),
    period: text('period').notNull(),
    meterId: uuid('meter_id').references(() => meters.id),
    /** '' or the meter id: part of the unique key (a unit can share several meters). */
    lineKey: text('line_key').notNull().default(''),
    amount: money('amount').notNull(),
    explanation: text('explanation').notNull(),
    detail: jsonb('detail'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    source: text('source', { enum: CHARGE_SOURCES }).notNull(),
    runId: uuid('run_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('charges_line_uq').on(t.unitId, t.standardId, t.period, t.lineKey),
    index('charges_estate_period_idx').on(t.estateId, t.period),
    index('charges_unit_idx').on(t.unitId, t.dueDate),
    check('charges_amount_ck', sql`${t.amount} >= 0`),
    check('charges_period_ck', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** Charges are the `charges` rows; every other movement of a unit account is one of these. */
export const LEDGER_KINDS = ['payment', 'prepayment', 'offset', 'discount', 'penalty', 'waiver', 'refund', 'adjustment', 'reversal'] as const;
export const PAY_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'pos', 'prepaid', 'online'] as const;

/** 收款单: what a cashier (or an online payment) took in one go, numbered per estate. */
export const receipts = pgTable(
  'receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Per-estate sequence, e.g. SK2026-000123. */
    number: text('number').notNull(),
    method: text('method', { enum: PAY_METHODS }).notNull(),
    total: money('total').notNull(),
    payer: text('payer'),
    status: text('status', { enum: ['posted', 'voided'] }).notNull().default('posted'),
    /** The client's idempotency key: the same request retried posts once. */
    idempotencyKey: text('idempotency_key').notNull(),
    cashierId: uuid('cashier_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** Beijing calendar date it was taken: day close groups by it. */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    voidReason: text('void_reason'),
    voidedBy: uuid('voided_by').references(() => staffAccounts.id),
    voidedAt: at('voided_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('receipts_number_uq').on(t.estateId, t.number),
    unique('receipts_idem_uq').on(t.idempotencyKey),
    index('receipts_day_idx').on(t.estateId, t.businessDate, t.cashierId),
    check('receipts_total_ck', sql`${t.total} > 0`),
  ],
);

export const receiptSequences = pgTable('receipt_sequences', {
  estateId: uuid('estate_id')
    .primaryKey()
    .references(() => estates.id),
  next: integer('next').notNull().default(1),
});

/**
 * The ledger 台账 of unit accounts: append-only; with `charges` it is the whole account. Each entry stores
 * what it does to the charge it names (`owed_delta`) and to the prepaid balance (`prepaid_delta`), so what a
 * charge still owes is `amount + Σ owed_delta` and the prepaid balance is `Σ prepaid_delta` — plain sums the
 * database can index and aggregate. A reversal stores the negated deltas of the entry it undoes. The rules
 * (which entries are allowed) are @pm/domain's ledger; its fold is the reference the tests compare with.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    /** Positive, except a downward adjustment (and the reversal of one). */
    amount: money('amount').notNull(),
    owedDelta: money('owed_delta').notNull().default('0'),
    prepaidDelta: money('prepaid_delta').notNull().default('0'),
    /** The charge it creates, settles, discounts or adjusts; null for prepayments and refunds of prepaid money. */
    chargeId: uuid('charge_id').references(() => charges.id),
    receiptId: uuid('receipt_id').references(() => receipts.id),
    /** For a reversal: the entry it undoes (each entry can be reversed once). */
    reversalOf: uuid('reversal_of'),
    method: text('method', { enum: PAY_METHODS }),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => staffAccounts.id),
    approvedBy: uuid('approved_by').references(() => staffAccounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ledger_unit_idx').on(t.unitId, t.createdAt),
    index('ledger_charge_idx').on(t.chargeId),
    index('ledger_receipt_idx').on(t.receiptId),
    unique('ledger_reversal_uq').on(t.reversalOf),
    check('ledger_amount_ck', sql`${t.amount} <> 0`),
  ],
);

/** 日结: a cashier's (or an estate's) day, totalled and locked — no receipt of that day can be voided after. */
export const dayCloses = pgTable(
  'day_closes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    cashierId: uuid('cashier_id')
      .notNull()
      .references(() => staffAccounts.id),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    totals: jsonb('totals').notNull(),
    closedAt: at('closed_at').notNull().defaultNow(),
  },
  (t) => [unique('day_closes_uq').on(t.estateId, t.cashierId, t.businessDate)],
);

// ---- Ledger corrections 调整/减免/退款, late fees 违约金 and opening balances 期初 (services/billing/corrections) ----

export const CORRECTION_KINDS = ['adjustment', 'discount', 'waiver', 'refund'] as const;
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;

/**
 * 审批: a correction (adjustment, discount, waiver, refund) above the estate's approval threshold waits here
 * until a second person with `ledger:approve` approves it; only then is its ledger entry posted — with the
 * same id (the client's idempotency key), `created_by` the requester and `approved_by` the approver. A
 * rejected one posts nothing. Corrections at or below the threshold are posted at once and have no row here.
 */
export const ledgerApprovals = pgTable(
  'ledger_approvals',
  {
    /** The client-made id of the correction; the ledger entry posted on approval has the same id. */
    id: uuid('id').primaryKey(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The charge adjusted, discounted or waived; null for a refund of prepaid money. */
    chargeId: uuid('charge_id').references(() => charges.id),
    kind: text('kind', { enum: CORRECTION_KINDS }).notNull(),
    /** Positive; an adjustment is signed (− lowers the charge). */
    amount: money('amount').notNull(),
    method: text('method', { enum: PAY_METHODS }),
    reason: text('reason').notNull(),
    /** The estate's threshold when it was requested (what made it need approval). */
    threshold: money('threshold').notNull(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull().default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staffAccounts.id),
    requestedAt: at('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => staffAccounts.id),
    decidedAt: at('decided_at'),
    /** Why it was rejected. */
    decisionReason: text('decision_reason'),
    /** The ledger entry posted on approval. */
    entryId: uuid('entry_id').references(() => ledgerEntries.id),
  },
  (t) => [
    index('ledger_approvals_estate_idx').on(t.estateId, t.status, t.requestedAt),
    unique('ledger_approvals_entry_uq').on(t.entryId),
    check('ledger_approvals_amount_ck', sql`${t.amount} <> 0`),
    check('ledger_approvals_status_ck', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('ledger_approvals_decided_ck', sql`(${t.status} = 'pending') = (${t.decidedBy} is null)`),
    check('ledger_approvals_target_ck', sql`(${t.kind} = 'refund') = (${t.chargeId} is null)`),
  ],
);

/**
 * 违约金 posted: one row per base charge and month of `as_of` (the unique key: a late fee is levied on a
 * charge at most once per month, however often the posting is repeated or run concurrently). The penalty
 * itself is a `charges` row with source 'penalty'.
 */
export const penaltyPostings = pgTable(
  'penalty_postings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    baseChargeId: uuid('base_charge_id')
      .notNull()
      .references(() => charges.id),
    /** The month of `as_of` (YYYY-MM). */
    period: text('period').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    penaltyChargeId: uuid('penalty_charge_id')
      .notNull()
      .references(() => charges.id),
    /** What the base charge still owed when the penalty was computed. */
    principal: money('principal').notNull(),
    amount: money('amount').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('penalty_postings_uq').on(t.baseChargeId, t.period),
    unique('penalty_postings_charge_uq').on(t.penaltyChargeId),
    index('penalty_postings_estate_idx').on(t.estateId, t.period),
    check('penalty_postings_amount_ck', sql`${t.amount} > 0`),
    check('penalty_postings_period_ck', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** 期初导入: one committed opening-balance file per estate and content hash (a second commit changes nothing). */
export const openingBalanceImports = pgTable(
  'opening_balance_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    /** sha256 of the file's bytes, hex. */
    contentHash: text('content_hash').notNull(),
    rows: integer('rows').notNull(),
    units: integer('units').notNull(),
    total: money('total').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('opening_balance_imports_hash_uq').on(t.estateId, t.contentHash)],
);
