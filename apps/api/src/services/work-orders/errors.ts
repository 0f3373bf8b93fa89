/** The domain's refusals and open errors, mapped once to the API's error shape (with the order's current state). */
import type { OpenDecision, TransitionRefusal } from '@pm/domain';
import { AppError } from '../../lib/errors';

const STATUS: Record<TransitionRefusal['code'], 400 | 409> = {
  invalid_transition: 409,
  not_allowed: 409,
  frozen_field: 409,
  missing_fields: 400,
  invalid_fields: 400,
};

export function refusalError(r: TransitionRefusal): AppError {
  return new AppError(STATUS[r.code], r.code, r.message, { state: r.state, ...r.details });
}

export function openError(r: Extract<OpenDecision, { ok: false }>): AppError {
  return new AppError(r.code === 'not_allowed' ? 403 : 400, r.code, r.message, r.details);
}
