/**
 * Turns key material as operators paste it into node:crypto key objects: PEM (with real or escaped "\n"
 * line breaks, as .env files often hold them) or the bare base64 that the Alipay console shows.
 */
import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';

function unescapeNewlines(text: string): string {
  return text.trim().replace(/\\n/g, '\n');
}

function bareDer(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

export function parsePrivateKey(text: string | KeyObject): KeyObject {
  if (typeof text !== 'string') return text;
  const value = unescapeNewlines(text);
  if (value.includes('-----BEGIN')) return createPrivateKey(value);
  const der = bareDer(value);
  if (!der) throw new Error('not a PEM or base64 private key');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

export function parsePublicKey(text: string | KeyObject): KeyObject {
  if (typeof text !== 'string') return text;
  const value = unescapeNewlines(text);
  if (value.includes('-----BEGIN')) return createPublicKey(value);
  const der = bareDer(value);
  if (!der) throw new Error('not a PEM or base64 public key');
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

export const privateKeyPem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
export const publicKeyPem = (key: KeyObject) => key.export({ format: 'pem', type: 'spki' }).toString();
