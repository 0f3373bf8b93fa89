import { type AreaCharge, areaCharge } from './areaCharge';
import { BillingError, preview } from './errors';
import {
  type AreaChargeInput,
  type AreaFeeStandard,
  FEE_KINDS,
  type FeeStandard,
  type FixedChargeInput,
  type FixedFeeStandard,
  type MeteredChargeInput,
  type MeteredFeeStandard,
  type SharedChargeInput,
  type SharedFeeStandard,
} from './feeStandard';
import { type FixedCharge, fixedCharge } from './fixedCharge';
import { type MeteredCharge, meteredCharge } from './meteredCharge';
import { type SharedCharge, sharedCharges } from './sharedCharges';

/** The input a standard needs: a period for area/fixed, a usage for metered, units and a total for shared. */
export type ChargeInputFor<S extends FeeStandard> = S extends AreaFeeStandard
  ? AreaChargeInput
  : S extends FixedFeeStandard
    ? FixedChargeInput
    : S extends MeteredFeeStandard
      ? MeteredChargeInput
      : S extends SharedFeeStandard
        ? SharedChargeInput
        : never;

/** What a standard computes: one line for area/fixed/metered, the total and its shares for shared. */
export type ChargeResultFor<S extends FeeStandard> = S extends AreaFeeStandard
  ? AreaCharge
  : S extends FixedFeeStandard
    ? FixedCharge
    : S extends MeteredFeeStandard
      ? MeteredCharge
      : S extends SharedFeeStandard
        ? SharedCharge
        : never;

export type ChargeResult = AreaCharge | FixedCharge | MeteredCharge | SharedCharge;

/**
 * Compute what a fee standard charges: dispatches on `standard.kind` to areaCharge, fixedCharge,
 * meteredCharge or sharedCharges. Every result has `amount` (rounded once, on the fen) and a Chinese
 * `explanation`. Throws `BillingError` (code BILLING_INVALID) for input it cannot bill.
 */
export function computeCharge<S extends FeeStandard>(standard: S, input: ChargeInputFor<S>): ChargeResultFor<S> {
  const s: FeeStandard = standard;
  let result: ChargeResult;
  switch (s?.kind) {
    case 'area':
      result = areaCharge(s, input as AreaChargeInput);
      break;
    case 'fixed':
      result = fixedCharge(s, input as FixedChargeInput);
      break;
    case 'metered':
      result = meteredCharge(s, input as MeteredChargeInput);
      break;
    case 'shared':
      result = sharedCharges(s, input as SharedChargeInput);
      break;
    default:
      throw new BillingError('INVALID_STANDARD', `the standard kind must be one of ${FEE_KINDS.join(', ')}`, {
        value: preview((s as { kind?: unknown } | null)?.kind),
      });
  }
  return result as ChargeResultFor<S>;
}
