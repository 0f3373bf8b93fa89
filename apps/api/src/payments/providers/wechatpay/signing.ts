/**
 * WeChat Pay API v3 signatures (WECHATPAY2-SHA256-RSA2048), done with node:crypto: SHA256withRSA
 * (PKCS#1 v1.5) over newline-terminated messages. Three messages are signed with the merchant private key
 * or checked against WeChat Pay's key:
 * - an outbound request:     METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n   (signed by us)
 * - a JSAPI page payment:    APPID\nTIMESTAMP\nNONCE\nprepay_id=…\n        (signed by us: paySign)
 * - a response/notification: TIMESTAMP\nNONCE\nBODY\n                      (signed by WeChat Pay, verifier.ts)
 */
import { type KeyObject, randomBytes, sign } from 'node:crypto';
import type { JsapiPayParams } from '../types';

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

/** 32 upper-case hex characters, the shape of WeChat's own examples. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export const unixSeconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

export function requestMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function jsapiMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

/** Base64 SHA256withRSA signature of a UTF-8 message. */
export function signMessage(message: string, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export interface RequestSignInput {
  mchid: string;
  /** Serial number of the merchant API certificate whose private key signs. */
  serialNo: string;
  privateKey: KeyObject;
  method: string;
  /** What the server sees: the URL path plus "?query" when there is one. */
  pathAndQuery: string;
  /** The exact body bytes sent ('' for GET). */
  body: string;
  timestamp: string;
  nonce: string;
}

/** The Authorization header value for one request. */
export function authorizationHeader(input: RequestSignInput): string {
  const signature = signMessage(requestMessage(input.method, input.pathAndQuery, input.timestamp, input.nonce, input.body), input.privateKey);
  return (
    `${AUTH_SCHEMA} mchid="${input.mchid}",nonce_str="${input.nonce}",signature="${signature}",` +
    `timestamp="${input.timestamp}",serial_no="${input.serialNo}"`
  );
}

/** The parameters for the page's getBrandWCPayRequest, with paySign over appId, timeStamp, nonceStr, package. */
export function jsapiPayParams(input: { appId: string; prepayId: string; privateKey: KeyObject; timestamp: string; nonce: string }): JsapiPayParams {
  const pkg = `prepay_id=${input.prepayId}`;
  return {
    appId: input.appId,
    timeStamp: input.timestamp,
    nonceStr: input.nonce,
    package: pkg,
    signType: 'RSA',
    paySign: signMessage(jsapiMessage(input.appId, input.timestamp, input.nonce, pkg), input.privateKey),
  };
}

/** Parses an Authorization header back into its fields (the sandbox backend and tests check requests with it). */
export function parseAuthorization(header: string): Record<string, string> | undefined {
  if (!header.startsWith(`${AUTH_SCHEMA} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[match[1]!] = match[2]!;
  return fields;
}
