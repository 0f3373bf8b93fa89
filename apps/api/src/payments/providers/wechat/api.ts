/** Calls to the WeChat Official Account API (api.weixin.qq.com): JSON answers, failures as {errcode, errmsg}. */
import { safeJson } from '../json';
import type { FetchLike } from '../wechatpay/client';

export const WECHAT_API_URL = 'https://api.weixin.qq.com';

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number | null,
    message: string,
    /** Network errors and WeChat's "system busy" (-1) are worth retrying. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}

export async function wechatApiCall(fetchFn: FetchLike, url: string, init: RequestInit = { method: 'GET' }, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  let text: string;
  let status: number;
  try {
    const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new WechatApiError(null, `WeChat API unreachable: ${(error as Error).message}`, true);
  }
  // WeChat often answers JSON as text/plain, so the body is read as text and parsed here.
  const data = safeJson(text);
  if (status !== 200 || typeof data !== 'object' || data === null) throw new WechatApiError(null, `WeChat API answered HTTP ${status}`, status >= 500);
  const body = data as Record<string, unknown>;
  if (typeof body.errcode === 'number' && body.errcode !== 0) {
    throw new WechatApiError(body.errcode, `WeChat API error ${body.errcode}: ${String(body.errmsg ?? '')}`, body.errcode === -1);
  }
  return body;
}
