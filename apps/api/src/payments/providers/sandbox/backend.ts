/**
 * A stand-in for WeChat Pay's servers, for development and the demo. It speaks the real API v3 — it checks
 * our WECHATPAY2-SHA256-RSA2048 Authorization, signs every answer with its "platform" key and encrypts its
 * notifications with the APIv3 key — so the sandbox provider is the real WeChat Pay client and verifier
 * pointed at this object's `fetch`: there is no sandbox-only shortcut in the payment path to get wrong.
 *
 * State (orders and refunds) lives in memory, and in `state.json` in the data folder when one is given, so
 * a restart keeps the demo's payments. One process only: this is not a production component.
 */
import { createHash, randomInt, randomUUID, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Clock } from '../../../lib/context';
import { systemClock } from '../../../lib/context';
import { safeJson } from '../json';
import { parseRfc3339, toCstRfc3339 } from '../time';
import { apiV3KeyBytes, encryptResource } from '../wechatpay/aead';
import type { FetchLike } from '../wechatpay/client';
import { newNonce, parseAuthorization, requestMessage, responseMessage, signMessage, unixSeconds } from '../wechatpay/signing';
import type { RefundStatus, WechatRefund, WechatTransaction } from '../wechatpay/wire';
import { type TradeBillPayment, type TradeBillRefund, renderTradeBill } from './bill';
import type { SandboxKeys } from './keys';

export type SandboxPaymentOutcome = 'SUCCESS' | 'PAYERROR';
export type SandboxRefundOutcome = 'SUCCESS' | 'CLOSED' | 'ABNORMAL';

interface StoredOrder {
  tx: WechatTransaction;
  prepayId: string;
  description: string;
  notifyUrl: string;
}

interface StoredRefund {
  refund: WechatRefund;
  notifyUrl: string | null;
}

interface SandboxState {
  orders: Record<string, StoredOrder>;
  refunds: Record<string, StoredRefund>;
}

/** What a notification is: the HTTP headers and raw body WeChat Pay would POST to notify_url. */
export interface SandboxNotification {
  headers: Record<string, string>;
  body: string;
  /** Where WeChat Pay would deliver it (the notify_url given at prepay / refund), when known. */
  notifyUrl: string | null;
}

export interface SandboxBackendOptions {
  clock?: Clock;
  /** Folder for state.json; without one the state lasts as long as the process. */
  dataDir?: string;
  /** The local cashier page an H5 prepay sends the payer to (returned as h5_url). */
  cashierUrl: (p: { outTradeNo: string; prepayId: string }) => string;
  /** What a refund request answers: SUCCESS at once (the demo default) or PROCESSING until a refund notification. */
  refundOutcome?: 'SUCCESS' | 'PROCESSING';
  /**
   * When a day's bill can be fetched: at once (the demo default, so finance can reconcile today in the demo), or
   * as WeChat Pay makes it — from 10:00 Beijing the next day, STATEMENT_CREATING before.
   */
  billsFrom?: 'at_once' | 'next_morning';
}

/** WeChat Pay makes the bill of day D from 10:00 (Beijing) on D+1. */
const BILL_READY_AFTER_MS = (24 + 10) * 3_600_000;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const prepaySchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  description: z.string().min(1),
  out_trade_no: z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/),
  time_expire: z.string().optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.string().url(),
  amount: z.object({ total: z.number().int().positive(), currency: z.literal('CNY').optional() }),
  payer: z.object({ openid: z.string().min(1) }).optional(),
  scene_info: z.object({ payer_client_ip: z.string().min(1) }).loose().optional(),
});

const refundSchema = z.object({
  out_trade_no: z.string().optional(),
  transaction_id: z.string().optional(),
  out_refund_no: z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/),
  reason: z.string().optional(),
  notify_url: z.string().url().optional(),
  amount: z.object({ refund: z.number().int().positive(), total: z.number().int().positive(), currency: z.literal('CNY') }),
});

/** Where bill files are fetched from; WeChat Pay's own download_url has this path too. */
const BILL_DOWNLOAD_PATH = '/v3/billdownload/file';
/** WeChat Pay's download_url is good for 30 seconds. */
const BILL_LINK_MS = 30_000;

export class SandboxWechatPayBackend {
  readonly keys: SandboxKeys;
  readonly #clock: Clock;
  readonly #apiV3Key: Buffer;
  readonly #o: SandboxBackendOptions;
  readonly #state: SandboxState;
  /** Bill files handed out by GET /v3/bill/tradebill, by download token (memory only: links are short-lived). */
  readonly #billFiles = new Map<string, { bytes: Buffer; expiresAt: number }>();

  constructor(keys: SandboxKeys, options: SandboxBackendOptions) {
    this.keys = keys;
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#apiV3Key = apiV3KeyBytes(keys.apiV3Key);
    this.#state = this.#load();
  }

  /** The sandbox's view of a payment (what a query would answer), for the cashier page and tests. */
  transaction(outTradeNo: string): WechatTransaction | undefined {
    return this.#state.orders[outTradeNo]?.tx;
  }

  /** The order's description, for the cashier page to show what is being paid. */
  description(outTradeNo: string): string | undefined {
    return this.#state.orders[outTradeNo]?.description;
  }

  refund(outRefundNo: string): WechatRefund | undefined {
    return this.#state.refunds[outRefundNo]?.refund;
  }

  /** Every payment and refund the sandbox holds: its "bill", which reconciliation compares with the ledger. */
  records(): { transactions: WechatTransaction[]; refunds: WechatRefund[] } {
    return { transactions: Object.values(this.#state.orders).map((o) => o.tx), refunds: Object.values(this.#state.refunds).map((r) => r.refund) };
  }

  /** Answers a WeChat Pay API v3 request, exactly as the real servers would shape it. */
  readonly fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? init.body : '';
    const authError = this.#checkAuthorization(method, parsed.pathname + parsed.search, body, new Headers(init.headers).get('authorization'));
    if (authError) return this.#answer(401, { code: 'SIGN_ERROR', message: authError });
    try {
      // A bill file is raw bytes and, as from WeChat Pay, carries no signature headers.
      if (method === 'GET' && parsed.pathname === BILL_DOWNLOAD_PATH) return this.#billFile(parsed);
      const [status, data] = this.#route(method, parsed, body);
      return this.#answer(status, data);
    } catch (error) {
      if (error instanceof ApiError) return this.#answer(error.status, { code: error.code, message: error.message });
      throw error;
    }
  };

  /**
   * The payer finished (or failed) at the cashier: updates the order and returns the notification WeChat Pay
   * would send, signed and encrypted for real. A known order keeps its amount; an unknown one needs `amountFen`.
   */
  createNotification(input: {
    order: { outTradeNo: string; amountFen?: number; openid?: string };
    outcome: SandboxPaymentOutcome;
    at?: Date;
  }): SandboxNotification {
    const now = input.at ?? this.#clock.now();
    const stored = this.#state.orders[input.order.outTradeNo] ?? this.#adopt(input.order);
    const tx = stored.tx;
    if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') {
      if (input.outcome !== 'SUCCESS') throw new Error(`order ${tx.out_trade_no} is already paid`);
    } else if (tx.trade_state === 'CLOSED') {
      throw new Error(`order ${tx.out_trade_no} is closed`);
    } else if (input.outcome === 'SUCCESS') {
      tx.trade_state = 'SUCCESS';
      tx.trade_state_desc = '支付成功';
      tx.transaction_id = `4200${Array.from({ length: 24 }, () => randomInt(0, 10)).join('')}`;
      tx.success_time = toCstRfc3339(now);
      tx.bank_type = 'OTHERS';
      if (input.order.openid) tx.payer = { openid: input.order.openid };
      tx.amount = { total: tx.amount!.total, payer_total: tx.amount!.total, currency: 'CNY', payer_currency: 'CNY' };
    } else {
      tx.trade_state = 'PAYERROR';
      tx.trade_state_desc = '支付失败，请重新下单支付';
    }
    this.#save();
    const success = tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND';
    // WeChat Pay itself only notifies successes; the sandbox also reports a failure so the demo can show one.
    const payload = success ? { ...tx, trade_state: 'SUCCESS', trade_state_desc: '支付成功' } : tx;
    return this.#notification(
      success ? 'TRANSACTION.SUCCESS' : 'TRANSACTION.PAYERROR',
      success ? '支付成功' : '支付失败',
      'transaction',
      payload,
      stored.notifyUrl || null,
      now,
    );
  }

  /** Settles a refund that answered PROCESSING and returns the REFUND.* notification for it. */
  createRefundNotification(input: { outRefundNo: string; outcome: SandboxRefundOutcome; at?: Date }): SandboxNotification {
    const now = input.at ?? this.#clock.now();
    const stored = this.#state.refunds[input.outRefundNo];
    if (!stored) throw new Error(`no sandbox refund ${input.outRefundNo}`);
    const refund = stored.refund;
    if (refund.status === 'PROCESSING') {
      refund.status = input.outcome;
      if (input.outcome === 'SUCCESS') refund.success_time = toCstRfc3339(now);
      this.#save();
    }
    const { status, create_time: _created, ...rest } = refund;
    return this.#notification(
      `REFUND.${status}`,
      status === 'SUCCESS' ? '退款成功' : '退款异常',
      'refund',
      { ...rest, mchid: this.keys.mchid, refund_status: status },
      stored.notifyUrl,
      now,
    );
  }

  #notification(eventType: string, summary: string, originalType: string, resource: object, notifyUrl: string | null, now: Date): SandboxNotification {
    const envelope = {
      id: randomUUID(),
      create_time: toCstRfc3339(now),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: encryptResource(JSON.stringify(resource), this.#apiV3Key, originalType, originalType),
    };
    const body = JSON.stringify(envelope);
    return { headers: { 'Content-Type': 'application/json', ...this.#signatureHeaders(body, now) }, body, notifyUrl };
  }

  #signatureHeaders(body: string, now: Date): Record<string, string> {
    const timestamp = unixSeconds(now);
    const nonce = newNonce();
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signMessage(responseMessage(timestamp, nonce, body), this.keys.platformPrivateKey),
      'Wechatpay-Serial': this.keys.publicKeyId,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  #answer(status: number, data?: object): Response {
    const text = status === 204 || data === undefined ? '' : JSON.stringify(data);
    const headers: Record<string, string> = { 'Request-ID': randomUUID(), ...this.#signatureHeaders(text, this.#clock.now()) };
    if (text) headers['Content-Type'] = 'application/json';
    return new Response(text || null, { status, headers });
  }

  /** The same checks WeChat Pay makes on a merchant request; a string says what is wrong. */
  #checkAuthorization(method: string, pathAndQuery: string, body: string, header: string | null): string | undefined {
    const auth = header ? parseAuthorization(header) : undefined;
    if (!auth?.signature || !auth.timestamp || !auth.nonce_str) return 'Authorization header missing or malformed';
    if (auth.mchid !== this.keys.mchid) return `unknown mchid ${auth.mchid}`;
    if (auth.serial_no !== this.keys.merchantSerial) return `unknown merchant certificate serial ${auth.serial_no}`;
    if (Math.abs(this.#clock.now().getTime() / 1000 - Number(auth.timestamp)) > 300) return 'timestamp expired';
    const message = requestMessage(method, pathAndQuery, auth.timestamp, auth.nonce_str, body);
    const ok = verify('sha256', Buffer.from(message, 'utf8'), this.keys.merchantPublicKey, Buffer.from(auth.signature, 'base64'));
    return ok ? undefined : 'signature does not match';
  }

  #route(method: string, url: URL, body: string): [number, object | undefined] {
    const path = url.pathname;
    if (method === 'POST' && (path === '/v3/pay/transactions/jsapi' || path === '/v3/pay/transactions/h5')) {
      return this.#prepay(path.endsWith('/jsapi') ? 'JSAPI' : 'MWEB', body);
    }
    let match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      if (url.searchParams.get('mchid') !== this.keys.mchid) throw new ApiError(400, 'PARAM_ERROR', 'mchid 与请求方不符');
      return [200, this.#order(decodeURIComponent(match[1]!)).tx];
    }
    match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path);
    if (method === 'POST' && match) {
      const tx = this.#order(decodeURIComponent(match[1]!)).tx;
      if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') throw new ApiError(400, 'ORDERPAID', '订单已支付');
      tx.trade_state = 'CLOSED';
      tx.trade_state_desc = '订单已关闭';
      this.#save();
      return [204, undefined];
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return this.#createRefund(body);
    match = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      const stored = this.#state.refunds[decodeURIComponent(match[1]!)];
      if (!stored) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return [200, stored.refund];
    }
    if (method === 'GET' && path === '/v3/bill/tradebill') return this.#tradeBill(url);
    throw new ApiError(404, 'NOT_FOUND', `no sandbox route ${method} ${path}`);
  }

  /** Renders the day's records as a trade bill file and answers where to fetch it and its SHA1. */
  #tradeBill(url: URL): [number, object] {
    const day = url.searchParams.get('bill_date') ?? '';
    const start = new Date(`${day}T00:00:00+08:00`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(start.getTime())) throw new ApiError(400, 'PARAM_ERROR', 'bill_date 格式应为 YYYY-MM-DD');
    if ((url.searchParams.get('bill_type') ?? 'ALL') !== 'ALL') throw new ApiError(400, 'PARAM_ERROR', '沙箱只提供 ALL 类型账单');
    const tarType = url.searchParams.get('tar_type');
    if (tarType !== null && tarType !== 'GZIP') throw new ApiError(400, 'PARAM_ERROR', 'tar_type 只能是 GZIP');
    if (this.#o.billsFrom === 'next_morning' && this.#clock.now().getTime() < start.getTime() + BILL_READY_AFTER_MS) {
      throw new ApiError(400, 'STATEMENT_CREATING', '账单生成中，请于次日10点后再下载');
    }
    const records = this.#billRecords(start, new Date(start.getTime() + 86_400_000));
    if (records.payments.length === 0 && records.refunds.length === 0) throw new ApiError(400, 'NO_STATEMENT_EXIST', '账单文件不存在');

    const now = this.#clock.now().getTime();
    for (const [token, file] of this.#billFiles) if (file.expiresAt <= now) this.#billFiles.delete(token);
    const csv = Buffer.from(renderTradeBill(records, { appid: this.keys.appid, mchid: this.keys.mchid }), 'utf8');
    const token = randomUUID().replaceAll('-', '');
    this.#billFiles.set(token, { bytes: tarType === 'GZIP' ? gzipSync(csv) : csv, expiresAt: now + BILL_LINK_MS });
    return [200, { hash_type: 'SHA1', hash_value: createHash('sha1').update(csv).digest('hex'), download_url: `${url.origin}${BILL_DOWNLOAD_PATH}?token=${token}` }];
  }

  #billFile(url: URL): Response {
    const file = this.#billFiles.get(url.searchParams.get('token') ?? '');
    if (!file || file.expiresAt <= this.#clock.now().getTime()) throw new ApiError(400, 'PARAM_ERROR', '下载链接无效或已过期');
    return new Response(new Uint8Array(file.bytes), { status: 200, headers: { 'Request-ID': randomUUID(), 'Content-Type': 'application/octet-stream' } });
  }

  /** Payments that succeeded and refunds that completed in [start, end), each in time order. */
  #billRecords(start: Date, end: Date): { payments: TradeBillPayment[]; refunds: TradeBillRefund[] } {
    const inDay = (d: Date | null): d is Date => d !== null && d >= start && d < end;
    const payments = Object.values(this.#state.orders).flatMap(({ tx, description }): TradeBillPayment[] => {
      const paidAt = parseRfc3339(tx.success_time);
      if ((tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') || !inDay(paidAt)) return [];
      const extra = { openid: tx.payer?.openid, tradeType: tx.trade_type, bankType: tx.bank_type, description, attach: tx.attach };
      return [{ outTradeNo: tx.out_trade_no, transactionId: tx.transaction_id ?? null, amountFen: tx.amount?.total ?? 0, paidAt, ...extra }];
    });
    const refunds = Object.values(this.#state.refunds).flatMap(({ refund }): TradeBillRefund[] => {
      const succeededAt = parseRfc3339(refund.success_time);
      if (refund.status !== 'SUCCESS' || !inDay(succeededAt)) return [];
      const order = this.#state.orders[refund.out_trade_no];
      const extra = { transactionId: refund.transaction_id ?? null, orderFen: refund.amount.total, openid: order?.tx.payer?.openid, tradeType: order?.tx.trade_type, description: order?.description };
      return [{ outTradeNo: refund.out_trade_no, outRefundNo: refund.out_refund_no, refundId: refund.refund_id ?? null, refundFen: refund.amount.refund, succeededAt, ...extra }];
    });
    payments.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());
    refunds.sort((a, b) => a.succeededAt.getTime() - b.succeededAt.getTime());
    return { payments, refunds };
  }

  #prepay(tradeType: 'JSAPI' | 'MWEB', body: string): [number, object] {
    const parsed = prepaySchema.safeParse(safeJson(body));
    if (!parsed.success) throw new ApiError(400, 'PARAM_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const req = parsed.data;
    if (req.mchid !== this.keys.mchid || req.appid !== this.keys.appid) throw new ApiError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (tradeType === 'JSAPI' && !req.payer) throw new ApiError(400, 'PARAM_ERROR', '缺少参数 payer.openid');
    if (tradeType === 'MWEB' && !req.scene_info) throw new ApiError(400, 'PARAM_ERROR', '缺少参数 scene_info');
    const existing = this.#state.orders[req.out_trade_no];
    let stored: StoredOrder;
    if (existing) {
      if (existing.tx.trade_state === 'SUCCESS' || existing.tx.trade_state === 'REFUND') throw new ApiError(400, 'ORDERPAID', '该订单已支付');
      if (existing.tx.trade_state === 'CLOSED') throw new ApiError(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.tx.amount?.total !== req.amount.total) throw new ApiError(400, 'INVALID_REQUEST', '201 商户订单号重复');
      stored = existing;
    } else {
      stored = {
        prepayId: `wx${Date.now().toString(36)}${randomUUID().replaceAll('-', '').slice(0, 16)}`,
        description: req.description,
        notifyUrl: req.notify_url,
        tx: {
          appid: req.appid,
          mchid: req.mchid,
          out_trade_no: req.out_trade_no,
          trade_type: tradeType,
          trade_state: 'NOTPAY',
          trade_state_desc: '订单未支付',
          ...(req.attach ? { attach: req.attach } : {}),
          ...(req.payer ? { payer: req.payer } : {}),
          amount: { total: req.amount.total, currency: 'CNY' },
        },
      };
      this.#state.orders[req.out_trade_no] = stored;
      this.#save();
    }
    if (tradeType === 'JSAPI') return [200, { prepay_id: stored.prepayId }];
    return [200, { h5_url: this.#o.cashierUrl({ outTradeNo: req.out_trade_no, prepayId: stored.prepayId }) }];
  }

  #createRefund(body: string): [number, object] {
    const parsed = refundSchema.safeParse(safeJson(body));
    if (!parsed.success) throw new ApiError(400, 'PARAM_ERROR', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const req = parsed.data;
    const again = this.#state.refunds[req.out_refund_no];
    if (again) return [200, again.refund];
    const order = req.out_trade_no ? this.#order(req.out_trade_no) : Object.values(this.#state.orders).find((o) => o.tx.transaction_id === req.transaction_id);
    if (!order) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const tx = order.tx;
    if (tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') throw new ApiError(403, 'NOT_ENOUGH', '订单未支付，不能退款');
    if (req.amount.total !== tx.amount?.total) throw new ApiError(400, 'PARAM_ERROR', '订单金额或退款金额与之前请求不一致');
    const refunded = Object.values(this.#state.refunds)
      .filter((r) => r.refund.out_trade_no === tx.out_trade_no && r.refund.status !== 'CLOSED')
      .reduce((sum, r) => sum + r.refund.amount.refund, 0);
    if (refunded + req.amount.refund > req.amount.total) throw new ApiError(403, 'NOT_ENOUGH', '可退金额不足');
    const now = this.#clock.now();
    const status: RefundStatus = this.#o.refundOutcome ?? 'SUCCESS';
    const refund: WechatRefund = {
      refund_id: `5030${Array.from({ length: 25 }, () => randomInt(0, 10)).join('')}`,
      out_refund_no: req.out_refund_no,
      transaction_id: tx.transaction_id!,
      out_trade_no: tx.out_trade_no,
      user_received_account: '支付用户零钱',
      create_time: toCstRfc3339(now),
      status,
      ...(status === 'SUCCESS' ? { success_time: toCstRfc3339(now) } : {}),
      amount: { total: tx.amount.total, refund: req.amount.refund, payer_total: tx.amount.total, payer_refund: req.amount.refund, currency: 'CNY' },
    };
    this.#state.refunds[req.out_refund_no] = { refund, notifyUrl: req.notify_url ?? null };
    tx.trade_state = 'REFUND';
    tx.trade_state_desc = '订单发生过退款';
    this.#save();
    return [200, refund];
  }

  #order(outTradeNo: string): StoredOrder {
    const stored = this.#state.orders[outTradeNo];
    if (!stored) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return stored;
  }

  /** An order the sandbox never saw a prepay for (e.g. created before a restart without a data folder). */
  #adopt(order: { outTradeNo: string; amountFen?: number; openid?: string }): StoredOrder {
    if (order.amountFen === undefined) throw new Error(`sandbox has no order ${order.outTradeNo}; pass amountFen`);
    const stored: StoredOrder = {
      prepayId: `wx${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      description: '',
      notifyUrl: '',
      tx: {
        appid: this.keys.appid,
        mchid: this.keys.mchid,
        out_trade_no: order.outTradeNo,
        trade_type: 'JSAPI',
        trade_state: 'NOTPAY',
        ...(order.openid ? { payer: { openid: order.openid } } : {}),
        amount: { total: order.amountFen, currency: 'CNY' },
      },
    };
    this.#state.orders[order.outTradeNo] = stored;
    return stored;
  }

  #file(): string | undefined {
    return this.#o.dataDir ? join(this.#o.dataDir, 'state.json') : undefined;
  }

  #load(): SandboxState {
    const file = this.#file();
    if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
    return { orders: {}, refunds: {} };
  }

  #save(): void {
    const file = this.#file();
    if (!file) return;
    mkdirSync(this.#o.dataDir!, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.#state));
    renameSync(`${file}.tmp`, file);
  }
}
