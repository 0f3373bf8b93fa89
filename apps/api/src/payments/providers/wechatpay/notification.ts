/**
 * WeChat Pay notifications (payments and refunds share one envelope): verify the signature over the raw
 * body first, then decrypt the resource with the APIv3 key, then check that it is about our merchant and
 * app, then map it. Every refusal carries its own reason code (../types.ts NotificationRejection).
 */
import { z } from 'zod';
import { safeJson } from '../json';
import type { HeaderSource, NotificationAck, NotificationResult, ProviderName } from '../types';
import { AeadError, decryptResource } from './aead';
import { checkMerchant } from './checks';
import { refundEvent, transactionEvent } from './mapping';
import type { WechatPayVerifier } from './verifier';
import type { WechatNotificationEnvelope, WechatRefund, WechatTransaction } from './wire';

const envelopeSchema = z.object({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    associated_data: z.string().optional(),
    nonce: z.string(),
    original_type: z.string().optional(),
  }),
});

const fen = z.number().int().nonnegative();

export const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z.object({ total: fen, currency: z.string().optional() }).loose(),
});

export const refundSchema = z.object({
  mchid: z.string().optional(),
  out_trade_no: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string().optional(),
  status: z.string().optional(),
  refund_status: z.string().optional(),
  amount: z.object({ total: fen, refund: fen }).loose(),
});

export type OpenedNotification =
  | { ok: true; envelope: WechatNotificationEnvelope; resource: unknown }
  | Extract<NotificationResult, { ok: false }>;

/** Signature, envelope and decryption: everything up to the plaintext resource. */
export function openNotification(headers: HeaderSource, rawBody: string, keys: { verifier: WechatPayVerifier; apiV3Key: Buffer }): OpenedNotification {
  const signature = keys.verifier.verify(headers, rawBody);
  if (!signature.ok) return signature;
  const envelope = envelopeSchema.safeParse(safeJson(rawBody));
  if (!envelope.success) return { ok: false, reason: 'malformed_body', message: 'not a WeChat Pay notification envelope' };
  let plaintext: string;
  try {
    plaintext = decryptResource(envelope.data.resource, keys.apiV3Key);
  } catch (error) {
    if (error instanceof AeadError) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
  const resource = safeJson(plaintext);
  if (resource === undefined) return { ok: false, reason: 'malformed_body', message: 'decrypted resource is not JSON' };
  return { ok: true, envelope: envelope.data, resource };
}

export interface WechatNotificationContext {
  provider: ProviderName;
  verifier: WechatPayVerifier;
  apiV3Key: Buffer;
  mchid: string;
  appid: string;
}

export function parseWechatNotification(headers: HeaderSource, rawBody: string, ctx: WechatNotificationContext): NotificationResult {
  const opened = openNotification(headers, rawBody, ctx);
  if (!opened.ok) return opened;
  const { envelope, resource } = opened;
  if (envelope.event_type.startsWith('TRANSACTION.')) {
    const tx = transactionSchema.safeParse(resource);
    if (!tx.success) return { ok: false, reason: 'malformed_body', message: 'transaction resource lacks required fields' };
    const merchant = checkMerchant(tx.data, { mchid: ctx.mchid, appid: ctx.appid });
    if (!merchant.ok) return merchant;
    return { ok: true, notificationId: envelope.id, event: transactionEvent(ctx.provider, resource as WechatTransaction) };
  }
  if (envelope.event_type.startsWith('REFUND.')) {
    const refund = refundSchema.safeParse(resource);
    if (!refund.success) return { ok: false, reason: 'malformed_body', message: 'refund resource lacks required fields' };
    // Refund resources carry the merchant but no appid.
    if (refund.data.mchid !== ctx.mchid) return { ok: false, reason: 'mchid_mismatch', message: `mchid ${refund.data.mchid} is not ours` };
    return { ok: true, notificationId: envelope.id, event: refundEvent(ctx.provider, resource as WechatRefund) };
  }
  return { ok: false, reason: 'unknown_event', message: `event type ${envelope.event_type} is not handled` };
}

/**
 * The documented answer: success is HTTP 200/204 with no body; failure is a 4xx/5xx with
 * {"code":"FAIL","message":"…"}, after which WeChat Pay notifies again later (up to 15 times over 24h).
 */
export function wechatAck(outcome: { ok: true } | { ok: false; message: string; retryable?: boolean }): NotificationAck {
  if (outcome.ok) return { status: 204, headers: {}, body: null };
  return {
    status: outcome.retryable ? 500 : 400,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'FAIL', message: [...outcome.message].slice(0, 64).join('') || 'FAIL' }),
  };
}
