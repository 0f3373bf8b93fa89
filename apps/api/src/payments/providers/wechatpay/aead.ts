/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notification resources (and certificate downloads): the key is
 * the 32-character APIv3 key as bytes, the nonce and associated_data are UTF-8 strings, and the ciphertext
 * is base64 of encrypted bytes followed by the 16-byte authentication tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';
const TAG_BYTES = 16;

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

export class AeadError extends Error {
  constructor(readonly reason: 'unsupported_algorithm' | 'decrypt_failed', message: string) {
    super(message);
    this.name = 'AeadError';
  }
}

/** The APIv3 key as the 32 bytes AES-256 needs; refuses any other length at configuration time. */
export function apiV3KeyBytes(key: string | Buffer): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length !== 32) throw new Error(`the APIv3 key must be 32 bytes, got ${bytes.length}`);
  return bytes;
}

export function decryptResource(resource: EncryptedResource, apiV3Key: Buffer): string {
  if (resource.algorithm !== AEAD_ALGORITHM) throw new AeadError('unsupported_algorithm', `unsupported algorithm ${resource.algorithm}`);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < TAG_BYTES || typeof resource.nonce !== 'string') throw new AeadError('decrypt_failed', 'ciphertext too short or nonce missing');
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new AeadError('decrypt_failed', 'resource failed AES-256-GCM authentication');
  }
}

/** What WeChat Pay does on its side; the sandbox uses it to produce real-shaped notifications. */
export function encryptResource(plaintext: string, apiV3Key: Buffer, associatedData: string, originalType: string, nonce = randomBytes(6).toString('hex')): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', apiV3Key, Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: AEAD_ALGORITHM, ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce, original_type: originalType };
}
