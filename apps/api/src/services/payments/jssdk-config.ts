/**
 * The WeChat JS-SDK `wx.config` for a page of the resident app opened inside WeChat: appId, timestamp, nonce and
 * the sha1 signature over the jsapi ticket and the page URL (the provider layer's `buildJssdkConfig`). Only our
 * own pages are signed (the URL must be on this origin). Absent WeChat configuration (`WECHAT_OAUTH_APPID/SECRET`)
 * it is 404, and the app simply does not use the JS-SDK.
 */
import { buildJssdkConfig, type JsapiTicketSource, MemoryTicketCache, WechatJsapiTicketSource } from '../../payments/providers';
import type { PaymentsRuntime } from '../../payments/runtime';
import type { Clock } from '../../lib/context';
import { NotFoundError, ValidationError } from '../../lib/errors';

/** One ticket source per runtime: the access token and ticket are cached and shared by every page load. */
const sources = new WeakMap<PaymentsRuntime, JsapiTicketSource>();

export function ticketSourceOf(runtime: PaymentsRuntime): JsapiTicketSource | null {
  const oauth = runtime.config.wechatOAuth;
  if (!oauth) return null;
  let source = sources.get(runtime);
  if (!source) {
    source = new WechatJsapiTicketSource({ appId: oauth.appId, secret: oauth.secret, cache: new MemoryTicketCache() });
    sources.set(runtime, source);
  }
  return source;
}

export async function jssdkConfig(input: { runtime: PaymentsRuntime; origin: string; url: string; clock: Clock; tickets?: JsapiTicketSource | null }) {
  const appId = input.runtime.config.wechatOAuth?.appId;
  const tickets = input.tickets === undefined ? ticketSourceOf(input.runtime) : input.tickets;
  if (!appId || !tickets) throw new NotFoundError('wechat js-sdk');
  let page: URL;
  try {
    page = new URL(input.url);
  } catch {
    throw new ValidationError('url must be a full URL', [{ path: 'url', message: 'not a URL' }]);
  }
  if (page.origin !== input.origin) throw new ValidationError('only pages of this site are signed', [{ path: 'url', message: 'another origin' }]);
  page.hash = '';
  return buildJssdkConfig({ appId, tickets, url: page.toString(), clock: input.clock });
}
