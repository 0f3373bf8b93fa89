/**
 * WeChat's in-app browser: recognising it (for the JSAPI channel) and opening WeChat Pay's sheet through
 * the `WeixinJSBridge` it injects. No JS-SDK script is loaded: `getBrandWCPayRequest` on the bridge is
 * what WeChat Pay documents for JSAPI payments in an official-account page, and it needs no `wx.config`.
 */
import type { JsapiParams } from '../../api/pay';

interface BridgeAnswer {
  err_msg?: string;
  errMsg?: string;
}
export interface WeixinBridge {
  invoke(name: string, params: JsapiParams, callback: (res: BridgeAnswer) => void): void;
}

declare global {
  interface Window {
    WeixinJSBridge?: WeixinBridge;
  }
}

/** WeChat's built-in browser says `MicroMessenger` in its user agent (on every platform). */
export function isInWechat(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): boolean {
  return /MicroMessenger/i.test(userAgent);
}

/**
 * The bridge, now or once WeChat has injected it (it fires `WeixinJSBridgeReady` a moment after the page
 * loads); null when it does not come within `timeoutMs` (not in WeChat, or a WebView without it).
 */
export function whenBridgeReady(timeoutMs = 3000): Promise<WeixinBridge | null> {
  if (window.WeixinJSBridge) return Promise.resolve(window.WeixinJSBridge);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('WeixinJSBridgeReady', done);
      resolve(window.WeixinJSBridge ?? null);
    };
    const timer = setTimeout(done, timeoutMs);
    document.addEventListener('WeixinJSBridgeReady', done);
  });
}

export type BridgeOutcome = 'ok' | 'cancel' | 'fail';

/**
 * Opens WeChat Pay's sheet. `ok` only means WeChat says the payer finished: the order's state is still
 * taken from our server (the notification is the proof), never from this answer.
 */
export function requestWechatPay(bridge: WeixinBridge, params: JsapiParams): Promise<BridgeOutcome> {
  return new Promise((resolve) => {
    bridge.invoke('getBrandWCPayRequest', params, (res) => {
      const msg = res?.err_msg ?? res?.errMsg ?? '';
      if (msg.endsWith(':ok')) resolve('ok');
      else if (msg.endsWith(':cancel')) resolve('cancel');
      else resolve('fail');
    });
  });
}
