/**
 * Notices 公告 (issue 6): staff of an estate publish a notice to the whole estate, to some of its buildings or
 * to some units; residents bound to a unit it reaches read it in their app. Attachments (PDF or images) are
 * kept in the database like meter photos, so a backup of the database is a backup of everything.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { buildings, estates, units } from './org';
import { residentAccounts } from './residents';
import { staffAccounts } from './staff';

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const NOTICE_TARGET_KINDS = ['estate', 'building', 'unit'] as const;
/** What an attachment may be; the type is read from the file's first bytes, not from what the browser says. */
export const NOTICE_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_NOTICE_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const notices = pgTable(
  'notices',
  {
    /** May be made by the client: creating with the same id again answers the stored notice. */
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    status: text('status', { enum: NOTICE_STATUSES }).notNull().default('draft'),
    /** Set when published: residents see the notice from then on (a future time schedules it). */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** Residents no longer see it after this time; null: until withdrawn. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    publishedBy: uuid('published_by').references(() => staffAccounts.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notices_estate_idx').on(t.estateId, t.status, t.publishAt),
    check('notices_status_ck', sql`${t.status} in ('draft', 'published', 'withdrawn')`),
    // A published or withdrawn notice always has its publication time; a draft has none.
    check('notices_publish_at_ck', sql`(${t.status} = 'draft') = (${t.publishAt} is null)`),
    check('notices_expiry_ck', sql`${t.expiresAt} is null or ${t.publishAt} is null or ${t.expiresAt} > ${t.publishAt}`),
  ],
);

/**
 * Who a notice reaches: the whole estate (one `estate` row), or buildings and units of the notice's estate.
 * Exactly one of building_id / unit_id is set for those kinds, neither for `estate`.
 */
export const noticeTargets = pgTable(
  'notice_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTICE_TARGET_KINDS }).notNull(),
    buildingId: uuid('building_id').references(() => buildings.id),
    unitId: uuid('unit_id').references(() => units.id),
  },
  (t) => [
    index('notice_targets_notice_idx').on(t.noticeId),
    index('notice_targets_building_idx').on(t.buildingId),
    index('notice_targets_unit_idx').on(t.unitId),
    uniqueIndex('notice_targets_estate_uq').on(t.noticeId).where(sql`${t.kind} = 'estate'`),
    uniqueIndex('notice_targets_building_uq').on(t.noticeId, t.buildingId).where(sql`${t.buildingId} is not null`),
    uniqueIndex('notice_targets_unit_uq').on(t.noticeId, t.unitId).where(sql`${t.unitId} is not null`),
    check(
      'notice_targets_kind_ck',
      sql`(${t.kind} = 'estate' and ${t.buildingId} is null and ${t.unitId} is null)
       or (${t.kind} = 'building' and ${t.buildingId} is not null and ${t.unitId} is null)
       or (${t.kind} = 'unit' and ${t.unitId} is not null and ${t.buildingId} is null)`,
    ),
  ],
);

/** A file shown with the notice (a PDF of the announcement, a photo, a map). Upload by a client-made id. */
export const noticeAttachments = pgTable(
  'notice_attachments',
  {
    id: uuid('id').primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notice_attachments_notice_idx').on(t.noticeId, t.createdAt),
    check('notice_attachments_size_ck', sql`${t.size} between 1 and 5242880`),
    check('notice_attachments_type_ck', sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')`),
  ],
);

/** A resident opened the notice (or marked all read): the unread mark goes away. */
export const noticeReads = pgTable(
  'notice_reads',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residentAccounts.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'notice_reads_pk', columns: [t.noticeId, t.residentId] }), index('notice_reads_resident_idx').on(t.residentId)],
);
