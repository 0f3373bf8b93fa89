/**
 * The sandbox provider: WeChat Pay's real client, signer, verifier and notification parser, talking to the
 * in-process SandboxWechatPayBackend instead of api.mch.weixin.qq.com. Its notifications are signed with
 * the sandbox's platform key, which is trusted by a WechatPayVerifier of its own — the same class and the
 * same code path as production, but never the production verifier instance, so a key this server holds
 * can never vouch for a real WeChat Pay payment.
 */
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import type {
  DayBill,
  HeaderSource,
  NotificationAck,
  NotificationResult,
  PaymentAction,
  PaymentChannel,
  PaymentProvider,
  PaymentQueryResult,
  ProviderOrder,
  RefundQueryResult,
  RefundRequest,
  RefundResult,
} from '../types';
import { apiV3KeyBytes } from '../wechatpay/aead';
import { WechatPayProvider } from '../wechatpay/provider';
import { WechatPayVerifier } from '../wechatpay/verifier';
import { type SandboxNotification, type SandboxPaymentOutcome, type SandboxRefundOutcome, SandboxWechatPayBackend } from './backend';
import { type SandboxKeys, loadOrCreateSandboxKeys } from './keys';

/** Stands in for the openid a real JSAPI payment gets from WeChat OAuth. */
export const SANDBOX_OPENID = 'o-sandbox-payer';
export const SANDBOX_BASE_URL = 'https://sandbox.wechatpay.invalid';
export const DEFAULT_CASHIER_PATH = '/api/payments/sandbox/cashier';

export interface SandboxProviderOptions {
  /** Keeps keys.json and state.json here, so restarts keep keys and payments. */
  dataDir?: string;
  /** Pass keys directly (tests); otherwise loaded from / made in dataDir. */
  keys?: SandboxKeys;
  clock?: Clock;
  /** Our notification endpoint, recorded with each order like a real notify_url. */
  notifyUrl?: string;
  /** The local cashier page; default `/api/payments/sandbox/cashier?out_trade_no=…&prepay_id=…`. */
  cashierUrl?: (p: { outTradeNo: string; prepayId: string }) => string;
  refundOutcome?: 'SUCCESS' | 'PROCESSING';
  /** See SandboxBackendOptions.billsFrom. */
  billsFrom?: 'at_once' | 'next_morning';
}

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly channels: readonly PaymentChannel[] = ['jsapi', 'h5'];
  readonly backend: SandboxWechatPayBackend;
  readonly verifier: WechatPayVerifier;
  readonly #inner: WechatPayProvider;
  readonly #cashierUrl: (p: { outTradeNo: string; prepayId: string }) => string;

  constructor(options: SandboxProviderOptions = {}) {
    const keys = options.keys ?? loadOrCreateSandboxKeys(options.dataDir);
    const clock = options.clock ?? systemClock;
    this.#cashierUrl =
      options.cashierUrl ?? ((p) => `${DEFAULT_CASHIER_PATH}?out_trade_no=${encodeURIComponent(p.outTradeNo)}&prepay_id=${encodeURIComponent(p.prepayId)}`);
    this.backend = new SandboxWechatPayBackend(keys, { clock, dataDir: options.dataDir, cashierUrl: this.#cashierUrl, refundOutcome: options.refundOutcome, billsFrom: options.billsFrom });
    this.verifier = new WechatPayVerifier({ clock, publicKey: { id: keys.publicKeyId, key: keys.platformPublicKey } });
    this.#inner = new WechatPayProvider({
      name: 'sandbox',
      mchid: keys.mchid,
      appid: keys.appid,
      serialNo: keys.merchantSerial,
      privateKey: keys.merchantPrivateKey,
      apiV3Key: apiV3KeyBytes(keys.apiV3Key),
      verifier: this.verifier,
      notifyUrl: options.notifyUrl ?? `${SANDBOX_BASE_URL}/notify`,
      baseUrl: SANDBOX_BASE_URL,
      fetch: this.backend.fetch,
      clock,
    });
  }

  get keys(): SandboxKeys {
    return this.backend.keys;
  }

  /**
   * Same prepay calls as WeChat Pay. Outside WeChat there is no openid and no JS bridge, so JSAPI gets a
   * stand-in openid and a `fallbackUrl` to the local cashier; H5 redirects to the cashier directly.
   */
  async createPayment(order: ProviderOrder, channel: PaymentChannel): Promise<PaymentAction> {
    const payer = { openid: order.payer?.openid ?? SANDBOX_OPENID, clientIp: order.payer?.clientIp ?? '127.0.0.1' };
    const action = await this.#inner.createPayment({ ...order, payer }, channel);
    if (action.kind !== 'jsapi') return action;
    const prepayId = action.params.package.replace(/^prepay_id=/, '');
    return { ...action, fallbackUrl: this.#cashierUrl({ outTradeNo: order.outTradeNo, prepayId }) };
  }

  parseNotification(headers: HeaderSource, rawBody: string): Promise<NotificationResult> {
    return this.#inner.parseNotification(headers, rawBody);
  }

  acknowledge(outcome: { ok: true } | { ok: false; message: string; retryable?: boolean }): NotificationAck {
    return this.#inner.acknowledge(outcome);
  }

  query(outTradeNo: string): Promise<PaymentQueryResult> {
    return this.#inner.query(outTradeNo);
  }

  close(outTradeNo: string): Promise<void> {
    return this.#inner.close(outTradeNo);
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.#inner.refund(request);
  }

  queryRefund(outRefundNo: string, _outTradeNo?: string): Promise<RefundQueryResult> {
    return this.#inner.queryRefund(outRefundNo);
  }

  /** The sandbox's own records of the day, downloaded and parsed as a real WeChat Pay trade bill. */
  downloadBill(day: string): Promise<DayBill> {
    return this.#inner.downloadBill(day);
  }

  /** What the cashier page calls when the payer presses "pay" or "fail": the notification WeChat Pay would send. */
  createNotification(input: { order: { outTradeNo: string; amountFen?: number; openid?: string }; outcome: SandboxPaymentOutcome; at?: Date }): SandboxNotification {
    return this.backend.createNotification(input);
  }

  createRefundNotification(input: { outRefundNo: string; outcome: SandboxRefundOutcome; at?: Date }): SandboxNotification {
    return this.backend.createRefundNotification(input);
  }
}
