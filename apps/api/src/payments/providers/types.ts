/**
 * The provider-neutral face of online payment. A payment order (built in a later layer) talks to WeChat Pay,
 * Alipay or the sandbox only through `PaymentProvider`, so the order/ledger code never sees a provider's
 * wire format. Amounts here are whole fen as integers: that is what WeChat Pay speaks, Alipay's yuan strings
 * are converted exactly at its edge (money.ts), and the order layer converts to its decimal strings once.
 */

/** Where the payer is: inside WeChat (JSAPI), a mobile browser (WeChat H5), a mobile browser (Alipay WAP). */
export type PaymentChannel = 'jsapi' | 'h5' | 'wap';

export type ProviderName = 'wechatpay' | 'alipay' | 'sandbox';

/** What the provider needs to open a payment for one of our payment orders. */
export interface ProviderOrder {
  /** Our payment order number, unique per merchant: 6–32 of [A-Za-z0-9_-|*] (WeChat's rule; Alipay's is wider). */
  outTradeNo: string;
  /** Whole fen, > 0. */
  amountFen: number;
  /** Shown to the payer on the provider's page and in their bill (WeChat: at most 127 bytes). */
  description: string;
  /** After this the provider refuses to take the money (WeChat time_expire, Alipay time_expire). */
  expiresAt?: Date;
  payer?: {
    /** WeChat openid under the paying appid (required for JSAPI; from WeChat OAuth snsapi_base). */
    openid?: string;
    /** The payer's IP as seen by us (required for WeChat H5). */
    clientIp?: string;
  };
  /** Where the provider sends the payer's browser when they finish (Alipay return_url, WeChat H5 redirect_url). */
  returnUrl?: string;
  /** Where Alipay's "leave payment" button goes (Alipay quit_url). */
  quitUrl?: string;
  /** Echoed back in notifications and queries (WeChat attach, at most 128 chars). */
  attach?: string;
}

/** JSAPI parameters for `WeixinJSBridge.invoke('getBrandWCPayRequest', params)` / `wx.chooseWXPay`. */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** What the front end does next to let the payer pay. */
export type PaymentAction =
  | {
      kind: 'jsapi';
      params: JsapiPayParams;
      /** Sandbox only: the local cashier page to open instead, since no WeChat JS bridge is there. */
      fallbackUrl?: string;
    }
  | { kind: 'redirect'; url: string };

/**
 * A payment's state as every provider maps it:
 * - paid: the money was taken (WeChat SUCCESS, Alipay TRADE_SUCCESS / TRADE_FINISHED);
 * - refunded: it was taken and a refund has since started (WeChat REFUND);
 * - pending: not paid yet, the payer may still pay (NOTPAY, USERPAYING, WAIT_BUYER_PAY, anything unknown);
 * - closed: will never be paid (CLOSED, REVOKED, Alipay TRADE_CLOSED without a refund);
 * - failed: the attempt failed (PAYERROR); the order may be paid again under a new outTradeNo.
 */
export type PaymentState = 'paid' | 'refunded' | 'pending' | 'closed' | 'failed';

/** succeeded: the money is back with the payer; processing: not yet; closed/abnormal: it did not go through. */
export type RefundState = 'succeeded' | 'processing' | 'closed' | 'abnormal';

export interface PaymentEvent {
  type: 'payment';
  provider: ProviderName;
  outTradeNo: string;
  /** The provider's own transaction number (WeChat transaction_id, Alipay trade_no). */
  transactionId: string | null;
  /** The order total in fen as the provider states it. */
  amountFen: number;
  state: PaymentState;
  /** The provider's own word for the state (SUCCESS, PAYERROR, TRADE_SUCCESS …), for the audit trail. */
  providerState: string;
  paidAt: Date | null;
  /** WeChat openid / Alipay buyer_id, when given. */
  payerId: string | null;
  /** The verified, decrypted provider payload (kept with the payment order for audit). */
  raw: unknown;
}

export interface RefundEvent {
  type: 'refund';
  provider: ProviderName;
  outTradeNo: string;
  transactionId: string | null;
  /** The refunded order's total in fen. */
  amountFen: number;
  /** Our refund number (WeChat out_refund_no, Alipay out_biz_no / out_request_no), when the provider says it. */
  outRefundNo: string | null;
  refundId: string | null;
  /** This refund's amount in fen (WeChat); null when the provider only reports a running total. */
  refundFen: number | null;
  /** Everything refunded on the order so far in fen (Alipay refund_fee); null when not reported. */
  refundedTotalFen: number | null;
  state: RefundState;
  providerState: string;
  refundedAt: Date | null;
  raw: unknown;
}

export type ProviderEvent = PaymentEvent | RefundEvent;

/**
 * Why a notification was refused. Each check has its own code so the log says what happened:
 * - missing_headers / malformed_body: not a notification at all;
 * - signature_probe: WeChat's `WECHATPAY/SIGNTEST/` probe, which must fail verification by design;
 * - unknown_serial: signed with a certificate / public key we were not given;
 * - certificate_expired: the platform certificate for that serial is outside its validity;
 * - stale_timestamp: more than 5 minutes from our clock, either way (replay protection);
 * - bad_signature: the signature does not match the body;
 * - unsupported_algorithm / decrypt_failed: the resource is not AEAD_AES_256_GCM or fails authentication
 *   (a flipped tag, changed ciphertext, nonce or associated data all look the same to GCM, by design);
 * - mchid_mismatch / appid_mismatch / seller_id_mismatch: paid to another merchant or app than ours;
 * - out_trade_no_mismatch / amount_mismatch / currency_mismatch: not the order we expected;
 * - unknown_event: a well-signed event this layer does not handle.
 */
export type NotificationRejection =
  | 'missing_headers'
  | 'malformed_body'
  | 'signature_probe'
  | 'unknown_serial'
  | 'certificate_expired'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'unsupported_algorithm'
  | 'decrypt_failed'
  | 'mchid_mismatch'
  | 'appid_mismatch'
  | 'seller_id_mismatch'
  | 'out_trade_no_mismatch'
  | 'amount_mismatch'
  | 'currency_mismatch'
  | 'unknown_event';

export type NotificationResult =
  | { ok: true; event: ProviderEvent; notificationId: string | null }
  | { ok: false; reason: NotificationRejection; message: string };

/** The HTTP answer to give the provider's notification request, framework-neutral. */
export interface NotificationAck {
  status: number;
  headers: Record<string, string>;
  /** null: send no body at all. */
  body: string | null;
}

export type PaymentQueryResult =
  | { found: false }
  | {
      found: true;
      outTradeNo: string;
      transactionId: string | null;
      amountFen: number;
      state: PaymentState;
      providerState: string;
      paidAt: Date | null;
      raw: unknown;
    };

export interface RefundRequest {
  outTradeNo: string;
  /** Our refund number, unique per merchant; retrying with the same number never refunds twice. */
  outRefundNo: string;
  refundFen: number;
  /** The original order total (WeChat requires it). */
  totalFen: number;
  reason?: string;
}

export interface RefundResult {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string | null;
  state: RefundState;
  providerState: string;
  refundFen: number;
  refundedAt: Date | null;
  raw: unknown;
}

export type RefundQueryResult = { found: false } | ({ found: true } & RefundResult);

/** One payment that succeeded on the bill's day, as the provider's 对账单 states it. */
export interface BillPayment {
  outTradeNo: string;
  transactionId: string | null;
  /** The order total in whole fen. */
  amountFen: number;
  paidAt: Date;
}

/** One refund that completed on the bill's day. */
export interface BillRefund {
  outTradeNo: string;
  outRefundNo: string;
  refundId: string | null;
  /** This refund's amount in whole fen. */
  refundFen: number;
  succeededAt: Date;
}

/**
 * A provider's own record of one Beijing calendar day (交易账单 / 业务明细): the payments that succeeded and the
 * refunds that completed that day. A day with no business is an empty bill, not an error.
 */
export interface DayBill {
  payments: BillPayment[];
  refunds: BillRefund[];
}

/** Header bag as Hono/fetch (`Headers`) or node:http (`IncomingHttpHeaders`) give it. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface PaymentProvider {
  readonly name: ProviderName;
  readonly channels: readonly PaymentChannel[];
  /** Opens a payment with the provider and says what the payer's browser does next. */
  createPayment(order: ProviderOrder, channel: PaymentChannel): Promise<PaymentAction>;
  /**
   * Verifies (signature, clock, merchant identity), decrypts and maps one notification. The caller then
   * finds the payment order by `event.outTradeNo` and checks it with `checkEventAgainstOrder` before applying.
   */
  parseNotification(headers: HeaderSource, rawBody: string): Promise<NotificationResult>;
  /** The response the provider expects for a notification we accepted (ok) or refused. */
  acknowledge(outcome: { ok: true } | { ok: false; message: string; retryable?: boolean }): NotificationAck;
  query(outTradeNo: string): Promise<PaymentQueryResult>;
  /** Closes an unpaid payment so it can no longer be paid. */
  close(outTradeNo: string): Promise<void>;
  refund(request: RefundRequest): Promise<RefundResult>;
  queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundQueryResult>;
  /**
   * Downloads and checks the provider's bill of one Beijing day (`YYYY-MM-DD`). A bill not made yet (WeChat Pay
   * makes yesterday's after 10:00) is a retryable PaymentProviderError with code `bill_not_ready`.
   */
  downloadBill(day: string): Promise<DayBill>;
}

/** A call to a provider failed. `retryable`: a network error, timeout or provider-side 5xx. */
export class PaymentProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}
