/**
 * Paid work 特约服务 and paid repairs 有偿维修 (parts the owner pays for inside the unit): completing one with a
 * charge posts one billing charge on the unit, in the same
 * transaction as the completion, so the resident pays it with their other bills (and prepaid money settles it
 * at once, like any new charge). Fee item: the estate's 特约服务费 (category special_service) from the company
 * catalogue, created on the estate when none exists. The line key names the order and its redo count: one
 * charge per completion, never two for a replayed command.
 */
import { addDays, compare, formatYuan, periodOf, todayInShanghai } from '@pm/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { charges, feeItems } from '../../db/schema';
import { offsetFromPrepaid } from '../billing/ledger';
import type { WorkOrderRow } from './access';

const DUE_DAYS = 15;

async function serviceFeeItem(tx: DbOrTx, estateId: string): Promise<string> {
  const [found] = await tx
    .select({ id: feeItems.id })
    .from(feeItems)
    .where(and(eq(feeItems.category, 'special_service'), eq(feeItems.active, 1), sql`${feeItems.nodeId} in (select unnest(path) from org_nodes where id = ${estateId})`))
    .orderBy(feeItems.name)
    .limit(1);
  if (found) return found.id;
  const [made] = await tx
    .insert(feeItems)
    .values({ nodeId: estateId, name: '特约服务费', category: 'special_service' })
    .onConflictDoUpdate({ target: [feeItems.nodeId, feeItems.name], set: { active: 1 } })
    .returning({ id: feeItems.id });
  return made!.id;
}

/** Posts the charge of a completed paid service; returns its id, or null when there is nothing to charge. */
export async function postServiceCharge(tx: DbOrTx, order: WorkOrderRow, now: Date): Promise<string | null> {
  if ((order.kind !== 'paid_service' && order.kind !== 'repair') || !order.unitId || !order.chargeAmount || compare(order.chargeAmount, '0') <= 0) return null;
  const today = todayInShanghai(now);
  const materials = order.materials.map((m) => `${m.name}×${m.quantity}${m.unit ?? ''}`).join('、');
  const explanation = `${order.kind === 'repair' ? '有偿维修' : '特约服务'} ${order.number}：${order.completionNotes ?? ''}${materials ? `（材料：${materials}）` : ''} = ${formatYuan(order.chargeAmount)}`;
  const [row] = await tx
    .insert(charges)
    .values({
      estateId: order.estateId,
      unitId: order.unitId,
      feeItemId: await serviceFeeItem(tx, order.estateId),
      period: periodOf(now),
      lineKey: `wo:${order.id}:${order.reopenCount}`,
      amount: order.chargeAmount,
      explanation: explanation.slice(0, 500),
      detail: { kind: 'service', workOrderId: order.id, number: order.number },
      dueDate: addDays(today, DUE_DAYS),
      source: 'service',
    })
    .returning({ id: charges.id });
  await offsetFromPrepaid(tx, null, [order.unitId]);
  return row!.id;
}
