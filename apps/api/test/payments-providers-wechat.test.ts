/**
 * WeChat web authorization (snsapi_base → openid) and the JS-SDK config signature with its ticket cache,
 * against a local stand-in for api.weixin.qq.com. No database.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WechatApiError } from '../src/payments/providers/wechat/api';
import { MemoryTicketCache, WechatJsapiTicketSource, buildJssdkConfig, jssdkSignature } from '../src/payments/providers/wechat/jssdk';
import { WechatOAuthClient } from '../src/payments/providers/wechat/oauth';
import { type Reply, fixedClock, startServer } from './payments-providers-fixtures';

const APPID = 'wx520c15f417810387';
const SECRET = 'SECRET0123456789abcdef0123456789';

let api: Awaited<ReturnType<typeof startServer>>;
let replies: Record<string, () => Reply>;
const json = (data: object): Reply => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(data) });

beforeAll(async () => {
  api = await startServer((req) => {
    const reply = replies[req.url.split('?')[0]!];
    return reply ? reply() : { status: 404, body: 'not found' };
  });
});
afterAll(() => api.close());
beforeEach(() => {
  replies = {};
  api.requests.length = 0;
});

describe('WeChat OAuth (snsapi_base)', () => {
  const oauth = () => new WechatOAuthClient({ appId: APPID, secret: SECRET, apiBaseUrl: api.url });

  it('builds the authorize URL in the documented order with #wechat_redirect', () => {
    expect(oauth().authorizeUrl({ redirectUri: 'https://pm.example.com/resident/wx-callback?next=/bills', state: 'abc123' })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387' +
        '&redirect_uri=https%3A%2F%2Fpm.example.com%2Fresident%2Fwx-callback%3Fnext%3D%2Fbills' +
        '&response_type=code&scope=snsapi_base&state=abc123#wechat_redirect',
    );
    expect(() => oauth().authorizeUrl({ redirectUri: 'https://x', state: 'a&b' })).toThrow(/state/);
  });

  it('exchanges a code for the openid (GET /sns/oauth2/access_token)', async () => {
    replies['/sns/oauth2/access_token'] = () =>
      json({ access_token: 'ACCESS', expires_in: 7200, refresh_token: 'REFRESH', openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', scope: 'snsapi_base', is_snapshotuser: 0 });
    expect(await oauth().exchangeCode('0a1B2c')).toEqual({ openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', unionid: null, scope: 'snsapi_base', snapshotUser: false });
    const query = new URL(api.requests[0]!.url, 'http://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({ appid: APPID, secret: SECRET, code: '0a1B2c', grant_type: 'authorization_code' });
    expect(api.requests[0]!.method).toBe('GET');
  });

  it('flags snapshot-page visitors and turns errcode answers into errors', async () => {
    replies['/sns/oauth2/access_token'] = () => json({ openid: 'virtual', scope: 'snsapi_base', is_snapshotuser: 1 });
    expect((await oauth().exchangeCode('c')).snapshotUser).toBe(true);
    replies['/sns/oauth2/access_token'] = () => json({ errcode: 40029, errmsg: 'invalid code' });
    const error = await oauth().exchangeCode('used').catch((e) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40029, retryable: false });
  });
});

describe('JS-SDK config signature', () => {
  it('is sha1 over jsapi_ticket=…&noncestr=…&timestamp=…&url=… (WeChat documented vector)', () => {
    const input = {
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value',
    };
    const handAssembled = `jsapi_ticket=${input.ticket}&noncestr=${input.nonceStr}&timestamp=${input.timestamp}&url=${input.url}`;
    expect(jssdkSignature(input)).toBe(createHash('sha1').update(handAssembled).digest('hex'));
    expect(jssdkSignature(input)).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    // The fragment is not part of the signed URL.
    expect(jssdkSignature({ ...input, url: `${input.url}#/bills/1` })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('fetches token and ticket once, shares concurrent fetches, refreshes after expiry', async () => {
    let tokens = 0;
    let tickets = 0;
    replies['/cgi-bin/stable_token'] = () => json({ access_token: `TOKEN${++tokens}`, expires_in: 7200 });
    replies['/cgi-bin/ticket/getticket'] = () => json({ errcode: 0, errmsg: 'ok', ticket: `TICKET${++tickets}`, expires_in: 7200 });
    const clock = fixedClock('2024-05-01T02:00:00Z');
    const source = new WechatJsapiTicketSource({ appId: APPID, secret: SECRET, cache: new MemoryTicketCache(clock), apiBaseUrl: api.url });
    expect(await Promise.all([source.getTicket(), source.getTicket(), source.getTicket()])).toEqual(['TICKET1', 'TICKET1', 'TICKET1']);
    expect(await source.getTicket()).toBe('TICKET1');
    expect([tokens, tickets]).toEqual([1, 1]);
    const tokenCall = api.requests.find((r) => r.url === '/cgi-bin/stable_token')!;
    expect(tokenCall.method).toBe('POST');
    expect(JSON.parse(tokenCall.body)).toEqual({ grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: false });
    expect(api.requests.find((r) => r.url.startsWith('/cgi-bin/ticket/getticket'))!.url).toBe('/cgi-bin/ticket/getticket?access_token=TOKEN1&type=jsapi');
    // Refreshed 5 minutes before WeChat's 7200 s expiry.
    clock.set('2024-05-01T03:55:01Z');
    expect(await source.getTicket()).toBe('TICKET2');
    expect([tokens, tickets]).toEqual([2, 2]);

    const config = await buildJssdkConfig({ appId: APPID, tickets: source, url: 'https://pm.example.com/resident/pay?o=1#x', clock, nonceStr: 'n0nce' });
    expect(config).toEqual({
      appId: APPID,
      timestamp: clock.seconds(),
      nonceStr: 'n0nce',
      signature: createHash('sha1').update(`jsapi_ticket=TICKET2&noncestr=n0nce&timestamp=${clock.seconds()}&url=https://pm.example.com/resident/pay?o=1`).digest('hex'),
    });
  });

  it('reports a getticket error and does not cache it', async () => {
    replies['/cgi-bin/stable_token'] = () => json({ access_token: 'TOKEN', expires_in: 7200 });
    replies['/cgi-bin/ticket/getticket'] = () => json({ errcode: -1, errmsg: 'system error' });
    const source = new WechatJsapiTicketSource({ appId: APPID, secret: SECRET, cache: new MemoryTicketCache(), apiBaseUrl: api.url });
    await expect(source.getTicket()).rejects.toMatchObject({ errcode: -1, retryable: true });
    replies['/cgi-bin/ticket/getticket'] = () => json({ errcode: 0, ticket: 'LATER', expires_in: 7200 });
    expect(await source.getTicket()).toBe('LATER');
  });
});
