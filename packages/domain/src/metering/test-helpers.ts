/** Shared by the metering tests: the `reason` of the MeteringError a call throws, or undefined. */
import { MeteringError } from './errors';

export function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MeteringError) return error.reason;
    throw error;
  }
  return undefined;
}
