/**
 * A meter reading 读数 as stored: append-only, with a client-made id (the offline outbox's idempotency
 * key). A correction is a new reading that supersedes the old one (see `supersedes`); nothing is edited.
 */
export interface Reading {
  /** Client-made UUID; also breaks ties between readings taken at the same instant. */
  id: string;
  meterId: string;
  /** Decimal string, up to 3 decimals ("1285.3"). */
  value: string;
  /** When it was read, ISO 8601 with a UTC offset ("2025-03-01T02:15:00Z", "2025-03-01T10:15:00+08:00"). */
  takenAt: string;
}
