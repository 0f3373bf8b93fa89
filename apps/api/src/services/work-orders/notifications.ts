/** In-app notifications: the newest 50 (or the unread), the unread count, mark read. Staff and residents alike. */
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { notifications } from '../../db/schema';

type Owner = { staffId: string } | { residentId: string };
const whose = (o: Owner): SQL => ('staffId' in o ? eq(notifications.staffId, o.staffId) : eq(notifications.residentId, o.residentId));

export async function listNotifications(db: DbOrTx, owner: Owner, unreadOnly: boolean) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(whose(owner), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(whose(owner), isNull(notifications.readAt)));
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, workOrderId: r.workOrderId, title: r.title, body: r.body, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
    unread: n,
  };
}

export async function markRead(db: DbOrTx, owner: Owner, ids: string[] | undefined, now: Date) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(whose(owner), isNull(notifications.readAt), ids ? inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined));
  return listNotifications(db, owner, false);
}
