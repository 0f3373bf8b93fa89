/**
 * Payment configuration from the environment (variable names in README.md). A provider whose variables
 * are all absent is simply not available; one that is half configured stops the start with a message
 * naming what is missing — a half-set-up payment provider is a mistake, not a choice.
 * Keys can be given inline (PEM, "\n" escapes allowed) or as *_FILE paths (for secret mounts).
 */
import type { KeyObject } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parsePrivateKey, parsePublicKey } from './keys';
import { apiV3KeyBytes } from './wechatpay/aead';

export interface WechatPayConfig {
  mchid: string;
  appid: string;
  serialNo: string;
  privateKey: KeyObject;
  apiV3Key: Buffer;
  /** PEM texts of the platform certificates. */
  certificates: string[];
  publicKey?: { id: string; key: KeyObject };
  notifyUrl: string;
  refundNotifyUrl?: string;
  baseUrl?: string;
}

export interface AlipayConfig {
  appId: string;
  privateKey: KeyObject;
  alipayPublicKey: KeyObject;
  sellerId?: string;
  notifyUrl: string;
  returnUrl?: string;
  gateway?: string;
}

export interface WechatOAuthConfig {
  appId: string;
  secret: string;
}

export interface SandboxConfig {
  enabled: boolean;
  dataDir?: string;
  notifyUrl?: string;
}

export interface PaymentsConfig {
  wechatpay?: WechatPayConfig;
  alipay?: AlipayConfig;
  wechatOAuth?: WechatOAuthConfig;
  sandbox: SandboxConfig;
}

export class PaymentsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid payment configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PaymentsConfigError';
  }
}

type Source = Record<string, string | undefined>;

export function loadPaymentsConfig(source: Source = process.env): PaymentsConfig {
  const env = new EnvReader(source);
  const wechatpay = readWechatPay(env);
  const alipay = readAlipay(env);
  const wechatOAuth = readOAuth(env);
  const sandbox = readSandbox(env, Boolean(wechatpay || alipay));
  if (env.problems.length) throw new PaymentsConfigError(env.problems);
  return { ...(wechatpay ? { wechatpay } : {}), ...(alipay ? { alipay } : {}), ...(wechatOAuth ? { wechatOAuth } : {}), sandbox };
}

const WECHATPAY_VARS = [
  'WECHATPAY_MCHID',
  'WECHATPAY_APPID',
  'WECHATPAY_SERIAL',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_PRIVATE_KEY_FILE',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PLATFORM_CERTS',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_PUBLIC_KEY_FILE',
  'WECHATPAY_PUBLIC_KEY_ID',
  'WECHATPAY_NOTIFY_URL',
];

function readWechatPay(env: EnvReader): WechatPayConfig | undefined {
  if (!env.any(WECHATPAY_VARS)) return undefined;
  const mchid = env.required('WECHATPAY_MCHID', /^\d{8,12}$/, 'digits');
  const appid = env.required('WECHATPAY_APPID', /^wx[0-9a-zA-Z]{16}$/, 'wx + 16 characters');
  const serialNo = env.required('WECHATPAY_SERIAL', /^[0-9A-Fa-f]{8,64}$/, 'the merchant certificate serial number (hex)');
  const privateKey = env.key('WECHATPAY_PRIVATE_KEY', 'private', true);
  const apiV3Text = env.required('WECHATPAY_APIV3_KEY');
  let apiV3Key: Buffer | undefined;
  if (apiV3Text !== undefined) {
    try {
      apiV3Key = apiV3KeyBytes(apiV3Text);
    } catch (error) {
      env.problems.push(`WECHATPAY_APIV3_KEY: ${(error as Error).message}`);
    }
  }
  const notifyUrl = env.url('WECHATPAY_NOTIFY_URL', true);
  const certificates = env.certificates('WECHATPAY_PLATFORM_CERTS');
  const publicKey = env.key('WECHATPAY_PUBLIC_KEY', 'public', false);
  const publicKeyId = env.optional('WECHATPAY_PUBLIC_KEY_ID');
  if (publicKey && !publicKeyId) env.problems.push('WECHATPAY_PUBLIC_KEY_ID: required with WECHATPAY_PUBLIC_KEY');
  if (publicKeyId && !publicKey) env.problems.push('WECHATPAY_PUBLIC_KEY: required with WECHATPAY_PUBLIC_KEY_ID');
  if (publicKeyId && !publicKeyId.startsWith('PUB_KEY_ID_')) env.problems.push('WECHATPAY_PUBLIC_KEY_ID: must start with PUB_KEY_ID_');
  if (!certificates.length && !publicKey) {
    env.problems.push('WECHATPAY_PLATFORM_CERTS or WECHATPAY_PUBLIC_KEY(+_ID): at least one is needed to verify WeChat Pay signatures');
  }
  const refundNotifyUrl = env.url('WECHATPAY_REFUND_NOTIFY_URL', false);
  const baseUrl = env.url('WECHATPAY_BASE_URL', false);
  if (!mchid || !appid || !serialNo || !privateKey || !apiV3Key || !notifyUrl) return undefined;
  return {
    mchid,
    appid,
    serialNo: serialNo.toUpperCase(),
    privateKey,
    apiV3Key,
    certificates,
    ...(publicKey && publicKeyId ? { publicKey: { id: publicKeyId, key: publicKey } } : {}),
    notifyUrl,
    ...(refundNotifyUrl ? { refundNotifyUrl } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  };
}

const ALIPAY_VARS = ['ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PRIVATE_KEY_FILE', 'ALIPAY_PUBLIC_KEY', 'ALIPAY_PUBLIC_KEY_FILE', 'ALIPAY_NOTIFY_URL'];

function readAlipay(env: EnvReader): AlipayConfig | undefined {
  if (!env.any(ALIPAY_VARS)) return undefined;
  const appId = env.required('ALIPAY_APP_ID', /^\d{16}$/, '16 digits');
  const privateKey = env.key('ALIPAY_PRIVATE_KEY', 'private', true);
  const alipayPublicKey = env.key('ALIPAY_PUBLIC_KEY', 'public', true);
  const notifyUrl = env.url('ALIPAY_NOTIFY_URL', true);
  const sellerId = env.optional('ALIPAY_SELLER_ID');
  if (sellerId !== undefined && !/^2088\d{12}$/.test(sellerId)) env.problems.push('ALIPAY_SELLER_ID: must be the 16-digit PID starting 2088');
  const returnUrl = env.url('ALIPAY_RETURN_URL', false);
  const gateway = env.url('ALIPAY_GATEWAY', false);
  if (!appId || !privateKey || !alipayPublicKey || !notifyUrl) return undefined;
  return {
    appId,
    privateKey,
    alipayPublicKey,
    notifyUrl,
    ...(sellerId ? { sellerId } : {}),
    ...(returnUrl ? { returnUrl } : {}),
    ...(gateway ? { gateway } : {}),
  };
}

function readOAuth(env: EnvReader): WechatOAuthConfig | undefined {
  if (!env.any(['WECHAT_OAUTH_APPID', 'WECHAT_OAUTH_SECRET'])) return undefined;
  const appId = env.required('WECHAT_OAUTH_APPID', /^wx[0-9a-zA-Z]{16}$/, 'wx + 16 characters');
  const secret = env.required('WECHAT_OAUTH_SECRET');
  return appId && secret ? { appId, secret } : undefined;
}

function readSandbox(env: EnvReader, realProvider: boolean): SandboxConfig {
  const flag = env.optional('PAYMENTS_SANDBOX');
  let enabled = !realProvider;
  if (flag !== undefined) {
    if (!['true', 'false', '1', '0'].includes(flag)) env.problems.push('PAYMENTS_SANDBOX: true or false');
    enabled = flag === 'true' || flag === '1';
  }
  const dataDir = env.optional('PAYMENTS_SANDBOX_DIR') ?? join(env.optional('DATA_DIR') ?? './data', 'payments-sandbox');
  const notifyUrl = env.url('PAYMENTS_SANDBOX_NOTIFY_URL', false);
  return { enabled, dataDir, ...(notifyUrl ? { notifyUrl } : {}) };
}

class EnvReader {
  readonly problems: string[] = [];
  constructor(readonly source: Source) {}

  optional(name: string): string | undefined {
    const value = this.source[name]?.trim();
    return value ? value : undefined;
  }

  any(names: string[]): boolean {
    return names.some((n) => this.optional(n) !== undefined);
  }

  required(name: string, pattern?: RegExp, shape?: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined) {
      this.problems.push(`${name}: required`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      this.problems.push(`${name}: expected ${shape}`);
      return undefined;
    }
    return value;
  }

  url(name: string, required: boolean): string | undefined {
    const value = required ? this.required(name) : this.optional(name);
    if (value === undefined) return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) {
      this.problems.push(`${name}: expected an http(s) URL`);
      return undefined;
    }
    return value;
  }

  /** NAME (inline) or NAME_FILE (a path), not both. */
  text(name: string, required: boolean): string | undefined {
    const inline = this.optional(name);
    const file = this.optional(`${name}_FILE`);
    if (inline && file) {
      this.problems.push(`${name} and ${name}_FILE: set only one`);
      return undefined;
    }
    if (file) {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        this.problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        return undefined;
      }
    }
    if (!inline && required) this.problems.push(`${name} or ${name}_FILE: required`);
    return inline;
  }

  key(name: string, kind: 'private' | 'public', required: boolean): KeyObject | undefined {
    const text = this.text(name, required);
    if (text === undefined) return undefined;
    try {
      const key = kind === 'private' ? parsePrivateKey(text) : parsePublicKey(text);
      if (key.asymmetricKeyType !== 'rsa') throw new Error(`an RSA key is needed, got ${key.asymmetricKeyType}`);
      return key;
    } catch (error) {
      this.problems.push(`${name}: not a usable ${kind} key (${(error as Error).message})`);
      return undefined;
    }
  }

  /** A list of certificate files and/or folders of them (*.pem, *.crt, *.cer), separated by "," or the path delimiter. */
  certificates(name: string): string[] {
    const value = this.optional(name);
    if (!value) return [];
    const pems: string[] = [];
    for (const entry of value.split(new RegExp(`[,${delimiter}]`)).map((s) => s.trim()).filter(Boolean)) {
      try {
        const files = statSync(entry).isDirectory()
          ? readdirSync(entry)
              .filter((f) => /\.(pem|crt|cer)$/i.test(f))
              .sort()
              .map((f) => join(entry, f))
          : [entry];
        for (const file of files) {
          const pem = readFileSync(file, 'utf8');
          new X509Certificate(pem);
          pems.push(pem);
        }
      } catch (error) {
        this.problems.push(`${name}: ${entry}: ${(error as Error).message}`);
      }
    }
    if (!pems.length && !this.problems.some((p) => p.startsWith(name))) this.problems.push(`${name}: no certificate files found in ${value}`);
    return pems;
  }
}
