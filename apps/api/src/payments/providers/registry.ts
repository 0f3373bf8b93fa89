/**
 * Builds the configured providers once at start (server.ts in a later step) and says which ones the
 * payment page may offer. Nothing here opens a connection.
 */
import type { Clock } from '../../lib/context';
import { AlipayProvider } from './alipay/provider';
import type { PaymentsConfig } from './config';
import { SandboxProvider } from './sandbox/provider';
import type { PaymentChannel, PaymentProvider, ProviderName } from './types';
import { type JsapiTicketSource, MemoryTicketCache, type TicketCache, WechatJsapiTicketSource } from './wechat/jssdk';
import { type WechatOAuth, WechatOAuthClient } from './wechat/oauth';
import type { FetchLike } from './wechatpay/client';
import { WechatPayProvider } from './wechatpay/provider';
import { WechatPayVerifier } from './wechatpay/verifier';

export interface ProviderInfo {
  name: ProviderName;
  /** jsapi: inside WeChat (needs the openid); h5 / wap: a mobile browser. */
  channels: PaymentChannel[];
}

/** What the payment page may offer, from the configuration alone (cheap; builds nothing). */
export function availableProviders(config: PaymentsConfig): ProviderInfo[] {
  const list: ProviderInfo[] = [];
  if (config.wechatpay) list.push({ name: 'wechatpay', channels: ['jsapi', 'h5'] });
  if (config.alipay) list.push({ name: 'alipay', channels: ['wap'] });
  if (config.sandbox.enabled) list.push({ name: 'sandbox', channels: ['jsapi', 'h5'] });
  return list;
}

export interface PaymentProviders {
  get(name: ProviderName): PaymentProvider | undefined;
  list(): ProviderInfo[];
  sandbox?: SandboxProvider;
  wechatOAuth?: WechatOAuth;
  jsapiTickets?: JsapiTicketSource;
}

export interface PaymentProvidersDeps {
  clock?: Clock;
  fetch?: FetchLike;
  ticketCache?: TicketCache;
  /** The sandbox's cashier page URL (the payments routes serve it); the sandbox's own default otherwise. */
  sandboxCashierUrl?: (p: { outTradeNo: string; prepayId: string }) => string;
}

export function createPaymentProviders(config: PaymentsConfig, deps: PaymentProvidersDeps = {}): PaymentProviders {
  const providers = new Map<ProviderName, PaymentProvider>();
  if (config.wechatpay) {
    const c = config.wechatpay;
    const verifier = new WechatPayVerifier({ certificates: c.certificates, publicKey: c.publicKey, clock: deps.clock });
    providers.set(
      'wechatpay',
      new WechatPayProvider({
        mchid: c.mchid,
        appid: c.appid,
        serialNo: c.serialNo,
        privateKey: c.privateKey,
        apiV3Key: c.apiV3Key,
        verifier,
        notifyUrl: c.notifyUrl,
        refundNotifyUrl: c.refundNotifyUrl,
        baseUrl: c.baseUrl,
        fetch: deps.fetch,
        clock: deps.clock,
      }),
    );
  }
  if (config.alipay) {
    const c = config.alipay;
    providers.set(
      'alipay',
      new AlipayProvider({
        appId: c.appId,
        privateKey: c.privateKey,
        alipayPublicKey: c.alipayPublicKey,
        sellerId: c.sellerId,
        notifyUrl: c.notifyUrl,
        returnUrl: c.returnUrl,
        gateway: c.gateway,
        clock: deps.clock,
      }),
    );
  }
  let sandbox: SandboxProvider | undefined;
  if (config.sandbox.enabled) {
    sandbox = new SandboxProvider({
      dataDir: config.sandbox.dataDir,
      notifyUrl: config.sandbox.notifyUrl,
      clock: deps.clock,
      ...(deps.sandboxCashierUrl ? { cashierUrl: deps.sandboxCashierUrl } : {}),
    });
    providers.set('sandbox', sandbox);
  }
  const oauth = config.wechatOAuth;
  return {
    get: (name) => providers.get(name),
    list: () => availableProviders(config),
    ...(sandbox ? { sandbox } : {}),
    ...(oauth
      ? {
          wechatOAuth: new WechatOAuthClient({ appId: oauth.appId, secret: oauth.secret, fetch: deps.fetch }),
          jsapiTickets: new WechatJsapiTicketSource({ appId: oauth.appId, secret: oauth.secret, cache: deps.ticketCache ?? new MemoryTicketCache(deps.clock), fetch: deps.fetch }),
        }
      : {}),
  };
}
