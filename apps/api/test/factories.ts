/** Factories with overrides: make the records a test needs beyond the seeded demo company. */
import { randomUUID } from 'node:crypto';
import type { Role } from '@pm/domain';
import type { Db } from '../src/db';
import { grants, parties, staffAccounts, units } from '../src/db/schema';
import { hashPassword } from '../src/lib/password';

let n = 0;
const next = () => `${Date.now().toString(36)}${++n}`;

export async function makeStaff(
  db: Db,
  o: { homeNodeId: string; username?: string; name?: string; password?: string; grants?: { role: Role; nodeId: string }[] },
) {
  const [row] = await db
    .insert(staffAccounts)
    .values({
      username: o.username ?? `staff${next()}`,
      name: o.name ?? '测试员工',
      passwordHash: await hashPassword(o.password ?? 'demo1234'),
      homeNodeId: o.homeNodeId,
    })
    .returning();
  if (o.grants?.length) await db.insert(grants).values(o.grants.map((g) => ({ ...g, staffId: row!.id })));
  return row!;
}

export async function makeUnit(
  db: Db,
  o: { estateId: string; buildingId: string; number?: string; floor?: number; buildingArea?: string; type?: 'residential' | 'shop' },
) {
  const [row] = await db
    .insert(units)
    .values({
      id: randomUUID(),
      estateId: o.estateId,
      buildingId: o.buildingId,
      number: o.number ?? `T-${next()}`,
      floor: o.floor ?? 1,
      buildingArea: o.buildingArea ?? '80.00',
      type: o.type ?? 'residential',
    })
    .returning();
  return row!;
}

export async function makeParty(db: Db, o: { orgNodeId: string; name?: string; phone?: string | null }) {
  const [row] = await db
    .insert(parties)
    .values({ kind: 'person', name: o.name ?? '测试客户', phone: o.phone === undefined ? `139${String(Date.now()).slice(-8)}` : o.phone, orgNodeId: o.orgNodeId })
    .returning();
  return row!;
}
