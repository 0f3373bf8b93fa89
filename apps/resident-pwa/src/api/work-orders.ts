/**
 * Work orders 工单 for residents (docs/api.md, "Work orders 工单 (issue 5)", resident endpoints), through the
 * typed client. The shapes are inferred from the API's own route schemas (apps/api/src/routes/work-orders)
 * the way ./types.ts does, so a contract change shows up here as a type error rather than at run time.
 *
 * Every call goes through `api` (./client), whose fetch is `residentFetch`: a 401 `unauthenticated` still
 * fires the session-expired hook, and the API's error shape still arrives as ApiError.
 *
 * Where the schemas say a plain string (an event's command and actor, a notification's kind, a close
 * reason) the screens treat it as one: they build i18n keys from it or compare it, and fall back for a
 * value this build does not know.
 */
import { json } from '@pm/web/api';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api } from './client';

const r = api.resident;
const order = r['work-orders'][':id'];

export type ResidentWorkOrderSettings = InferResponseType<(typeof r)['work-order-settings']['$get'], 200>;
/**
 * A category as the estate configured it. Its own windows (minutes from submission) are null when it
 * follows the estate's SLA for its priority (`slas`).
 */
export type WorkOrderCategoryOption = ResidentWorkOrderSettings['categories'][number];
/** A paid-service price-list line 价目: price is a decimal string per `unit` ("次", "小时"). */
export type PriceListItem = ResidentWorkOrderSettings['priceList'][number];

export type WorkOrderListItem = InferResponseType<(typeof r)['work-orders']['$get'], 200>['items'][number];
/** The resident's view of one order: the list fields, the domain's order fields, and what they may do now. */
export type WorkOrderDetail = InferResponseType<(typeof order)['$get'], 200>;
/** One line of the order's history: a command, the submission ('submit') or a comment. */
export type WorkOrderEventView = WorkOrderDetail['events'][number];
export type PhotoRef = WorkOrderDetail['photos']['report'][number];

export type NewWorkOrderInput = InferRequestType<(typeof r)['work-orders']['$post']>['json'];
/** The kinds a resident may file (internal jobs are staff's). */
export type ResidentWorkOrderKind = NewWorkOrderInput['kind'];
export const RESIDENT_KINDS: readonly ResidentWorkOrderKind[] = ['repair', 'complaint', 'paid_service'];

/**
 * The resident's commands and what they carry (the server checks `allowed` again). Narrower than the
 * API's body, which takes any command with any input; `command` below checks it still fits that body.
 */
export type ResidentCommandInput =
  | { command: 'cancel'; input: { reason?: string } }
  | { command: 'reopen'; input: { reason: string } }
  | { command: 'answer_survey'; input: { satisfaction: number; fixed?: boolean; comment?: string } };

export type NotificationList = InferResponseType<(typeof r)['notifications']['$get'], 200>;
export type WorkOrderNotification = NotificationList['items'][number];

export const workOrdersApi = {
  settings: (unitId: string): Promise<ResidentWorkOrderSettings> => json(r['work-order-settings'].$get({ query: { unitId } })),
  /** The orders of all my units (and my own) when `unitId` is left out. */
  list: (state: 'open' | 'done', unitId?: string): Promise<{ items: WorkOrderListItem[] }> =>
    json(r['work-orders'].$get({ query: unitId ? { state, unitId } : { state } })),
  get: (id: string): Promise<WorkOrderDetail> => json(order.$get({ param: { id } })),
  create: (input: NewWorkOrderInput): Promise<WorkOrderDetail> => json(r['work-orders'].$post({ json: input })),
  /** `commandId` makes the command happen once: a repeat answers the order as it is now. */
  command: (workOrderId: string, commandId: string, c: ResidentCommandInput): Promise<WorkOrderDetail> =>
    json(order.commands.$post({ param: { id: workOrderId }, json: { id: commandId, ...c } })),
  /** Answers the whole order, timeline included; `commentId` makes a retry add the comment once. */
  comment: (workOrderId: string, commentId: string, text: string): Promise<WorkOrderDetail> =>
    json(order.comments.$post({ param: { id: workOrderId }, json: { id: commentId, text } })),
  /**
   * Raw image body under a client-made id; idempotent, so a retry with the same id is safe. The route
   * declares an image body, which hc has no argument for: the Blob goes in as `init.body` (hc's documented
   * override), the content type as a header.
   */
  uploadPhoto: (id: string, image: Blob): Promise<PhotoRef> =>
    json(r['work-order-photos'][':id'].$put({ param: { id } }, { headers: { 'content-type': image.type || 'image/jpeg' }, init: { body: image } })),
  notifications: (unreadOnly = false): Promise<NotificationList> => json(r.notifications.$get({ query: unreadOnly ? { unread: '1' } : {} })),
  /** Marks these read, or all of them when `ids` is left out; answers the list as it is then. */
  markRead: (ids?: string[]): Promise<NotificationList> => json(r.notifications.read.$post({ json: ids ? { ids } : {} })),
};
