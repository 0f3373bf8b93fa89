/** Shared by the billing tests. */
import { BillingError, LedgerError } from './errors';

/** The `reason` of the BillingError a call throws, or undefined when it does not throw. */
export function billingReason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof BillingError) return error.reason;
    throw error;
  }
  return undefined;
}

/** The `reason` of the LedgerError a call throws, or undefined when it does not throw. */
export function ledgerReason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.reason;
    throw error;
  }
  return undefined;
}
