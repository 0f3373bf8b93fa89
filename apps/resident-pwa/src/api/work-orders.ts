/**
 * Work orders 工单 for residents: docs/api.md, "Work orders 工单 (issue 5)", resident endpoints.
 *
 * Hand-written: the types mirror the contract and the calls go through `residentFetch` (the session-expired
 * hook, the API's error shape as ApiError) rather than the typed client, because apps/api does not export
 * these routes yet — the endpoints were being built while this screen was. Once `api.resident` has them,
 * call through it and infer the shapes the way ./types.ts does, so a contract change becomes a type error.
 */
import type {
  ActorKind,
  CloseReason,
  EscalationLevel,
  InputField,
  SlaStatus,
  WorkOrderCommand,
  WorkOrderKind,
  WorkOrderLocation,
  WorkOrderPriority,
  WorkOrderState,
  WorkOrderSurvey,
} from '@pm/domain';
import { residentFetch } from './client';

/** The kinds a resident may file (internal jobs are staff's). */
export type ResidentWorkOrderKind = Extract<WorkOrderKind, 'repair' | 'complaint' | 'paid_service'>;
export const RESIDENT_KINDS: readonly ResidentWorkOrderKind[] = ['repair', 'complaint', 'paid_service'];

/**
 * A category as the estate configured it. Its own windows (minutes from submission) are null when it
 * follows the estate's SLA for its priority (`slas`).
 */
export interface WorkOrderCategoryOption {
  code: string;
  zh: string;
  en: string;
  kinds: WorkOrderKind[];
  priority: WorkOrderPriority;
  responseMinutes: number | null;
  completeMinutes: number | null;
  active: boolean;
}

export interface SlaWindow {
  responseMinutes: number;
  completeMinutes: number;
}

/** A paid-service price-list line 价目: price is a decimal string per `unit` ("次", "小时"). */
export interface PriceListItem {
  code: string;
  name: string;
  price: string;
  unit: string;
}

export interface ResidentWorkOrderSettings {
  categories: WorkOrderCategoryOption[];
  priceList: PriceListItem[];
  /** The estate's windows per priority (for categories without their own). */
  slas?: Partial<Record<WorkOrderPriority, SlaWindow>>;
}

export interface SlaClocks {
  response: SlaStatus;
  completion: SlaStatus;
}

export interface WorkOrderListItem {
  id: string;
  /** GD + yyMMdd + 4 digits, per estate. */
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
  sla: SlaClocks;
  escalationLevel: EscalationLevel;
  reopenCount: number;
  photoCount: number;
}

export interface PhotoRef {
  id: string;
  url: string;
}

/** One line of the order's history: a command, the submission ('open') or a comment. */
export interface WorkOrderEventView {
  id: string;
  command: WorkOrderCommand | 'open' | 'comment';
  fromState: WorkOrderState | null;
  toState: WorkOrderState | null;
  actorKind: ActorKind;
  /** Staff are shown by role and name, never by phone number; null for the system. */
  actorName: string | null;
  /** When it was done (the phone's time for a technician's offline command). */
  at: string;
  receivedAt: string;
  /** The reason, comment or reply. */
  note: string | null;
  /** Command-specific facts (e.g. the survey's satisfaction and fixed); read defensively. */
  data: unknown;
}

export interface WorkOrderCommandForm {
  requires: InputField[];
  requiresAnyOf: InputField[];
  accepts: InputField[];
}

/** The resident's view of one order: the list fields, the domain's order fields, and what they may do now. */
export interface WorkOrderDetail extends WorkOrderListItem {
  reportPhotos: string[];
  contactName: string | null;
  contactPhone: string | null;
  appointmentAt: string | null;
  acceptedAt: string | null;
  startedAt: string | null;
  holdReason: string | null;
  completionNotes: string | null;
  /** What the paid work costs, on the fen ("120.00"). */
  chargeAmount: string | null;
  replyText: string | null;
  survey: WorkOrderSurvey | null;
  closedAt: string | null;
  closeReason: CloseReason | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
  /** Null when anonymous (for anyone but a manager). */
  reporterName: string | null;
  anonymous: boolean;
  /** Paid work: the charge posted on the unit, and what is still owed on it. */
  chargeId: string | null;
  chargeOwed: string | null;
  /** The commands this resident may make now (cancel before acceptance, the survey, reopen). */
  allowed: WorkOrderCommand[];
  forms: Partial<Record<WorkOrderCommand, WorkOrderCommandForm>>;
  events: WorkOrderEventView[];
  photos: { report: PhotoRef[]; completion: PhotoRef[] };
}

export interface NewWorkOrderInput {
  /** Client-made UUID: the idempotency key (the same id again answers the same order). */
  id: string;
  /** One of the resident's units; for a common area, the unit whose estate it is in. */
  unitId: string;
  kind: ResidentWorkOrderKind;
  category: string;
  location: WorkOrderLocation;
  description: string;
  /** Ids of photos already uploaded with `uploadPhoto` (≤ 6). */
  reportPhotos?: string[];
  appointmentAt?: string;
  anonymous?: boolean;
  contactName?: string;
  contactPhone?: string;
}

/** The resident's commands and what they carry (the server checks `allowed` again). */
export type ResidentCommandInput =
  | { command: 'cancel'; input: { reason?: string } }
  | { command: 'reopen'; input: { reason: string } }
  | { command: 'answer_survey'; input: { satisfaction: number; fixed?: boolean; comment?: string } };

export interface WorkOrderNotification {
  id: string;
  kind: 'assigned' | 'status' | 'at_risk' | 'survey' | 'comment';
  workOrderId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: WorkOrderNotification[];
  unread: number;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await residentFetch(path, init);
  return (await res.json()) as T;
}

function postJson<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const BASE = '/api/resident';
const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

export const workOrdersApi = {
  settings: (unitId: string) => call<ResidentWorkOrderSettings>(`${BASE}/work-order-settings${q({ unitId })}`),
  /** The orders of all my units (and my own) when `unitId` is left out. */
  list: (state: 'open' | 'done', unitId?: string) =>
    call<{ items: WorkOrderListItem[] }>(`${BASE}/work-orders${q({ state, unitId })}`),
  get: (id: string) => call<WorkOrderDetail>(`${BASE}/work-orders/${enc(id)}`),
  create: (input: NewWorkOrderInput) => postJson<WorkOrderDetail>(`${BASE}/work-orders`, input),
  /** `commandId` makes the command happen once: a repeat answers the order as it is now. */
  command: (workOrderId: string, commandId: string, c: ResidentCommandInput) =>
    postJson<WorkOrderDetail>(`${BASE}/work-orders/${enc(workOrderId)}/commands`, { id: commandId, ...c }),
  /**
   * docs/api.md says this answers the new event; the API as built answers the whole order. Callers take
   * either (`'events' in answer`).
   */
  comment: (workOrderId: string, commentId: string, text: string) =>
    postJson<WorkOrderDetail | WorkOrderEventView>(`${BASE}/work-orders/${enc(workOrderId)}/comments`, { id: commentId, text }),
  /** Raw image body under a client-made id; idempotent, so a retry with the same id is safe. */
  uploadPhoto: (id: string, image: Blob) =>
    call<PhotoRef>(`${BASE}/work-order-photos/${enc(id)}`, {
      method: 'PUT',
      headers: { 'content-type': image.type || 'image/jpeg' },
      body: image,
    }),
  notifications: (unreadOnly = false) => call<NotificationList>(`${BASE}/notifications${q({ unread: unreadOnly ? '1' : undefined })}`),
  /** Marks these read, or all of them when `ids` is left out. */
  markRead: (ids?: string[]) => postJson<unknown>(`${BASE}/notifications/read`, ids ? { ids } : {}),
};
