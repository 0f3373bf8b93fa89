/** The staff app's shapes of a notice: the list item (with its audience and counts) and the full notice. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { noticeAttachments, notices, orgNodes, staffAccounts } from '../../db/schema';
import { type NoticeTarget, targetsOf } from './targets';

/** The start of the body on one line, for lists. */
export function excerpt(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

const columns = {
  id: notices.id,
  estateId: notices.estateId,
  estateName: orgNodes.name,
  title: notices.title,
  bodyHead: sql<string>`left(${notices.body}, 200)`,
  status: notices.status,
  pinned: notices.pinned,
  publishAt: notices.publishAt,
  expiresAt: notices.expiresAt,
  withdrawnAt: notices.withdrawnAt,
  createdBy: notices.createdBy,
  createdByName: staffAccounts.name,
  createdAt: notices.createdAt,
  updatedAt: notices.updatedAt,
  attachmentCount: sql<number>`(select count(*)::int from notice_attachments a where a.notice_id = ${notices.id})`,
  readCount: sql<number>`(select count(*)::int from notice_reads r where r.notice_id = ${notices.id})`,
};

export function staffNoticeQuery(db: DbOrTx) {
  return db.select(columns).from(notices).innerJoin(orgNodes, eq(orgNodes.id, notices.estateId)).innerJoin(staffAccounts, eq(staffAccounts.id, notices.createdBy));
}
type Row = Awaited<ReturnType<typeof staffNoticeQuery>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toListItem(r: Row, targets: NoticeTarget[], now: Date) {
  const live = r.status === 'published';
  return {
    id: r.id,
    estateId: r.estateId,
    estateName: r.estateName,
    title: r.title,
    excerpt: excerpt(r.bodyHead),
    status: r.status,
    pinned: r.pinned,
    publishAt: iso(r.publishAt),
    expiresAt: iso(r.expiresAt),
    /** Published with a publication time still ahead: residents see it from then. */
    scheduled: live && !!r.publishAt && r.publishAt > now,
    /** Published and past its expiry: residents no longer see it. */
    expired: live && !!r.expiresAt && r.expiresAt <= now,
    withdrawnAt: iso(r.withdrawnAt),
    targets,
    attachmentCount: Number(r.attachmentCount),
    /** How many residents have opened it (or marked all read). */
    readCount: Number(r.readCount),
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type StaffNoticeItem = ReturnType<typeof toListItem>;

/** Attachments of a notice, oldest first, without their bytes; `url` is where the audience downloads them. */
export async function attachmentsOf(db: DbOrTx, noticeId: string, urlPrefix: string) {
  const rows = await db
    .select({ id: noticeAttachments.id, name: noticeAttachments.name, contentType: noticeAttachments.contentType, size: noticeAttachments.size, createdAt: noticeAttachments.createdAt })
    .from(noticeAttachments)
    .where(eq(noticeAttachments.noticeId, noticeId))
    .orderBy(asc(noticeAttachments.createdAt), asc(noticeAttachments.id));
  return rows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), url: `${urlPrefix}/${noticeId}/attachments/${a.id}` }));
}

/** The whole notice for staff (the caller has checked that the actor may see it). */
export async function staffNoticeDetail(db: DbOrTx, id: string, now: Date) {
  const [row] = await staffNoticeQuery(db).where(eq(notices.id, id));
  const [full] = await db
    .select({
      body: notices.body,
      publishedByName: sql<string | null>`(select s.name from staff_accounts s where s.id = ${notices.publishedBy})`,
      withdrawnByName: sql<string | null>`(select s.name from staff_accounts s where s.id = ${notices.withdrawnBy})`,
    })
    .from(notices)
    .where(eq(notices.id, id));
  const targets = (await targetsOf(db, [id])).get(id) ?? [];
  return {
    ...toListItem(row!, targets, now),
    body: full!.body,
    publishedByName: full!.publishedByName,
    withdrawnByName: full!.withdrawnByName,
    attachments: await attachmentsOf(db, id, '/api/notices'),
  };
}
export type StaffNoticeDetail = Awaited<ReturnType<typeof staffNoticeDetail>>;
