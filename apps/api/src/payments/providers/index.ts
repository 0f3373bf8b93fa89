/** The payment-provider layer's public surface (see README.md in this folder). */
export * from './types';
export { checkEventAgainstOrder } from './order-check';
export { fenToYuan, yuanToFen } from './money';
export { type PaymentsConfig, PaymentsConfigError, loadPaymentsConfig } from './config';
export { type PaymentProviders, type ProviderInfo, availableProviders, createPaymentProviders } from './registry';
export { WechatPayProvider } from './wechatpay/provider';
export { WechatPayClient } from './wechatpay/client';
export { WechatPayVerifier } from './wechatpay/verifier';
export { checkWechatTransaction } from './wechatpay/checks';
export { AlipayProvider } from './alipay/provider';
export { checkAlipayNotification } from './alipay/mapping';
export { SandboxProvider } from './sandbox/provider';
export { type WechatOAuth, WechatOAuthClient } from './wechat/oauth';
export { type JsapiTicketSource, MemoryTicketCache, type TicketCache, WechatJsapiTicketSource, buildJssdkConfig, jssdkSignature } from './wechat/jssdk';
