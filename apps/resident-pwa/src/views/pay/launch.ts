/**
 * Hands a created payment order to the provider: WeChat's pay sheet inside WeChat (JSAPI), or the
 * provider's page for the redirect kinds (WeChat H5, Alipay WAP, the sandbox cashier). Nothing here needs a
 * service worker: it is plain navigation and the WeChat bridge, so it works in WeChat's in-app browser.
 *
 * The order id is remembered for this tab before leaving, so the result page finds the order even if the
 * provider sends the browser back without `?order=`.
 */
import type { PayAction } from '../../api/pay';
import { isInWechat, requestWechatPay, whenBridgeReady } from './wechat';

const LAST_ORDER_KEY = 'pm.resident.pay.lastOrder';

/** The one place the page leaves the app (a seam for tests: happy-dom cannot navigate away). */
export const browser = {
  go(url: string) {
    window.location.href = url;
  },
};

function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage blocked (private mode in some WebViews): the ?order= in the return URL still works
  }
}

export function rememberOrder(orderId: string) {
  tabStorage()?.setItem(LAST_ORDER_KEY, orderId);
}

export function lastOrder(): string | null {
  return tabStorage()?.getItem(LAST_ORDER_KEY) ?? null;
}

/**
 * `left`: the browser is on its way to the provider's page. `ok` / `cancel` / `fail`: WeChat's sheet
 * answered. `unavailable`: a JSAPI order but no WeChat bridge and no fallback page.
 */
export type LaunchOutcome = 'left' | 'ok' | 'cancel' | 'fail' | 'unavailable';

export async function launchPayment(orderId: string, pay: PayAction): Promise<LaunchOutcome> {
  rememberOrder(orderId);
  if (pay.kind === 'redirect') {
    browser.go(pay.url);
    return 'left';
  }
  const bridge = window.WeixinJSBridge ?? (isInWechat() ? await whenBridgeReady() : null);
  if (bridge) return requestWechatPay(bridge, pay.params);
  if (pay.fallbackUrl) {
    browser.go(pay.fallbackUrl);
    return 'left';
  }
  return 'unavailable';
}
