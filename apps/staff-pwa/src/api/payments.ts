/**
 * Online payments 线上缴费 for staff through the API's typed client. For now only the day report: the estate's
 * online receipts of a day, in the counter's day shape (they are booked to the organisation's 线上支付 account,
 * see docs/api-payments.md "Online receipts and the day report"). Shapes are inferred from
 * apps/api/src/routes/payments/payments.routes.ts.
 */
import { api, ok, query } from './client';

/** `charge:read` on the estate; `date` defaults to today (Beijing) on the server. */
export const getOnlineDay = (q: { estateId: string; date?: string }) => ok(api.payments.day.$get({ query: { ...query(q), estateId: q.estateId } }));
export type OnlineDay = Awaited<ReturnType<typeof getOnlineDay>>;
