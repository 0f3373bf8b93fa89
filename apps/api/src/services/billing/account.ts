/** A unit's account 房屋账户: its charges with what each still owes, the prepaid balance, its receipts. */
import { toMoneyString, sum } from '@pm/domain';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { buildings, charges, feeItems, occupancies, orgNodes, parties, receipts, units } from '../../db/schema';
import type { StaffContext } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';
import { authorizeEstate } from './access';
import { chargeColumns, prepaidBalances } from './ledger';

export async function loadUnitHeader(db: StaffContext['db'], unitId: string) {
  const [unit] = await db
    .select({ id: units.id, number: units.number, buildingName: buildings.name, estateId: units.estateId, estateName: orgNodes.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(orgNodes, eq(orgNodes.id, units.estateId))
    .where(eq(units.id, unitId));
  if (!unit) throw new NotFoundError('unit');
  const [owner] = await db
    .select({ name: parties.name })
    .from(occupancies)
    .innerJoin(parties, eq(parties.id, occupancies.partyId))
    .where(and(eq(occupancies.unitId, unitId), eq(occupancies.relation, 'owner'), isNull(occupancies.endDate)))
    .orderBy(asc(occupancies.startDate))
    .limit(1);
  return { ...unit, ownerName: owner?.name ?? null };
}

export async function getAccount({ ctx, unitId }: { ctx: StaffContext; unitId: string }) {
  const unit = await loadUnitHeader(ctx.db, unitId);
  await authorizeEstate(ctx, unit.estateId, 'charge:read');
  const rows = await ctx.db
    .select(chargeColumns)
    .from(charges)
    .innerJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .where(eq(charges.unitId, unitId))
    .orderBy(asc(charges.dueDate), asc(charges.period), asc(feeItems.name), asc(charges.id));
  const list = rows.map(({ unitId: _u, estateId: _e, ...c }) => ({
    ...c,
    paid: toMoneyString(sum([c.amount, `-${c.owed}`])),
    status: (c.owed === '0.00' ? 'settled' : 'open') as 'open' | 'settled',
  }));
  const recent = await ctx.db
    .select({ id: receipts.id, number: receipts.number, total: receipts.total, method: receipts.method, status: receipts.status, createdAt: receipts.createdAt })
    .from(receipts)
    .where(eq(receipts.unitId, unitId))
    .orderBy(desc(receipts.createdAt))
    .limit(50);
  const prepaid = (await prepaidBalances(ctx.db, [unitId])).get(unitId) ?? '0.00';
  return {
    unit,
    owed: toMoneyString(sum(list.map((c) => c.owed))),
    prepaid,
    charges: list,
    receipts: recent.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}
