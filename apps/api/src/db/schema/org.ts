// Organisation tree and property: group → company → office → estate (org_nodes), then buildings and units.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, customType, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Text compared byte by byte (COLLATE "C"), for sort keys whose order must not depend on the locale. */
const byteText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const orgNodes = pgTable(
  'org_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgNodes.id),
    kind: text('kind', { enum: ['group', 'company', 'office', 'estate'] }).notNull(),
    name: text('name').notNull(),
    /** Ids from the root down to this node, inclusive: scope checks are `path && ARRAY[grant roots]`. */
    path: uuid('path').array().notNull(),
    ...timestamps,
  },
  (t) => [
    index('org_nodes_parent_idx').on(t.parentId),
    index('org_nodes_path_gin').using('gin', t.path),
    unique('org_nodes_parent_name_uq').on(t.parentId, t.name),
    check('org_nodes_kind_ck', sql`${t.kind} in ('group','company','office','estate')`),
  ],
);

/** An estate 项目/小区 is an org node (same id) with property attributes. */
export const estates = pgTable(
  'estates',
  {
    id: uuid('id')
      .primaryKey()
      .references(() => orgNodes.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => orgNodes.id),
    kind: text('kind', { enum: ['residential', 'commercial', 'mixed'] }).notNull(),
    address: text('address').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('estates_office_idx').on(t.officeId),
    check('estates_kind_ck', sql`${t.kind} in ('residential','commercial','mixed')`),
  ],
);

export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    name: text('name').notNull(),
    floors: integer('floors').notNull().default(1),
    ...timestamps,
  },
  (t) => [unique('buildings_estate_name_uq').on(t.estateId, t.name), check('buildings_floors_ck', sql`${t.floors} between 1 and 300`)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    number: text('number').notNull(),
    floor: integer('floor').notNull(),
    buildingArea: numeric('building_area', { precision: 12, scale: 2 }).notNull(),
    insideArea: numeric('inside_area', { precision: 12, scale: 2 }),
    type: text('type', { enum: ['residential', 'shop', 'office', 'parking', 'storage'] }).notNull(),
    state: text('state', { enum: ['vacant', 'occupied', 'renovating'] }).notNull().default('vacant'),
    /** estate · building · floor · number in natural order (@pm/domain unitSortKey): lists page by index. */
    sortKey: byteText('sort_key').notNull(),
    ...timestamps,
  },
  (t) => [
    unique('units_building_number_uq').on(t.buildingId, t.number),
    index('units_sort_idx').on(t.sortKey),
    index('units_estate_sort_idx').on(t.estateId, t.sortKey),
    index('units_building_sort_idx').on(t.buildingId, t.sortKey),
    index('units_number_idx').on(t.number),
    check('units_area_ck', sql`${t.buildingArea} > 0 and (${t.insideArea} is null or ${t.insideArea} > 0)`),
    check('units_type_ck', sql`${t.type} in ('residential','shop','office','parking','storage')`),
    check('units_state_ck', sql`${t.state} in ('vacant','occupied','renovating')`),
  ],
);
