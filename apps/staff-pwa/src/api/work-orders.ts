/**
 * Work orders 工单 from the customer-service and manager side (issue 5, docs/api.md "Work orders"): the
 * dispatch board, an order with its timeline and the commands the server offers, intake by phone or at
 * the counter, photos, the estate's settings, the KPIs with their drill-down and .xlsx export, and the
 * in-app notifications.
 *
 * The shapes are written by hand from the contract in docs/api.md, and the calls go through `apiFetch`
 * (session cookie, no HTTP cache, the one error shape thrown as ApiError), because the API's routes are
 * being written at the same time and the typed client (`api` in ./client.ts) cannot name them yet. Once
 * apps/api exports the work-order routes, this module switches to `api['work-orders']…` with `ok()` and
 * the types below become `InferResponseType` aliases, as in ./reports.ts — the screens keep the names.
 * Until then a 401 here is shown as "session expired" on the screen rather than sending the user to the
 * login screen (that listener sits in the typed client's fetch).
 *
 * Times are ISO 8601 with an offset; money is a decimal string ("101.00"); rates are percentage strings
 * with two decimals ("72.73"), null when there is no base.
 */
import type {
  ActorKind,
  EscalationLevel,
  InputField,
  SlaStatus,
  WorkOrder,
  WorkOrderCommand,
  WorkOrderKind,
  WorkOrderLocation,
  WorkOrderPriority,
  WorkOrderState,
} from '@pm/domain';
import { apiFetch } from '@pm/web/api';
import { type ExportFile, attachmentName } from './reports';

export type { ExportFile };

type QueryValue = string | number | boolean | null | undefined;

/** `/api/<path>?<query>` with empty values left out (an empty id would fail the API's uuid check). */
function url(path: string, q: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/${path}${qs ? `?${qs}` : ''}`;
}

async function getJson<T>(path: string, q?: Record<string, QueryValue>): Promise<T> {
  const res = await apiFetch(url(path, q));
  return (await res.json()) as T;
}

async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const res = await apiFetch(url(path), { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as T;
}

// ---- orders ------------------------------------------------------------------------------------------------

export interface SlaPair {
  response: SlaStatus;
  completion: SlaStatus;
}

export interface WorkOrderListItem {
  id: string;
  /** GD + yyMMdd + 4 digits, per estate ("GD2503010001"). */
  number: string;
  estateId: string;
  estateName: string;
  kind: WorkOrderKind;
  category: string;
  categoryName: string;
  priority: WorkOrderPriority;
  state: WorkOrderState;
  location: WorkOrderLocation | null;
  unitId: string | null;
  /** "1栋 1-101", or null for a common area. */
  unitLabel: string | null;
  description: string;
  assigneeId: string | null;
  assigneeName: string | null;
  submittedAt: string;
  responseDueAt: string;
  completeDueAt: string;
  respondedAt: string | null;
  completedAt: string | null;
  sla: SlaPair;
  escalationLevel: EscalationLevel;
  reopenCount: number;
  photoCount: number;
}

export interface PhotoRef {
  id: string;
  url: string;
}

export interface WorkOrderEventView {
  id: string;
  /** The command, 'submit' (the order was filed) or 'comment'. */
  command: WorkOrderCommand | 'submit' | 'comment';
  fromState: WorkOrderState | null;
  toState: WorkOrderState | null;
  actorKind: ActorKind;
  actorName: string | null;
  /** When it was done: the phone's time for a command a technician made offline. */
  at: string;
  /** When the server got it. */
  receivedAt: string;
  /** The reason, comment or reply. */
  note: string | null;
  /** The checked input of the command (null for residents). */
  data: Record<string, unknown> | null;
}

/** The form of a command as the server gives it (the domain's `commandForm`). */
export interface CommandFormSpec {
  requires: InputField[];
  requiresAnyOf: InputField[];
  accepts: InputField[];
}

export type WorkOrderDetail = WorkOrderListItem &
  Omit<WorkOrder, keyof WorkOrderListItem> & {
    /** Null when the complaint is anonymous and you are not a manager. */
    reporterName: string | null;
    anonymous: boolean;
    chargeId: string | null;
    /** Paid work: what the resident still owes on its charge. */
    chargeOwed: string | null;
    /** The commands you may make now. */
    allowed: WorkOrderCommand[];
    forms: Partial<Record<WorkOrderCommand, CommandFormSpec>>;
    events: WorkOrderEventView[];
    photos: { report: PhotoRef[]; completion: PhotoRef[] };
  };

export const LIST_VIEWS = ['all', 'unassigned', 'overdue', 'at_risk', 'mine', 'pool'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

export interface WorkOrderQuery {
  estateId: string;
  view?: ListView;
  kind?: WorkOrderKind;
  /** open | done | one state. */
  state?: 'open' | 'done' | WorkOrderState;
  assigneeId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface WorkOrderPage {
  items: WorkOrderListItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** Open orders most urgent first (overdue, at risk, by due time). */
export const listWorkOrders = (q: WorkOrderQuery) => getJson<WorkOrderPage>('work-orders', { ...q });

export interface BoardTechnician {
  id: string;
  name: string;
  /** Open orders assigned to them. */
  open: number;
  overdue: number;
}

export interface WorkOrderBoard {
  estateId: string;
  counts: { open: number; unassigned: number; overdue: number; atRisk: number; onHold: number; awaitingFollowUp: number };
  /** The estate's technicians, least loaded first. */
  technicians: BoardTechnician[];
}

export const getBoard = (estateId: string) => getJson<WorkOrderBoard>('work-orders/board', { estateId });

export const getWorkOrder = (id: string) => getJson<WorkOrderDetail>(`work-orders/${encodeURIComponent(id)}`);

/** What a command carries besides its time (the domain's TransitionInput without `at`/`from`). */
export type CommandInput = Partial<Record<InputField, unknown>>;

export interface CommandRequest {
  /** Made on the client once per attempt and sent again on a retry: the server applies it exactly once. */
  id: string;
  command: WorkOrderCommand;
  /** The state the order was in on the screen: the server refuses the command if it has moved on. */
  from?: WorkOrderState;
  input: CommandInput;
}

/** The order after the command (a repeated id answers the order as it is now). */
export const sendCommand = (workOrderId: string, body: CommandRequest) =>
  sendJson<WorkOrderDetail>('POST', `work-orders/${encodeURIComponent(workOrderId)}/commands`, body);

export const addComment = (workOrderId: string, body: { id: string; text: string }) =>
  sendJson<WorkOrderDetail>('POST', `work-orders/${encodeURIComponent(workOrderId)}/comments`, body);

export interface WorkOrderCreate {
  /** Client-made uuid, the idempotency key: the same id again answers the same order. */
  id: string;
  estateId: string;
  kind: WorkOrderKind;
  category: string;
  priority?: WorkOrderPriority;
  location?: WorkOrderLocation;
  unitId?: string;
  description: string;
  reportPhotos?: string[];
  contactName?: string;
  contactPhone?: string;
  appointmentAt?: string;
  anonymous?: boolean;
  /** The resident it was raised for. */
  partyId?: string;
}

export const createWorkOrder = (body: WorkOrderCreate) => sendJson<WorkOrderDetail>('POST', 'work-orders', body);

/** Uploads a photo under a client-made id (idempotent: the same id again stores nothing new). ≤ 5 MB. */
export async function uploadPhoto(id: string, blob: Blob): Promise<PhotoRef> {
  const type = blob.type && /^image\/(jpeg|png|webp)$/.test(blob.type) ? blob.type : 'image/jpeg';
  const res = await apiFetch(url(`work-order-photos/${encodeURIComponent(id)}`), { method: 'PUT', headers: { 'Content-Type': type }, body: blob });
  return (await res.json()) as PhotoRef;
}

// ---- settings ------------------------------------------------------------------------------------------------

export interface CategorySetting {
  code: string;
  zh: string;
  en: string;
  kinds: WorkOrderKind[];
  priority: WorkOrderPriority;
  /** The category's own windows; null: the priority's. */
  responseMinutes: number | null;
  completeMinutes: number | null;
  active: boolean;
}

export interface SlaSetting {
  responseMinutes: number;
  completeMinutes: number;
}

export interface PriceListItem {
  code: string;
  name: string;
  /** Decimal string on the fen. */
  price: string;
  /** 次, 个, 米 … */
  unit: string;
}

export interface WorkOrderSettings {
  estateId: string;
  categories: CategorySetting[];
  slas: Record<WorkOrderPriority, SlaSetting>;
  /** 0 < share < 1: "at risk" when less than this share of a window is left. */
  atRiskShare: number;
  surveyDays: number;
  reopenWindowDays: number;
  allowGrab: boolean;
  completionPhotosRequired: boolean;
  priceList: PriceListItem[];
}

export type WorkOrderSettingsInput = Omit<WorkOrderSettings, 'estateId'>;

export const getWorkOrderSettings = (estateId: string) => getJson<WorkOrderSettings>(`work-order-settings/${encodeURIComponent(estateId)}`);
export const saveWorkOrderSettings = (estateId: string, body: WorkOrderSettingsInput) =>
  sendJson<WorkOrderSettings>('PUT', `work-order-settings/${encodeURIComponent(estateId)}`, { estateId, ...body });

// ---- KPIs ------------------------------------------------------------------------------------------------------

export const KPI_GROUPS = ['estate', 'technician', 'category'] as const;
export type KpiGroupBy = (typeof KPI_GROUPS)[number];

/** num of den, pct = num ÷ den × 100 with two decimals, null when den is 0. */
export interface KpiRate {
  num: number;
  den: number;
  pct: string | null;
}

export const KPI_RATES = ['responseOnTime', 'completionOnTime', 'followUp', 'satisfaction', 'complaintSatisfaction', 'reopen'] as const;
export type KpiMetric = (typeof KPI_RATES)[number];

export type Kpis = Record<KpiMetric, KpiRate> & {
  orders: number;
  /** Minutes with two decimals, null when none. */
  avgResponseMinutes: string | null;
  avgCompletionMinutes: string | null;
  /** Follow-ups closed without an answer: counted apart, never as satisfied. */
  unanswered: number;
};

export interface KpiRow extends Kpis {
  key: string;
  label: string;
}

export interface KpiReport {
  from: string;
  to: string;
  nodeId: string | null;
  nodeName: string | null;
  total: Kpis;
  rows: KpiRow[];
}

export interface KpiQuery {
  /** A group, company, office or estate; left out: everything the user may report on. */
  nodeId?: string | undefined;
  /** YYYY-MM-DD (Beijing days, both inclusive). */
  from: string;
  to: string;
  groupBy: KpiGroupBy;
}

/** The API's figures carry @pm/domain `workOrderKpis` names (`{ count, base, rate }`, `submitted`, `noResponse`…). */
interface ApiRate {
  count: number;
  base: number;
  rate: string | null;
}
type ApiKpis = Record<KpiMetric, ApiRate> & {
  submitted: number;
  noResponse: number;
  averageResponseMinutes: string | null;
  averageCompletionMinutes: string | null;
};
interface ApiKpiReport extends Omit<KpiReport, 'total' | 'rows'> {
  total: ApiKpis;
  rows: (ApiKpis & { key: string; label: string })[];
}

function fromApi(k: ApiKpis): Kpis {
  const rates = Object.fromEntries(KPI_RATES.map((m) => [m, { num: k[m].count, den: k[m].base, pct: k[m].rate }])) as Record<KpiMetric, KpiRate>;
  return { ...rates, orders: k.submitted, avgResponseMinutes: k.averageResponseMinutes, avgCompletionMinutes: k.averageCompletionMinutes, unanswered: k.noResponse };
}

export const getKpis = async (q: KpiQuery): Promise<KpiReport> => {
  const res = await getJson<ApiKpiReport>('work-orders/kpis', { ...q });
  return { ...res, total: fromApi(res.total), rows: res.rows.map((r) => ({ key: r.key, label: r.label, ...fromApi(r) })) };
};

export interface KpiOrdersQuery extends KpiQuery {
  metric: KpiMetric;
  /** hit: counted in the numerator; miss: in the base but not the numerator. */
  outcome: 'hit' | 'miss';
  /** One row of the grouping (an estate, technician or category); left out: the total. */
  key?: string | undefined;
}

/** The orders behind a figure. The contract answers a list; a paged `{ items }` is read the same way. */
export async function getKpiOrders(q: KpiOrdersQuery): Promise<WorkOrderListItem[]> {
  const res = await getJson<WorkOrderListItem[] | { items: WorkOrderListItem[] }>('work-orders/kpis/orders', { ...q });
  return Array.isArray(res) ? res : res.items;
}

export async function exportKpis(q: KpiQuery): Promise<ExportFile> {
  const res = await apiFetch(url('work-orders/kpis/export', { ...q }));
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('Content-Disposition'), `work-order-kpis-${q.from}-${q.to}.xlsx`) };
}

// ---- notifications -------------------------------------------------------------------------------------------

export const NOTIFICATION_KINDS = ['assigned', 'status', 'at_risk', 'survey', 'comment'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface StaffNotification {
  id: string;
  kind: NotificationKind;
  workOrderId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: StaffNotification[];
  /** Unread in total (not only those listed). */
  unread: number;
}

export const listNotifications = (unreadOnly = false) => getJson<NotificationList>('notifications', { unread: unreadOnly ? 1 : undefined });

/** Marks these read, or all of them when `ids` is left out. */
export const markNotificationsRead = (ids?: string[]) => sendJson<unknown>('POST', 'notifications/read', ids ? { ids } : {});
