/** Online-payment shapes at the edge (the resident contract in docs/api-payments.md): money as decimal strings. */
import { z } from '@hono/zod-openapi';
import { PAYMENT_CHANNELS, PAYMENT_ORDER_STATES, PAYMENT_PROVIDERS, REFUND_STATES } from '../../db/schema';
import { IsoDate, Text } from '../../lib/schemas';
import { Money } from '../billing/billing.schemas';

export const Channel = z.enum(PAYMENT_CHANNELS);
const OrderState = z.enum(PAYMENT_ORDER_STATES);
/** An amount above 0 ("0.00" is no payment). */
const PositiveMoney = Money.refine((v) => Number(v) > 0, 'must be more than 0');

export const ResidentAccountSchema = z
  .object({
    unit: z.object({ id: z.uuid(), number: z.string(), buildingName: z.string(), estateId: z.uuid(), estateName: z.string() }),
    owed: z.string(),
    prepaid: z.string(),
    charges: z.array(
      z.object({
        id: z.uuid(),
        feeItemName: z.string(),
        period: z.string(),
        amount: z.string(),
        owed: z.string(),
        paid: z.string(),
        dueDate: z.string(),
        explanation: z.string(),
        status: z.enum(['open', 'settled']),
        lockedByOrderId: z.uuid().nullable(),
      }),
    ),
    receipts: z.array(z.object({ id: z.uuid(), number: z.string(), total: z.string(), method: z.string(), status: z.enum(['posted', 'voided']), createdAt: z.string() })),
  })
  .openapi('ResidentAccount');

export const ChannelsSchema = z.object({ channels: z.array(z.object({ channel: Channel, label: z.string() })) }).openapi('PaymentChannels');

/**
 * A path of this site ("/resident/pay/result") or an absolute http(s) URL on it; the service refuses other
 * origins. No markup or control characters.
 */
const ReturnUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a URL
  .refine((v) => !/[<>"'\s\u0000-\u001f\\]/.test(v), 'not a URL');

export const CreateOrderBody = z.object({
  idempotencyKey: z.uuid(),
  unitId: z.uuid(),
  chargeIds: z.array(z.uuid()).max(200),
  prepayment: Money.optional(),
  channel: Channel,
  expectedTotal: Money,
  returnUrl: ReturnUrl.optional(),
});

export const PaymentOrderSchema = z
  .object({
    id: z.uuid(),
    outTradeNo: z.string(),
    unitId: z.uuid(),
    channel: Channel,
    state: OrderState,
    amount: z.string(),
    chargeIds: z.array(z.uuid()),
    prepayment: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    receiptId: z.uuid().nullable(),
  })
  .openapi('PaymentOrder');

const JsapiParams = z.object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal('RSA'), paySign: z.string() });
export const PaySchema = z.union([z.object({ kind: z.literal('jsapi'), params: JsapiParams }), z.object({ kind: z.literal('redirect'), url: z.string() })]);
export const CreatedOrderSchema = z.object({ order: PaymentOrderSchema, pay: PaySchema.nullable() }).openapi('CreatedPaymentOrder');

export const HistorySchema = z
  .object({
    items: z.array(
      z.object({
        receiptId: z.uuid(),
        number: z.string(),
        total: z.string(),
        method: z.string(),
        createdAt: z.string(),
        status: z.enum(['posted', 'voided']),
        /** What succeeded refunds paid back on it ("0.00" when none). */
        refunded: z.string(),
      }),
    ),
  })
  .openapi('PaymentHistory');

// ---- staff ----

export const RefundBody = z.object({ id: z.uuid(), amount: PositiveMoney, reason: Text(200) });

export const RefundSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    outRefundNo: z.string(),
    amount: z.string(),
    reason: z.string(),
    state: z.enum(REFUND_STATES),
    providerState: z.string().nullable(),
    providerRefundId: z.string().nullable(),
    requestedBy: z.uuid(),
    requestedByName: z.string().nullable(),
    requestedAt: z.string(),
    completedAt: z.string().nullable(),
    failureReason: z.string().nullable(),
  })
  .openapi('PaymentRefund');

export const StaffOrderSchema = PaymentOrderSchema.extend({
  estateId: z.uuid(),
  unitNumber: z.string(),
  buildingName: z.string(),
  provider: z.enum(PAYMENT_PROVIDERS),
  providerTransactionId: z.string().nullable(),
  providerState: z.string().nullable(),
  endedAt: z.string().nullable(),
  note: z.string().nullable(),
}).openapi('StaffPaymentOrder');

export const StaffOrderDetailSchema = StaffOrderSchema.extend({ refunds: z.array(RefundSchema) }).openapi('StaffPaymentOrderDetail');

export const OrderListQuery = z.object({
  estateId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  receiptId: z.uuid().optional(),
  state: OrderState.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const OrderListSchema = z
  .object({ items: z.array(StaffOrderSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('PaymentOrderList');

export const ReconciliationSchema = z
  .object({
    day: z.string(),
    runs: z.array(
      z.object({
        id: z.uuid(),
        provider: z.enum(PAYMENT_PROVIDERS),
        day: z.string(),
        source: z.enum(['bill', 'query']),
        status: z.enum(['running', 'done', 'failed', 'waiting']),
        summary: z.record(z.string(), z.number()).nullable(),
        error: z.string().nullable(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
      }),
    ),
    mismatches: z.array(
      z.object({
        id: z.uuid(),
        runId: z.uuid(),
        kind: z.string(),
        estateId: z.uuid().nullable(),
        estateName: z.string().nullable(),
        orderId: z.uuid().nullable(),
        refundId: z.uuid().nullable(),
        outTradeNo: z.string().nullable(),
        transactionId: z.string().nullable(),
        providerAmount: z.string().nullable(),
        ledgerAmount: z.string().nullable(),
        details: z.unknown(),
      }),
    ),
  })
  .openapi('Reconciliation');

/** A past or current Beijing day (the service compares with today). */
export const ReconcileBody = z.object({ day: IsoDate, provider: z.enum(PAYMENT_PROVIDERS).optional() });
