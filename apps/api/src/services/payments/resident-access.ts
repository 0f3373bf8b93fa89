/**
 * What a resident may see: only units they have a live binding to. Anything else — another unit, a charge,
 * an order or a receipt of one — is 404, so the API never confirms that it exists.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { residentBindings } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { loadUnitHeader } from '../billing/account';

export async function isBound(db: DbOrTx, residentId: string, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: residentBindings.id })
    .from(residentBindings)
    .where(and(eq(residentBindings.residentId, residentId), eq(residentBindings.unitId, unitId), isNull(residentBindings.revokedAt)))
    .limit(1);
  return row !== undefined;
}

/** The unit's header (estate, building, number, owner) when the resident is bound to it; 404 otherwise. */
export async function residentUnit(db: DbOrTx, residentId: string, unitId: string, entity = 'unit') {
  if (!(await isBound(db, residentId, unitId))) throw new NotFoundError(entity);
  return loadUnitHeader(db as Parameters<typeof loadUnitHeader>[0], unitId);
}
