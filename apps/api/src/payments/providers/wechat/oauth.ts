/**
 * WeChat web authorization (网页授权) with scope snsapi_base: the resident's browser inside WeChat is sent
 * to the authorize URL, WeChat sends it back to our redirect URI with a one-time `code`, and the server
 * exchanges the code for the openid that JSAPI payment needs. snsapi_base asks the user nothing.
 */
import { WECHAT_API_URL, WechatApiError, wechatApiCall } from './api';
import type { FetchLike } from '../wechatpay/client';

export const WECHAT_OPEN_URL = 'https://open.weixin.qq.com';

export interface WechatIdentity {
  openid: string;
  unionid: string | null;
  scope: string;
  /**
   * WeChat's "snapshot page" visitor (is_snapshotuser = 1): a virtual openid for someone who has not really
   * opened the page; it must not be bound to an account or used to pay.
   */
  snapshotUser: boolean;
}

/** The interface the resident login uses; tests and the demo plug in their own. */
export interface WechatOAuth {
  authorizeUrl(input: { redirectUri: string; state: string }): string;
  exchangeCode(code: string): Promise<WechatIdentity>;
}

export interface WechatOAuthOptions {
  appId: string;
  secret: string;
  fetch?: FetchLike;
  apiBaseUrl?: string;
  openBaseUrl?: string;
}

export class WechatOAuthClient implements WechatOAuth {
  readonly #o: Required<WechatOAuthOptions>;

  constructor(options: WechatOAuthOptions) {
    this.#o = {
      appId: options.appId,
      secret: options.secret,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      apiBaseUrl: options.apiBaseUrl ?? WECHAT_API_URL,
      openBaseUrl: options.openBaseUrl ?? WECHAT_OPEN_URL,
    };
  }

  /** Parameter order and the #wechat_redirect suffix are as WeChat documents them (it is strict about both). */
  authorizeUrl({ redirectUri, state }: { redirectUri: string; state: string }): string {
    if (!/^[A-Za-z0-9]{0,128}$/.test(state)) throw new Error('state must be at most 128 letters and digits');
    return (
      `${this.#o.openBaseUrl}/connect/oauth2/authorize?appid=${encodeURIComponent(this.#o.appId)}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`
    );
  }

  async exchangeCode(code: string): Promise<WechatIdentity> {
    const query = new URLSearchParams({ appid: this.#o.appId, secret: this.#o.secret, code, grant_type: 'authorization_code' });
    const body = await wechatApiCall(this.#o.fetch, `${this.#o.apiBaseUrl}/sns/oauth2/access_token?${query}`);
    if (typeof body.openid !== 'string' || !body.openid) throw new WechatApiError(null, 'WeChat OAuth answer has no openid', false);
    return {
      openid: body.openid,
      unionid: typeof body.unionid === 'string' ? body.unionid : null,
      scope: typeof body.scope === 'string' ? body.scope : '',
      snapshotUser: body.is_snapshotuser === 1,
    };
  }
}
