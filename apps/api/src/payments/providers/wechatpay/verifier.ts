/**
 * Checks signatures made by WeChat Pay on its API responses and on its notifications: the headers
 * Wechatpay-Timestamp / -Nonce / -Signature / -Serial and a signature over `timestamp\nnonce\nbody\n`.
 *
 * WeChat Pay signs with one of two kinds of key, and a merchant may be moving from one to the other, so
 * both can be configured at once:
 * - platform certificates (X.509), picked by the certificate serial number in Wechatpay-Serial;
 * - the WeChat Pay public key, picked by its id (PUB_KEY_ID_…) in Wechatpay-Serial.
 * An unknown serial is refused, never "tried against every key". The timestamp must be within 5 minutes of
 * our clock either way, and `WECHATPAY/SIGNTEST/` probe signatures are refused (WeChat sends them to check
 * that merchants really verify).
 */
import { type KeyObject, X509Certificate, verify } from 'node:crypto';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import { headerValue } from '../headers';
import { parsePublicKey } from '../keys';
import type { HeaderSource, NotificationRejection } from '../types';
import { responseMessage } from './signing';

export const MAX_SKEW_SECONDS = 300;
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

interface TrustedKey {
  key: KeyObject;
  kind: 'certificate' | 'public_key';
  notBefore?: Date;
  notAfter?: Date;
}

export type SignatureCheck =
  | { ok: true; serial: string; timestamp: number }
  | { ok: false; reason: Extract<NotificationRejection, 'missing_headers' | 'signature_probe' | 'unknown_serial' | 'certificate_expired' | 'stale_timestamp' | 'bad_signature'>; message: string };

export interface WechatPayVerifierOptions {
  /** PEM platform certificates (several may be valid during a rotation). */
  certificates?: (string | Buffer)[];
  /** The WeChat Pay public key and its id (PUB_KEY_ID_…). */
  publicKey?: { id: string; key: string | KeyObject };
  clock?: Clock;
  maxSkewSeconds?: number;
}

export class WechatPayVerifier {
  readonly #keys = new Map<string, TrustedKey>();
  readonly #clock: Clock;
  readonly #maxSkew: number;

  constructor(options: WechatPayVerifierOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#maxSkew = options.maxSkewSeconds ?? MAX_SKEW_SECONDS;
    for (const pem of options.certificates ?? []) this.addCertificate(pem);
    if (options.publicKey) this.addPublicKey(options.publicKey.id, options.publicKey.key);
  }

  /** Trusts a platform certificate under its serial number (upper-case hex, as WeChat writes it). */
  addCertificate(pem: string | Buffer): string {
    const cert = new X509Certificate(pem);
    const serial = normalizeSerial(cert.serialNumber);
    this.#keys.set(serial, { key: cert.publicKey, kind: 'certificate', notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) });
    return serial;
  }

  /** Trusts the WeChat Pay public key under its id. */
  addPublicKey(id: string, key: string | KeyObject): void {
    if (!id.trim()) throw new Error('WeChat Pay public key id is empty');
    this.#keys.set(id.trim(), { key: parsePublicKey(key), kind: 'public_key' });
  }

  get serials(): string[] {
    return [...this.#keys.keys()];
  }

  verify(headers: HeaderSource, body: string): SignatureCheck {
    const timestamp = headerValue(headers, 'wechatpay-timestamp');
    const nonce = headerValue(headers, 'wechatpay-nonce');
    const signature = headerValue(headers, 'wechatpay-signature');
    const serial = headerValue(headers, 'wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial) {
      return { ok: false, reason: 'missing_headers', message: 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required' };
    }
    if (signature.startsWith(SIGNTEST_PREFIX)) {
      return { ok: false, reason: 'signature_probe', message: 'WECHATPAY/SIGNTEST/ probe signature refused' };
    }
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp', message: 'Wechatpay-Timestamp is not a unix time' };
    const seconds = Number(timestamp);
    const now = this.#clock.now();
    if (Math.abs(now.getTime() / 1000 - seconds) > this.#maxSkew) {
      return { ok: false, reason: 'stale_timestamp', message: `Wechatpay-Timestamp ${timestamp} is more than ${this.#maxSkew}s from now` };
    }
    const trusted = this.#keys.get(serial.startsWith('PUB_KEY_ID_') ? serial : normalizeSerial(serial));
    if (!trusted) return { ok: false, reason: 'unknown_serial', message: `no platform certificate or public key for serial ${serial}` };
    if ((trusted.notBefore && now < trusted.notBefore) || (trusted.notAfter && now > trusted.notAfter)) {
      return { ok: false, reason: 'certificate_expired', message: `platform certificate ${serial} is not valid now` };
    }
    let valid = false;
    try {
      valid = verify('sha256', Buffer.from(responseMessage(timestamp, nonce, body), 'utf8'), trusted.key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad_signature', message: 'signature does not match the body' };
    return { ok: true, serial, timestamp: seconds };
  }
}

/** Serial numbers compare as upper-case hex without leading zeros or separators. */
export function normalizeSerial(serial: string): string {
  return serial.replace(/[:\s]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}
