// The shapes the reading screens work with: a route meter as downloaded, and what the reader sends.
import type { MeterReplacement, ReadingExplanation } from '@pm/domain';
import type { RouteDownload } from '../api/reading';

/** The server's state of a meter's current reading in the route's period (at download time). */
export type ServerReadingStatus = 'unread' | 'pending_review' | 'approved' | 'sent_back';

export type RouteMeter = RouteDownload['meters'][number] & {
  /** A replacement 换表 recorded by the office that applies to this period's reading. */
  replacement?: (MeterReplacement & { replacedOn?: string; oldMultiplier?: string; oldDigits?: number }) | null;
  status?: ServerReadingStatus;
  sentBackReason?: string | null;
};

export type ServerReading = RouteDownload['readings'][number];

/** The payload of a `reading.record` command (see apps/api/src/services/sync.ts ReadingPayload). */
export interface ReadingPayload {
  meterId: string;
  routeId: string;
  period: string;
  value: string;
  explanation?: ReadingExplanation;
  replacement?: MeterReplacement;
  note?: string;
}

export const READING_COMMAND = 'reading.record';
