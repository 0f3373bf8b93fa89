/**
 * The unit-account ledger in SQL: what each charge still owes (`amount + Σ owed_delta`), the prepaid
 * balance (`Σ prepaid_delta`), and the automatic offset of prepaid money against open charges — oldest due
 * first, by @pm/domain `autoOffset` — in the caller's transaction (a deposit, a billing run).
 */
import { autoOffset, compare, negate, toMoneyString } from '@pm/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { charges, feeItems, ledgerEntries } from '../../db/schema';
import type { StaffContext } from '../../lib/context';

/** SQL: what the charge row in the outer query still owes. */
export const owedOf = sql<string>`(${charges.amount} + coalesce((select sum(le.owed_delta) from ledger_entries le where le.charge_id = ${charges.id}), 0))`;

/** A charge as the screens and the counter see it: with its fee item's name and what it still owes. */
export const chargeColumns = {
  id: charges.id,
  unitId: charges.unitId,
  estateId: charges.estateId,
  feeItemId: charges.feeItemId,
  feeItemName: feeItems.name,
  period: charges.period,
  amount: charges.amount,
  owed: sql<string>`${owedOf}::numeric(14,2)::text`,
  dueDate: charges.dueDate,
  explanation: charges.explanation,
  /** billing | opening | manual | penalty | advance: a late fee is waived, not discounted. */
  source: charges.source,
};

export interface OpenChargeRow {
  id: string;
  unitId: string;
  estateId: string;
  feeItemName: string;
  period: string;
  amount: string;
  owed: string;
  dueDate: string;
  explanation: string;
  source: string;
}

/** Charges of the units that still owe something, oldest due first. `lock` takes row locks (collecting). */
export async function openCharges(db: DbOrTx, unitIds: string[], options: { chargeIds?: string[]; lock?: boolean } = {}): Promise<OpenChargeRow[]> {
  if (unitIds.length === 0) return [];
  if (options.lock && options.chargeIds?.length) {
    // Lock in id order so two cashiers never deadlock; the second waits here and then sees what is left.
    await db.execute(sql`select id from charges where id = any(${sql`ARRAY[${sql.join(options.chargeIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]`}) order by id for update`);
  }
  const where = [inArray(charges.unitId, unitIds), sql`${owedOf} > 0`];
  if (options.chargeIds) where.push(inArray(charges.id, options.chargeIds.length ? options.chargeIds : ['00000000-0000-0000-0000-000000000000']));
  const rows = await db
    .select(chargeColumns)
    .from(charges)
    .innerJoin(feeItems, eq(feeItems.id, charges.feeItemId))
    .where(and(...where))
    .orderBy(asc(charges.dueDate), asc(charges.period), asc(charges.id));
  return rows;
}

/** Row-locks units (in id order, so concurrent writers never deadlock) for the rest of the transaction. */
export async function lockUnits(tx: DbOrTx, unitIds: string[]) {
  const ids = [...new Set(unitIds)].sort();
  if (ids.length) await tx.execute(sql`select id from units where id = any(${sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`}) order by id for no key update`);
}

/** Prepaid balance per unit (units without one are left out). */
export async function prepaidBalances(db: DbOrTx, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ unitId: ledgerEntries.unitId, prepaid: sql<string>`sum(${ledgerEntries.prepaidDelta})::numeric(14,2)::text` })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.unitId, unitIds))
    .groupBy(ledgerEntries.unitId);
  return new Map(rows.map((r) => [r.unitId, r.prepaid]));
}

/**
 * Offsets prepaid money against the units' open charges (预存自动冲抵), oldest due first, one `offset`
 * entry per charge. Call it inside the transaction that made it possible. Returns the entries written.
 */
export async function offsetFromPrepaid(tx: DbOrTx, ctx: Pick<StaffContext, 'actor'> | null, unitIds: string[], receiptId: string | null = null) {
  const candidates = [...(await prepaidBalances(tx, unitIds))].filter(([, v]) => compare(v, '0') > 0).map(([unitId]) => unitId);
  if (candidates.length === 0) return [];
  // Prepaid money is spent under the unit's row lock (in id order, like refunds and voids), then read again:
  // two offsets, or an offset and a refund, never spend the same yuan twice.
  await lockUnits(tx, candidates);
  const balances = await prepaidBalances(tx, candidates);
  const withMoney = [...balances].filter(([, v]) => compare(v, '0') > 0).map(([unitId]) => unitId);
  if (withMoney.length === 0) return [];
  const open = await openCharges(tx, withMoney);
  const written: (typeof ledgerEntries.$inferInsert)[] = [];
  for (const unitId of withMoney) {
    const mine = open.filter((c) => c.unitId === unitId);
    if (mine.length === 0) continue;
    const { offsets } = autoOffset(balances.get(unitId)!, mine.map((c) => ({ chargeId: c.id, owed: c.owed, dueDate: c.dueDate, label: `${c.period} ${c.feeItemName}` })));
    for (const o of offsets) {
      const charge = mine.find((c) => c.id === o.chargeId)!;
      const amount = toMoneyString(o.amount);
      const minus = toMoneyString(negate(amount));
      written.push({ estateId: charge.estateId, unitId, kind: 'offset', amount, owedDelta: minus, prepaidDelta: minus, chargeId: o.chargeId, receiptId, method: 'prepaid', createdBy: ctx?.actor.id ?? null });
    }
  }
  if (written.length) await tx.insert(ledgerEntries).values(written);
  return written;
}
