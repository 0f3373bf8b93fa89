/** WeChat Pay API v3 payloads as they travel (snake_case), only the fields this layer reads or sends. */

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR' | (string & {});
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' | (string & {});

/** A transaction: the query answer and the decrypted TRANSACTION.* notification resource. */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc?: string;
  bank_type?: string;
  success_time?: string;
  attach?: string;
  payer?: { openid?: string };
  amount?: { total: number; payer_total?: number; currency?: string; payer_currency?: string };
}

/** A refund: the refund/refund-query answer and the decrypted REFUND.* notification resource. */
export interface WechatRefund {
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  out_refund_no: string;
  refund_id?: string;
  /** Refund answers say `status`, refund notifications say `refund_status`. */
  status?: RefundStatus;
  refund_status?: RefundStatus;
  success_time?: string;
  create_time?: string;
  user_received_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

export interface JsapiPrepayBody {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire?: string;
  attach?: string;
  notify_url: string;
  amount: { total: number; currency: 'CNY' };
  payer: { openid: string };
}

export interface H5PrepayBody extends Omit<JsapiPrepayBody, 'payer'> {
  scene_info: { payer_client_ip: string; h5_info: { type: 'Wap' } };
}

export interface RefundBody {
  out_trade_no: string;
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
  amount: { refund: number; total: number; currency: 'CNY' };
}

/** The notification envelope (the resource inside is encrypted). */
export interface WechatNotificationEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary?: string;
  resource: { algorithm: string; ciphertext: string; associated_data?: string; nonce: string; original_type?: string };
}
