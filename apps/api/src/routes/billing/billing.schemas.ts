/** Billing shapes at the edge: fee standards' params per kind, money as decimal strings, and the outputs. */
import { z } from '@hono/zod-openapi';
import { CHARGE_SOURCES, FEE_CATEGORIES } from '../../db/schema';
import { OptionalText, Text } from '../../lib/schemas';
import { Decimal, MeterType, Period } from '../metering/metering.routes';

export { Period };
export const Money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount like "210.02"');
export const Price = Decimal(6);
export const Percent = z.string().regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'a percentage 0–100');

export const FeeCategory = z.enum(FEE_CATEGORIES);
export const FeeItemSchema = z
  .object({ id: z.uuid(), nodeId: z.uuid(), nodeName: z.string(), name: z.string(), category: FeeCategory, active: z.boolean() })
  .openapi('FeeItem');

const AreaParams = z.object({ unitPrice: Price, areaBasis: z.enum(['building_area', 'inside_area']) });
const FixedParams = z.object({ amount: Money });
const Tier = z.object({ upTo: Decimal(4).nullable(), price: Price });
const MeteredParams = z.union([z.object({ meterType: MeterType, price: Price }), z.object({ meterType: MeterType, tiers: z.array(Tier).min(1).max(10) })]);
const SharedParams = z.object({ meterType: MeterType, basis: z.enum(['building_area', 'inside_area', 'household']), price: Price });
export const StandardParams = z.union([AreaParams, FixedParams, MeteredParams, SharedParams]);
export const StandardKind = z.enum(['area', 'fixed', 'metered', 'shared']);
export const Cycle = z.enum(['monthly', 'quarterly', 'yearly']);
const Assignment = z.object({ targetKind: z.enum(['estate', 'building', 'unit']), targetId: z.uuid() });

/** params must match the kind: checked here so the service gets a consistent pair. */
export const PARAMS_BY_KIND = { area: AreaParams, fixed: FixedParams, metered: MeteredParams, shared: SharedParams } as const;

export const FeeStandardSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    feeItemId: z.uuid(),
    feeItemName: z.string(),
    name: z.string(),
    kind: StandardKind,
    params: StandardParams,
    cycle: Cycle,
    chargeStart: z.string().nullable(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    dueDays: z.number().int(),
    previousId: z.uuid().nullable(),
    assignments: z.array(Assignment.extend({ targetName: z.string() })),
  })
  .openapi('FeeStandard');

export const CreateStandardBody = z.object({
  estateId: z.uuid(),
  feeItemId: z.uuid(),
  name: Text(60),
  kind: StandardKind,
  params: StandardParams,
  cycle: Cycle.default('monthly'),
  chargeStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dueDays: z.number().int().min(0).max(366).optional(),
  assignments: z.array(Assignment).min(1).max(5000),
});

const PenaltyCap = z.union([z.object({ kind: z.literal('amount'), amount: Money }), z.object({ kind: z.literal('percent'), percent: Percent })]);
export const SettingsBody = z.object({
  vacancyDiscountPct: Percent,
  approvalThreshold: Money,
  penalty: z.object({ dailyRate: Decimal(6), graceDays: z.number().int().min(0).max(365), cap: PenaltyCap }).nullable(),
  prepayDiscount: z
    .array(z.object({ minMonths: z.number().int().min(1).max(60), percentOff: Percent }))
    .max(10)
    .nullable(),
});
export const SettingsSchema = SettingsBody.extend({ estateId: z.uuid() }).openapi('BillingSettings');

const Count = z.object({ count: z.number().int(), total: z.string() });
export const RunSummarySchema = z
  .object({
    estateId: z.uuid(),
    period: z.string(),
    lines: z.number().int(),
    total: z.string(),
    alreadyPosted: z.number().int(),
    byFeeItem: z.array(Count.extend({ feeItemId: z.uuid(), feeItemName: z.string() })),
    byBuilding: z.array(Count.extend({ buildingId: z.uuid(), buildingName: z.string() })),
    samples: z.array(z.object({ unitNumber: z.string(), buildingName: z.string(), feeItemName: z.string(), amount: z.string(), explanation: z.string() })),
    skipped: z.array(z.object({ standardName: z.string(), reason: z.string(), count: z.number().int(), examples: z.array(z.string()) })),
  })
  .openapi('BillingRunSummary');

export const PostedRunSchema = RunSummarySchema.extend({
  run: z.object({ id: z.uuid(), inserted: z.number().int(), existing: z.number().int(), total: z.string() }),
}).openapi('PostedBillingRun');

export const AccountSchema = z
  .object({
    unit: z.object({ id: z.uuid(), number: z.string(), buildingName: z.string(), estateId: z.uuid(), estateName: z.string(), ownerName: z.string().nullable() }),
    owed: z.string(),
    prepaid: z.string(),
    charges: z.array(
      z.object({
        id: z.uuid(),
        feeItemId: z.uuid(),
        feeItemName: z.string(),
        period: z.string(),
        amount: z.string(),
        owed: z.string(),
        paid: z.string(),
        dueDate: z.string(),
        explanation: z.string(),
        source: z.enum(CHARGE_SOURCES),
        status: z.enum(['open', 'settled']),
      }),
    ),
    receipts: z.array(z.object({ id: z.uuid(), number: z.string(), total: z.string(), method: z.string(), status: z.enum(['posted', 'voided']), createdAt: z.string() })),
  })
  .openapi('UnitAccount');

export const CounterMethod = z.enum(['cash', 'wechat', 'alipay', 'bank', 'pos']);
const ReceiptLine = z.object({ chargeId: z.uuid().nullable(), feeItemName: z.string(), period: z.string().nullable(), explanation: z.string(), amount: z.string() });
export const ReceiptSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    estateId: z.uuid(),
    estateName: z.string(),
    unitId: z.uuid(),
    unitNumber: z.string(),
    buildingName: z.string(),
    method: z.string(),
    total: z.string(),
    totalInWords: z.string(),
    payer: z.string().nullable(),
    cashierName: z.string(),
    createdAt: z.string(),
    businessDate: z.string(),
    status: z.enum(['posted', 'voided']),
    voidReason: z.string().nullable(),
    lines: z.array(ReceiptLine.extend({ kind: z.enum(['payment', 'prepayment']) })),
    offsets: z.array(ReceiptLine),
    discounts: z.array(ReceiptLine),
  })
  .openapi('Receipt');

/** `from` is the quote's first month: the counter pays exactly the months it showed, or gets 409 amount_changed. */
export const AdvanceBody = z.object({ standardId: z.uuid(), months: z.number().int().min(1).max(36), from: Period });

const AdvanceQuoteSchema = z.object({
  standardId: z.uuid(),
  standardName: z.string(),
  feeItemId: z.uuid(),
  feeItemName: z.string(),
  cycle: z.enum(['monthly', 'quarterly', 'yearly']),
  months: z.number().int(),
  from: z.string(),
  to: z.string(),
  gross: z.string(),
  discount: z.string(),
  payable: z.string(),
  explanation: z.string(),
  lines: z.array(z.object({ period: z.string(), amount: z.string(), discount: z.string(), payable: z.string(), dueDate: z.string(), explanation: z.string() })),
});

export const AdvanceOptionsSchema = z
  .object({
    unitId: z.uuid(),
    rules: z.array(z.object({ minMonths: z.number().int(), percentOff: z.string() })),
    standards: z.array(z.object({ id: z.uuid(), name: z.string(), cycle: z.enum(['monthly', 'quarterly', 'yearly']), feeItemId: z.uuid(), feeItemName: z.string() })),
    quote: AdvanceQuoteSchema.nullable(),
  })
  .openapi('AdvanceOptions');

export const CollectBody = z.object({
  idempotencyKey: z.uuid(),
  unitId: z.uuid(),
  method: CounterMethod,
  chargeIds: z.array(z.uuid()).max(500),
  prepayment: Money.optional(),
  advance: AdvanceBody.optional(),
  payer: OptionalText(60).optional(),
  expectedTotal: Money,
});

export const DaySchema = z
  .object({
    estateId: z.uuid(),
    estateName: z.string(),
    date: z.string(),
    cashierId: z.uuid(),
    cashierName: z.string(),
    closed: z.boolean(),
    closedAt: z.string().nullable(),
    totals: z.object({
      count: z.number().int(),
      total: z.string(),
      byMethod: z.array(z.object({ method: z.string(), count: z.number().int(), total: z.string() })),
      byFeeItem: z.array(z.object({ feeItemName: z.string(), total: z.string() })),
    }),
    receipts: z.array(
      z.object({ id: z.uuid(), number: z.string(), unitNumber: z.string(), buildingName: z.string(), total: z.string(), method: z.string(), status: z.enum(['posted', 'voided']), createdAt: z.string() }),
    ),
  })
  .openapi('CashierDay');
