/**
 * The rules of a correction form 调整/减免/退款, on decimal strings only (@pm/domain; never a JS number): what
 * an amount and a reason may be — the same limits the API checks (≤ 2 decimals, above 0, a reason of 1–200
 * characters without markup) — and the signed amount an adjustment sends.
 */
import { compare, negate, toMoneyString } from '@pm/domain';
import type { AccountCharge } from '../../api/billing';
import type { CorrectionKind } from '../../api/ledger';

/** What the user is doing: adjusting or discounting one charge, or refunding the unit's prepaid money. */
export type CorrectionAction = 'adjust' | 'discount' | 'refund';
/** An adjustment raises (调增) or lowers (调减) what the charge owes. */
export type Direction = 'up' | 'down';

export const REASON_MAX = 200;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
// The API refuses these in any text (markup, statement separators, control characters).
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const UNSAFE_TEXT = /[<>;\u0000-\u001f\u007f]|--/;

export type AmountProblem = 'required' | 'format' | 'zero' | 'tooMuch';
export type ReasonProblem = 'required' | 'tooLong' | 'chars';

/**
 * Why the amount typed cannot be sent, or null. `limit`: the most it may be (what the charge owes for a
 * discount or a downward adjustment, the prepaid balance for a refund); the server checks it again.
 */
export function amountProblem(text: string, limit?: string | null): AmountProblem | null {
  const v = text.trim();
  if (v === '') return 'required';
  if (!AMOUNT.test(v)) return 'format';
  if (compare(v, '0') <= 0) return 'zero';
  if (limit != null && compare(v, limit) > 0) return 'tooMuch';
  return null;
}

export function reasonProblem(text: string): ReasonProblem | null {
  const v = text.trim();
  if (v === '') return 'required';
  if ([...v].length > REASON_MAX) return 'tooLong';
  if (UNSAFE_TEXT.test(v)) return 'chars';
  return null;
}

/** The amount as the API takes it: two decimals, negative for a downward adjustment ("-20.00"). */
export function wireAmount(text: string, direction: Direction = 'up'): string {
  const v = toMoneyString(text.trim());
  return direction === 'down' ? toMoneyString(negate(v)) : v;
}

/** A late-fee charge 违约金 (source `penalty`): a discount on one is a waiver 违约金减免 (booked as `waiver`). */
export function isLateFee(charge: Pick<AccountCharge, 'source'>): boolean {
  return charge.source === 'penalty';
}

/** The most the amount may be for this action (see `amountProblem`); an upward adjustment has no limit. */
export function amountLimit(action: CorrectionAction, direction: Direction, owed: string | undefined, prepaid: string | undefined): string | null {
  if (action === 'refund') return prepaid ?? null;
  if (action === 'discount' || direction === 'down') return owed ?? null;
  return null;
}

/** The kind the server will book, to label the form and the result. */
export function kindOf(action: CorrectionAction, lateFee: boolean): CorrectionKind {
  if (action === 'refund') return 'refund';
  if (action === 'adjust') return 'adjustment';
  return lateFee ? 'waiver' : 'discount';
}

/** Whether |amount| is above the estate's approval threshold (then it waits for a second person). */
export function needsApproval(amount: string, threshold: string | null | undefined): boolean {
  if (!threshold) return false;
  const abs = amount.trim().startsWith('-') ? toMoneyString(negate(amount.trim())) : amount.trim();
  return compare(abs, threshold) > 0;
}
