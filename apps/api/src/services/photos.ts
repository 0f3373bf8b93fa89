/** Photos uploaded by the offline outbox after their command synced; idempotent by the phone-made id. */
import { and, eq } from 'drizzle-orm';
import { meters, photos, readings, syncCommands } from '../db/schema';
import type { StaffContext } from '../lib/context';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../lib/errors';
import { authorizeNode } from '../lib/scope';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export async function uploadPhoto({
  ctx,
  input,
}: {
  ctx: StaffContext;
  input: { id: string; commandId: string; contentType: string; bytes: Uint8Array };
}) {
  const type = input.contentType.split(';')[0]!.trim().toLowerCase();
  if (!(PHOTO_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'unsupported_media_type', `photos must be ${PHOTO_TYPES.join(', ')}`);
  if (input.bytes.byteLength === 0) throw new ValidationError('empty photo');
  if (input.bytes.byteLength > MAX_PHOTO_BYTES) throw new AppError(413, 'payload_too_large', 'photo larger than 5 MB');
  // The photo belongs to a command this staff member made and the server applied.
  const [command] = await ctx.db
    .select({ id: syncCommands.id })
    .from(syncCommands)
    .where(and(eq(syncCommands.id, input.commandId), eq(syncCommands.staffId, ctx.actor.id), eq(syncCommands.status, 'applied')));
  if (!command) throw new NotFoundError('command');
  const inserted = await ctx.db
    .insert(photos)
    .values({ id: input.id, commandId: input.commandId, staffId: ctx.actor.id, contentType: type, size: input.bytes.byteLength, bytes: input.bytes, createdAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning({ id: photos.id });
  if (inserted.length === 0) {
    const [existing] = await ctx.db.select({ commandId: photos.commandId, size: photos.size }).from(photos).where(eq(photos.id, input.id));
    if (existing?.commandId !== input.commandId) throw new ConflictError('this photo id belongs to another command');
  }
  return { id: input.id, commandId: input.commandId, size: input.bytes.byteLength, contentType: type };
}

/** The uploader sees their photos; others need meter:read on the estate of the reading it belongs to. */
export async function getPhoto({ ctx, id }: { ctx: StaffContext; id: string }) {
  const [row] = await ctx.db
    .select({ contentType: photos.contentType, bytes: photos.bytes, staffId: photos.staffId, estateId: meters.estateId })
    .from(photos)
    .leftJoin(readings, eq(readings.id, photos.commandId))
    .leftJoin(meters, eq(meters.id, readings.meterId))
    .where(eq(photos.id, id));
  if (!row) throw new NotFoundError('photo');
  if (row.staffId !== ctx.actor.id) {
    if (!row.estateId) throw new NotFoundError('photo');
    await authorizeNode(ctx.db, ctx.actor, row.estateId, 'meter:read', 'meter:read', 'photo');
  }
  return row;
}
