/** Per-estate billing rules (空置房优惠, 违约金, 预存优惠, the approval threshold): read and replace. */
import { eq } from 'drizzle-orm';
import { billingSettings } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { StaffContext } from '../../lib/context';
import { authorizeEstate } from './access';

export interface SettingsInput {
  vacancyDiscountPct: string;
  approvalThreshold: string;
  penalty: { dailyRate: string; graceDays: number; cap: { kind: 'amount'; amount: string } | { kind: 'percent'; percent: string } } | null;
  prepayDiscount: { minMonths: number; percentOff: string }[] | null;
}

const DEFAULTS = { vacancyDiscountPct: '0', approvalThreshold: '500.00', penalty: null, prepayDiscount: null };

export async function getSettings({ ctx, estateId }: { ctx: StaffContext; estateId: string }) {
  await authorizeEstate(ctx, estateId, 'fee:read', 'fee:read');
  const [row] = await ctx.db.select().from(billingSettings).where(eq(billingSettings.estateId, estateId));
  if (!row) return { estateId, ...DEFAULTS };
  return {
    estateId,
    vacancyDiscountPct: row.vacancyDiscountPct,
    approvalThreshold: row.approvalThreshold,
    penalty: row.penalty as SettingsInput['penalty'],
    prepayDiscount: row.prepayDiscount as SettingsInput['prepayDiscount'],
  };
}

export async function putSettings({ ctx, estateId, input }: { ctx: StaffContext; estateId: string; input: SettingsInput }) {
  await authorizeEstate(ctx, estateId, 'fee:write', 'fee:read');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(billingSettings).where(eq(billingSettings.estateId, estateId));
    const values = { ...input, updatedAt: ctx.clock.now() };
    await tx
      .insert(billingSettings)
      .values({ estateId, ...values })
      .onConflictDoUpdate({ target: billingSettings.estateId, set: values });
    await writeAudit(tx, ctx.actor, ctx.requestId, { action: 'update', entity: 'billing_settings', entityId: estateId, before: before ?? null, after: input });
  });
  return getSettings({ ctx, estateId });
}
