/**
 * A large estate for benchmarks: `npm run seed -- --units 100000` adds one estate of N units (30 floors ×
 * 4 units a building), each with an owner, under the demo company's first office.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { buildings, estates, occupancies, orgNodes, parties, units } from '../db/schema';
import { personName, phoneFor, rng } from './names';

const FLOORS = 30;
const PER_FLOOR = 4;

export async function seedLargeEstate(db: Db, count: number, name = `大型测试小区 ${count}`) {
  const [office] = await db.select().from(orgNodes).where(and(eq(orgNodes.kind, 'office'))).orderBy(orgNodes.name).limit(1);
  if (!office) throw new Error('seed the demo company first (npm start once)');
  const r = rng(count);
  return db.transaction(async (tx) => {
    const estateId = randomUUID();
    await tx.insert(orgNodes).values({ id: estateId, parentId: office.id, kind: 'estate', name, path: [...office.path, estateId] });
    await tx.insert(estates).values({ id: estateId, officeId: office.id, kind: 'residential', address: '基准测试数据' });
    const perBuilding = FLOORS * PER_FLOOR;
    const buildingCount = Math.ceil(count / perBuilding);
    const buildingIds = Array.from({ length: buildingCount }, () => randomUUID());
    for (let i = 0; i < buildingCount; i += 1000) {
      await tx.insert(buildings).values(buildingIds.slice(i, i + 1000).map((id, j) => ({ id, estateId, name: `${i + j + 1}号楼`, floors: FLOORS })));
    }
    const BATCH = 2000;
    for (let start = 0; start < count; start += BATCH) {
      const unitRows: (typeof units.$inferInsert)[] = [];
      const partyRows: (typeof parties.$inferInsert)[] = [];
      const occRows: (typeof occupancies.$inferInsert)[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const b = Math.floor(i / perBuilding);
        const floor = Math.floor((i % perBuilding) / PER_FLOOR) + 1;
        const u = (i % PER_FLOOR) + 1;
        const id = randomUUID();
        const partyId = randomUUID();
        unitRows.push({ id, estateId, buildingId: buildingIds[b]!, number: `${b + 1}-${floor}${String(u).padStart(2, '0')}`, floor, buildingArea: ['89.37', '96.52', '118.60', '132.15'][u - 1]!, type: 'residential', state: 'occupied' });
        partyRows.push({ id: partyId, kind: 'person', name: personName(r), phone: phoneFor(100000 + i), orgNodeId: office.id });
        occRows.push({ unitId: id, partyId, relation: 'owner', startDate: '2020-01-01' });
      }
      await tx.insert(units).values(unitRows);
      await tx.insert(parties).values(partyRows);
      await tx.insert(occupancies).values(occRows);
    }
    return { estateId, buildings: buildingCount, units: count };
  });
}
