/**
 * Planner statistics after bulk writes. PostgreSQL's autovacuum catches up on its own, eventually; PGlite
 * has no autovacuum at all. Without fresh statistics a 100,000-unit list is planned as if it had 400 rows
 * (a full sort instead of an index scan), so seeds and imports analyse right after they load, and the
 * server analyses embedded databases when it starts.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './index';

export async function refreshStatistics(db: DbOrTx) {
  await db.execute(sql`analyze`);
}
