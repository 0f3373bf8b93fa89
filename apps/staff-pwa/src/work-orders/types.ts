/**
 * The work-order shapes the technician's screens use. The wire shapes are the ones the customer-service
 * screens use, inferred from the API's routes (../api/work-orders.ts, ../api/work-orders-tech.ts): one
 * definition, so vue-tsc points at anything that no longer matches. An order carries every field of
 * @pm/domain's `WorkOrder`, so the state machine runs on a cached copy as it is.
 */
import type { WorkOrderCommand, WorkOrderState } from '@pm/domain';

export type {
  CommandFormSpec as CommandFormView,
  PhotoRef,
  PriceListItem,
  WorkOrderDetail,
  WorkOrderEventView,
  WorkOrderListItem,
  WorkOrderSettings,
} from '../api/work-orders';
/** `GET /api/work-orders/mine`: what the technician's phone caches (`serverTime`, my `jobs`, the `pool`). */
export type { MyWorkOrdersDownload } from '../api/work-orders-tech';

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
