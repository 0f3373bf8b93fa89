/**
 * 缴费: a unit's account, the payment channels, payment orders 支付单, e-receipts and payment history
 * (issue 6; contract in the payments API's docs, `/api/resident/...`).
 *
 * These routes are being built in apps/api at the same time as this screen, so the typed client
 * (`api.resident`, inferred from the API's route types) does not have them yet: the calls go through
 * `residentFetch` (same cookie, no-cache and ApiError handling as every other call) and the shapes below
 * are written by hand from the contract. Once the routes land, swap these for `json(api.resident...)` and
 * `InferResponseType` like ./resident.ts, so a change in the API shows up here as a type error.
 *
 * Money is a decimal string ("210.02") everywhere: never a JS number.
 */
import { residentFetch } from './client';
import type { Items } from './types';

// ---- shapes ----------------------------------------------------------------------------------------------

export interface PayUnit {
  id: string;
  number: string;
  buildingName: string;
  estateId: string;
  estateName: string;
}

export interface PayCharge {
  id: string;
  feeItemName: string;
  /** YYYY-MM */
  period: string;
  amount: string;
  /** What it still owes now. */
  owed: string;
  paid: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** How it was computed, e.g. `89.37 m² × ¥2.35 × 1 月 = ¥210.02`. */
  explanation: string;
  status: 'open' | 'settled';
  /** An open payment order holds this charge (someone is paying it right now): it cannot be picked. */
  lockedByOrderId: string | null;
}

export interface AccountReceipt {
  id: string;
  number: string;
  total: string;
  method: string;
  status: 'posted' | 'voided';
  createdAt: string;
}

/** `GET /units/:unitId/account`: charges oldest due first. */
export interface PayAccount {
  unit: PayUnit;
  owed: string;
  prepaid: string;
  charges: PayCharge[];
  receipts: AccountReceipt[];
}

export const PAY_CHANNELS = ['wechat_jsapi', 'wechat_h5', 'alipay_wap', 'sandbox'] as const;
export type PayChannel = (typeof PAY_CHANNELS)[number];

export interface ChannelOption {
  channel: PayChannel;
  /** The server's own name for it; the screen prefers its translated one. */
  label: string;
}

export type OrderState = 'created' | 'pending' | 'paid' | 'failed' | 'closed' | 'expired';
/** States an order never leaves. */
export const FINAL_ORDER_STATES: readonly OrderState[] = ['paid', 'failed', 'closed', 'expired'];

export interface PaymentOrder {
  id: string;
  outTradeNo: string;
  unitId: string;
  channel: PayChannel;
  state: OrderState;
  amount: string;
  chargeIds: string[];
  prepayment: string | null;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  receiptId: string | null;
}

/** For `WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`. */
export interface JsapiParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** What the page does next: open WeChat's pay sheet, or send the browser to the provider's page. */
export type PayAction =
  /** `fallbackUrl`: the sandbox's local cashier, for when there is no WeChat bridge (not in WeChat). */
  | { kind: 'jsapi'; params: JsapiParams; fallbackUrl?: string }
  | { kind: 'redirect'; url: string };

export interface CreateOrderInput {
  /** Made when the form opens; the same for every retry of one submission. Same key → same order. */
  idempotencyKey: string;
  unitId: string;
  chargeIds: string[];
  prepayment?: string;
  channel: PayChannel;
  /** What the resident saw: the server answers 409 `amount_changed` when the charges owe something else now. */
  expectedTotal: string;
  /** Where the provider sends the browser back to (the result page). */
  returnUrl?: string;
}

export interface CreatedOrder {
  order: PaymentOrder;
  pay: PayAction;
}

export interface ReceiptLine {
  chargeId: string | null;
  feeItemName: string;
  period: string | null;
  explanation: string;
  amount: string;
}

/** The same receipt 收款单 as the counter's (same numbering); `method: 'online'` for payments made here. */
export interface ResidentReceipt {
  id: string;
  number: string;
  estateId: string;
  estateName: string;
  unitId: string;
  unitNumber: string;
  buildingName: string;
  method: string;
  total: string;
  totalInWords: string;
  payer: string | null;
  cashierName: string;
  createdAt: string;
  businessDate: string;
  status: 'posted' | 'voided';
  voidReason: string | null;
  lines: (ReceiptLine & { kind: 'payment' | 'prepayment' })[];
  /** Prepaid money this receipt put to open charges at once (oldest due first). */
  offsets?: ReceiptLine[];
  discounts?: ReceiptLine[];
}

export interface PaymentHistoryItem {
  receiptId: string;
  number: string;
  total: string;
  method: string;
  createdAt: string;
  status: 'posted' | 'voided';
}

/** details of the 409 answers to `createOrder`. */
export interface AmountChangedDetails {
  expectedTotal?: string;
  actualTotal: string;
}
export interface ChargeIdsDetails {
  chargeIds: string[];
}

// ---- calls -----------------------------------------------------------------------------------------------

const BASE = '/api/resident';

/** residentFetch has already thrown an ApiError for any non-2xx answer: the body is the success shape. */
async function get<T>(path: string): Promise<T> {
  const res = await residentFetch(`${BASE}${path}`);
  return (await res.json()) as T;
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await residentFetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return (await res.json()) as T;
}

const id = (value: string) => encodeURIComponent(value);

export const payApi = {
  account: (unitId: string) => get<PayAccount>(`/units/${id(unitId)}/account`),
  /** `inWechat`: only then may the server offer JSAPI (it also needs the resident's bound openid). */
  channels: (inWechat: boolean) => get<{ channels: ChannelOption[] }>(`/payment-channels${inWechat ? '?inWechat=1' : ''}`),
  createOrder: (input: CreateOrderInput) => post<CreatedOrder>('/payment-orders', input),
  order: (orderId: string) => get<PaymentOrder>(`/payment-orders/${id(orderId)}`),
  /**
   * Closes an open order (frees its charges). The contract does not fix the answer's body, so callers
   * ask for the order again rather than read it.
   */
  closeOrder: (orderId: string) => post<unknown>(`/payment-orders/${id(orderId)}/close`),
  receipt: (receiptId: string) => get<ResidentReceipt>(`/receipts/${id(receiptId)}`),
  history: (unitId: string) => get<Items<PaymentHistoryItem>>(`/payments?unitId=${id(unitId)}`),
};
