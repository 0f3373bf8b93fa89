// Parties 客户 (persons or companies) and their occupancies of units (owner / tenant / family, with dates).
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgNodes, units } from './org';

export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['person', 'company'] }).notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    /** Stored whole for matching and official use; every API response masks it. */
    idNumber: text('id_number'),
    /** The org node that manages this record (an office or estate): its scope. */
    orgNodeId: uuid('org_node_id')
      .notNull()
      .references(() => orgNodes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('parties_org_idx').on(t.orgNodeId),
    index('parties_phone_idx').on(t.phone),
    index('parties_name_idx').on(t.name),
    check('parties_kind_ck', sql`${t.kind} in ('person','company')`),
  ],
);

export const occupancies = pgTable(
  'occupancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    relation: text('relation', { enum: ['owner', 'tenant', 'family'] }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('occupancies_unit_idx').on(t.unitId),
    index('occupancies_party_idx').on(t.partyId),
    check('occupancies_relation_ck', sql`${t.relation} in ('owner','tenant','family')`),
    check('occupancies_dates_ck', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);
