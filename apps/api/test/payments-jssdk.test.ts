/**
 * The WeChat JS-SDK config for a resident page: signed over the jsapi ticket and the page URL exactly as WeChat
 * documents (checked against an independent sha1), only for pages of this site, and 404 without WeChat settings.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPaymentsRuntime } from '../src/payments/runtime';
import { jssdkConfig } from '../src/services/payments/jssdk-config';

const clock = { now: () => new Date('2026-11-29T08:00:00Z') };
const runtime = createPaymentsRuntime({ config: { sandbox: { enabled: true }, wechatOAuth: { appId: 'wx0123456789abcdef', secret: 's3cret' } }, clock });
const tickets = { getTicket: async () => 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg' };

describe('GET /resident/wechat/jssdk-config', () => {
  it('signs sha1(jsapi_ticket=…&noncestr=…&timestamp=…&url=…) for the page without its fragment', async () => {
    const config = await jssdkConfig({ runtime, origin: 'https://wy.example.com', url: 'https://wy.example.com/resident/bills?x=1#top', clock, tickets });
    expect(config).toMatchObject({ appId: 'wx0123456789abcdef', timestamp: Date.parse('2026-11-29T08:00:00Z') / 1000 });
    const plain = `jsapi_ticket=${await tickets.getTicket()}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=https://wy.example.com/resident/bills?x=1`;
    expect(config.signature).toBe(createHash('sha1').update(plain).digest('hex'));
  });

  it('refuses another site’s page and a non-URL (400), and is 404 without WeChat settings', async () => {
    await expect(jssdkConfig({ runtime, origin: 'https://wy.example.com', url: 'https://evil.example.com/', clock, tickets })).rejects.toMatchObject({ status: 400 });
    await expect(jssdkConfig({ runtime, origin: 'https://wy.example.com', url: 'bills', clock, tickets })).rejects.toMatchObject({ status: 400 });
    const bare = createPaymentsRuntime({ config: { sandbox: { enabled: true } }, clock });
    await expect(jssdkConfig({ runtime: bare, origin: 'https://wy.example.com', url: 'https://wy.example.com/resident/', clock })).rejects.toMatchObject({ status: 404 });
  });
});
