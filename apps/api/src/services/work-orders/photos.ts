/**
 * Work-order photos: residents and customer service upload them online (`work_order_photos`, client-made ids,
 * idempotent); technicians' offline photos arrive as sync blobs (`photos`, tied to their command). Both are
 * served by id to whoever may see an order naming them, or to the person who uploaded them.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db';
import { photos, workOrderPhotos, workOrders } from '../../db/schema';
import type { ResidentContext, StaffContext } from '../../lib/context';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { boundUnitIds, estateNode, residentScope, staffSees } from './access';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const MAX_BYTES = 5 * 1024 * 1024;

export async function uploadPhoto(
  db: DbOrTx,
  owner: { staffId: string } | { residentId: string },
  input: { id: string; contentType: string; bytes: Uint8Array },
): Promise<{ id: string }> {
  if (!(PHOTO_TYPES as readonly string[]).includes(input.contentType)) throw new AppError(415, 'unsupported_media_type', 'JPEG, PNG or WebP only');
  if (input.bytes.length === 0 || input.bytes.length > MAX_BYTES) throw new AppError(413, 'too_large', 'a photo is at most 5 MB');
  const [before] = await db.select({ staffId: workOrderPhotos.staffId, residentId: workOrderPhotos.residentId }).from(workOrderPhotos).where(eq(workOrderPhotos.id, input.id));
  const mine = (r: { staffId: string | null; residentId: string | null }) =>
    'staffId' in owner ? r.staffId === owner.staffId : r.residentId === owner.residentId;
  if (before) {
    if (!mine(before)) throw new ConflictError('this photo id is taken', { code: 'idempotency_conflict' });
    return { id: input.id };
  }
  await db
    .insert(workOrderPhotos)
    .values({ id: input.id, ...owner, contentType: input.contentType, size: input.bytes.length, bytes: input.bytes })
    .onConflictDoNothing();
  return { id: input.id };
}

/** The ids must be photos this person uploaded (online) or sync blobs of theirs; 400 otherwise. */
export async function checkOwnPhotos(db: DbOrTx, owner: { staffId: string } | { residentId: string }, ids: readonly string[]) {
  if (ids.length === 0) return;
  const list = sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const online = await db
    .select({ id: workOrderPhotos.id })
    .from(workOrderPhotos)
    .where(and(sql`${workOrderPhotos.id} = any(${list})`, 'staffId' in owner ? eq(workOrderPhotos.staffId, owner.staffId) : eq(workOrderPhotos.residentId, owner.residentId)));
  const found = new Set(online.map((r) => r.id));
  if ('staffId' in owner) {
    const blobs = await db.select({ id: photos.id }).from(photos).where(and(sql`${photos.id} = any(${list})`, eq(photos.staffId, owner.staffId)));
    for (const b of blobs) found.add(b.id);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ValidationError('upload the photos first', [{ path: 'reportPhotos', message: `unknown photo ${missing.join(', ')}` }]);
}

async function bytesOf(db: DbOrTx, id: string) {
  const [online] = await db.select().from(workOrderPhotos).where(eq(workOrderPhotos.id, id));
  if (online) return { contentType: online.contentType, bytes: online.bytes, staffId: online.staffId, residentId: online.residentId };
  const [blob] = await db.select().from(photos).where(eq(photos.id, id));
  if (blob) return { contentType: blob.contentType, bytes: blob.bytes, staffId: blob.staffId, residentId: null };
  return null;
}

/** Orders naming the photo (report or completion). */
async function ordersWith(db: DbOrTx, id: string) {
  return db
    .select()
    .from(workOrders)
    .where(sql`${workOrders.reportPhotos} @> ${JSON.stringify([id])}::jsonb or ${workOrders.completionPhotos} @> ${JSON.stringify([id])}::jsonb`);
}

export async function staffPhoto(ctx: StaffContext, id: string) {
  const photo = await bytesOf(ctx.db, id);
  if (!photo) throw new NotFoundError('photo');
  if (photo.staffId === ctx.actor.id) return photo;
  for (const order of await ordersWith(ctx.db, id)) {
    if (staffSees(ctx, await estateNode(ctx.db, order.estateId), order)) return photo;
  }
  throw new NotFoundError('photo');
}

export async function residentPhoto(ctx: ResidentContext, id: string) {
  const photo = await bytesOf(ctx.db, id);
  if (!photo) throw new NotFoundError('photo');
  if (photo.residentId === ctx.actor.id) return photo;
  const units = await boundUnitIds(ctx.db, ctx.actor.id);
  const [visible] = await ctx.db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        residentScope(ctx.actor.id, units),
        sql`(${workOrders.reportPhotos} @> ${JSON.stringify([id])}::jsonb or ${workOrders.completionPhotos} @> ${JSON.stringify([id])}::jsonb)`,
      ),
    )
    .limit(1);
  if (!visible) throw new NotFoundError('photo');
  return photo;
}
