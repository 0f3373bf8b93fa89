import { MeteringError, preview } from './errors';

/**
 * ISO 8601 date-time with an explicit offset: YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM). A time without
 * an offset would be read in the device's local zone, so phones in different zones would disagree:
 * refused.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an ISO timestamp names, in nanoseconds since the epoch (exact: "…00.1234567Z" and
 * "…00.1234568Z" differ), or null when it is not a valid ISO 8601 instant with an offset.
 */
export function instantNanos(iso: unknown): bigint | null {
  if (typeof iso !== 'string') return null;
  const m = ISO_INSTANT.exec(iso);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, 0);
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const ms = date.getTime() - offsetMinutes * 60_000;
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + fraction;
}

/** `instantNanos` or `MeteringError` INVALID_TIMESTAMP naming the field. */
export function requireInstant(iso: unknown, field: string): bigint {
  const nanos = instantNanos(iso);
  if (nanos === null) {
    throw new MeteringError('INVALID_TIMESTAMP', `${field} must be an ISO 8601 date-time with a UTC offset`, {
      field,
      value: preview(iso),
    });
  }
  return nanos;
}
