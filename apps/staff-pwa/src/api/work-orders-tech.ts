/**
 * The technician's work-order calls through the API's typed client (the same session fetch as every call:
 * cookie, no HTTP cache, 401 → login): the offline download of my jobs and the pool, an estate's settings
 * (price list, policy) and a report photo. Steps on a job never go from here: they are outbox commands
 * (`work_order.command`, POST /api/sync/commands).
 */
import { api, ok } from './client';
import { asDetail } from './work-orders';

export { getWorkOrderSettings } from './work-orders';

/**
 * `GET /api/work-orders/mine`: my jobs (open, or completed in the last 7 days) and the pool of my estates
 * (grab-able), as details like `GET /api/work-orders/:id` (narrowed the same way), and the server's time,
 * for the phone to cache.
 */
export async function downloadMyWorkOrders() {
  const res = await ok(api['work-orders'].mine.$get());
  return { ...res, jobs: res.jobs.map(asDetail), pool: res.pool.map(asDetail) };
}
export type MyWorkOrdersDownload = Awaited<ReturnType<typeof downloadMyWorkOrders>>;

/** `GET /api/work-order-photos/:id`: the image bytes (to keep on the phone). */
export async function fetchWorkOrderPhoto(id: string): Promise<Blob> {
  const res = await api['work-order-photos'][':id'].$get({ param: { id } });
  return res.blob();
}
