/**
 * Payment configuration from the environment: absent → provider not offered, complete → built, half done →
 * a start-up error naming each problem. No database, no network.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipayProvider } from '../src/payments/providers/alipay/provider';
import { PaymentsConfigError, loadPaymentsConfig } from '../src/payments/providers/config';
import { availableProviders, createPaymentProviders } from '../src/payments/providers/registry';
import { SandboxProvider } from '../src/payments/providers/sandbox/provider';
import { WechatPayProvider } from '../src/payments/providers/wechatpay/provider';
import { APIV3_KEY, APPID, MCHID, PUB_KEY_ID, type RsaPair, rsaPair, selfSignedCertificate } from './payments-providers-fixtures';

let merchant: RsaPair;
let platform: RsaPair;
let alipay: RsaPair;
let certDir: string;
let keyFile: string;
const cleanup: string[] = [];

beforeAll(() => {
  merchant = rsaPair();
  platform = rsaPair();
  alipay = rsaPair();
  const cert = selfSignedCertificate('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
  cleanup.push(cert.dir);
  certDir = join(cert.dir, 'certs');
  mkdirSync(certDir);
  writeFileSync(join(certDir, 'wechatpay_5157F09E.pem'), cert.certPem);
  writeFileSync(join(certDir, 'README.txt'), 'not a certificate, skipped');
  keyFile = join(cert.dir, 'apiclient_key.pem');
  writeFileSync(keyFile, merchant.privatePem);
});
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\n/g, '');

function wechatEnv(): Record<string, string> {
  return {
    WECHATPAY_MCHID: MCHID,
    WECHATPAY_APPID: APPID,
    WECHATPAY_SERIAL: '1dde55ad98ed71d6edd4a4a16996de7b47773a8c',
    WECHATPAY_PRIVATE_KEY_FILE: keyFile,
    WECHATPAY_APIV3_KEY: APIV3_KEY,
    WECHATPAY_PLATFORM_CERTS: certDir,
    // As a one-line .env value: escaped newlines.
    WECHATPAY_PUBLIC_KEY: platform.publicPem.replace(/\n/g, '\\n'),
    WECHATPAY_PUBLIC_KEY_ID: PUB_KEY_ID,
    WECHATPAY_NOTIFY_URL: 'https://pm.example.com/api/payments/notify/wechatpay',
  };
}

function alipayEnv(): Record<string, string> {
  return {
    ALIPAY_APP_ID: '2021000117600000',
    ALIPAY_PRIVATE_KEY: bare(alipay.privatePem),
    ALIPAY_PUBLIC_KEY: bare(alipay.publicPem),
    ALIPAY_SELLER_ID: '2088102177846880',
    ALIPAY_NOTIFY_URL: 'https://pm.example.com/api/payments/notify/alipay',
  };
}

function problems(env: Record<string, string>): string[] {
  try {
    loadPaymentsConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentsConfigError);
    return (error as PaymentsConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('payment configuration', () => {
  it('with nothing configured offers only the sandbox, kept under DATA_DIR', () => {
    const config = loadPaymentsConfig({ DATA_DIR: '/var/lib/pm' });
    expect(config).toEqual({ sandbox: { enabled: true, dataDir: '/var/lib/pm/payments-sandbox' } });
    expect(availableProviders(config)).toEqual([{ name: 'sandbox', channels: ['jsapi', 'h5'] }]);
    expect(loadPaymentsConfig({ PAYMENTS_SANDBOX: 'false' }).sandbox.enabled).toBe(false);
  });

  it('reads a complete WeChat Pay, Alipay and OAuth setup; the sandbox then stays off unless asked for', () => {
    const config = loadPaymentsConfig({ ...wechatEnv(), ...alipayEnv(), WECHAT_OAUTH_APPID: APPID, WECHAT_OAUTH_SECRET: 'secret' });
    expect(config.wechatpay).toMatchObject({ mchid: MCHID, appid: APPID, serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C', publicKey: { id: PUB_KEY_ID } });
    expect(config.wechatpay!.certificates).toHaveLength(1);
    expect(config.wechatpay!.apiV3Key).toHaveLength(32);
    expect(config.alipay).toMatchObject({ appId: '2021000117600000', sellerId: '2088102177846880' });
    expect(config.wechatOAuth).toEqual({ appId: APPID, secret: 'secret' });
    expect(availableProviders(config).map((p) => p.name)).toEqual(['wechatpay', 'alipay']);
    const withSandbox = loadPaymentsConfig({ ...wechatEnv(), PAYMENTS_SANDBOX: 'true' });
    expect(availableProviders(withSandbox)).toEqual([
      { name: 'wechatpay', channels: ['jsapi', 'h5'] },
      { name: 'sandbox', channels: ['jsapi', 'h5'] },
    ]);
  });

  it('accepts the public key alone or the certificates alone', () => {
    const { WECHATPAY_PLATFORM_CERTS: _c, ...keyOnly } = wechatEnv();
    expect(loadPaymentsConfig(keyOnly).wechatpay!.certificates).toEqual([]);
    const { WECHATPAY_PUBLIC_KEY: _k, WECHATPAY_PUBLIC_KEY_ID: _i, ...certsOnly } = wechatEnv();
    expect(loadPaymentsConfig(certsOnly).wechatpay!.publicKey).toBeUndefined();
  });

  it('a half-configured provider stops the start, naming what is missing', () => {
    expect(problems({ WECHATPAY_MCHID: MCHID })).toEqual([
      'WECHATPAY_APPID: required',
      'WECHATPAY_SERIAL: required',
      'WECHATPAY_PRIVATE_KEY or WECHATPAY_PRIVATE_KEY_FILE: required',
      'WECHATPAY_APIV3_KEY: required',
      'WECHATPAY_NOTIFY_URL: required',
      'WECHATPAY_PLATFORM_CERTS or WECHATPAY_PUBLIC_KEY(+_ID): at least one is needed to verify WeChat Pay signatures',
    ]);
    expect(problems({ ...wechatEnv(), WECHATPAY_APIV3_KEY: 'too-short' })).toEqual(['WECHATPAY_APIV3_KEY: the APIv3 key must be 32 bytes, got 9']);
    expect(problems({ ...wechatEnv(), WECHATPAY_PRIVATE_KEY: merchant.privatePem })).toEqual(['WECHATPAY_PRIVATE_KEY and WECHATPAY_PRIVATE_KEY_FILE: set only one']);
    expect(problems({ ...wechatEnv(), WECHATPAY_PRIVATE_KEY_FILE: '/nonexistent/key.pem' })).toEqual(['WECHATPAY_PRIVATE_KEY_FILE: cannot read /nonexistent/key.pem (ENOENT)']);
    expect(problems({ ...wechatEnv(), WECHATPAY_PUBLIC_KEY_ID: '' })).toEqual(['WECHATPAY_PUBLIC_KEY_ID: required with WECHATPAY_PUBLIC_KEY']);
    expect(problems({ ...wechatEnv(), WECHATPAY_PUBLIC_KEY: 'garbage!' })[0]).toMatch(/^WECHATPAY_PUBLIC_KEY: not a usable public key/);
    expect(problems({ ...wechatEnv(), WECHATPAY_NOTIFY_URL: 'pm.example.com/notify' })).toEqual(['WECHATPAY_NOTIFY_URL: expected an http(s) URL']);
    expect(problems({ ...wechatEnv(), WECHATPAY_PLATFORM_CERTS: keyFile })[0]).toMatch(/^WECHATPAY_PLATFORM_CERTS: /);
    expect(problems({ ALIPAY_APP_ID: '2021000117600000', WECHAT_OAUTH_SECRET: 's' })).toEqual([
      'ALIPAY_PRIVATE_KEY or ALIPAY_PRIVATE_KEY_FILE: required',
      'ALIPAY_PUBLIC_KEY or ALIPAY_PUBLIC_KEY_FILE: required',
      'ALIPAY_NOTIFY_URL: required',
      'WECHAT_OAUTH_APPID: required',
    ]);
    expect(problems({ ...alipayEnv(), ALIPAY_SELLER_ID: '123' })).toEqual(['ALIPAY_SELLER_ID: must be the 16-digit PID starting 2088']);
  });

  it('builds the configured providers without touching the network', () => {
    const set = createPaymentProviders(loadPaymentsConfig({ ...wechatEnv(), ...alipayEnv(), WECHAT_OAUTH_APPID: APPID, WECHAT_OAUTH_SECRET: 'secret' }));
    expect(set.get('wechatpay')).toBeInstanceOf(WechatPayProvider);
    expect(set.get('alipay')).toBeInstanceOf(AlipayProvider);
    expect(set.get('sandbox')).toBeUndefined();
    expect(set.wechatOAuth?.authorizeUrl({ redirectUri: 'https://pm.example.com/cb', state: 's' })).toContain(`appid=${APPID}`);
    expect(set.jsapiTickets).toBeDefined();
    expect(set.list().map((p) => p.name)).toEqual(['wechatpay', 'alipay']);
    const sandboxOnly = createPaymentProviders({ sandbox: { enabled: true } });
    expect(sandboxOnly.get('sandbox')).toBeInstanceOf(SandboxProvider);
    expect(sandboxOnly.sandbox).toBe(sandboxOnly.get('sandbox'));
    expect(sandboxOnly.wechatOAuth).toBeUndefined();
  });
});
