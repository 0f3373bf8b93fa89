import { checkDigits } from './dial';
import { MeteringError, preview } from './errors';
import { isMeterType, type MeterType } from './meterType';
import { checkMultiplier } from './multiplier';
import { readingValue } from './parseReading';

/**
 * A meter 仪表 as the reading rules see it.
 * - `digits`: integer digits on the dial (4–10); the dial shows 0 … 10^digits − 1, then rolls over to 0.
 * - `multiplier` 倍率: a positive decimal string ("1", "40" for a CT-fed electricity meter, "0.5");
 *   usage = dial difference × multiplier.
 * - `initialReading`: the dial value when the meter was installed; it stands in for the previous reading
 *   until the first reading is approved.
 */
export interface Meter {
  id: string;
  type: MeterType;
  digits: number;
  multiplier: string;
  initialReading: string;
}

/**
 * Check a meter's master data: a non-empty id, a known type, 4–10 dial digits, a positive multiplier and
 * an initial reading that fits the dial. Throws `MeteringError` (INVALID_METER, INVALID_DIGITS,
 * INVALID_MULTIPLIER or INVALID_READING): bad master data is never the reader's fault.
 */
export function assertMeter(meter: Meter): void {
  if (meter === null || typeof meter !== 'object') {
    throw new MeteringError('INVALID_METER', 'a meter must be an object');
  }
  if (typeof meter.id !== 'string' || meter.id === '') {
    throw new MeteringError('INVALID_METER', 'a meter needs a non-empty id', { field: 'id' });
  }
  if (!isMeterType(meter.type)) {
    throw new MeteringError('INVALID_METER', 'unknown meter type', { field: 'type', value: preview(meter.type) });
  }
  const digits = checkDigits(meter.digits);
  checkMultiplier(meter.multiplier);
  readingValue(meter.initialReading, digits, 'initialReading');
}
