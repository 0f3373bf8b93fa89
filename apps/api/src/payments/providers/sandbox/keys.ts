/**
 * The sandbox's own key material: a merchant key pair (what WECHATPAY_PRIVATE_KEY is in production), a
 * "WeChat Pay" platform key pair published under a PUB_KEY_ID_… id, and an APIv3 key. Made at first start;
 * with a data folder they are kept in keys.json (mode 0600) so a restart can still verify notifications
 * and answers made before it.
 */
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateKeyPem } from '../keys';

export interface SandboxKeys {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  merchantPublicKey: KeyObject;
  publicKeyId: string;
  platformPrivateKey: KeyObject;
  platformPublicKey: KeyObject;
  /** 32 ASCII characters, like the real APIv3 key. */
  apiV3Key: string;
}

interface StoredKeys {
  version: 1;
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKey: string;
  publicKeyId: string;
  platformPrivateKey: string;
  apiV3Key: string;
}

export function generateSandboxKeys(): SandboxKeys {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');
  return {
    mchid: `19${digits(8)}`,
    appid: `wx${randomBytes(8).toString('hex')}`,
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    publicKeyId: `PUB_KEY_ID_${digits(28)}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
  };
}

/** Loads `dir/keys.json`, or makes keys and writes it there; without a folder the keys live as long as the process. */
export function loadOrCreateSandboxKeys(dir?: string): SandboxKeys {
  if (!dir) return generateSandboxKeys();
  const file = join(dir, 'keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
    const merchantPrivateKey = createPrivateKey(stored.merchantPrivateKey);
    const platformPrivateKey = createPrivateKey(stored.platformPrivateKey);
    return {
      mchid: stored.mchid,
      appid: stored.appid,
      merchantSerial: stored.merchantSerial,
      merchantPrivateKey,
      merchantPublicKey: createPublicKey(merchantPrivateKey),
      publicKeyId: stored.publicKeyId,
      platformPrivateKey,
      platformPublicKey: createPublicKey(platformPrivateKey),
      apiV3Key: stored.apiV3Key,
    };
  }
  const keys = generateSandboxKeys();
  const stored: StoredKeys = {
    version: 1,
    mchid: keys.mchid,
    appid: keys.appid,
    merchantSerial: keys.merchantSerial,
    merchantPrivateKey: privateKeyPem(keys.merchantPrivateKey),
    publicKeyId: keys.publicKeyId,
    platformPrivateKey: privateKeyPem(keys.platformPrivateKey),
    apiV3Key: keys.apiV3Key,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return keys;
}
