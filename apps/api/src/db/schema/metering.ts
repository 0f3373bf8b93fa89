// Meters 仪表, reading routes 抄表路线 and readings 读数 (append-only, client-made ids), plus the log of
// applied sync commands that makes every offline command idempotent.
import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { estates, units } from './org';
import { staffAccounts } from './staff';

export const meters = pgTable(
  'meters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    /** The unit a unit meter measures; null for shared/master meters (see meter_shares). */
    unitId: uuid('unit_id').references(() => units.id),
    scope: text('scope', { enum: ['unit', 'shared', 'master'] }).notNull(),
    type: text('type', { enum: ['cold_water', 'hot_water', 'electricity', 'gas'] }).notNull(),
    serial: text('serial').notNull(),
    /** What the QR/bar code on the meter says; typed or scanned to find it. */
    code: text('code'),
    multiplier: numeric('multiplier', { precision: 12, scale: 4 }).notNull().default('1'),
    digits: integer('digits').notNull(),
    installDate: date('install_date', { mode: 'string' }),
    initialReading: numeric('initial_reading', { precision: 14, scale: 3 }).notNull().default('0'),
    state: text('state', { enum: ['active', 'replaced'] }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('meters_code_uq').on(t.code),
    unique('meters_estate_serial_uq').on(t.estateId, t.type, t.serial),
    index('meters_unit_idx').on(t.unitId),
    check('meters_digits_ck', sql`${t.digits} between 4 and 10`),
    check('meters_multiplier_ck', sql`${t.multiplier} > 0`),
    check('meters_scope_unit_ck', sql`(${t.scope} = 'unit') = (${t.unitId} is not null)`),
  ],
);

/** The units a shared meter serves (公摊). */
export const meterShares = pgTable(
  'meter_shares',
  {
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.meterId, t.unitId] })],
);

export const readingRoutes = pgTable(
  'reading_routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    period: text('period').notNull(),
    name: text('name').notNull(),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => staffAccounts.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reading_routes_reader_idx').on(t.readerId, t.period),
    check('reading_routes_period_ck', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

export const routeMeters = pgTable(
  'route_meters',
  {
    routeId: uuid('route_id')
      .notNull()
      .references(() => readingRoutes.id),
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.meterId] })],
);

/**
 * Readings are append-only: the id is made on the phone and doubles as the idempotency key. A correction
 * or a second reading of the same meter in a period is a new row that supersedes the older one.
 */
export const readings = pgTable(
  'readings',
  {
    id: uuid('id').primaryKey(),
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id),
    routeId: uuid('route_id').references(() => readingRoutes.id),
    period: text('period').notNull(),
    value: numeric('value', { precision: 14, scale: 3 }).notNull(),
    previous: numeric('previous', { precision: 14, scale: 3 }).notNull(),
    usage: numeric('usage', { precision: 18, scale: 4 }),
    kind: text('kind', { enum: ['normal', 'rollover', 'replaced'] }),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    explanation: text('explanation'),
    status: text('status', { enum: ['pending_review', 'approved', 'sent_back'] }).notNull(),
    note: text('note'),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** When it was read, by the phone's clock; received_at is when the server got it. */
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    supersedesId: uuid('supersedes_id'),
    /** The last review action: approve (with an optional note), send back (the reason), or a correction. */
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => staffAccounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** Why a reviewer asked the reader to read the meter again (shown on the reader's route). */
    sentBackReason: text('sent_back_reason'),
  },
  (t) => [
    index('readings_meter_period_idx').on(t.meterId, t.period, t.takenAt),
    index('readings_route_idx').on(t.routeId),
    index('readings_period_idx').on(t.period, t.meterId),
    check('readings_period_ck', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('readings_value_ck', sql`${t.value} >= 0`),
    check('readings_sent_back_ck', sql`${t.status} <> 'sent_back' or ${t.sentBackReason} is not null`),
  ],
);

/**
 * A meter replacement 换表. The meter row is the metering point and keeps its id; replacing it records the
 * old dial (its last reading, multiplier, digits) and the new one here, and moves the meter row to the new
 * dial in the same transaction. The id is made by the client: it is the idempotency key.
 */
export const meterReplacements = pgTable(
  'meter_replacements',
  {
    id: uuid('id').primaryKey(),
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id),
    replacedOn: date('replaced_on', { mode: 'string' }).notNull(),
    oldSerial: text('old_serial').notNull(),
    oldCode: text('old_code'),
    /** The old dial's last reading, read when it was taken off. */
    oldFinal: numeric('old_final', { precision: 14, scale: 3 }).notNull(),
    oldMultiplier: numeric('old_multiplier', { precision: 12, scale: 4 }).notNull(),
    oldDigits: integer('old_digits').notNull(),
    newSerial: text('new_serial').notNull(),
    newCode: text('new_code'),
    /** The new dial's reading when it was installed (often 0). */
    newInitial: numeric('new_initial', { precision: 14, scale: 3 }).notNull(),
    newMultiplier: numeric('new_multiplier', { precision: 12, scale: 4 }).notNull(),
    newDigits: integer('new_digits').notNull(),
    note: text('note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meter_replacements_meter_idx').on(t.meterId, t.createdAt),
    check('meter_replacements_digits_ck', sql`${t.oldDigits} between 4 and 10 and ${t.newDigits} between 4 and 10`),
    check('meter_replacements_multiplier_ck', sql`${t.oldMultiplier} > 0 and ${t.newMultiplier} > 0`),
    check('meter_replacements_values_ck', sql`${t.oldFinal} >= 0 and ${t.newInitial} >= 0`),
  ],
);

/** Every offline command the server has applied, by its client-made id: a replay answers from here. */
export const syncCommands = pgTable('sync_commands', {
  id: uuid('id').primaryKey(),
  type: text('type').notNull(),
  deviceId: text('device_id').notNull(),
  staffId: uuid('staff_id')
    .notNull()
    .references(() => staffAccounts.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
  result: jsonb('result'),
});

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Photos taken with an offline command (a meter's dial, a repair), uploaded after the command synced.
 * The id is made on the phone: uploading the same photo again changes nothing.
 */
export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey(),
    commandId: uuid('command_id')
      .notNull()
      .references(() => syncCommands.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('photos_command_idx').on(t.commandId), check('photos_size_ck', sql`${t.size} between 1 and 5242880`)],
);
