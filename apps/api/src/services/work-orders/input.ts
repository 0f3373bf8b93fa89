/**
 * The wire shape of a work-order command's input, shared by the online endpoints and the offline sync
 * (`work_order.command`). Only types and sizes here: which fields a command takes, requires or refuses is
 * the domain's table. Text limits are the domain's (validateInput.ts), so a form built on the domain never
 * sends what the wire refuses; contact and appointment take null to clear them (the domain's CLEARABLE_FIELDS).
 */
import { z } from '@hono/zod-openapi';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH, WORK_ORDER_PRIORITIES } from '@pm/domain';

const Instant = z.iso.datetime({ offset: true });
const Priority = z.enum(WORK_ORDER_PRIORITIES);
const PhotoIds = z.array(z.uuid()).max(6);

export const CommandInput = z
  .object({
    assigneeId: z.uuid(),
    reason: z.string().max(MAX_TEXT_LENGTH),
    completionNotes: z.string().max(MAX_TEXT_LENGTH),
    completionPhotos: z.array(z.uuid()).max(9),
    materials: z.array(z.object({ name: z.string().max(40), quantity: z.string().max(12), unit: z.string().max(10).optional() })).max(30),
    labourMinutes: z.number().int().min(0).max(100_000),
    chargeAmount: z.string().regex(/^\d{1,8}(\.\d{1,2})?$/),
    satisfaction: z.number().int().min(1).max(5),
    fixed: z.boolean(),
    comment: z.string().max(MAX_TEXT_LENGTH),
    replyText: z.string().max(MAX_TEXT_LENGTH),
    category: z.string().max(40),
    priority: Priority,
    description: z.string().max(MAX_TEXT_LENGTH),
    reportPhotos: PhotoIds,
    location: z.enum(['unit', 'common_area']),
    unitId: z.uuid(),
    contactName: z.string().max(MAX_NAME_LENGTH).nullable(),
    contactPhone: z.string().max(20).nullable(),
    appointmentAt: Instant.nullable(),
  })
  .partial()
  .strict();
