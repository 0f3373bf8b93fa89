/** Loads a staff member with their grants (and each grant's node path) — the actor of a staff request. */
import { eq } from 'drizzle-orm';
import type { Role } from '@pm/domain';
import type { DbOrTx } from '../../db';
import { grants, orgNodes, staffAccounts } from '../../db/schema';
import type { StaffActor } from '../../lib/context';

export async function loadStaffActor(db: DbOrTx, staffId: string): Promise<StaffActor | undefined> {
  const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, staffId));
  if (!staff?.active) return undefined;
  const rows = await db
    .select({ id: grants.id, role: grants.role, nodeId: grants.nodeId, nodeName: orgNodes.name, nodeKind: orgNodes.kind, nodePath: orgNodes.path })
    .from(grants)
    .innerJoin(orgNodes, eq(orgNodes.id, grants.nodeId))
    .where(eq(grants.staffId, staffId));
  return {
    kind: 'staff',
    id: staff.id,
    username: staff.username,
    name: staff.name,
    phone: staff.phone,
    homeNodeId: staff.homeNodeId,
    grants: rows.map((r) => ({ ...r, role: r.role as Role })),
  };
}
