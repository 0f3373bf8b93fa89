/**
 * Loads a staff member with their grants (and each grant's node path) — the actor of a staff request.
 * One query, session included: this runs on every staff request, and on embedded PGlite each round trip
 * costs more than the work in it.
 */
import type { Role } from '@pm/domain';
import { type SQL, and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { grants, orgNodes, sessions, staffAccounts } from '../../db/schema';
import type { StaffActor } from '../../lib/context';

async function loadWhere(db: DbOrTx, staffIdIs: SQL): Promise<StaffActor | undefined> {
  const rows = await db
    .select({
      id: staffAccounts.id,
      username: staffAccounts.username,
      name: staffAccounts.name,
      phone: staffAccounts.phone,
      homeNodeId: staffAccounts.homeNodeId,
      grantId: grants.id,
      role: grants.role,
      nodeId: grants.nodeId,
      nodeName: orgNodes.name,
      nodeKind: orgNodes.kind,
      nodePath: orgNodes.path,
    })
    .from(staffAccounts)
    .leftJoin(grants, eq(grants.staffId, staffAccounts.id))
    .leftJoin(orgNodes, eq(orgNodes.id, grants.nodeId))
    .where(and(staffIdIs, eq(staffAccounts.active, true)));
  const staff = rows[0];
  if (!staff) return undefined;
  return {
    kind: 'staff',
    id: staff.id,
    username: staff.username,
    name: staff.name,
    phone: staff.phone,
    homeNodeId: staff.homeNodeId,
    grants: rows
      .filter((r) => r.grantId && r.nodeId && r.nodeName && r.nodeKind && r.nodePath)
      .map((r) => ({ id: r.grantId!, role: r.role as Role, nodeId: r.nodeId!, nodeName: r.nodeName!, nodeKind: r.nodeKind!, nodePath: r.nodePath! })),
  };
}

export function loadStaffActor(db: DbOrTx, staffId: string) {
  return loadWhere(db, eq(staffAccounts.id, staffId));
}

/** The active staff member whose live session has this token hash. */
export function loadStaffActorBySession(db: DbOrTx, sessionId: string, now: Date) {
  return loadWhere(
    db,
    sql`${staffAccounts.id} = (select ${sessions.subjectId} from ${sessions} where ${and(eq(sessions.id, sessionId), eq(sessions.kind, 'staff'), gt(sessions.expiresAt, now))})`,
  );
}
