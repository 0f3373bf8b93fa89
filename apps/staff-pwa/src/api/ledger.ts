/**
 * Ledger corrections 账务调整 through the API's typed client: adjustments 调整, discounts 减免 (a waiver 违约金减免
 * on a late-fee charge), refunds 退款 of prepaid money, the second-person approvals 审批 above the estate's
 * threshold, late fees 违约金 (preview, post) and the opening-balance 期初欠费 import (template, preview,
 * commit). Shapes are inferred from apps/api/src/routes/billing/corrections.routes.ts.
 *
 * Amounts are decimal strings ("-20.00", "15.00") end to end: never a JS number. Every correction carries a
 * client-made `id`: the server's idempotency key and the ledger entry's id.
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType } from 'hono/client';
import { api, ok, query } from './client';

type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;

// ---- corrections ------------------------------------------------------------------------------------------

/** `amount` is signed: "-20.00" lowers what the charge owes, "15.00" raises it. */
export type AdjustmentInput = Json<ApiClient['charges'][':id']['adjustments']['$post']>;
export const adjustCharge = (chargeId: string, input: AdjustmentInput) => ok(api.charges[':id'].adjustments.$post({ param: { id: chargeId }, json: input }));

/** `amount` > 0; on a late-fee charge the server books it as a waiver 违约金减免. */
export type DiscountInput = Json<ApiClient['charges'][':id']['discounts']['$post']>;
export const discountCharge = (chargeId: string, input: DiscountInput) => ok(api.charges[':id'].discounts.$post({ param: { id: chargeId }, json: input }));

/** Refund 退款 of prepaid money, at most the prepaid balance. */
export type RefundInput = Json<ApiClient['units'][':id']['refunds']['$post']>;
export type RefundMethod = RefundInput['method'];
export const REFUND_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'pos'] as const satisfies readonly RefundMethod[];
export const refundPrepaid = (unitId: string, input: RefundInput) => ok(api.units[':id'].refunds.$post({ param: { id: unitId }, json: input }));

export type LedgerCorrection = Awaited<ReturnType<typeof adjustCharge>>;
export type CorrectionKind = LedgerCorrection['kind'];
export type CorrectionStatus = LedgerCorrection['status'];

/** details of 409 `would_overpay`: what the charge still owes. */
export interface WouldOverpayDetails {
  owed: string;
  amount?: string;
}
/** details of 409 `insufficient_prepaid`: the unit's prepaid balance. */
export interface InsufficientPrepaidDetails {
  prepaid: string;
  amount?: string;
}
/** details of 409 `conflict` when the id was used for another correction. */
export interface IdempotencyConflictDetails {
  code: 'idempotency_conflict';
}
/** details of 409 `invalid_transition`: the correction was already decided. */
export interface InvalidTransitionDetails {
  status: 'approved' | 'rejected';
  to: 'approved' | 'rejected';
}

// ---- approvals --------------------------------------------------------------------------------------------

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const listApprovals = (q: { estateId: string; status?: ApprovalStatus; page?: number; pageSize?: number }) =>
  ok(api['ledger-approvals'].$get({ query: { ...query(q), estateId: q.estateId } }));
export const getCorrection = (id: string) => ok(api['ledger-approvals'][':id'].$get({ param: { id } }));
export const approveCorrection = (id: string) => ok(api['ledger-approvals'][':id'].approve.$post({ param: { id } }));
/** Reject 驳回 (or, by the requester, withdraw 撤回): nothing is posted. */
export const rejectCorrection = (id: string, reason: string) => ok(api['ledger-approvals'][':id'].reject.$post({ param: { id }, json: { reason } }));

// ---- late fees ----------------------------------------------------------------------------------------------

/** What late fees as of `asOf` would be (nothing written); `enabled: false` when the estate has them off. */
export const previewPenalties = (estateId: string, asOf: string) => ok(api.billing.penalties.preview.$post({ json: { estateId, asOf } }));
export type PenaltyPreview = Awaited<ReturnType<typeof previewPenalties>>;
export type PenaltyItem = PenaltyPreview['items'][number];
export type PenaltyPolicy = NonNullable<PenaltyPreview['policy']>;
/** Posts them; one per charge and month, so a repeat posts nothing more. 409 `penalty_disabled` when off. */
export const postPenalties = (estateId: string, asOf: string) => ok(api.billing.penalties.$post({ json: { estateId, asOf } }));
export type PenaltyResult = Awaited<ReturnType<typeof postPenalties>>;

// ---- opening balances ---------------------------------------------------------------------------------------

/** The template is a plain download; the browser sends the session cookie with the link. */
export const OPENING_TEMPLATE_URL = '/api/billing/opening-balances/template';

/**
 * The file goes as the multipart field `file` (the route also takes a raw body, but its typed client asks
 * for the form). The bytes are the ones read once for the preview, so commit sends exactly what was checked
 * even if the file on disk changed meanwhile.
 */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileForm = (bytes: ArrayBuffer, name: string) => ({ file: new File([bytes], name || 'opening.xlsx', { type: XLSX_TYPE }) });

export const previewOpening = (estateId: string, bytes: ArrayBuffer, name = '') =>
  ok(api.billing['opening-balances'].preview.$post({ query: { estateId }, form: fileForm(bytes, name) }));
export type OpeningPreview = Awaited<ReturnType<typeof previewOpening>>;
export type OpeningRow = OpeningPreview['rows'][number];
export type OpeningSummary = OpeningPreview['summary'];

/** Writes every row, or nothing (422 `import_invalid`); the same file again answers the first import. */
export const commitOpening = (estateId: string, bytes: ArrayBuffer, name = '') =>
  ok(api.billing['opening-balances'].commit.$post({ query: { estateId }, form: fileForm(bytes, name) }));
export type OpeningCommit = Awaited<ReturnType<typeof commitOpening>>;

/** details of 422 `import_invalid`: the bad rows (and the file's summary). */
export interface ImportInvalidDetails {
  summary?: OpeningSummary;
  rows?: OpeningRow[];
}
