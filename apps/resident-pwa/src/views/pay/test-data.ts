// Shapes the resident payments API answers with (issue 6 contract), for the component tests of 缴费.
import type { PayAccount, PayCharge, PaymentOrder, ResidentReceipt } from '../../api/pay';

export const UNIT_ID = '33333333-3333-4333-8333-333333333333';
export const ORDER_ID = '55555555-5555-4555-8555-555555555555';
export const RECEIPT_ID = '44444444-4444-4444-8444-444444444444';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Lazy route components are compiled on first use; on a busy machine that takes more than a second. */
export const SLOW = { timeout: 10_000 };

export function charge(id: string, overrides: Partial<PayCharge> = {}): PayCharge {
  return {
    id,
    feeItemName: '物业费',
    period: '2025-05',
    amount: '210.02',
    owed: '210.02',
    paid: '0.00',
    dueDate: '2025-05-31',
    explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02',
    status: 'open',
    lockedByOrderId: null,
    ...overrides,
  };
}

/**
 * Three open charges whose owed amounts float arithmetic gets wrong (0.1 + 0.2), one settled, and one
 * held by another open payment order (支付中).
 */
export function makeAccount(overrides: Partial<PayAccount> = {}): PayAccount {
  return {
    unit: { id: UNIT_ID, number: '1-101', buildingName: '1栋', estateId: 'e-1', estateName: '翠湖花园' },
    owed: '260.32',
    prepaid: '15.00',
    charges: [
      charge('c-0', { period: '2025-04', status: 'settled', owed: '0.00', paid: '210.02', dueDate: '2025-04-30' }),
      charge('c-1'),
      charge('c-2', { feeItemName: '垃圾清运费', amount: '0.10', owed: '0.10', explanation: '固定 ¥0.10/户·月' }),
      charge('c-3', { feeItemName: '水费', period: '2025-06', amount: '0.20', owed: '0.20', dueDate: '2025-06-30', explanation: '0.04 m³ × ¥5.00/m³ = ¥0.20' }),
      charge('c-4', {
        feeItemName: '停车费',
        period: '2025-06',
        amount: '50.00',
        owed: '50.00',
        dueDate: '2025-06-30',
        explanation: '固定 ¥50.00/位·月',
        lockedByOrderId: 'o-other',
      }),
    ],
    receipts: [],
    ...overrides,
  };
}

export const SANDBOX = { channel: 'sandbox', label: '模拟支付' } as const;
export const JSAPI = { channel: 'wechat_jsapi', label: '微信支付' } as const;

export function makeOrder(overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  return {
    id: ORDER_ID,
    outTradeNo: 'PO20250612000123',
    unitId: UNIT_ID,
    channel: 'sandbox',
    state: 'created',
    amount: '210.32',
    chargeIds: ['c-1', 'c-2', 'c-3'],
    prepayment: null,
    createdAt: '2025-06-12T06:05:00.000Z',
    expiresAt: '2025-06-12T06:35:00.000Z',
    paidAt: null,
    receiptId: null,
    ...overrides,
  };
}

export const JSAPI_PARAMS = {
  appId: 'wx0000000000000000',
  timeStamp: '1749708300',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 'c2lnbg==',
};

export function makeReceipt(overrides: Partial<ResidentReceipt> = {}): ResidentReceipt {
  return {
    id: RECEIPT_ID,
    number: 'SK2025-000123',
    estateId: 'e-1',
    estateName: '翠湖花园',
    unitId: UNIT_ID,
    unitNumber: '1-101',
    buildingName: '1栋',
    method: 'online',
    total: '310.32',
    totalInWords: '叁佰壹拾元叁角贰分',
    payer: null,
    cashierName: '线上支付',
    createdAt: '2025-06-12T06:05:00.000Z',
    businessDate: '2025-06-12',
    status: 'posted',
    voidReason: null,
    lines: [
      { chargeId: 'c-1', feeItemName: '物业费', period: '2025-05', explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02', amount: '210.02', kind: 'payment' },
      { chargeId: 'c-2', feeItemName: '垃圾清运费', period: '2025-05', explanation: '固定 ¥0.10/户·月', amount: '0.10', kind: 'payment' },
      { chargeId: 'c-3', feeItemName: '水费', period: '2025-06', explanation: '0.04 m³ × ¥5.00/m³ = ¥0.20', amount: '0.20', kind: 'payment' },
      { chargeId: null, feeItemName: '预存款', period: null, explanation: '预存', amount: '100.00', kind: 'prepayment' },
    ],
    offsets: [],
    discounts: [],
    ...overrides,
  };
}

/** A reply that never arrives: the fetch rejects the way a dropped connection does. */
export function networkDown(): never {
  throw new TypeError('Failed to fetch');
}
