/**
 * Work orders 工单 from the customer-service and manager side (issue 5) through the API's typed client
 * (apps/api/src/routes/work-orders/work-orders.routes.ts): the dispatch board, an order with its timeline
 * and the commands the server offers, intake by phone or at the counter, photos, the estate's settings, the
 * KPIs with their drill-down and .xlsx export, and the in-app notifications. The shapes are inferred from the
 * routes, so when a schema changes vue-tsc points at every screen that has to follow; a 401 sends the user to
 * the login screen (the typed client's fetch, ./client.ts).
 *
 * Written here by hand: the query objects and option lists the screens build, the KPI figures under the
 * names the screens use (see Kpis), and one documented departure from the inferred types: an order's detail
 * is narrowed to the domain's values the schema types as plain strings (see WorkOrderDetail).
 *
 * Times are ISO 8601 with an offset; money is a decimal string ("101.00"); rates are percentage strings
 * with two decimals ("72.73"), null when there is no base.
 */
import type { ApiClient } from '@pm/api/client';
import type { ActorKind, CommandForm, WorkOrder, WorkOrderCommand, WorkOrderState } from '@pm/domain';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, ok, query } from './client';
import { type ExportFile, attachmentName } from './reports';

export type { ExportFile };

type WO = ApiClient['work-orders'];
type Ok<T> = InferResponseType<T, 200>;
type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;
/** The domain's orders hold read-only lists: a list of the wire may be read as one. */
type ReadOnlyList<T> = T extends readonly (infer E)[] ? readonly E[] : T;
/**
 * `Api` with the fields of `N` narrowed to `N`'s types. The constraint makes each one a narrowing of the
 * schema's type (a literal union for a plain string, a read-only list, …), never another type: a schema
 * change that breaks a narrowing fails here.
 */
type Narrowed<Api, N extends { [K in keyof N]: K extends keyof Api ? ReadOnlyList<Api[K]> : never }> = Omit<Api, keyof N> & N;

// ---- orders ------------------------------------------------------------------------------------------------

type ListPage = Ok<WO['$get']>;
export type WorkOrderListItem = ListPage['items'][number];
export type SlaPair = WorkOrderListItem['sla'];

type ApiDetail = Ok<WO[':id']['$get']>;
export type PhotoRef = ApiDetail['photos']['report'][number];

/** One entry of the timeline: the command, 'submit' (the order was filed) or 'comment'. */
export type WorkOrderEventView = Narrowed<
  ApiDetail['events'][number],
  { command: WorkOrderCommand | 'submit' | 'comment'; fromState: WorkOrderState | null; toState: WorkOrderState; actorKind: ActorKind }
>;

/** The form of a command as the server gives it (the domain's `commandForm`). */
export type CommandFormSpec = CommandForm;

/**
 * An order as the screens get it: every field of the domain's `WorkOrder` (so the rules run on it as it is),
 * its names and SLA clocks, what the resident still owes on paid work (`chargeOwed`), the commands you may
 * make now with their forms, the timeline and the photos.
 *
 * The schema types the domain's enumerations as plain strings (`reportedBy`, `assignedVia`, `closeReason`,
 * `cancelledBy`, the survey's `channel`, `escalationLevel`, the timeline's commands, states and actors, the
 * forms' fields); the handler (apps/api/src/services/work-orders/view.ts) fills them from the domain's
 * `WorkOrder`, `allowedCommands` and `commandForm`, so they are narrowed here to those types (the order's
 * fields are the domain's `WorkOrder` as it is, read-only lists included).
 */
export type WorkOrderDetail = Narrowed<ApiDetail, WorkOrder & { events: WorkOrderEventView[]; forms: Partial<Record<WorkOrderCommand, CommandFormSpec>> }>;
/** The narrowing of WorkOrderDetail: a type only, the value is the one the API sent. */
export const asDetail = (d: ApiDetail) => d as WorkOrderDetail;

export const LIST_VIEWS = ['all', 'unassigned', 'overdue', 'at_risk', 'mine', 'pool'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

type ListQuery = NonNullable<InferRequestType<WO['$get']>['query']>;

export interface WorkOrderQuery {
  estateId: string;
  view?: ListView;
  kind?: ListQuery['kind'];
  /** open | done | one state. */
  state?: ListQuery['state'];
  assigneeId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}
export type WorkOrderPage = ListPage;

/** Open orders most urgent first (overdue, at risk, by due time). */
export const listWorkOrders = (q: WorkOrderQuery) => ok(api['work-orders'].$get({ query: query(q) }));

/** The counts of the estate's board and its technicians, least loaded first. */
export const getBoard = (estateId: string) => ok(api['work-orders'].board.$get({ query: { estateId } }));
export type WorkOrderBoard = Awaited<ReturnType<typeof getBoard>>;
export type BoardTechnician = WorkOrderBoard['technicians'][number];

export const getWorkOrder = (id: string) => ok(api['work-orders'][':id'].$get({ param: { id } })).then(asDetail);

/**
 * What a command carries besides its time. Edit may send null to clear a contact or the appointment, as the
 * domain's rules allow (`validateInput`, `CLEARABLE_FIELDS`).
 */
export type CommandInput = NonNullable<Json<WO[':id']['commands']['$post']>['input']>;

/**
 * `id`: made on the client once per attempt and sent again on a retry — the server applies it exactly once.
 * `from`: the state the order was in on the screen; the server refuses the command if it has moved on.
 */
export type CommandRequest = Json<WO[':id']['commands']['$post']>;

/** The order after the command (a repeated id answers the order as it is now). */
export const sendCommand = (workOrderId: string, body: CommandRequest) =>
  ok(api['work-orders'][':id'].commands.$post({ param: { id: workOrderId }, json: body })).then(asDetail);

export const addComment = (workOrderId: string, body: Json<WO[':id']['comments']['$post']>) =>
  ok(api['work-orders'][':id'].comments.$post({ param: { id: workOrderId }, json: body })).then(asDetail);

/** `id`: client-made uuid, the idempotency key — the same id again answers the same order. `partyId`: the resident it was raised for. */
export type WorkOrderCreate = Json<WO['$post']>;
export const createWorkOrder = (body: WorkOrderCreate) => ok(api['work-orders'].$post({ json: body })).then(asDetail);

/**
 * Uploads a photo under a client-made id (idempotent: the same id again stores nothing new). ≤ 5 MB. The
 * route's body is the image itself, which the client's typed arguments cannot carry (they know json and
 * form), so the bytes and their type go in `init`, as notices' files do.
 */
export function uploadPhoto(id: string, blob: Blob) {
  const type = blob.type && /^image\/(jpeg|png|webp)$/.test(blob.type) ? blob.type : 'image/jpeg';
  return ok(api['work-order-photos'][':id'].$put({ param: { id } }, { init: { body: blob, headers: { 'Content-Type': type } } }));
}

// ---- settings ------------------------------------------------------------------------------------------------

/** Categories (null windows: the priority's), the SLAs per priority, the policy and the paid-service price list. */
export const getWorkOrderSettings = (estateId: string) => ok(api['work-order-settings'][':estateId'].$get({ param: { estateId } }));
export type WorkOrderSettings = Awaited<ReturnType<typeof getWorkOrderSettings>>;
export type WorkOrderSettingsInput = Json<ApiClient['work-order-settings'][':estateId']['$put']>;
export type CategorySetting = WorkOrderSettings['categories'][number];
export type SlaSetting = WorkOrderSettings['slas']['normal'];
/** `price`: a decimal string on the fen; `unit`: 次, 个, 米 … */
export type PriceListItem = WorkOrderSettings['priceList'][number];

/** Sends the settings as the API answers them (estateId too: the route takes the estate from the path and ignores it in the body). */
export const saveWorkOrderSettings = (estateId: string, body: WorkOrderSettingsInput) => {
  const settings: WorkOrderSettings = { estateId, ...body };
  return ok(api['work-order-settings'][':estateId'].$put({ param: { estateId }, json: settings }));
};

// ---- KPIs ------------------------------------------------------------------------------------------------------

export const KPI_GROUPS = ['estate', 'technician', 'category'] as const;
export type KpiGroupBy = (typeof KPI_GROUPS)[number];

type KpiOrdersRequest = NonNullable<InferRequestType<WO['kpis']['orders']['$get']>['query']>;
type ApiKpiReport = Ok<WO['kpis']['$get']>;
type ApiKpis = ApiKpiReport['total'];

export const KPI_RATES = ['responseOnTime', 'completionOnTime', 'followUp', 'satisfaction', 'complaintSatisfaction', 'reopen'] as const satisfies readonly KpiOrdersRequest['metric'][];
export type KpiMetric = (typeof KPI_RATES)[number];

/**
 * The screens' names for the API's figures (which are the domain's `workOrderKpis`: `{ count, base, rate }`,
 * `submitted`, `noResponse`, `average…Minutes`); `fromApi` maps them. num of den, pct = num ÷ den × 100 with
 * two decimals, null when den is 0.
 */
export interface KpiRate {
  num: ApiKpis[KpiMetric]['count'];
  den: ApiKpis[KpiMetric]['base'];
  pct: ApiKpis[KpiMetric]['rate'];
}

export type Kpis = Record<KpiMetric, KpiRate> & {
  orders: ApiKpis['submitted'];
  /** Minutes with two decimals, null when none. */
  avgResponseMinutes: ApiKpis['averageResponseMinutes'];
  avgCompletionMinutes: ApiKpis['averageCompletionMinutes'];
  /** Follow-ups closed without an answer: counted apart, never as satisfied. */
  unanswered: ApiKpis['noResponse'];
};

export type KpiRow = Kpis & Pick<ApiKpiReport['rows'][number], 'key' | 'label'>;

export type KpiReport = Omit<ApiKpiReport, 'total' | 'rows'> & { total: Kpis; rows: KpiRow[] };

export interface KpiQuery {
  /** A group, company, office or estate; left out: everything the user may report on. */
  nodeId?: string | undefined;
  /** YYYY-MM-DD (Beijing days, both inclusive). */
  from: string;
  to: string;
  groupBy: KpiGroupBy;
}

function fromApi(k: ApiKpis): Kpis {
  const rate = (m: KpiMetric): KpiRate => ({ num: k[m].count, den: k[m].base, pct: k[m].rate });
  return {
    responseOnTime: rate('responseOnTime'),
    completionOnTime: rate('completionOnTime'),
    followUp: rate('followUp'),
    satisfaction: rate('satisfaction'),
    complaintSatisfaction: rate('complaintSatisfaction'),
    reopen: rate('reopen'),
    orders: k.submitted,
    avgResponseMinutes: k.averageResponseMinutes,
    avgCompletionMinutes: k.averageCompletionMinutes,
    unanswered: k.noResponse,
  };
}

const kpiQuery = (q: KpiQuery) => ({ ...query(q), from: q.from, to: q.to, groupBy: q.groupBy });

export async function getKpis(q: KpiQuery): Promise<KpiReport> {
  const res = await ok(api['work-orders'].kpis.$get({ query: kpiQuery(q) }));
  return { ...res, total: fromApi(res.total), rows: res.rows.map((r) => ({ key: r.key, label: r.label, ...fromApi(r) })) };
}

export interface KpiOrdersQuery extends KpiQuery {
  metric: KpiMetric;
  /** hit: counted in the numerator; miss: in the base but not the numerator. */
  outcome: 'hit' | 'miss';
  /** One row of the grouping (an estate, technician or category); left out: the total. */
  key?: string | undefined;
}

/** How many orders of a figure one request brings (the API allows up to 100). */
export const KPI_ORDERS_PAGE_SIZE = 50;

/**
 * One page of the orders behind a figure, newest submitted first. The API gives no total: a page shorter
 * than the size is the last one.
 */
export async function getKpiOrders(q: KpiOrdersQuery, page = 1): Promise<{ items: WorkOrderListItem[]; last: boolean }> {
  const res = await ok(
    api['work-orders'].kpis.orders.$get({
      query: { ...kpiQuery(q), metric: q.metric, outcome: q.outcome, key: q.key || undefined, page: String(page), pageSize: String(KPI_ORDERS_PAGE_SIZE) },
    }),
  );
  return { items: res.items, last: res.items.length < KPI_ORDERS_PAGE_SIZE };
}

/** The figures as .xlsx (fetched, not linked, so a refusal or a network failure shows on the screen). */
export async function exportKpis(q: KpiQuery): Promise<ExportFile> {
  const res = await api['work-orders'].kpis.export.$get({ query: kpiQuery(q) });
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('Content-Disposition'), `work-order-kpis-${q.from}-${q.to}.xlsx`) };
}

// ---- notifications -------------------------------------------------------------------------------------------

/** The newest 50 (or the unread ones) and the unread count in total (not only those listed). */
export const listNotifications = (unreadOnly = false) => ok(api.notifications.$get({ query: unreadOnly ? { unread: '1' } : {} }));
export type NotificationList = Awaited<ReturnType<typeof listNotifications>>;
export type StaffNotification = NotificationList['items'][number];

/**
 * The kinds the API writes (its `notifications.kind` column); the schema answers a plain string, so a screen
 * keeps a fallback for a kind it does not know.
 */
export const NOTIFICATION_KINDS = ['assigned', 'status', 'at_risk', 'survey', 'comment', 'escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Marks these read, or all of them when `ids` is left out; answers the list as it is now. */
export const markNotificationsRead = (ids?: string[]) => ok(api.notifications.read.$post({ json: ids ? { ids } : {} }));
