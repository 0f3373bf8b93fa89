/**
 * Online payments in the counter's day report 日结: the day report groups receipts by estate, business date and
 * cashier, and online receipts are booked to the estate's online account (online-cashier.ts) — so the online
 * day of an estate is that account's day, in exactly the counter's shape (totals by method and fee item, the
 * receipts), for anyone who may read the estate's charges (`charge:read`, cashiers included). Nobody closes it:
 * online receipts cannot be voided, only refunded.
 */
import type { StaffContext } from '../../lib/context';
import { authorizeEstate } from '../billing/access';
import { dayReport } from '../billing/day-close';
import { onlineCashierId } from './online-cashier';

export async function onlineDay({ ctx, input }: { ctx: StaffContext; input: { estateId: string; date?: string | undefined } }) {
  await authorizeEstate(ctx, input.estateId, 'charge:read');
  const cashierId = await onlineCashierId(ctx.db, input.estateId);
  return dayReport({ ctx, input: { estateId: input.estateId, date: input.date, cashierId } });
}
