/**
 * Billing reports 收费报表 (report:read) and payment reminders 催缴 (charge:read) through the API's typed
 * client (apps/api/src/routes/billing/reports.routes.ts): arrears with aging 欠费账龄, the collection rate
 * 收缴率, receivables per fee item 应收实收, each also as an .xlsx export, and the printable reminder
 * notices with the reminders recorded on a unit. Amounts are decimal strings; rates are percentage strings
 * with two decimals ("85.23"), null when there is no base.
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType } from 'hono/client';
import { api, ok, query } from './client';

type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;

// ---- arrears 欠费账龄 -------------------------------------------------------------------------------------

export const ARREARS_GROUPS = ['estate', 'building', 'unit'] as const;
export type ArrearsGroupBy = (typeof ARREARS_GROUPS)[number];

export interface ArrearsQuery {
  /** A group, company, office or estate; left out: every estate the user may report on. */
  nodeId?: string | undefined;
  /** YYYY-MM-DD; left out: today (Beijing). */
  asOf?: string | undefined;
  groupBy: ArrearsGroupBy;
  /** One building's units (the drill-down from a building row). */
  buildingId?: string | undefined;
  page?: number;
  pageSize?: number;
}

export const getArrears = (q: ArrearsQuery) => ok(api.reports.arrears.$get({ query: { ...query(q), groupBy: q.groupBy } }));
export type ArrearsReport = Awaited<ReturnType<typeof getArrears>>;
export type ArrearsRow = ArrearsReport['rows'][number];
export type AgingBuckets = ArrearsReport['buckets'];

// ---- collection rate 收缴率 --------------------------------------------------------------------------------

export interface CollectionQuery {
  nodeId?: string | undefined;
  /** YYYY-MM */
  period: string;
  asOf?: string | undefined;
}

export const getCollectionRate = (q: CollectionQuery) => ok(api.reports['collection-rate'].$get({ query: { ...query(q), period: q.period } }));
export type CollectionReport = Awaited<ReturnType<typeof getCollectionRate>>;
export type CollectionRow = CollectionReport['rows'][number];

// ---- receivables 应收实收 ----------------------------------------------------------------------------------

export interface ReceivablesQuery {
  nodeId?: string | undefined;
  /** YYYY-MM, not after `to` (400 otherwise). */
  from: string;
  to: string;
}

export const getReceivables = (q: ReceivablesQuery) => ok(api.reports.receivables.$get({ query: { ...query(q), from: q.from, to: q.to } }));
export type ReceivablesReport = Awaited<ReturnType<typeof getReceivables>>;
export type ReceivablesRow = ReceivablesReport['rows'][number];

// ---- exports (.xlsx) ---------------------------------------------------------------------------------------

/** A downloaded file: its bytes and the name the server gave it. */
export interface ExportFile {
  blob: Blob;
  filename: string;
}

/**
 * The file name of a `Content-Disposition` header: the UTF-8 `filename*` (欠费账龄-翠湖花园-按楼栋-2026-11-30.xlsx)
 * when there is one, else the ASCII `filename`, else `fallback`.
 */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/.exec(header);
  return plain?.[1] ?? plain?.[2] ?? fallback;
}

/**
 * The answer of an export as a Blob. Fetched rather than linked so a refusal (403, 404) or a network failure
 * is shown on the screen instead of the browser opening the error as a page.
 */
async function download(request: Promise<Response>, fallback: string): Promise<ExportFile> {
  const res = await request;
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('Content-Disposition'), fallback) };
}

export const exportArrears = (q: Omit<ArrearsQuery, 'page' | 'pageSize'>) =>
  download(api.reports.arrears.export.$get({ query: { ...query({ nodeId: q.nodeId, asOf: q.asOf, buildingId: q.buildingId }), groupBy: q.groupBy } }), `arrears-${q.groupBy}.xlsx`);

export const exportCollectionRate = (q: CollectionQuery) =>
  download(api.reports['collection-rate'].export.$get({ query: { ...query(q), period: q.period } }), `collection-rate-${q.period}.xlsx`);

export const exportReceivables = (q: ReceivablesQuery) =>
  download(api.reports.receivables.export.$get({ query: { ...query(q), from: q.from, to: q.to } }), `receivables-${q.from}-${q.to}.xlsx`);

// ---- payment reminders 催缴 --------------------------------------------------------------------------------

/**
 * The printable 催缴通知书 for the units under `nodeId` in arrears: `minOwed` (default "0.01") in total on
 * charges at least `max(1, minDays)` days past due at `asOf` (default today); `payBy` defaults to `asOf` + 15
 * days. Units in walking order; `pageSize` at most 500. Reading only: nothing is recorded.
 */
export type NoticesInput = Json<ApiClient['reports']['reminders']['notices']['$post']>;
export const listReminderNotices = (input: NoticesInput) => ok(api.reports.reminders.notices.$post({ json: input }));
export type ReminderNotices = Awaited<ReturnType<typeof listReminderNotices>>;
export type ReminderNotice = ReminderNotices['items'][number];

export const NOTICES_MAX_PAGE = 500;

/**
 * `id`: made on the client once per reminder (an idempotency key): the same id again answers the stored
 * reminder and writes nothing, so a retry never records a reminder twice.
 */
export type ReminderInput = Json<ApiClient['units'][':id']['reminders']['$post']>;
export type ReminderKind = ReminderInput['kind'];
export const REMINDER_KINDS = ['phone', 'notice', 'visit', 'sms'] as const satisfies readonly ReminderKind[];

export const recordReminder = (unitId: string, input: ReminderInput) => ok(api.units[':id'].reminders.$post({ param: { id: unitId }, json: input }));
export type PaymentReminder = Awaited<ReturnType<typeof recordReminder>>;

/** A unit's reminders, newest first (at most 200), and what it owes past due today. */
export const listReminders = (unitId: string) => ok(api.units[':id'].reminders.$get({ param: { id: unitId } }));
export type UnitReminders = Awaited<ReturnType<typeof listReminders>>;
