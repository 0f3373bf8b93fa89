/**
 * The demo's billing: the company's fee items, 翠湖花园's standards (物业费 by area, 水费 with yearly tiers,
 * 电费, 公摊水费 per household, 停车费 for a few units), and the last three months billed through the real
 * billing run — so the cashier has charges to collect and the arrears report has something to show.
 * Runs inside the demo seed's transaction (every query through `tx`).
 */
import { periodOf, shiftPeriod, sum, toMoneyString } from '@pm/domain';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { feeItems, orgNodes, staffAccounts, units } from '../db/schema';
import { type StaffContext, systemClock } from '../lib/context';
import { createFeeStandard } from '../services/billing/fee-standards';
import { getAccount } from '../services/billing/account';
import { collect } from '../services/billing/receipts';
import { postRun } from '../services/billing/runs';

export async function seedBilling(tx: DbOrTx, now = new Date()) {
  const [group] = await tx.select().from(orgNodes).where(eq(orgNodes.kind, 'group'));
  const [company] = await tx.select().from(orgNodes).where(eq(orgNodes.kind, 'company'));
  const [estate] = await tx.select().from(orgNodes).where(and(eq(orgNodes.kind, 'estate'), eq(orgNodes.name, '翠湖花园')));
  const [admin] = await tx.select().from(staffAccounts).where(eq(staffAccounts.username, 'admin'));
  const [cashier] = await tx.select().from(staffAccounts).where(eq(staffAccounts.username, 'cashier'));
  if (!group || !company || !estate || !admin || !cashier) throw new Error('seedBilling needs the demo org and staff');
  const actorOf = (s: typeof admin) => ({
    kind: 'staff' as const,
    id: s.id,
    username: s.username,
    name: s.name,
    phone: null,
    homeNodeId: group.id,
    grants: [{ id: s.id, role: 'group_admin' as const, nodeId: group.id, nodeName: group.name, nodeKind: 'group', nodePath: [group.id] }],
  });
  const ctx: StaffContext = { db: tx as Db, actor: actorOf(admin), clock: systemClock };

  const items = await tx
    .insert(feeItems)
    .values([
      { nodeId: company.id, name: '物业服务费', category: 'service' },
      { nodeId: company.id, name: '水费', category: 'utility' },
      { nodeId: company.id, name: '电费', category: 'utility' },
      { nodeId: company.id, name: '公摊水费', category: 'utility' },
      { nodeId: company.id, name: '停车管理费', category: 'parking' },
      { nodeId: company.id, name: '垃圾清运费', category: 'sanitation' },
      { nodeId: company.id, name: '装修押金', category: 'deposit' },
    ])
    .returning();
  const item = (name: string) => items.find((i) => i.name === name)!.id;

  const period = periodOf(now);
  const from = `${shiftPeriod(period, -3)}-01`;
  const estateWide = [{ targetKind: 'estate' as const, targetId: estate.id }];
  await createFeeStandard({
    ctx,
    input: { estateId: estate.id, feeItemId: item('物业服务费'), name: '住宅物业费 ¥2.35/m²·月', kind: 'area', params: { unitPrice: '2.35', areaBasis: 'building_area' }, cycle: 'monthly', effectiveFrom: from, dueDays: 30, assignments: estateWide },
  });
  await createFeeStandard({
    ctx,
    input: {
      estateId: estate.id,
      feeItemId: item('水费'),
      name: '居民阶梯水价',
      kind: 'metered',
      params: { meterType: 'cold_water', tiers: [{ upTo: '216', price: '2.90' }, { upTo: '300', price: '3.85' }, { upTo: null, price: '6.70' }] },
      cycle: 'monthly',
      effectiveFrom: from,
      dueDays: 30,
      assignments: estateWide,
    },
  });
  await createFeeStandard({
    ctx,
    input: { estateId: estate.id, feeItemId: item('电费'), name: '居民电价 ¥0.538/kWh', kind: 'metered', params: { meterType: 'electricity', price: '0.538' }, cycle: 'monthly', effectiveFrom: from, dueDays: 30, assignments: estateWide },
  });
  await createFeeStandard({
    ctx,
    input: { estateId: estate.id, feeItemId: item('公摊水费'), name: '1栋公区用水按户分摊', kind: 'shared', params: { meterType: 'cold_water', basis: 'household', price: '2.90' }, cycle: 'monthly', effectiveFrom: from, dueDays: 30, assignments: estateWide },
  });
  const parking = await tx.select({ id: units.id }).from(units).where(eq(units.estateId, estate.id)).limit(12);
  await createFeeStandard({
    ctx,
    input: {
      estateId: estate.id,
      feeItemId: item('停车管理费'),
      name: '地面车位 ¥150/月',
      kind: 'fixed',
      params: { amount: '150.00' },
      cycle: 'monthly',
      effectiveFrom: from,
      dueDays: 30,
      assignments: parking.map((u) => ({ targetKind: 'unit' as const, targetId: u.id })),
    },
  });
  for (const back of [3, 2, 1]) await postRun({ ctx, input: { estateId: estate.id, period: shiftPeriod(period, -back) } });

  // 1-101 (the demo resident's home) paid its oldest month at the counter.
  const [home] = await tx.select({ id: units.id }).from(units).where(and(eq(units.estateId, estate.id), eq(units.number, '1-101')));
  const account = await getAccount({ ctx, unitId: home!.id });
  const oldest = account.charges.filter((c) => c.period === shiftPeriod(period, -3));
  if (oldest.length) {
    await collect({
      ctx: { ...ctx, actor: actorOf(cashier) },
      input: { idempotencyKey: crypto.randomUUID(), unitId: home!.id, method: 'wechat', chargeIds: oldest.map((c) => c.id), expectedTotal: toMoneyString(sum(oldest.map((c) => c.owed))) },
    });
  }
}
