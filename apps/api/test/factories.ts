/** Factories with overrides: make the records a test needs beyond the seeded demo company. */
import type { Role } from '@pm/domain';
import type { Db } from '../src/db';
import { grants, staffAccounts } from '../src/db/schema';
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
