/**
 * Online payments 线上支付 (issue 6): payment orders 支付单, the charges each one holds, every provider
 * notification as it arrived, refunds, reconciliation runs and their mismatches, and residents' WeChat openids.
 * Provider-neutral: a provider (WeChat Pay, Alipay, the sandbox) only ever sees `out_trade_no` and an amount.
 *
 * Exactly once is declared here, not hoped for (see services/payments/apply-paid.ts):
 * - an order is paid at most once: its row is locked while it is applied and `state = 'paid'` is final;
 * - a provider transaction id belongs to one order (unique), an order has one receipt (unique), and the receipt's
 *   idempotency key is `online:<order id>` (unique on receipts) — three independent guards;
 * - a charge sits in at most one open order: `payment_order_charges.released_at` is null exactly while the order
 *   is open, and a partial unique index allows one such row per charge.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { charges, receipts } from './billing';
import { estates, units } from './org';
import { residentAccounts } from './residents';
import { staffAccounts } from './staff';

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const PAYMENT_PROVIDERS = ['wechatpay', 'alipay', 'sandbox'] as const;
/** What the resident picks (the contract's words); services/payments/channels.ts maps each to a provider. */
export const PAYMENT_CHANNELS = ['wechat_jsapi', 'wechat_h5', 'alipay_wap', 'sandbox'] as const;
/** created → pending → paid | failed | closed | expired. created/pending are "open" and hold their charges. */
export const PAYMENT_ORDER_STATES = ['created', 'pending', 'paid', 'failed', 'closed', 'expired'] as const;
export const OPEN_ORDER_STATES = ['created', 'pending'] as const;
export const REFUND_STATES = ['processing', 'succeeded', 'failed'] as const;

/**
 * 支付单: one attempt to pay some charges of a unit (and/or prepay) online. The amount is the server's own sum
 * of what the charges owed when it was made, plus the prepayment; the client's figure is only compared.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Our number at the provider (6–32 of A-Z a-z 0-9 _ - | *), e.g. PM20261127A1B2C3D4E5F6G7H8. */
    outTradeNo: text('out_trade_no').notNull(),
    /** The resident app's key: the same request again answers the same order and pay data. */
    idempotencyKey: text('idempotency_key').notNull(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residentAccounts.id),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    channel: text('channel', { enum: PAYMENT_CHANNELS }).notNull(),
    /** Σ what the chosen charges owed when the order was made. */
    chargesTotal: money('charges_total').notNull(),
    /** 预存 added on top; any part not needed by the charges when paid goes to the prepaid balance. */
    prepayment: money('prepayment').notNull().default('0'),
    amount: money('amount').notNull(),
    description: text('description').notNull(),
    /** Printed on the receipt as the payer (the resident's name, else the owner on record). */
    payerName: text('payer_name'),
    state: text('state', { enum: PAYMENT_ORDER_STATES }).notNull().default('created'),
    /** Where the payer's browser returns after paying (a path of this site). */
    returnUrl: text('return_url').notNull(),
    /** The pay data handed to the app (JSAPI params or a redirect URL), kept so a retry answers the same. */
    pay: jsonb('pay'),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    /** When the provider was last asked about this order (client polls are throttled by it). */
    lastQueriedAt: at('last_queried_at'),
    paidAt: at('paid_at'),
    /** When it became failed, closed or expired. */
    endedAt: at('ended_at'),
    providerTransactionId: text('provider_transaction_id'),
    providerState: text('provider_state'),
    /** WeChat openid / Alipay buyer id of whoever paid. */
    payerId: text('payer_id'),
    receiptId: uuid('receipt_id').references(() => receipts.id),
    /** How it was paid or ended: notify | query | reconcile | close | expire, and the provider's word on a failure. */
    note: text('note'),
  },
  (t) => [
    unique('payment_orders_out_trade_no_uq').on(t.outTradeNo),
    unique('payment_orders_idem_uq').on(t.idempotencyKey),
    unique('payment_orders_transaction_uq').on(t.provider, t.providerTransactionId),
    unique('payment_orders_receipt_uq').on(t.receiptId),
    index('payment_orders_open_idx').on(t.state, t.expiresAt),
    index('payment_orders_unit_idx').on(t.unitId, t.createdAt),
    index('payment_orders_paid_idx').on(t.provider, t.paidAt),
    check('payment_orders_amount_ck', sql`${t.amount} > 0 and ${t.prepayment} >= 0 and ${t.chargesTotal} >= 0 and ${t.amount} = ${t.chargesTotal} + ${t.prepayment}`),
    check('payment_orders_state_ck', sql`${t.state} in ('created', 'pending', 'paid', 'failed', 'closed', 'expired')`),
    // Paid ⇔ a receipt and a provider transaction: a paid order without its ledger cannot exist.
    check('payment_orders_paid_ck', sql`(${t.state} = 'paid') = (${t.receiptId} is not null and ${t.providerTransactionId} is not null and ${t.paidAt} is not null)`),
  ],
);

/**
 * The charges an order pays, with what each owed when it was made. `released_at` is null while the order is
 * open: the partial unique index lets a charge sit in one open order only (409 charge_locked for another).
 */
export const paymentOrderCharges = pgTable(
  'payment_order_charges',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    chargeId: uuid('charge_id')
      .notNull()
      .references(() => charges.id),
    amount: money('amount').notNull(),
    releasedAt: at('released_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.chargeId] }),
    uniqueIndex('payment_order_charges_open_uq').on(t.chargeId).where(sql`${t.releasedAt} is null`),
    check('payment_order_charges_amount_ck', sql`${t.amount} > 0`),
  ],
);

/**
 * Every notification a provider (or anyone) posted to /api/payments/notify/*, verified or not, with why it was
 * refused and what it did. A refused one never touches the ledger; this row is all it leaves.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    receivedAt: at('received_at').notNull().defaultNow(),
    /** wechat | alipay: the URL it came to. */
    endpoint: text('endpoint').notNull(),
    /** The provider whose verifier judged it (wechatpay | alipay | sandbox), null when none is configured. */
    provider: text('provider'),
    /** The signature headers and content type (nothing secret: signatures are public). */
    headers: jsonb('headers').notNull(),
    /** The body exactly as received (capped at 64 KB). */
    rawBody: text('raw_body').notNull(),
    verified: boolean('verified').notNull(),
    /** A refusal reason (bad_signature, stale_timestamp, amount_mismatch, unknown_order …) or null. */
    reason: text('reason'),
    message: text('message'),
    /** applied | duplicate | ignored | rejected | error */
    outcome: text('outcome').notNull(),
    /** The provider's own notification id, when verified. */
    notificationId: text('notification_id'),
    eventType: text('event_type'),
    outTradeNo: text('out_trade_no'),
    outRefundNo: text('out_refund_no'),
    transactionId: text('transaction_id'),
    orderId: uuid('order_id').references(() => paymentOrders.id),
  },
  (t) => [index('payment_notifications_order_idx').on(t.orderId), index('payment_notifications_received_idx').on(t.receivedAt)],
);

/**
 * 退款 of an online payment, full or partial, through the provider. Its ledger entries (`entry_ids`, kind
 * `refund`) are posted when it is requested, under the order's lock; a refund that fails is undone by reversals.
 */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    /** The staff app's idempotency key. */
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    outRefundNo: text('out_refund_no').notNull(),
    amount: money('amount').notNull(),
    reason: text('reason').notNull(),
    state: text('state', { enum: REFUND_STATES }).notNull().default('processing'),
    providerState: text('provider_state'),
    providerRefundId: text('provider_refund_id'),
    entryIds: uuid('entry_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The reversals of entry_ids when it failed. */
    reversalIds: uuid('reversal_ids').array().notNull().default(sql`'{}'::uuid[]`),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staffAccounts.id),
    requestedAt: at('requested_at').notNull().defaultNow(),
    completedAt: at('completed_at'),
    lastQueriedAt: at('last_queried_at'),
    failureReason: text('failure_reason'),
  },
  (t) => [
    unique('payment_refunds_out_refund_no_uq').on(t.outRefundNo),
    unique('payment_refunds_provider_id_uq').on(t.providerRefundId),
    index('payment_refunds_order_idx').on(t.orderId),
    index('payment_refunds_state_idx').on(t.state),
    check('payment_refunds_amount_ck', sql`${t.amount} > 0`),
    check('payment_refunds_state_ck', sql`${t.state} in ('processing', 'succeeded', 'failed')`),
  ],
);

/** 对账: one comparison of a provider's records of a day (Beijing) with our orders and ledger. */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** bill: the provider's own record of the day; query: our orders of the day, each asked about (runs made before bills were downloaded). */
    source: text('source', { enum: ['bill', 'query'] }).notNull(),
    /** waiting: the provider had not made the day's bill yet; the job tries again (services/payments/jobs.ts). */
    status: text('status', { enum: ['running', 'done', 'failed', 'waiting'] }).notNull().default('running'),
    /** Counts: provider records, our orders, matched, mismatches, open orders queried and applied. */
    summary: jsonb('summary'),
    error: text('error'),
    /** null: the scheduled job. */
    createdBy: uuid('created_by').references(() => staffAccounts.id),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('reconciliation_runs_day_idx').on(t.day, t.provider, t.startedAt)],
);

/** What finance must look at: a difference between the provider's records and ours. */
export const reconciliationMismatches = pgTable(
  'reconciliation_mismatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => reconciliationRuns.id),
    /** missing_order | not_applied | amount_mismatch | transaction_mismatch | missing_at_provider | ledger_mismatch | refund_* */
    kind: text('kind').notNull(),
    /** null when the provider's record matches no order of ours. */
    estateId: uuid('estate_id').references(() => estates.id),
    orderId: uuid('order_id').references(() => paymentOrders.id),
    refundId: uuid('refund_id').references(() => paymentRefunds.id),
    outTradeNo: text('out_trade_no'),
    transactionId: text('transaction_id'),
    providerAmount: money('provider_amount'),
    ledgerAmount: money('ledger_amount'),
    details: jsonb('details'),
  },
  (t) => [index('reconciliation_mismatches_run_idx').on(t.runId), index('reconciliation_mismatches_estate_idx').on(t.estateId)],
);

/** A resident's WeChat openid under one appid (WeChat OAuth snsapi_base): what JSAPI payment needs. */
export const residentWechatIds = pgTable(
  'resident_wechat_ids',
  {
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residentAccounts.id),
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    boundAt: at('bound_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.appid] })],
);
