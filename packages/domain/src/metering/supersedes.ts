import { MeteringError } from './errors';
import { requireInstant } from './instant';
import type { Reading } from './reading';

type Ordered = Pick<Reading, 'id' | 'meterId' | 'takenAt'>;

function checkId(reading: Ordered, field: string): void {
  if (typeof reading.id !== 'string' || reading.id === '') {
    throw new MeteringError('INVALID_READING', `${field} needs a non-empty id`, { field: `${field}.id` });
  }
}

/**
 * Order two readings of the same meter: -1 if `a` is older, 1 if newer, 0 if they are the same reading.
 * Older/newer is by `takenAt` as an instant (offsets are honoured: "10:00+08:00" equals "02:00Z"), then,
 * for readings taken at the same instant, by `id` compared code unit by code unit (the larger id is the
 * newer) — so the phone and the server, whatever their locale, always agree. Usable as a sort comparator.
 * Throws `MeteringError` MIXED_METERS for readings of different meters, INVALID_TIMESTAMP for a takenAt
 * without a valid ISO instant and offset.
 */
export function compareReadings(a: Ordered, b: Ordered): -1 | 0 | 1 {
  checkId(a, 'a');
  checkId(b, 'b');
  if (a.meterId !== b.meterId) {
    throw new MeteringError('MIXED_METERS', 'only readings of the same meter can supersede each other', {
      a: a.meterId,
      b: b.meterId,
    });
  }
  const ta = requireInstant(a.takenAt, 'a.takenAt');
  const tb = requireInstant(b.takenAt, 'b.takenAt');
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Does reading `a` supersede reading `b`? For duplicate readings of one meter in one period (a second
 * visit, a correction made offline), the newer one — by `takenAt`, then by `id` for ties — is the
 * effective one; the older is kept (readings are append-only) but no longer counts. A strict total order:
 * never `supersedes(a, a)`, never both ways, transitive, and of two different readings one always wins.
 */
export function supersedes(a: Ordered, b: Ordered): boolean {
  return compareReadings(a, b) > 0;
}
