/**
 * 日结: a cashier's day at one estate — receipts, totals by method and by fee item (voided receipts listed,
 * not counted) — and closing it, which locks the day: its receipts can no longer be voided.
 */
import { sum, todayInShanghai, toMoneyString } from '@pm/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { buildings, charges, dayCloses, feeItems, ledgerEntries, orgNodes, receipts, staffAccounts, units } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { AppError, NotFoundError } from '../../lib/errors';
import { authorizeEstate } from './access';

export interface DayInput {
  estateId: string;
  date?: string | undefined;
  cashierId?: string | undefined;
}

export async function dayReport({ ctx, input }: { ctx: StaffContext; input: DayInput }) {
  // A cashier sees their own day; whoever may read the estate's charges may look at anyone's.
  const cashierId = input.cashierId ?? ctx.actor.id;
  await authorizeEstate(ctx, input.estateId, cashierId === ctx.actor.id ? 'payment:collect' : 'charge:read');
  const date = input.date ?? todayInShanghai(ctx.clock.now());
  const [estate] = await ctx.db.select({ name: orgNodes.name }).from(orgNodes).where(eq(orgNodes.id, input.estateId));
  const [cashier] = await ctx.db.select({ name: staffAccounts.name }).from(staffAccounts).where(eq(staffAccounts.id, cashierId));
  if (!estate || !cashier) throw new NotFoundError('cashier');
  const list = await ctx.db
    .select({
      id: receipts.id,
      number: receipts.number,
      unitNumber: units.number,
      buildingName: buildings.name,
      total: receipts.total,
      method: receipts.method,
      status: receipts.status,
      createdAt: receipts.createdAt,
    })
    .from(receipts)
    .innerJoin(units, eq(units.id, receipts.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(receipts.estateId, input.estateId), eq(receipts.cashierId, cashierId), eq(receipts.businessDate, date)))
    .orderBy(asc(receipts.createdAt));
  const posted = list.filter((r) => r.status === 'posted');
  const methods = [...new Set(posted.map((r) => r.method))];
  const byMethod = methods.map((method) => {
    const rows = posted.filter((r) => r.method === method);
    return { method, count: rows.length, total: toMoneyString(sum(rows.map((r) => r.total))) };
  });
  const lines = posted.length
    ? await ctx.db
        .select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount, feeItemName: feeItems.name })
        .from(ledgerEntries)
        .leftJoin(charges, eq(charges.id, ledgerEntries.chargeId))
        .leftJoin(feeItems, eq(feeItems.id, charges.feeItemId))
        .where(
          and(
            inArray(
              ledgerEntries.receiptId,
              posted.map((r) => r.id),
            ),
            inArray(ledgerEntries.kind, ['payment', 'prepayment']),
          ),
        )
    : [];
  const items = new Map<string, string[]>();
  for (const l of lines) {
    const name = l.kind === 'prepayment' ? '预存款' : (l.feeItemName ?? '');
    items.set(name, [...(items.get(name) ?? []), l.amount]);
  }
  const [closed] = await ctx.db
    .select({ closedAt: dayCloses.closedAt })
    .from(dayCloses)
    .where(and(eq(dayCloses.estateId, input.estateId), eq(dayCloses.cashierId, cashierId), eq(dayCloses.businessDate, date)));
  return {
    estateId: input.estateId,
    estateName: estate.name,
    date,
    cashierId,
    cashierName: cashier.name,
    closed: !!closed,
    closedAt: closed?.closedAt.toISOString() ?? null,
    totals: {
      count: posted.length,
      total: toMoneyString(sum(posted.map((r) => r.total))),
      byMethod,
      byFeeItem: [...items].map(([feeItemName, amounts]) => ({ feeItemName, total: toMoneyString(sum(amounts)) })),
    },
    receipts: list.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

/** Closes the signed-in cashier's day (today unless a date is given). Once per cashier, estate and day. */
export async function closeDay({ ctx, input }: { ctx: StaffContext; input: { estateId: string; date?: string | undefined } }) {
  const report = await dayReport({ ctx, input: { estateId: input.estateId, date: input.date, cashierId: ctx.actor.id } });
  if (report.closed) throw new AppError(409, 'already_closed', '该日已日结 This day is already closed');
  if (report.date > todayInShanghai(ctx.clock.now())) throw new AppError(409, 'day_not_over', '不能日结未来的日期 Not a past or current day');
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .insert(dayCloses)
      .values({ estateId: input.estateId, cashierId: ctx.actor.id, businessDate: report.date, totals: report.totals, closedAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ id: dayCloses.id });
    if (rows.length === 0) throw new AppError(409, 'already_closed', '该日已日结 This day is already closed');
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'close', entity: 'day_close', entityId: rows[0]!.id, after: report.totals });
  });
  return dayReport({ ctx, input: { estateId: input.estateId, date: report.date } });
}

