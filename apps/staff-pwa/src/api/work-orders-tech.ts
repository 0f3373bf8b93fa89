/**
 * The technician's work-order calls: the offline download of my jobs and the pool, an estate's settings
 * (price list, policy) and a report photo. Steps on a job never go from here: they are outbox commands
 * (`work_order.command`, POST /api/sync/commands).
 *
 * The API's work-order routes are not in the typed client yet, so this module reaches them through the
 * same client (same session fetch: cookie, no HTTP cache, 401 → login) with a hand-written route shape.
 * Once the routes land, replace `routes` with `api` and the result types with InferResponseType.
 */
import type { MyWorkOrdersDownload, WorkOrderSettings } from '../work-orders/types';
import { api } from './client';

interface Get {
  $get(args?: { param?: Record<string, string> }): Promise<Response>;
}

/** The shape of the routes used here, as hono's client exposes them (`api['work-orders'].mine.$get()`). */
interface WorkOrderRoutes {
  'work-orders': { mine: Get };
  'work-order-settings': { ':estateId': Get };
  'work-order-photos': { ':id': Get };
}

const routes = api as unknown as WorkOrderRoutes;

async function body<T>(request: Promise<Response>): Promise<T> {
  return (await (await request).json()) as T;
}

/** `GET /api/work-orders/mine`: my jobs and my estates' pool, with details, for the phone to cache. */
export const downloadMyWorkOrders = () => body<MyWorkOrdersDownload>(routes['work-orders'].mine.$get());

/** `GET /api/work-order-settings/:estateId`: categories, SLAs, policy and the paid-service price list. */
export const getWorkOrderSettings = (estateId: string) =>
  body<WorkOrderSettings>(routes['work-order-settings'][':estateId'].$get({ param: { estateId } }));

/** `GET /api/work-order-photos/:id`: the image bytes (to keep on the phone). */
export async function fetchWorkOrderPhoto(id: string): Promise<Blob> {
  const res = await routes['work-order-photos'][':id'].$get({ param: { id } });
  return res.blob();
}
