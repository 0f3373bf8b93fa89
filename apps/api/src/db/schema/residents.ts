// Resident accounts (by phone), their verified bindings to units, and the invite codes staff issue.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './org';
import { staffAccounts } from './staff';

export const residentAccounts = pgTable('resident_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  phone: text('phone').notNull().unique('resident_phone_uq'),
  name: text('name').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const residentBindings = pgTable(
  'resident_bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residentAccounts.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    relation: text('relation', { enum: ['owner', 'tenant', 'family'] }).notNull(),
    via: text('via', { enum: ['invite', 'match', 'seed'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => staffAccounts.id),
  },
  (t) => [
    // One live binding per resident and unit; revoked ones stay as history.
    uniqueIndex('resident_bindings_live_uq').on(t.residentId, t.unitId).where(sql`${t.revokedAt} is null`),
    index('resident_bindings_unit_idx').on(t.unitId),
    check('resident_bindings_relation_ck', sql`${t.relation} in ('owner','tenant','family')`),
  ],
);

export const unitInvites = pgTable('unit_invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique('unit_invites_code_uq'),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  relation: text('relation', { enum: ['owner', 'tenant', 'family'] }).notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => staffAccounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: uuid('used_by').references(() => residentAccounts.id),
});
