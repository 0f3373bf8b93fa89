/**
 * A large estate for benchmarks: `npm run seed -- --units 100000` adds one estate of N units (30 floors ×
 * 4 units a building), each with an owner, under the demo company's first office. The rows are generated
 * inside the database with generate_series — one statement per table instead of 100,000 parameter sets.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { estates, orgNodes } from '../db/schema';
import { GIVEN_NAMES, SURNAMES } from './names';
import { SORT_KEY_SEPARATOR, naturalKey } from '@pm/domain';

const FLOORS = 30;
const PER_FLOOR = 4;
const PER_BUILDING = FLOORS * PER_FLOOR;
const AREAS = ['89.37', '96.52', '118.60', '132.15'];

const textArray = (items: readonly string[]) =>
  sql`ARRAY[${sql.join(
    items.map((s) => sql`${s}`),
    sql`, `,
  )}]::text[]`;

export async function seedLargeEstate(db: Db, count: number, name = `大型测试小区 ${count}`) {
  // Under the demo office manager's office (西湖管理处), so `manager` sees it; else the first office.
  const [office] = await db
    .select({ id: orgNodes.id, path: orgNodes.path })
    .from(orgNodes)
    .where(eq(orgNodes.kind, 'office'))
    .orderBy(sql`${orgNodes.id} <> coalesce((select home_node_id from staff_accounts where username = 'manager'), ${orgNodes.id})`, asc(orgNodes.name))
    .limit(1);
  if (!office) throw new Error('seed the demo company first (npm start once)');
  const buildingCount = Math.ceil(count / PER_BUILDING);
  return db.transaction(async (tx) => {
    const estateId = randomUUID();
    await tx.insert(orgNodes).values({ id: estateId, parentId: office.id, kind: 'estate', name, path: [...office.path, estateId] });
    await tx.insert(estates).values({ id: estateId, officeId: office.id, kind: 'residential', address: '基准测试数据' });
    await tx.execute(sql`
      insert into buildings (id, estate_id, name, floors)
      select gen_random_uuid(), ${estateId}, g || '号楼', ${FLOORS} from generate_series(1, ${buildingCount}::int) g`);
    await tx.execute(sql`
      insert into units (id, estate_id, building_id, number, floor, building_area, type, state, sort_key)
      select gen_random_uuid(), ${estateId}, b.id, x.number, x.floor,
             (${textArray(AREAS)})[i % ${PER_FLOOR} + 1]::numeric(12,2), 'residential', 'occupied',
             -- The same key @pm/domain's unitSortKey makes: digit runs padded to 10, floor + 1000 to 5.
             ${naturalKey(name)} || ${SORT_KEY_SEPARATOR} || lpad(x.b::text, 10, '0') || '号楼' || ${SORT_KEY_SEPARATOR}
               || lpad((x.floor + 1000)::text, 5, '0') || ${SORT_KEY_SEPARATOR}
               || lpad(x.b::text, 10, '0') || '-' || lpad((x.floor * 100 + p.u)::text, 10, '0')
      from generate_series(0, ${count - 1}::int) i
      cross join lateral (select i / ${PER_BUILDING} + 1 as b, (i % ${PER_BUILDING}) / ${PER_FLOOR} + 1 as floor, i % ${PER_FLOOR} + 1 as u) p
      cross join lateral (select p.b, p.floor, p.b || '-' || p.floor || lpad(p.u::text, 2, '0') as number) x
      join buildings b on b.estate_id = ${estateId} and b.name = x.b || '号楼'`);
    // One owner per unit: a mapping table gives each unit its party id, used by both inserts below.
    await tx.execute(sql`
      create temp table seed_owner_map on commit drop as
      select u.id as unit_id, gen_random_uuid() as party_id, row_number() over (order by u.id) as n
      from units u where u.estate_id = ${estateId}`);
    await tx.execute(sql`
      insert into parties (id, kind, name, phone, org_node_id)
      select m.party_id, 'person',
             (${textArray(SURNAMES)})[1 + (m.n * 7) % ${SURNAMES.length}] || (${textArray(GIVEN_NAMES)})[1 + (m.n * 13) % ${GIVEN_NAMES.length}],
             '15' || lpad((m.n * 7919 % 999999999)::text, 9, '0'),
             ${office.id}
      from seed_owner_map m`);
    await tx.execute(sql`
      insert into occupancies (unit_id, party_id, relation, start_date)
      select m.unit_id, m.party_id, 'owner', date '2020-01-01' from seed_owner_map m`);
    return { estateId, buildings: buildingCount, units: count };
  });
}
