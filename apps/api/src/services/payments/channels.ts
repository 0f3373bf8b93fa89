/**
 * The resident's payment channels (the contract's words) and the provider + provider channel behind each.
 * Only configured providers are offered. Inside WeChat's browser only WeChat Pay JSAPI works (and needs the
 * resident's openid from WeChat OAuth); outside it, WeChat Pay H5 and Alipay WAP. The sandbox is offered
 * wherever it is on — it stands in for WeChat Pay in development and the demo.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { type PAYMENT_CHANNELS, residentWechatIds } from '../../db/schema';
import type { PaymentsRuntime } from '../../payments/runtime';
import type { PaymentChannel, ProviderName } from '../../payments/providers';

export type Channel = (typeof PAYMENT_CHANNELS)[number];

export const CHANNELS: Record<Channel, { provider: ProviderName; providerChannel: PaymentChannel; label: string }> = {
  wechat_jsapi: { provider: 'wechatpay', providerChannel: 'jsapi', label: '微信支付 WeChat Pay' },
  wechat_h5: { provider: 'wechatpay', providerChannel: 'h5', label: '微信支付 WeChat Pay' },
  alipay_wap: { provider: 'alipay', providerChannel: 'wap', label: '支付宝 Alipay' },
  // H5 at the sandbox redirects to its local cashier page: a browser needs nothing else.
  sandbox: { provider: 'sandbox', providerChannel: 'h5', label: '模拟支付（沙箱）Sandbox' },
};

/** The resident's openid under the WeChat Pay appid, when WeChat OAuth bound one. */
export async function wechatOpenid(db: DbOrTx, runtime: PaymentsRuntime, residentId: string): Promise<string | undefined> {
  const appid = runtime.config.wechatpay?.appid;
  if (!appid) return undefined;
  const [row] = await db
    .select({ openid: residentWechatIds.openid })
    .from(residentWechatIds)
    .where(and(eq(residentWechatIds.residentId, residentId), eq(residentWechatIds.appid, appid)));
  return row?.openid;
}

export async function listChannels(db: DbOrTx, runtime: PaymentsRuntime, residentId: string, inWechat: boolean) {
  const has = (p: ProviderName) => runtime.providers.get(p) !== undefined;
  const channels: Channel[] = [];
  if (has('wechatpay')) {
    if (inWechat) {
      if (await wechatOpenid(db, runtime, residentId)) channels.push('wechat_jsapi');
    } else {
      channels.push('wechat_h5');
    }
  }
  if (has('alipay') && !inWechat) channels.push('alipay_wap');
  if (has('sandbox')) channels.push('sandbox');
  return { channels: channels.map((channel) => ({ channel, label: CHANNELS[channel].label })) };
}
