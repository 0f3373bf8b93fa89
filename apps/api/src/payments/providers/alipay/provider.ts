/**
 * Alipay mobile-web payment (alipay.trade.wap.pay) behind the provider-neutral interface.
 *
 * Signing, notification verification and the gateway calls use the official alipay-sdk (4.x): it is
 * Alipay's own, pure JavaScript, works on Node 20 and opens no connection at import. Its RSA2 signing is
 * node:crypto over the sorted `k=v&…` string (sign excluded), and it verifies the signature of every
 * gateway answer (validateSign). Two things are set here on purpose:
 * - `timestamp` is passed explicitly in China Standard Time; the SDK would otherwise use the server's
 *   local time, which is wrong on a UTC server;
 * - `camelcase: false`, so answers keep Alipay's own field names, as notifications do.
 * Notifications are form posts; `checkNotifySignV2` verifies the decoded values (sign and sign_type left
 * out of the signed string, RSA2 with the Alipay public key).
 */
import type { KeyObject } from 'node:crypto';
import { AlipayRequestError, AlipaySdk, type AlipaySdkCommonResult } from 'alipay-sdk';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import { parsePrivateKey, parsePublicKey, privateKeyPem, publicKeyPem } from '../keys';
import { assertFen, fenToYuan } from '../money';
import { parseCstDateTime, toCstDateTime } from '../time';
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
  type ProviderOrder,
  type RefundQueryResult,
  type RefundRequest,
  type RefundResult,
} from '../types';
import { fetchBillArchive, isBillDay, readAlipayBillArchive } from './bill';
import { alipayEvent, checkAlipayNotification, fenOrNull, mapAlipayTradeStatus } from './mapping';

export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';

export interface AlipayProviderOptions {
  appId: string;
  /** The application private key (PEM PKCS#1/PKCS#8 or the console's bare base64). */
  privateKey: string | KeyObject;
  /** The Alipay public key (not the application public key). */
  alipayPublicKey: string | KeyObject;
  /** Our merchant PID (2088…); when set, notifications for another seller are refused. */
  sellerId?: string;
  notifyUrl: string;
  /** Where the browser goes after paying, unless the order says otherwise. */
  returnUrl?: string;
  gateway?: string;
  timeoutMs?: number;
  clock?: Clock;
}

export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay' as const;
  readonly channels: readonly PaymentChannel[] = ['wap'];
  readonly #sdk: AlipaySdk;
  readonly #o: AlipayProviderOptions;
  readonly #clock: Clock;

  constructor(options: AlipayProviderOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#sdk = new AlipaySdk({
      appId: options.appId,
      privateKey: privateKeyPem(parsePrivateKey(options.privateKey)),
      keyType: 'PKCS8',
      alipayPublicKey: publicKeyPem(parsePublicKey(options.alipayPublicKey)),
      gateway: options.gateway ?? ALIPAY_GATEWAY,
      signType: 'RSA2',
      camelcase: false,
      timeout: options.timeoutMs ?? 10_000,
    });
  }

  async createPayment(order: ProviderOrder, channel: PaymentChannel): Promise<PaymentAction> {
    if (channel !== 'wap') throw this.#invalid(`channel ${channel} is not offered by Alipay`);
    assertFen(order.amountFen, 'amountFen');
    if (order.amountFen <= 0) throw this.#invalid('amount must be more than 0');
    if (!/^[A-Za-z0-9_\-|*]{1,64}$/.test(order.outTradeNo)) throw this.#invalid('outTradeNo must be 1–64 of A-Z a-z 0-9 _ - | *');
    const returnUrl = order.returnUrl ?? this.#o.returnUrl;
    const url = this.#sdk.pageExecute('alipay.trade.wap.pay', 'GET', {
      timestamp: toCstDateTime(this.#clock.now()),
      notifyUrl: this.#o.notifyUrl,
      ...(returnUrl ? { returnUrl } : {}),
      bizContent: {
        out_trade_no: order.outTradeNo,
        total_amount: fenToYuan(order.amountFen),
        subject: order.description.slice(0, 256),
        product_code: 'QUICK_WAP_WAY',
        ...(order.quitUrl ? { quit_url: order.quitUrl } : {}),
        ...(order.expiresAt ? { time_expire: toCstDateTime(order.expiresAt) } : {}),
        ...(order.attach ? { passback_params: encodeURIComponent(order.attach) } : {}),
      },
    });
    return { kind: 'redirect', url };
  }

  async parseNotification(_headers: HeaderSource, rawBody: string): Promise<NotificationResult> {
    const params = Object.fromEntries(new URLSearchParams(rawBody));
    if (!params.sign || !params.out_trade_no) return { ok: false, reason: 'malformed_body', message: 'not an Alipay notification form' };
    let verified = false;
    try {
      verified = this.#sdk.checkNotifySignV2(params);
    } catch {
      verified = false;
    }
    if (!verified) return { ok: false, reason: 'bad_signature', message: 'Alipay signature does not match the parameters' };
    const identity = checkAlipayNotification(params, { appId: this.#o.appId, sellerId: this.#o.sellerId });
    if (!identity.ok) return identity;
    const event = alipayEvent(params);
    if (!event) return { ok: false, reason: 'malformed_body', message: 'notification lacks out_trade_no or a valid total_amount' };
    return { ok: true, event, notificationId: params.notify_id ?? null };
  }

  /** Alipay stops notifying once the answer body is exactly `success`; anything else is retried. */
  acknowledge(outcome: { ok: true } | { ok: false; message: string; retryable?: boolean }): NotificationAck {
    const headers = { 'content-type': 'text/plain; charset=utf-8' };
    if (outcome.ok) return { status: 200, headers, body: 'success' };
    return { status: outcome.retryable ? 500 : 400, headers, body: 'fail' };
  }

  async query(outTradeNo: string): Promise<PaymentQueryResult> {
    const result = await this.#exec('alipay.trade.query', { out_trade_no: outTradeNo }, ['ACQ.TRADE_NOT_EXIST']);
    if (!result) return { found: false };
    const amountFen = fenOrNull(result.total_amount);
    if (amountFen === null) throw new PaymentProviderError('alipay', 'unexpected_response', 'Alipay query answer lacks total_amount', false, { body: result });
    return {
      found: true,
      outTradeNo: result.out_trade_no ?? outTradeNo,
      transactionId: result.trade_no ?? null,
      amountFen,
      state: mapAlipayTradeStatus(result.trade_status),
      providerState: result.trade_status ?? '',
      paidAt: parseCstDateTime(result.send_pay_date),
      raw: result,
    };
  }

  /** A WAP order the payer never opened does not exist at Alipay yet: nothing to close, so that is success. */
  async close(outTradeNo: string): Promise<void> {
    await this.#exec('alipay.trade.close', { out_trade_no: outTradeNo }, ['ACQ.TRADE_NOT_EXIST']);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    assertFen(request.refundFen, 'refundFen');
    assertFen(request.totalFen, 'totalFen');
    if (request.refundFen <= 0 || request.refundFen > request.totalFen) throw this.#invalid('refund must be more than 0 and at most the order total');
    const result = await this.#exec('alipay.trade.refund', {
      out_trade_no: request.outTradeNo,
      refund_amount: fenToYuan(request.refundFen),
      out_request_no: request.outRefundNo,
      ...(request.reason ? { refund_reason: request.reason } : {}),
    });
    // fund_change N can also mean "already refunded under this out_request_no": the refund query decides.
    const succeeded = result?.fund_change === 'Y';
    return {
      outTradeNo: request.outTradeNo,
      outRefundNo: request.outRefundNo,
      refundId: result?.trade_no ?? null,
      state: succeeded ? 'succeeded' : 'processing',
      providerState: `fund_change=${result?.fund_change ?? ''}`,
      refundFen: request.refundFen,
      refundedAt: parseCstDateTime(result?.gmt_refund_pay),
      raw: result,
    };
  }

  async queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundQueryResult> {
    const result = await this.#exec('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRefundNo, query_options: ['gmt_refund_pay'] }, [
      'ACQ.TRADE_NOT_EXIST',
    ]);
    // Alipay answers 10000 with no refund fields when it never received that refund request.
    const refundFen = fenOrNull(result?.refund_amount);
    if (!result || refundFen === null) return { found: false };
    const status = result.refund_status ?? 'REFUND_SUCCESS';
    return {
      found: true,
      outTradeNo,
      outRefundNo,
      refundId: result.trade_no ?? null,
      state: status === 'REFUND_SUCCESS' ? 'succeeded' : 'processing',
      providerState: status,
      refundFen,
      refundedAt: parseCstDateTime(result.gmt_refund_pay),
      raw: result,
    };
  }

  /**
   * The trade bill 业务明细 of one Beijing day (see bill.ts). Alipay makes yesterday's during the morning and
   * answers isp.bill_not_exist until then; a day still running is refused by Alipay as an invalid argument, so
   * both are bill_not_ready here, to be retried. A day with no business is a bill with no rows, not an error.
   */
  async downloadBill(day: string): Promise<DayBill> {
    if (!isBillDay(day)) throw this.#invalid(`bill day must be a date as YYYY-MM-DD, got ${JSON.stringify(day)}`);
    if (day >= toCstDateTime(this.#clock.now()).slice(0, 10)) throw this.#billNotReady(day, 'the day is not over in Beijing');
    const result = await this.#exec('alipay.data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: day }, ['isp.bill_not_exist']);
    if (!result) throw this.#billNotReady(day, 'Alipay has not made it yet');
    const url = result.bill_download_url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      throw new PaymentProviderError('alipay', 'unexpected_response', 'Alipay bill answer lacks bill_download_url', false, { body: result });
    }
    return readAlipayBillArchive(await fetchBillArchive(url, this.#o.timeoutMs ?? 10_000), day);
  }

  /** One gateway call with the answer's signature verified; `notFound` sub-codes answer null. */
  async #exec(method: string, bizContent: Record<string, unknown>, notFound: string[] = []): Promise<AlipaySdkCommonResult | null> {
    let result: AlipaySdkCommonResult;
    try {
      result = await this.#sdk.exec(method, { timestamp: toCstDateTime(this.#clock.now()), bizContent }, { validateSign: true });
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof AlipayRequestError && message.startsWith('HttpClient Request error')) {
        throw new PaymentProviderError('alipay', 'network_error', `Alipay unreachable: ${message}`, true);
      }
      if (error instanceof AlipayRequestError && message.startsWith('HTTP 请求错误')) {
        throw new PaymentProviderError('alipay', 'network_error', `Alipay gateway: ${message}`, true);
      }
      // The SDK reports a bad answer signature as 验签失败, and throws a plain error when the sign is missing.
      const unsigned = !(error instanceof AlipayRequestError) || message.includes('验签');
      throw new PaymentProviderError('alipay', unsigned ? 'response_signature_invalid' : 'unexpected_response', `Alipay answer not trusted: ${message.slice(0, 200)}`, false);
    }
    if (result.code === '10000') return result;
    if (result.sub_code && notFound.includes(result.sub_code)) return null;
    // 20000: Alipay's "service unavailable", the one answer worth retrying as is.
    throw new PaymentProviderError('alipay', result.sub_code ?? result.code, `Alipay: ${result.sub_msg ?? result.msg}`, result.code === '20000', { body: result });
  }

  #billNotReady(day: string, why: string) {
    return new PaymentProviderError('alipay', 'bill_not_ready', `Alipay bill of ${day} not ready: ${why}`, true, { day });
  }

  #invalid(message: string) {
    return new PaymentProviderError('alipay', 'invalid_request', message, false);
  }
}
