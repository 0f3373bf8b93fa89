// Staff accounts and role grants: a grant gives one role on one org node and covers its subtree.
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { orgNodes } from './org';

export const staffAccounts = pgTable('staff_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique('staff_username_uq'),
  name: text('name').notNull(),
  phone: text('phone'),
  /** scrypt$N$r$p$salt$hash — see lib/password.ts. */
  passwordHash: text('password_hash').notNull(),
  /** The node the account belongs to; staff lists are scoped by it. */
  homeNodeId: uuid('home_node_id')
    .notNull()
    .references(() => orgNodes.id),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    role: text('role').notNull(),
    nodeId: uuid('node_id')
      .notNull()
      .references(() => orgNodes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('grants_staff_role_node_uq').on(t.staffId, t.role, t.nodeId),
    index('grants_staff_idx').on(t.staffId),
    check(
      'grants_role_ck',
      sql`${t.role} in ('group_admin','company_manager','office_manager','customer_service','cashier','technician','meter_reader')`,
    ),
  ],
);
