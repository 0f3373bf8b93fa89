import { DomainError } from '../money/errors';

/** Why a work-order rule refused its input (master data or a caller's bug — never a person's action). */
export type WorkOrderErrorReason =
  | 'INVALID_TIMESTAMP'
  | 'INVALID_SLA'
  | 'INVALID_CATEGORY'
  | 'INVALID_POLICY'
  | 'INVALID_ORDER'
  | 'INVALID_RANGE'
  | 'INVALID_PRICE_LINE';

/**
 * A work-order rule was called with data it cannot work with: a stored order whose state does not belong
 * to its kind, a deadline without a UTC offset, an SLA of 0 minutes, a KPI range ending before it starts…
 * Code `WORK_ORDER_INVALID`, `details.reason` says which rule failed.
 *
 * What a person does (a command on an order) is NOT checked by throwing: `decideTransition` and
 * `openWorkOrder` return a refusal `{ ok: false, code, … }` the phone can show.
 */
export class WorkOrderError extends DomainError {
  override name = 'WorkOrderError';
  readonly reason: WorkOrderErrorReason;

  constructor(reason: WorkOrderErrorReason, message: string, details?: Readonly<Record<string, unknown>>) {
    super('WORK_ORDER_INVALID', message, { reason, ...details });
    this.reason = reason;
  }
}

/** Keep error details small even when someone posts a megabyte of text. */
export function preview(input: unknown): unknown {
  if (typeof input === 'string') return input.length > 64 ? `${input.slice(0, 64)}…` : input;
  if (input === null || typeof input !== 'object') return input;
  return String(input).slice(0, 64);
}
