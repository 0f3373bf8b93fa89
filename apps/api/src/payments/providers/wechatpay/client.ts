/**
 * WeChat Pay API v3 over fetch.
 *
 * Why node:crypto and not a library: the whole protocol is SHA256withRSA over short newline-joined
 * messages plus AES-256-GCM, all in node:crypto since Node 15, and the well-kept Node libraries
 * (wechatpay-axios-plugin, wechatpay-node-v3) are built around axios or superagent, which this API does
 * not use. Owning ~300 lines keeps fetch (injectable, so tests and the sandbox run it against a local
 * server) and puts every check — request signing, response and notification verification, the 5-minute
 * window, the SIGNTEST probe, unknown serials — in code we test directly. No new dependency.
 *
 * Every 2xx answer is checked against WeChat Pay's signature (same scheme as notifications) before its body
 * is trusted; an unsigned or wrongly signed answer is an error, not data. The one exception is a bill file
 * download, which WeChat Pay does not sign: it is checked against the SHA1 in the signed answer that named it.
 */
import { type KeyObject, createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import { safeJson } from '../json';
import { PaymentProviderError, type ProviderName } from '../types';
import { refundSchema, transactionSchema } from './notification';
import { authorizationHeader, newNonce, unixSeconds } from './signing';
import type { WechatPayVerifier } from './verifier';
import type { H5PrepayBody, JsapiPrepayBody, RefundBody, WechatRefund, WechatTransaction } from './wire';

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';

/** The slice of `fetch` the client uses; the global fetch fits, and so does the sandbox backend. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface WechatPayClientOptions {
  mchid: string;
  /** Serial number of the merchant API certificate. */
  serialNo: string;
  privateKey: KeyObject;
  verifier: WechatPayVerifier;
  baseUrl?: string;
  fetch?: FetchLike;
  clock?: Clock;
  timeoutMs?: number;
  /** Which provider errors are reported as ('sandbox' when the sandbox backend answers). */
  provider?: ProviderName;
}

/** The tradebill answer: where to fetch the file, and the SHA1 of its uncompressed bytes. */
const tradeBillSchema = z.object({
  hash_type: z.literal('SHA1'),
  hash_value: z.string().regex(/^[0-9A-Fa-f]{40}$/),
  download_url: z.string().url(),
});

/** A bill far larger than any property company's day is not a bill; stop before it fills memory. */
const MAX_BILL_BYTES = 64 * 1024 * 1024;

export class WechatPayClient {
  readonly #o: Required<Omit<WechatPayClientOptions, 'fetch'>> & { fetch: FetchLike };

  constructor(options: WechatPayClientOptions) {
    this.#o = {
      mchid: options.mchid,
      serialNo: options.serialNo,
      privateKey: options.privateKey,
      verifier: options.verifier,
      baseUrl: options.baseUrl ?? WECHATPAY_BASE_URL,
      clock: options.clock ?? systemClock,
      timeoutMs: options.timeoutMs ?? 10_000,
      provider: options.provider ?? 'wechatpay',
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    };
  }

  get mchid() {
    return this.#o.mchid;
  }

  async jsapiPrepay(body: JsapiPrepayBody): Promise<{ prepay_id: string }> {
    const { data } = await this.request('POST', '/v3/pay/transactions/jsapi', body);
    return this.#shape(z.object({ prepay_id: z.string().min(1) }), data);
  }

  async h5Prepay(body: H5PrepayBody): Promise<{ h5_url: string }> {
    const { data } = await this.request('POST', '/v3/pay/transactions/h5', body);
    return this.#shape(z.object({ h5_url: z.string().min(1) }), data);
  }

  /** null when WeChat Pay has no such order (ORDER_NOT_EXIST). */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatTransaction | null> {
    try {
      const { data } = await this.request('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.#o.mchid)}`);
      this.#shape(transactionSchema, data);
      return data as WechatTransaction;
    } catch (error) {
      if (error instanceof PaymentProviderError && error.code === 'ORDER_NOT_EXIST') return null;
      throw error;
    }
  }

  /** 204 on success; closing an already closed order succeeds too. */
  async closeByOutTradeNo(outTradeNo: string): Promise<void> {
    await this.request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.#o.mchid });
  }

  async refund(body: RefundBody): Promise<WechatRefund> {
    const { data } = await this.request('POST', '/v3/refund/domestic/refunds', body);
    this.#shape(refundSchema, data);
    return data as WechatRefund;
  }

  /** null when there is no such refund (RESOURCE_NOT_EXISTS). */
  async queryRefund(outRefundNo: string): Promise<WechatRefund | null> {
    try {
      const { data } = await this.request('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      this.#shape(refundSchema, data);
      return data as WechatRefund;
    } catch (error) {
      if (error instanceof PaymentProviderError && error.code === 'RESOURCE_NOT_EXISTS') return null;
      throw error;
    }
  }

  /**
   * The day's ALL trade bill 交易账单 as text, checked against the SHA1 WeChat Pay gave for it; null when there
   * is none (NO_STATEMENT_EXIST: no business that day). STATEMENT_CREATING (yesterday's bill is made after
   * 10:00) is the retryable `bill_not_ready`.
   */
  async tradeBill(day: string): Promise<string | null> {
    let answer: z.infer<typeof tradeBillSchema>;
    try {
      const { data } = await this.request('GET', `/v3/bill/tradebill?bill_date=${encodeURIComponent(day)}&bill_type=ALL&tar_type=GZIP`);
      answer = this.#shape(tradeBillSchema, data);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      if (error.code === 'NO_STATEMENT_EXIST') return null;
      if (error.code === 'STATEMENT_CREATING') {
        throw new PaymentProviderError(this.#o.provider, 'bill_not_ready', `WeChat Pay has not made the bill of ${day} yet`, true, error.details);
      }
      throw error;
    }
    return this.#downloadBill(answer.download_url, answer.hash_value);
  }

  /**
   * Fetches a bill file. WeChat Pay signs nothing in a download answer (its docs say so), so the SHA1 from the
   * signed tradebill answer is what vouches for it: the gunzipped bytes must hash to it exactly. The URL may
   * be on another host than baseUrl; it came from a verified answer, so it is used as given.
   */
  async #downloadBill(downloadUrl: string, sha1: string): Promise<string> {
    const { response, body } = await this.#send('GET', downloadUrl, undefined, async (r) => Buffer.from(await r.arrayBuffer()));
    if (response.status < 200 || response.status >= 300) throw this.#failure(response.status, body.toString('utf8'));
    const mismatch = (message: string, details: object) => new PaymentProviderError(this.#o.provider, 'bill_hash_mismatch', `WeChat Pay bill download: ${message}`, false, details);
    let bill: Buffer;
    try {
      bill = gunzipSync(body, { maxOutputLength: MAX_BILL_BYTES });
    } catch (error) {
      throw mismatch('not a whole gzip file', { error: (error as Error).message, bytes: body.length });
    }
    const actual = createHash('sha1').update(bill).digest('hex');
    if (actual !== sha1.toLowerCase()) throw mismatch('SHA1 of the bill does not match hash_value', { expected: sha1.toLowerCase(), actual });
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bill);
    } catch {
      throw new PaymentProviderError(this.#o.provider, 'bill_malformed', 'WeChat Pay bill is not UTF-8 text', false);
    }
  }

  /** One signed call; the answer's signature is verified before its body is parsed. */
  async request(method: 'GET' | 'POST', pathAndQuery: string, body?: object): Promise<{ status: number; data: unknown }> {
    const url = `${this.#o.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
    const { response, body: text } = await this.#send(method, url, body, (r) => r.text());
    if (response.status >= 200 && response.status < 300) {
      const check = this.#o.verifier.verify(response.headers, text);
      if (!check.ok) {
        throw new PaymentProviderError(this.#o.provider, 'response_signature_invalid', `WeChat Pay answer not trusted: ${check.message}`, false, { reason: check.reason });
      }
      return { status: response.status, data: text ? safeJson(text) : undefined };
    }
    throw this.#failure(response.status, text);
  }

  /** Signs (over the URL's path and query, and the exact body) and sends one request, reading the answer with `read`. */
  async #send<T>(method: 'GET' | 'POST', url: string, body: object | undefined, read: (response: Response) => Promise<T>): Promise<{ response: Response; body: T }> {
    const o = this.#o;
    const parsed = new URL(url);
    const payload = body === undefined ? '' : JSON.stringify(body);
    const authorization = authorizationHeader({
      mchid: o.mchid,
      serialNo: o.serialNo,
      privateKey: o.privateKey,
      method,
      pathAndQuery: parsed.pathname + parsed.search,
      body: payload,
      timestamp: unixSeconds(o.clock.now()),
      nonce: newNonce(),
    });
    const headers: Record<string, string> = { authorization, accept: 'application/json', 'user-agent': 'pm-api (property-management)' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await o.fetch(url, { method, headers, body: body === undefined ? undefined : payload, signal: AbortSignal.timeout(o.timeoutMs) });
      return { response, body: await read(response) };
    } catch (error) {
      throw new PaymentProviderError(o.provider, 'network_error', `WeChat Pay unreachable: ${(error as Error).message}`, true);
    }
  }

  /** A non-2xx answer as an error with WeChat Pay's own code when it gave one; 5xx and 429 are retryable. */
  #failure(status: number, text: string): PaymentProviderError {
    const error = z.object({ code: z.string(), message: z.string().optional(), detail: z.unknown().optional() }).safeParse(safeJson(text));
    const code = error.success ? error.data.code : `http_${status}`;
    const message = error.success ? (error.data.message ?? code) : `HTTP ${status}`;
    return new PaymentProviderError(this.#o.provider, code, `WeChat Pay: ${message}`, status >= 500 || status === 429, {
      status,
      body: error.success ? error.data : text.slice(0, 500),
    });
  }

  #shape<T>(schema: z.ZodType<T>, data: unknown): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new PaymentProviderError(this.#o.provider, 'unexpected_response', 'WeChat Pay answer lacks required fields', false, { body: data });
    return parsed.data;
  }
}
