/**
 * 缴费 in the resident app: a bound unit's charges with what each still owes and which open payment order
 * holds it, the prepaid balance, and its receipts — the staff account's figures, for the resident.
 */
import { sum, toMoneyString } from '@pm/domain';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { charges, feeItems, paymentOrderCharges, receipts } from '../../db/schema';
import type { ResidentContext } from '../../lib/context';
import { chargeColumns, prepaidBalances } from '../billing/ledger';
import { residentUnit } from './resident-access';

export async function residentAccount({ ctx, unitId }: { ctx: ResidentContext; unitId: string }) {
  const unit = await residentUnit(ctx.db, ctx.actor.id, unitId);
  const rows = await ctx.db
    .select({ ...chargeColumns, lockedByOrderId: paymentOrderCharges.orderId })
    .from(charges)
    .innerJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .leftJoin(paymentOrderCharges, and(eq(paymentOrderCharges.chargeId, charges.id), isNull(paymentOrderCharges.releasedAt)))
    .where(eq(charges.unitId, unitId))
    .orderBy(asc(charges.dueDate), asc(charges.period), asc(feeItems.name), asc(charges.id));
  const list = rows.map((c) => ({
    id: c.id,
    feeItemName: c.feeItemName,
    period: c.period,
    amount: c.amount,
    owed: c.owed,
    paid: toMoneyString(sum([c.amount, `-${c.owed}`])),
    dueDate: c.dueDate,
    explanation: c.explanation,
    status: (c.owed === '0.00' ? 'settled' : 'open') as 'open' | 'settled',
    lockedByOrderId: c.lockedByOrderId ?? null,
  }));
  const recent = await ctx.db
    .select({ id: receipts.id, number: receipts.number, total: receipts.total, method: receipts.method, status: receipts.status, createdAt: receipts.createdAt })
    .from(receipts)
    .where(eq(receipts.unitId, unitId))
    .orderBy(desc(receipts.createdAt))
    .limit(50);
  return {
    unit: { id: unit.id, number: unit.number, buildingName: unit.buildingName, estateId: unit.estateId, estateName: unit.estateName },
    owed: toMoneyString(sum(list.map((c) => c.owed))),
    prepaid: (await prepaidBalances(ctx.db, [unitId])).get(unitId) ?? '0.00',
    charges: list,
    receipts: recent.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}
