/** Work-order shapes at the edge. The rules (states, commands, fields) are @pm/domain's; this checks the wire. */
import { z } from '@hono/zod-openapi';
import { WORK_ORDER_COMMANDS, WORK_ORDER_KINDS, WORK_ORDER_PRIORITIES, WORK_ORDER_STATES } from '@pm/domain';
import { IsoDate, OptionalText, Text } from '../../lib/schemas';
import { CommandInput } from '../../services/work-orders/input';

export { CommandInput };

export const Kind = z.enum(WORK_ORDER_KINDS);
export const Priority = z.enum(WORK_ORDER_PRIORITIES);
export const State = z.enum(WORK_ORDER_STATES);
export const Command = z.enum(WORK_ORDER_COMMANDS);
const Instant = z.iso.datetime({ offset: true });
const PhotoIds = z.array(z.uuid()).max(6);
const Minutes = z.number().int().min(1).max(525_600);

export const SlaSchema = z.object({ responseMinutes: Minutes, completeMinutes: Minutes });
export const SettingsBody = z.object({
  categories: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]{1,40}$/),
        zh: Text(20),
        en: Text(40),
        kinds: z.array(Kind).min(1),
        priority: Priority,
        responseMinutes: Minutes.nullable(),
        completeMinutes: Minutes.nullable(),
        active: z.boolean(),
      }),
    )
    .min(1)
    .max(60),
  slas: z.object({ urgent: SlaSchema, high: SlaSchema, normal: SlaSchema, low: SlaSchema }),
  atRiskShare: z.number().gt(0).lt(1),
  surveyDays: z.number().int().min(1).max(365),
  reopenWindowDays: z.number().int().min(0).max(365),
  allowGrab: z.boolean(),
  completionPhotosRequired: z.boolean(),
  priceList: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/), name: Text(40), price: z.string().regex(/^\d{1,8}(\.\d{1,2})?$/), unit: Text(10) }))
    .max(100),
});
export const SettingsSchema = SettingsBody.extend({ estateId: z.uuid() }).openapi('WorkOrderSettings');

const OpenFields = {
  id: z.uuid(),
  kind: Kind,
  category: z.string().min(1).max(40),
  location: z.enum(['unit', 'common_area']).optional(),
  unitId: z.uuid().optional(),
  description: Text(1000),
  reportPhotos: PhotoIds.optional(),
  contactName: OptionalText(40).optional(),
  contactPhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/).optional(),
  appointmentAt: Instant.optional(),
  anonymous: z.boolean().optional(),
};
export const StaffOpenBody = z.object({
  ...OpenFields,
  estateId: z.uuid(),
  priority: Priority.optional(),
  /** The owner or tenant it was raised for (the intake form's pick); the contact fields carry their name and phone. */
  partyId: z.uuid().optional(),
});
/** Strict: a field a resident may not set (a priority) is refused, not silently dropped. */
export const ResidentOpenBody = z.object({ ...OpenFields, kind: z.enum(['repair', 'complaint', 'paid_service']), unitId: z.uuid() }).strict();

export const CommandBody = z.object({ id: z.uuid(), command: Command, from: State.optional(), input: CommandInput.default({}) });
export const CommentBody = z.object({ id: z.uuid(), text: Text(500) });

const Sla = z.enum(['on_track', 'at_risk', 'overdue', 'met', 'missed', 'cancelled']);
export const ListItemSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    estateId: z.uuid(),
    estateName: z.string(),
    kind: Kind,
    category: z.string(),
    categoryName: z.string(),
    priority: Priority,
    state: State,
    location: z.enum(['unit', 'common_area']).nullable(),
    unitId: z.uuid().nullable(),
    unitLabel: z.string().nullable(),
    description: z.string(),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    submittedAt: z.string(),
    responseDueAt: z.string(),
    completeDueAt: z.string(),
    respondedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    sla: z.object({ response: Sla, completion: Sla }),
    escalationLevel: z.number().int(),
    reopenCount: z.number().int(),
    photoCount: z.number().int(),
  })
  .openapi('WorkOrderListItem');

const Form = z.object({ requires: z.array(z.string()), requiresAnyOf: z.array(z.string()), accepts: z.array(z.string()) });
const PhotoRef = z.object({ id: z.string(), url: z.string() });
export const DetailSchema = ListItemSchema.extend({
  reportPhotos: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  /** null when the caller may not know who filed it (an anonymous complaint, another resident of the unit). */
  reporterId: z.string().nullable(),
  reportedBy: z.string(),
  assignedAt: z.string().nullable(),
  assignedVia: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  holdReason: z.string().nullable(),
  heldAt: z.string().nullable(),
  completionNotes: z.string().nullable(),
  completionPhotos: z.array(z.string()),
  materials: z.array(z.object({ name: z.string(), quantity: z.string(), unit: z.string().optional() })),
  labourMinutes: z.number().int().nullable(),
  chargeAmount: z.string().nullable(),
  replyText: z.string().nullable(),
  survey: z
    .object({ satisfaction: z.number().int(), fixed: z.boolean().nullable(), comment: z.string().nullable(), channel: z.string(), answeredAt: z.string(), recordedBy: z.string().nullable() })
    .nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  reporterName: z.string().nullable(),
  anonymous: z.boolean(),
  chargeId: z.uuid().nullable(),
  chargeOwed: z.string().nullable(),
  allowed: z.array(Command),
  forms: z.record(z.string(), Form),
  events: z.array(
    z.object({
      id: z.uuid(),
      command: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorKind: z.string(),
      actorName: z.string(),
      at: z.string(),
      receivedAt: z.string(),
      note: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
  photos: z.object({ report: z.array(PhotoRef), completion: z.array(PhotoRef) }),
}).openapi('WorkOrderDetail');

export const ListQuery = z.object({
  estateId: z.uuid().optional(),
  view: z.enum(['all', 'unassigned', 'overdue', 'at_risk', 'mine', 'pool']).optional(),
  kind: Kind.optional(),
  state: z.union([z.enum(['open', 'done']), State]).optional(),
  assigneeId: z.uuid().optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const Rate = z.object({ count: z.number().int(), base: z.number().int(), rate: z.string().nullable() });
const Kpis = {
  submitted: z.number().int(),
  cancelled: z.number().int(),
  noResponse: z.number().int(),
  averageResponseMinutes: z.string().nullable(),
  averageCompletionMinutes: z.string().nullable(),
  responseOnTime: Rate,
  completionOnTime: Rate,
  followUp: Rate,
  satisfaction: Rate,
  complaintSatisfaction: Rate,
  reopen: Rate,
};
export const KpiQuery = z.object({
  nodeId: z.uuid().optional(),
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(['estate', 'technician', 'category']).default('estate'),
});
export const KpiSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['estate', 'technician', 'category']),
    nodeId: z.uuid().nullable(),
    nodeName: z.string().nullable(),
    total: z.object(Kpis),
    rows: z.array(z.object({ key: z.string(), label: z.string(), ...Kpis })),
  })
  .openapi('WorkOrderKpis');

export const NotificationsSchema = z.object({
  items: z.array(
    z.object({ id: z.uuid(), kind: z.string(), workOrderId: z.uuid().nullable(), title: z.string(), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() }),
  ),
  unread: z.number().int(),
});
