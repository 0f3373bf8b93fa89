// Payment reminders 催缴记录: each time someone reminded a unit in arrears (a call, a printed notice, a visit,
// an SMS), with what the unit owed past due at that moment. Append-only, like the ledger it is about.
import { sql } from 'drizzle-orm';
import { check, index, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { estates, units } from './org';
import { staffAccounts } from './staff';

export const REMINDER_KINDS = ['phone', 'notice', 'visit', 'sms'] as const;

export const paymentReminders = pgTable(
  'payment_reminders',
  {
    /** Client-made where the record is born on a phone: the same id again is the same reminder. */
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind', { enum: REMINDER_KINDS }).notNull(),
    note: text('note').notNull().default(''),
    /** What the unit owed past due (charges due before that day, Beijing) when it was reminded. */
    owedAtTime: numeric('owed_at_time', { precision: 14, scale: 2 }).notNull(),
    /** When the reminder happened (a call made earlier can be recorded later); created_at is when it was recorded. */
    contactedAt: timestamp('contacted_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_reminders_unit_idx').on(t.unitId, t.contactedAt),
    check('payment_reminders_kind_ck', sql`${t.kind} in ('phone', 'notice', 'visit', 'sms')`),
  ],
);
