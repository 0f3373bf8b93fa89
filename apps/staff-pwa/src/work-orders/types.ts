/**
 * The work-order shapes the technician's screens use, written by hand from docs/api.md ("Work orders 工单")
 * until the API's routes are in the typed client (`@pm/api/client`); then these become `InferResponseType`
 * aliases like ../api/types.ts and vue-tsc points at anything that no longer matches. The order's own
 * fields are @pm/domain's `WorkOrder`, so the state machine runs on a cached copy as it is.
 */
import type {
  ActorKind,
  InputField,
  SlaStatus,
  WorkOrder,
  WorkOrderCommand,
  WorkOrderKind,
  WorkOrderLocation,
  WorkOrderPriority,
  WorkOrderState,
} from '@pm/domain';

/** A row of the work-order lists. Times are ISO 8601 with an offset. */
export interface WorkOrderListItem {
  id: string;
  /** 工单号: GD + yyMMdd + 4 digits, per estate. */
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
  /** As the server judged it when it answered; the phone recomputes it at its own time. */
  sla: { response: SlaStatus; completion: SlaStatus };
  escalationLevel: number;
  reopenCount: number;
  photoCount: number;
}

export interface PhotoRef {
  id: string;
  url: string;
}

/** One line of an order's history 工单日志. */
export interface WorkOrderEventView {
  id: string;
  /** The command, 'comment', or the order's creation ('submit'; docs/api.md calls it 'open'). */
  command: WorkOrderCommand | 'submit' | 'open' | 'comment';
  fromState: WorkOrderState | null;
  toState: WorkOrderState | null;
  actorKind: ActorKind;
  actorName: string | null;
  /** When it was done (the phone's time for an offline command). */
  at: string;
  /** When the server got it. */
  receivedAt: string;
  /** The reason, comment or reply. */
  note: string | null;
  data: unknown;
}

export interface CommandFormView {
  requires: InputField[];
  requiresAnyOf: InputField[];
  accepts: InputField[];
}

/** An order with everything the detail screen shows. `allowed`/`forms` are for the caller, at the server's time. */
export type WorkOrderDetail = WorkOrder &
  WorkOrderListItem & {
    reporterName: string | null;
    anonymous: boolean;
    chargeId: string | null;
    /** Paid work: what the resident still owes on its charge (decimal string). */
    chargeOwed: string | null;
    allowed: WorkOrderCommand[];
    forms: Partial<Record<WorkOrderCommand, CommandFormView>>;
    events: WorkOrderEventView[];
    photos: { report: PhotoRef[]; completion: PhotoRef[] };
  };

/** `GET /api/work-orders/mine`: what the technician's phone caches. */
export interface MyWorkOrdersDownload {
  serverTime: string;
  /** Assigned to me: open, or completed in the last 7 days. */
  jobs: WorkOrderDetail[];
  /** Grab-able in my estates. */
  pool: WorkOrderDetail[];
}

export interface PriceListItem {
  code: string;
  name: string;
  /** Yuan per unit, decimal string. */
  price: string;
  /** "次", "个", "米"… */
  unit: string;
}

/** `GET /api/work-order-settings/:estateId`. */
export interface WorkOrderSettings {
  estateId: string;
  categories: {
    code: string;
    zh: string;
    en: string;
    kinds: WorkOrderKind[];
    priority: WorkOrderPriority;
    /** null: the estate's SLA for the priority. */
    responseMinutes: number | null;
    completeMinutes: number | null;
    active: boolean;
  }[];
  slas: Record<WorkOrderPriority, { responseMinutes: number; completeMinutes: number }>;
  atRiskShare: number;
  surveyDays: number;
  reopenWindowDays: number;
  allowGrab: boolean;
  completionPhotosRequired: boolean;
  priceList: PriceListItem[];
}

/** The outbox command type of a technician's step (see the sync protocol in ../offline/README.md). */
export const WORK_ORDER_COMMAND_TYPE = 'work_order.command';

/**
 * The payload of a `work_order.command`. `from` is the state the technician saw, so the server refuses
 * the step (`stale_state`) rather than apply it to an order that moved on; the time is the command's `at`.
 */
export interface WorkOrderCommandPayload {
  workOrderId: string;
  command: WorkOrderCommand;
  from: WorkOrderState;
  /** The command's fields (reason, completion record…), without `at` and `from`. */
  input: Record<string, unknown>;
}

/**
 * The API's limits on a command's input (its zod schema, stricter than the domain's rules): the phone keeps
 * within them, so a step is never refused for its envelope after the technician has left the site.
 */
export const COMMAND_INPUT_LIMITS = {
  reason: 500,
  completionNotes: 1000,
  completionPhotos: 9,
  materials: 30,
  materialName: 40,
  materialQuantity: 12,
  materialUnit: 10,
} as const;
