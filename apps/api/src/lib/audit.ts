/** Writes one audit record; call it inside the transaction of the change, so both land or neither does. */
import type { DbOrTx } from '../db';
import { auditLog } from '../db/schema';
/** Who did it: a staff member, a resident, or the system (seed, jobs). */
export interface AuditActor {
  kind: 'staff' | 'resident' | 'system';
  id?: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(db: DbOrTx, actor: AuditActor, requestId: string | undefined, entry: AuditEntry) {
  await db.insert(auditLog).values({
    actorKind: actor.kind,
    actorId: actor.id ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: stripSecrets(entry.before) ?? null,
    after: stripSecrets(entry.after) ?? null,
    requestId: requestId ?? null,
  });
}

/** Password hashes and codes never go into the audit log. */
function stripSecrets(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'passwordHash' || k === 'codeHash' || k === 'password') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}
