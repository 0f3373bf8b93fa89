/**
 * Meter administration for managers and customer service, through the API's typed client: the meter
 * registry and replacements 换表, reading routes, the review queue, the period's progress and the export.
 */
import { api, ok, query } from './client';
import type { PageQuery } from './types';

// ---- meters (typed routes) ----------------------------------------------------------------------------

export interface MeterQuery extends PageQuery {
  estateId?: string;
  unitId?: string;
  code?: string;
}

export const listMeters = (q: MeterQuery = {}) => ok(api.meters.$get({ query: query(q) }));
export type Meter = Awaited<ReturnType<typeof listMeters>>['items'][number];
export type MeterScope = Meter['scope'];
export type MeterState = Meter['state'];
export type MeterInput = Parameters<typeof api.meters.$post>[0]['json'];
export const createMeter = (input: MeterInput) => ok(api.meters.$post({ json: input }));

export const METER_SCOPES = ['unit', 'shared', 'master'] as const satisfies readonly MeterScope[];

// ---- reading routes (typed routes) -------------------------------------------------------------------

export const listReadingRoutes = (period?: string) => ok(api['reading-routes'].$get({ query: query({ period }) }));
export type ReadingRoute = Awaited<ReturnType<typeof listReadingRoutes>>['items'][number];
export type ReadingRouteInput = Parameters<(typeof api)['reading-routes']['$post']>[0]['json'];
export const createReadingRoute = (input: ReadingRouteInput) => ok(api['reading-routes'].$post({ json: input }));

// ---- replacements 换表 --------------------------------------------------------------------------------

export const listMeterReplacements = (meterId: string) => ok(api.meters[':id'].replacements.$get({ param: { id: meterId } }));
/**
 * One replacement of a meter. The meter keeps its id (it is the metering point) and moves to the new
 * dial; the replacement keeps both dials' facts.
 */
export type MeterReplacement = Awaited<ReturnType<typeof listMeterReplacements>>['items'][number];
/**
 * `id` is made on the client once per form: the idempotency key, the same for every retry of that form.
 * `newCode` left out: the meter keeps its code; null: the code is removed.
 */
export type MeterReplacementInput = Parameters<(typeof api.meters)[':id']['replacements']['$post']>[0]['json'];
export const replaceMeter = (meterId: string, input: MeterReplacementInput) =>
  ok(api.meters[':id'].replacements.$post({ param: { id: meterId }, json: input }));

// ---- the review queue ------------------------------------------------------------------------------------

export type ReadingStatus = NonNullable<Parameters<typeof api.readings.$get>[0]['query']['status']>;
export const READING_STATUSES = ['pending_review', 'sent_back', 'approved'] as const satisfies readonly ReadingStatus[];

export interface ReadingQuery extends PageQuery {
  estateId?: string;
  period?: string;
  status?: ReadingStatus;
  flagged?: boolean;
  routeId?: string;
}

export const listReadings = (q: ReadingQuery = {}) => ok(api.readings.$get({ query: query(q) }));
/**
 * A reading as the review queue shows it: the meter and where it is, previous → current, usage, the flag
 * codes (ReadingFlag from @pm/domain), the reader's story, photos and the last approved periods' usages.
 */
export type AdminReading = Awaited<ReturnType<typeof listReadings>>['items'][number];

export const approveReading = (id: string, note?: string) => ok(api.readings[':id'].approve.$post({ param: { id }, json: note ? { note } : {} }));

export const sendBackReading = (id: string, reason: string) => ok(api.readings[':id']['send-back'].$post({ param: { id }, json: { reason } }));

/** `id`: the new reading's id, made on the client once per form (idempotency key). */
export type CorrectionInput = Parameters<(typeof api.readings)[':id']['correct']['$post']>[0]['json'];
/** A correction is a new (approved) reading that supersedes the one being reviewed. */
export const correctReading = (id: string, input: CorrectionInput) => ok(api.readings[':id'].correct.$post({ param: { id }, json: input }));

// ---- progress and export ---------------------------------------------------------------------------------

export const getMeteringProgress = (estateId: string, period: string) => ok(api.metering.progress.$get({ query: { estateId, period } }));
export type MeteringProgress = Awaited<ReturnType<typeof getMeteringProgress>>;
export type ProgressCounts = MeteringProgress['totals'];
export type RouteProgress = MeteringProgress['routes'][number];
export type ReaderProgress = MeteringProgress['readers'][number];
export type MissingMeter = MeteringProgress['missing'][number];

/**
 * The period's readings as an .xlsx: a plain link, so the browser downloads it with the session cookie
 * (the service worker never caches /api).
 */
export const meteringExportUrl = (estateId: string, period: string) =>
  `/api/metering/export?${new URLSearchParams({ estateId, period }).toString()}`;

/** A reading's photo (for its uploader and for staff who may read the meter's estate). */
export const photoUrl = (photoId: string) => `/api/photos/${encodeURIComponent(photoId)}`;
