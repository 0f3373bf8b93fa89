/**
 * Binding a resident's WeChat openid (WeChat OAuth, snsapi_base) — what WeChat Pay JSAPI needs to know who pays.
 * Inside WeChat the app sends the browser to `GET /api/resident/wechat/oauth?returnUrl=…`; WeChat returns it with a
 * one-time code, exchanged for the openid under the official account's appid. The `state` is random and kept in
 * a short-lived httpOnly cookie, so a callback cannot be forged into someone else's session (OAuth CSRF).
 * Only offered when WECHAT_OAUTH_APPID/SECRET are configured; for JSAPI that appid must be WECHATPAY_APPID.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { residentWechatIds } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { ResidentContext } from '../../lib/context';
import { AppError, NotFoundError } from '../../lib/errors';
import type { PaymentsRuntime } from '../../payments/runtime';
import { returnPath } from './return-url';

export const OAUTH_STATE_COOKIE = 'pm_wx_oauth';
export const OAUTH_CALLBACK_PATH = '/api/resident/wechat/oauth/callback';

function oauthOf(runtime: PaymentsRuntime) {
  const oauth = runtime.providers.wechatOAuth;
  const appId = runtime.config.wechatOAuth?.appId;
  if (!oauth || !appId) throw new NotFoundError('wechat oauth');
  return { oauth, appId };
}

/** The authorize URL to send the browser to, and the cookie value that must come back with the callback. */
export function startOAuth(runtime: PaymentsRuntime, input: { origin: string; returnUrl?: string | undefined }) {
  const { oauth } = oauthOf(runtime);
  const back = returnPath(input.returnUrl, input.origin);
  const state = randomBytes(16).toString('hex');
  return { url: oauth.authorizeUrl({ redirectUri: `${input.origin}${OAUTH_CALLBACK_PATH}`, state }), cookie: `${state}.${Buffer.from(back).toString('base64url')}` };
}

export async function finishOAuth({ ctx, runtime, input }: { ctx: ResidentContext; runtime: PaymentsRuntime; input: { code: string; state: string; cookie: string | undefined } }) {
  const { oauth, appId } = oauthOf(runtime);
  const [expected, back] = (input.cookie ?? '').split('.');
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(input.state);
  if (!expected || a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError(400, 'oauth_state_mismatch', '授权已失效，请重试 The authorisation expired, try again');
  const identity = await oauth.exchangeCode(input.code).catch(() => {
    throw new AppError(400, 'oauth_failed', '微信授权失败 WeChat authorisation failed');
  });
  // WeChat's "snapshot page" visitor has a virtual openid that must never pay.
  if (identity.snapshotUser) throw new AppError(400, 'oauth_failed', '请在微信中打开 Open the page in WeChat');
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(residentWechatIds)
      .values({ residentId: ctx.actor.id, appid: appId, openid: identity.openid, boundAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: [residentWechatIds.residentId, residentWechatIds.appid], set: { openid: identity.openid, boundAt: ctx.clock.now() } });
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'bind', entity: 'resident_wechat_id', entityId: ctx.actor.id, after: { appid: appId } });
  });
  return back ? Buffer.from(back, 'base64url').toString('utf8') : '/resident/';
}
