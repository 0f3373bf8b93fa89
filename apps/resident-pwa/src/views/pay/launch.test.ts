import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, lastOrder, launchPayment } from './launch';
import { JSAPI_PARAMS, ORDER_ID } from './test-data';
import { isInWechat, type WeixinBridge } from './wechat';

const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.50(0x18003237) NetType/WIFI';
const answering = (err_msg: string): WeixinBridge => ({ invoke: vi.fn((_n, _p, cb) => cb({ err_msg })) });

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  delete window.WeixinJSBridge;
});

describe('handing an order to the provider', () => {
  it('recognises WeChat by its user agent', () => {
    expect(isInWechat(WECHAT_UA)).toBe(true);
    expect(isInWechat('Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36')).toBe(false);
  });

  it('redirect kinds: remembers the order and sends the browser to the provider page', async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    expect(await launchPayment(ORDER_ID, { kind: 'redirect', url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1' })).toBe('left');
    expect(go).toHaveBeenCalledWith('https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=1');
    expect(lastOrder()).toBe(ORDER_ID);
  });

  it("JSAPI: maps WeChat's answers", async () => {
    for (const [msg, outcome] of [
      ['get_brand_wcpay_request:ok', 'ok'],
      ['get_brand_wcpay_request:cancel', 'cancel'],
      ['get_brand_wcpay_request:fail', 'fail'],
    ] as const) {
      window.WeixinJSBridge = answering(msg);
      expect(await launchPayment(ORDER_ID, { kind: 'jsapi', params: JSAPI_PARAMS })).toBe(outcome);
      expect(window.WeixinJSBridge.invoke).toHaveBeenCalledWith('getBrandWCPayRequest', JSAPI_PARAMS, expect.any(Function));
    }
  });

  it('JSAPI inside WeChat waits for the bridge to be injected', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_UA);
    const pending = launchPayment(ORDER_ID, { kind: 'jsapi', params: JSAPI_PARAMS });
    await Promise.resolve();
    window.WeixinJSBridge = answering('get_brand_wcpay_request:ok');
    document.dispatchEvent(new Event('WeixinJSBridgeReady'));
    expect(await pending).toBe('ok');
  });

  it("JSAPI outside WeChat: the sandbox's fallback page, or nothing to open", async () => {
    const go = vi.spyOn(browser, 'go').mockImplementation(() => undefined);
    expect(await launchPayment(ORDER_ID, { kind: 'jsapi', params: JSAPI_PARAMS, fallbackUrl: '/api/payments/sandbox/cashier?out_trade_no=X' })).toBe('left');
    expect(go).toHaveBeenCalledWith('/api/payments/sandbox/cashier?out_trade_no=X');
    expect(await launchPayment(ORDER_ID, { kind: 'jsapi', params: JSAPI_PARAMS })).toBe('unavailable');
  });
});
