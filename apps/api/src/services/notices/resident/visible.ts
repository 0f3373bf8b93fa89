/**
 * Which notices a resident sees: published, already due (`publish_at` reached), not expired, and aimed at an
 * estate, building or unit of one of their live bindings. Everything a resident asks about notices goes
 * through this one filter, so a notice of another estate is simply not there (404).
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { noticeAttachments, notices, orgNodes } from '../../../db/schema';
import type { DbOrTx } from '../../../db';
import { excerpt } from '../view';

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The units the resident is bound to now (revoked bindings no longer count). */
export const myUnits = (residentId: string) => sql`select b.unit_id from resident_bindings b where b.resident_id = ${residentId}::uuid and b.revoked_at is null`;

export function residentVisible(residentId: string, now: Date): SQL {
  const mine = myUnits(residentId);
  return sql`${notices.status} = 'published' and ${notices.publishAt} <= ${ts(now)}
    and (${notices.expiresAt} is null or ${notices.expiresAt} > ${ts(now)})
    and exists (
      select 1 from notice_targets t where t.notice_id = ${notices.id} and (
        (t.kind = 'estate' and ${notices.estateId} in (select u.estate_id from units u where u.id in (${mine})))
        or (t.kind = 'building' and t.building_id in (select u.building_id from units u where u.id in (${mine})))
        or (t.kind = 'unit' and t.unit_id in (${mine}))
      ))`;
}

const estate = alias(orgNodes, 'notice_estate');

export function residentNoticeQuery(db: DbOrTx, residentId: string) {
  return db
    .select({
      id: notices.id,
      estateId: notices.estateId,
      estateName: estate.name,
      title: notices.title,
      bodyHead: sql<string>`left(${notices.body}, 200)`,
      pinned: notices.pinned,
      publishAt: notices.publishAt,
      expiresAt: notices.expiresAt,
      read: sql<boolean>`exists (select 1 from notice_reads r where r.notice_id = ${notices.id} and r.resident_id = ${residentId}::uuid)`,
      attachmentCount: sql<number>`(select count(*)::int from ${noticeAttachments} a where a.notice_id = ${notices.id})`,
    })
    .from(notices)
    .innerJoin(estate, eq(estate.id, notices.estateId));
}
type Row = Awaited<ReturnType<typeof residentNoticeQuery>>[number];

export function toResidentItem(r: Row) {
  return {
    id: r.id,
    estateId: r.estateId,
    estateName: r.estateName,
    title: r.title,
    excerpt: excerpt(r.bodyHead),
    pinned: r.pinned,
    publishAt: r.publishAt!.toISOString(),
    expiresAt: r.expiresAt ? r.expiresAt.toISOString() : null,
    read: r.read === true,
    attachmentCount: Number(r.attachmentCount),
  };
}
export type ResidentNoticeItem = ReturnType<typeof toResidentItem>;
