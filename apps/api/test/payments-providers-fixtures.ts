/**
 * Helpers for the payment-provider tests (no database). Everything a real provider would do on its side —
 * signing a notification, encrypting its resource, answering as a server — is written here again by hand
 * with node:crypto, independently of the code under test, so a test cannot pass by agreeing with itself.
 */
import { execFileSync } from 'node:child_process';
import { type KeyObject, createCipheriv, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RsaPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  privatePem: string;
  publicPem: string;
}

export function rsaPair(): RsaPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A clock the test moves by hand. */
export function fixedClock(iso: string) {
  let now = new Date(iso);
  return {
    now: () => now,
    set: (next: string | Date) => {
      now = new Date(next);
    },
    seconds: () => Math.floor(now.getTime() / 1000),
  };
}

/** A self-signed X.509 certificate made by the openssl command line, with a chosen serial number. */
export function selfSignedCertificate(serialHex: string, days = 30): { certPem: string; keyPem: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-cert-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', String(days), '-subj', '/CN=Wechatpay Test Platform', '-set_serial', `0x${serialHex}`],
    { stdio: 'ignore' },
  );
  return { certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), dir };
}

export const rsaSha256 = (message: string, key: KeyObject | string) => createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');

/** AES-256-GCM as WeChat Pay encrypts a resource: base64(ciphertext ‖ 16-byte tag). */
export function gcmEncrypt(plaintext: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

export interface WechatNotificationInput {
  resource: object;
  eventType?: string;
  originalType?: string;
  apiV3Key: string;
  signingKey: KeyObject | string;
  serial: string;
  timestamp: number;
  nonce?: string;
  /** Change the encrypted resource after encryption (the envelope is still correctly signed). */
  mutateResource?: (r: { algorithm: string; ciphertext: string; associated_data: string; nonce: string; original_type: string }) => void;
  signature?: string;
}

/** A WeChat Pay notification built by hand: encrypted resource, envelope, signature headers. */
export function wechatNotification(input: WechatNotificationInput): { headers: Record<string, string>; body: string } {
  const gcmNonce = randomBytes(6).toString('hex');
  const resource = {
    original_type: input.originalType ?? 'transaction',
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: gcmEncrypt(JSON.stringify(input.resource), input.apiV3Key, gcmNonce, 'transaction'),
    associated_data: 'transaction',
    nonce: gcmNonce,
  };
  input.mutateResource?.(resource);
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2015-05-20T13:29:35+08:00',
    resource_type: 'encrypt-resource',
    event_type: input.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource,
  });
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  const timestamp = String(input.timestamp);
  return {
    headers: {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': input.signature ?? rsaSha256(`${timestamp}\n${nonce}\n${body}\n`, input.signingKey),
      'Wechatpay-Serial': input.serial,
      'Content-Type': 'application/json',
    },
    body,
  };
}

export const MCHID = '1900009191';
export const APPID = 'wxd678efh567hg6787';
export const APIV3_KEY = 'a7cde1ef2d3a4b5c6d7e8f9a0b1c2d3e';
export const PUB_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';

/** A decrypted TRANSACTION.SUCCESS resource with overrides. */
export function paidTransaction(overrides: Record<string, unknown> = {}) {
  return {
    appid: APPID,
    mchid: MCHID,
    out_trade_no: 'PO20240501000001',
    transaction_id: '4200000985202405012345678901',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'CMC',
    attach: '',
    success_time: '2024-05-01T10:00:05+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 21002, payer_total: 21002, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A node:http server on 127.0.0.1 with a random port, answering through `handler`. */
export async function startServer(handler: (req: RecordedRequest) => Reply | Promise<Reply>) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      try {
        const reply = await handler(recorded);
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      } catch (error) {
        res.writeHead(599);
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
