import type { Reading } from './reading';
import { supersedes } from './supersedes';

/**
 * The effective reading among the readings of one meter for one period: the one that supersedes all the
 * others (the newest by takenAt, then the largest id). Null for none. The result does not depend on the
 * order of the list. The caller groups readings by meter and period (a March reading may be taken on
 * 1 April); readings of different meters throw `MeteringError` MIXED_METERS.
 */
export function currentReading<R extends Pick<Reading, 'id' | 'meterId' | 'takenAt'>>(readings: readonly R[]): R | null {
  let best: R | null = null;
  for (const reading of readings) {
    if (best === null || supersedes(reading, best)) best = reading;
  }
  if (best !== null && readings.length === 1) supersedes(best, best); // validates a lone reading too
  return best;
}
