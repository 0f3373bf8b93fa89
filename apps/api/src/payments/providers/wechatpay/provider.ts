/** WeChat Pay (JSAPI inside WeChat, H5 in a mobile browser) behind the provider-neutral interface. */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import { assertFen } from '../money';
import { toCstRfc3339 } from '../time';
import {
  type DayBill,
  type HeaderSource,
  type NotificationAck,
  type NotificationResult,
  type PaymentAction,
  type PaymentChannel,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentQueryResult,
  type ProviderName,
  type ProviderOrder,
  type RefundQueryResult,
  type RefundRequest,
  type RefundResult,
} from '../types';
import { parseTradeBill } from './bill';
import { type FetchLike, WechatPayClient } from './client';
import { refundResult, transactionQuery } from './mapping';
import { parseWechatNotification, wechatAck } from './notification';
import { jsapiPayParams, newNonce, unixSeconds } from './signing';
import type { WechatPayVerifier } from './verifier';

/** WeChat's rules for out_trade_no and out_refund_no. */
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

export interface WechatPayProviderOptions {
  name?: ProviderName;
  mchid: string;
  appid: string;
  /** Merchant API certificate serial number. */
  serialNo: string;
  privateKey: KeyObject;
  /** The 32-byte APIv3 key. */
  apiV3Key: Buffer;
  verifier: WechatPayVerifier;
  /** Our public HTTPS notification endpoint (no query string, as WeChat requires). */
  notifyUrl: string;
  /** Refund notifications; defaults to notifyUrl (the envelope says which kind it is). */
  refundNotifyUrl?: string;
  baseUrl?: string;
  fetch?: FetchLike;
  clock?: Clock;
}

export class WechatPayProvider implements PaymentProvider {
  readonly name: ProviderName;
  readonly channels: readonly PaymentChannel[] = ['jsapi', 'h5'];
  readonly client: WechatPayClient;
  readonly #o: WechatPayProviderOptions;
  readonly #clock: Clock;

  constructor(options: WechatPayProviderOptions) {
    this.name = options.name ?? 'wechatpay';
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.client = new WechatPayClient({ ...options, provider: this.name });
  }

  async createPayment(order: ProviderOrder, channel: PaymentChannel): Promise<PaymentAction> {
    this.#checkOrder(order);
    const common = {
      appid: this.#o.appid,
      mchid: this.#o.mchid,
      description: order.description,
      out_trade_no: order.outTradeNo,
      notify_url: this.#o.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' as const },
      ...(order.expiresAt ? { time_expire: toCstRfc3339(order.expiresAt) } : {}),
      ...(order.attach ? { attach: order.attach } : {}),
    };
    if (channel === 'jsapi') {
      const openid = order.payer?.openid;
      if (!openid) throw this.#invalid('JSAPI payment needs the payer openid (WeChat OAuth)');
      const { prepay_id } = await this.client.jsapiPrepay({ ...common, payer: { openid } });
      return {
        kind: 'jsapi',
        params: jsapiPayParams({ appId: this.#o.appid, prepayId: prepay_id, privateKey: this.#o.privateKey, timestamp: unixSeconds(this.#clock.now()), nonce: newNonce() }),
      };
    }
    if (channel === 'h5') {
      const ip = order.payer?.clientIp;
      if (!ip) throw this.#invalid('H5 payment needs the payer IP');
      const { h5_url } = await this.client.h5Prepay({ ...common, scene_info: { payer_client_ip: ip, h5_info: { type: 'Wap' } } });
      // WeChat sends the browser back to redirect_url when the payer is done (or gives up).
      const url = order.returnUrl ? `${h5_url}${h5_url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(order.returnUrl)}` : h5_url;
      return { kind: 'redirect', url };
    }
    throw this.#invalid(`channel ${channel} is not offered by WeChat Pay`);
  }

  async parseNotification(headers: HeaderSource, rawBody: string): Promise<NotificationResult> {
    return parseWechatNotification(headers, rawBody, {
      provider: this.name,
      verifier: this.#o.verifier,
      apiV3Key: this.#o.apiV3Key,
      mchid: this.#o.mchid,
      appid: this.#o.appid,
    });
  }

  acknowledge(outcome: { ok: true } | { ok: false; message: string; retryable?: boolean }): NotificationAck {
    return wechatAck(outcome);
  }

  async query(outTradeNo: string): Promise<PaymentQueryResult> {
    const tx = await this.client.queryByOutTradeNo(outTradeNo);
    return tx ? transactionQuery(tx) : { found: false };
  }

  async close(outTradeNo: string): Promise<void> {
    await this.client.closeByOutTradeNo(outTradeNo);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    if (!OUT_REFUND_NO.test(request.outRefundNo)) throw this.#invalid('outRefundNo must be 1–64 of A-Z a-z 0-9 _ - | * @');
    assertFen(request.refundFen, 'refundFen');
    assertFen(request.totalFen, 'totalFen');
    if (request.refundFen <= 0 || request.refundFen > request.totalFen) throw this.#invalid('refund must be more than 0 and at most the order total');
    const refund = await this.client.refund({
      out_trade_no: request.outTradeNo,
      out_refund_no: request.outRefundNo,
      ...(request.reason ? { reason: request.reason } : {}),
      notify_url: this.#o.refundNotifyUrl ?? this.#o.notifyUrl,
      amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
    });
    return refundResult(refund);
  }

  /** WeChat Pay finds a refund by out_refund_no alone; the order number is only for the neutral interface. */
  async queryRefund(outRefundNo: string, _outTradeNo?: string): Promise<RefundQueryResult> {
    const refund = await this.client.queryRefund(outRefundNo);
    return refund ? { found: true, ...refundResult(refund) } : { found: false };
  }

  /** The ALL trade bill of one Beijing day; a day without business (NO_STATEMENT_EXIST) is an empty bill. */
  async downloadBill(day: string): Promise<DayBill> {
    if (!isCalendarDay(day)) throw this.#invalid('day must be a calendar date as YYYY-MM-DD');
    const text = await this.client.tradeBill(day);
    return text === null ? { payments: [], refunds: [] } : parseTradeBill(text, { provider: this.name, mchid: this.#o.mchid });
  }

  #checkOrder(order: ProviderOrder) {
    if (!OUT_TRADE_NO.test(order.outTradeNo)) throw this.#invalid('outTradeNo must be 6–32 of A-Z a-z 0-9 _ - | *');
    assertFen(order.amountFen, 'amountFen');
    if (order.amountFen <= 0) throw this.#invalid('amount must be more than 0');
    const bytes = Buffer.byteLength(order.description, 'utf8');
    if (bytes === 0 || bytes > 127) throw this.#invalid('description must be 1–127 bytes');
  }

  #invalid(message: string) {
    return new PaymentProviderError(this.name, 'invalid_request', message, false);
  }
}

/** YYYY-MM-DD naming a real day: Date would roll 2026-02-30 over into March, so the round trip must agree. */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
