/**
 * 催缴提醒 the resident sees: the payment reminders billing recorded on their bound units in the last 90 days
 * (table payment_reminders), newest first — how and when the office reminded, and what the unit owed past
 * due at that moment.
 *
 * The staff's `note` is never shown. It is the office's own working text ("业主说月底交", "已送达催缴通知书，
 * 缴费期限 …"); the printed 催缴通知书 itself is not stored (the notices report writes nothing), so there is no
 * printed text to show. The resident app words each reminder itself from its kind, date, unit and amount.
 */
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { buildings, orgNodes, paymentReminders, units } from '../../../db/schema';
import type { ResidentContext } from '../../../lib/context';
import { myUnits } from './visible';

export const REMINDER_DAYS = 90;
const MAX_REMINDERS = 50;

export async function listResidentReminders({ ctx }: { ctx: ResidentContext }) {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - REMINDER_DAYS * 86_400_000);
  const rows = await ctx.db
    .select({
      id: paymentReminders.id,
      unitId: paymentReminders.unitId,
      estateName: orgNodes.name,
      buildingName: buildings.name,
      unitNumber: units.number,
      kind: paymentReminders.kind,
      at: paymentReminders.contactedAt,
      owedAtTime: paymentReminders.owedAtTime,
    })
    .from(paymentReminders)
    .innerJoin(units, eq(units.id, paymentReminders.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(orgNodes, eq(orgNodes.id, units.estateId))
    .where(and(inArray(paymentReminders.unitId, sql`(${myUnits(ctx.actor.id)})`), gte(paymentReminders.contactedAt, since), lte(paymentReminders.contactedAt, now)))
    .orderBy(desc(paymentReminders.contactedAt), desc(paymentReminders.id))
    .limit(MAX_REMINDERS);
  return { days: REMINDER_DAYS, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
