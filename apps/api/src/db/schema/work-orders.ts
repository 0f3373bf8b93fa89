/**
 * Work orders 工单: repairs, complaints, paid services and internal jobs. The columns are the fields of
 * @pm/domain `WorkOrder` (the rules read and write those), plus the estate, the number 工单号 and who filed
 * it. Every accepted command is one `work_order_events` row whose id is the command's client-made id: the
 * idempotency key of the online endpoint and of the offline sync alike (a replay finds the row).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { charges } from './billing';
import { bytea } from './metering';
import { estates, units } from './org';
import { residentAccounts } from './residents';
import { staffAccounts } from './staff';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    kind: text('kind', { enum: ['repair', 'complaint', 'paid_service', 'internal'] }).notNull(),
    state: text('state').notNull(),
    category: text('category').notNull(),
    priority: text('priority', { enum: ['urgent', 'high', 'normal', 'low'] }).notNull(),
    location: text('location', { enum: ['unit', 'common_area'] }),
    unitId: uuid('unit_id').references(() => units.id),
    description: text('description').notNull(),
    reportPhotos: jsonb('report_photos').$type<string[]>().notNull().default([]),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    appointmentAt: at('appointment_at'),
    /** The resident account or the staff member who filed it (`reported_by` says which). */
    reporterId: uuid('reporter_id').notNull(),
    reportedBy: text('reported_by').notNull(),
    /** The resident it concerns when staff filed it for them (phone, counter), or who filed it in the app. */
    residentId: uuid('resident_id').references(() => residentAccounts.id),
    /** Complaints only: the reporter's name is hidden from everyone but managers. */
    anonymous: boolean('anonymous').notNull().default(false),
    submittedAt: at('submitted_at').notNull(),
    responseDueAt: at('response_due_at').notNull(),
    completeDueAt: at('complete_due_at').notNull(),
    respondedAt: at('responded_at'),
    assigneeId: uuid('assignee_id').references(() => staffAccounts.id),
    assignedAt: at('assigned_at'),
    assignedVia: text('assigned_via'),
    acceptedAt: at('accepted_at'),
    startedAt: at('started_at'),
    holdReason: text('hold_reason'),
    heldAt: at('held_at'),
    completedAt: at('completed_at'),
    completionNotes: text('completion_notes'),
    completionPhotos: jsonb('completion_photos').$type<string[]>().notNull().default([]),
    materials: jsonb('materials').$type<{ name: string; quantity: string; unit?: string }[]>().notNull().default([]),
    labourMinutes: integer('labour_minutes'),
    chargeAmount: numeric('charge_amount', { precision: 14, scale: 2 }),
    /** The billing charge posted for paid work (the resident pays it with their other bills). */
    chargeId: uuid('charge_id').references(() => charges.id),
    replyText: text('reply_text'),
    survey: jsonb('survey'),
    closedAt: at('closed_at'),
    closeReason: text('close_reason'),
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    cancelledBy: text('cancelled_by'),
    reopenCount: integer('reopen_count').notNull().default(0),
    reopenedAt: at('reopened_at'),
    reopenReason: text('reopen_reason'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: at('escalated_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('work_orders_number_uq').on(t.estateId, t.number),
    index('work_orders_estate_state_idx').on(t.estateId, t.state),
    index('work_orders_assignee_idx').on(t.assigneeId, t.state),
    index('work_orders_estate_submitted_idx').on(t.estateId, t.submittedAt),
    index('work_orders_unit_idx').on(t.unitId),
    index('work_orders_resident_idx').on(t.residentId),
    // The orders not closed or cancelled (a few thousand beside years of closed ones): the minute timers look for
    // late and at-risk orders and waiting surveys among these only, instead of scanning every order ever filed
    // (with a million: 0.4 s on PostgreSQL, 0.8 s on PGlite per query, every minute; 25 ms / 0.15 s with it).
    index('work_orders_open_idx')
      .on(t.state)
      .where(sql`${t.state} not in ('closed', 'cancelled')`),
    check('work_orders_charge_ck', sql`${t.chargeAmount} is null or ${t.chargeAmount} >= 0`),
  ],
);

/** 工单日志: one row per accepted command (and the creation). `id` is the command's id: applied once. */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: uuid('id').primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    /** A domain command, 'submit' for the creation, or 'comment'. */
    command: text('command').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staffAccounts.id),
    actorResidentId: uuid('actor_resident_id').references(() => residentAccounts.id),
    /** When the person did it (the phone's time for a command made offline). */
    at: at('at').notNull(),
    /** When the server got it. */
    receivedAt: at('received_at').notNull(),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('work_order_events_order_idx').on(t.workOrderId, t.at)],
);

/** Photos residents and customer service upload online (technicians' offline photos are sync blobs in `photos`). */
export const workOrderPhotos = pgTable(
  'work_order_photos',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id').references(() => staffAccounts.id),
    residentId: uuid('resident_id').references(() => residentAccounts.id),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [check('work_order_photos_size_ck', sql`${t.size} between 1 and 5242880`), check('work_order_photos_owner_ck', sql`num_nonnulls(${t.staffId}, ${t.residentId}) = 1`)],
);

/** Per-estate settings: category overrides, SLAs per priority, survey/reopen windows, grab, the paid-service price list. */
export const workOrderSettings = pgTable('work_order_settings', {
  estateId: uuid('estate_id')
    .primaryKey()
    .references(() => estates.id),
  settings: jsonb('settings').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** 工单号 per estate and day: GD + yyMMdd + 4 digits. */
export const workOrderSequences = pgTable(
  'work_order_sequences',
  {
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    day: text('day').notNull(),
    next: bigint('next', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.day] })],
);

/** In-app notifications 消息 for staff and residents (assignment, status change, deadline at risk, survey waiting). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id').references(() => staffAccounts.id),
    residentId: uuid('resident_id').references(() => residentAccounts.id),
    kind: text('kind', { enum: ['assigned', 'status', 'at_risk', 'survey', 'comment', 'escalated'] }).notNull(),
    workOrderId: uuid('work_order_id').references(() => workOrders.id),
    /** The event that caused it, so a timer tick or a replay never notifies twice. */
    sourceKey: text('source_key').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    readAt: at('read_at'),
  },
  (t) => [
    unique('notifications_source_uq').on(t.sourceKey, t.staffId, t.residentId).nullsNotDistinct(),
    index('notifications_staff_idx').on(t.staffId, t.createdAt),
    index('notifications_resident_idx').on(t.residentId, t.createdAt),
    check('notifications_owner_ck', sql`num_nonnulls(${t.staffId}, ${t.residentId}) = 1`),
  ],
);
