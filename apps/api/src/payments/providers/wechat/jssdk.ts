/**
 * JS-SDK page configuration (wx.config): a sha1 signature over
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in that order, url without its #fragment).
 * The jsapi_ticket lives 7200 s and WeChat limits how often it may be fetched, so it is cached behind
 * `TicketCache`: in memory for one process; several API instances should share one (e.g. a database table)
 * through the same interface, since each fetch of a new access token is rate-limited per app.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import type { FetchLike } from '../wechatpay/client';
import { WECHAT_API_URL, WechatApiError, wechatApiCall } from './api';

export function jssdkSignature(input: { ticket: string; nonceStr: string; timestamp: number | string; url: string }): string {
  const url = input.url.split('#')[0]!;
  return createHash('sha1').update(`jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${url}`, 'utf8').digest('hex');
}

export interface TicketCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export class MemoryTicketCache implements TicketCache {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  constructor(readonly clock: Clock = systemClock) {}

  async get(key: string) {
    const entry = this.#entries.get(key);
    return entry && entry.expiresAt > this.clock.now().getTime() ? entry.value : undefined;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.#entries.set(key, { value, expiresAt: this.clock.now().getTime() + ttlSeconds * 1000 });
  }
}

export interface JsapiTicketSource {
  getTicket(): Promise<string>;
}

/** Refresh this long before WeChat's own expiry, so a page never gets a ticket that dies mid-use. */
const EARLY_REFRESH_SECONDS = 300;

/**
 * Gets the access token from /cgi-bin/stable_token (which, unlike /cgi-bin/token, does not invalidate a
 * token another system of the same app holds) and then the jsapi ticket, caching both.
 */
export class WechatJsapiTicketSource implements JsapiTicketSource {
  readonly #appId: string;
  readonly #secret: string;
  readonly #cache: TicketCache;
  readonly #fetch: FetchLike;
  readonly #base: string;
  #inFlight: Promise<string> | undefined;

  constructor(options: { appId: string; secret: string; cache: TicketCache; fetch?: FetchLike; apiBaseUrl?: string }) {
    this.#appId = options.appId;
    this.#secret = options.secret;
    this.#cache = options.cache;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#base = options.apiBaseUrl ?? WECHAT_API_URL;
  }

  async getTicket(): Promise<string> {
    const cached = await this.#cache.get(`jsapi_ticket:${this.#appId}`);
    if (cached) return cached;
    // Concurrent page loads share one fetch instead of each burning the daily quota.
    this.#inFlight ??= this.#fetchTicket().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #fetchTicket(): Promise<string> {
    const token = await this.#accessToken();
    const body = await wechatApiCall(this.#fetch, `${this.#base}/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(token)}&type=jsapi`);
    if (typeof body.ticket !== 'string') throw new WechatApiError(null, 'WeChat getticket answer has no ticket', false);
    await this.#cache.set(`jsapi_ticket:${this.#appId}`, body.ticket, ttl(body.expires_in));
    return body.ticket;
  }

  async #accessToken(): Promise<string> {
    const cached = await this.#cache.get(`access_token:${this.#appId}`);
    if (cached) return cached;
    const body = await wechatApiCall(this.#fetch, `${this.#base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.#appId, secret: this.#secret, force_refresh: false }),
    });
    if (typeof body.access_token !== 'string') throw new WechatApiError(null, 'WeChat stable_token answer has no access_token', false);
    await this.#cache.set(`access_token:${this.#appId}`, body.access_token, ttl(body.expires_in));
    return body.access_token;
  }
}

function ttl(expiresIn: unknown): number {
  const seconds = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 7200;
  return Math.max(60, seconds - EARLY_REFRESH_SECONDS);
}

export interface JssdkConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/** What the page passes to wx.config for `url` (the page's full URL, fragment dropped). */
export async function buildJssdkConfig(input: { appId: string; tickets: JsapiTicketSource; url: string; clock?: Clock; nonceStr?: string }): Promise<JssdkConfig> {
  const ticket = await input.tickets.getTicket();
  const timestamp = Math.floor((input.clock ?? systemClock).now().getTime() / 1000);
  const nonceStr = input.nonceStr ?? randomBytes(8).toString('hex');
  return { appId: input.appId, timestamp, nonceStr, signature: jssdkSignature({ ticket, nonceStr, timestamp, url: input.url }) };
}
