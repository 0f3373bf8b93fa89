/**
 * The "cashier" of online receipts 线上支付. Receipts (billing's schema) require a staff account as cashier —
 * the day report and the day close group by it — so online payments are booked to one system account per
 * organisation tree: inactive, with no grants and a password hash that matches nothing, so it can never log
 * in or act. It makes online receipts a cashier day of their own, beside the counters', and prints
 * 「收款人 线上支付」 on the e-receipt. Made on first use (username `online-payments.<root node id>`).
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { orgNodes, staffAccounts } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';

export const ONLINE_CASHIER_NAME = '线上支付';
/** Not a scrypt$… string: verifyPassword() refuses it before hashing anything. */
const NO_LOGIN = '!online-payments: no password';

/** Per database handle: estate → account id (an account, once made, never changes). */
const known = new WeakMap<object, Map<string, string>>();

/** The estate's online account; `cacheKey` (the database handle, not a transaction) lets a process remember it. */
export async function onlineCashierId(db: DbOrTx, estateId: string, cacheKey?: object): Promise<string> {
  const cached = cacheKey ? known.get(cacheKey)?.get(estateId) : undefined;
  if (cached) return cached;
  const { id, created } = await findOrCreate(db, estateId);
  // Only an account that was already there is remembered: one made just now may still be rolled back with its transaction.
  if (cacheKey && !created) {
    if (!known.has(cacheKey)) known.set(cacheKey, new Map());
    known.get(cacheKey)!.set(estateId, id);
  }
  return id;
}

async function findOrCreate(db: DbOrTx, estateId: string): Promise<{ id: string; created: boolean }> {
  const [node] = await db.select({ root: sql<string>`${orgNodes.path}[1]` }).from(orgNodes).where(eq(orgNodes.id, estateId));
  if (!node) throw new NotFoundError('estate');
  const username = `online-payments.${node.root}`;
  const find = async () => {
    const [row] = await db.select({ id: staffAccounts.id, hash: staffAccounts.passwordHash }).from(staffAccounts).where(eq(staffAccounts.username, username));
    // Someone made a real account under this name: never book the company's online money to a person.
    if (row && row.hash !== NO_LOGIN) throw new Error(`staff username ${username} belongs to a real account; online receipts need it as their system account`);
    return row?.id;
  };
  const existing = await find();
  if (existing) return { id: existing, created: false };
  await db
    .insert(staffAccounts)
    .values({ username, name: ONLINE_CASHIER_NAME, passwordHash: NO_LOGIN, homeNodeId: node.root, active: false })
    .onConflictDoNothing({ target: staffAccounts.username });
  return { id: (await find())!, created: true };
}
