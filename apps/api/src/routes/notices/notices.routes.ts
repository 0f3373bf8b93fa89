/**
 * Notices 公告 (issue 6): staff write, publish and withdraw notices to an estate, some buildings or some units
 * (`notice:write`; reading also with `estate:read`, published ones only); residents read the ones aimed at
 * their bound units, with unread marks, and see the payment reminders 催缴 recorded on those units.
 * Static paths are registered before `{id}` paths, so `/resident/notices/reminders` is never read as an id.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { NOTICE_STATUSES } from '../../db/schema';
import { createRouter } from '../../lib/hono';
import { IdParam, OptionalText, PageQuery, Text, errorResponses, jsonBody, jsonOk, paged } from '../../lib/schemas';
import { requireResident, requireStaff, residentCtx, staffCtx } from '../../middleware/auth';
import { createNotice } from '../../services/notices/create-notice';
import { deleteAttachment } from '../../services/notices/delete-attachment';
import { downloadAttachment } from '../../services/notices/download-attachment';
import { downloadHeaders } from '../../services/notices/files';
import { getNotice } from '../../services/notices/get-notice';
import { listNotices } from '../../services/notices/list-notices';
import { publishNotice } from '../../services/notices/publish-notice';
import { downloadResidentAttachment } from '../../services/notices/resident/download-attachment';
import { getResidentNotice } from '../../services/notices/resident/get-notice';
import { listResidentNotices } from '../../services/notices/resident/list-notices';
import { listResidentReminders } from '../../services/notices/resident/list-reminders';
import { markAllRead } from '../../services/notices/resident/mark-all-read';
import { unreadCount } from '../../services/notices/resident/unread-count';
import { MAX_TARGETS } from '../../services/notices/targets';
import { updateNotice } from '../../services/notices/update-notice';
import { uploadAttachment } from '../../services/notices/upload-attachment';
import { withdrawNotice } from '../../services/notices/withdraw-notice';

// ---- schemas ------------------------------------------------------------------------------------------------

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters other than line breaks and tabs are refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** HTML tags (not a lone "<" as in "气温<0℃"): the body is plain text, shown as text, never as markup. */
const TAG = /<\/?[a-zA-Z!][^>]*>/;
/** The notice's text: several paragraphs, plain text, at most 5,000 characters. */
const NoticeBody = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .refine((v) => !CONTROL.test(v), 'contains control characters')
  .refine((v) => !TAG.test(v), 'contains HTML tags; notices are plain text');
const IsoTime = z.iso.datetime({ offset: true });

const TargetIn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('estate') }),
  z.object({ kind: z.literal('building'), buildingId: z.uuid() }),
  z.object({ kind: z.literal('unit'), unitId: z.uuid() }),
]);
const TargetsIn = z.array(TargetIn).max(MAX_TARGETS);

const Status = z.enum(NOTICE_STATUSES);
const TargetSchema = z.object({ kind: z.enum(['estate', 'building', 'unit']), id: z.uuid(), name: z.string() }).openapi('NoticeTarget');
const AttachmentSchema = z
  .object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number().int(), createdAt: z.string(), url: z.string() })
  .openapi('NoticeAttachment');

const NoticeItemSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    estateName: z.string(),
    title: z.string(),
    excerpt: z.string(),
    status: Status,
    pinned: z.boolean(),
    publishAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    scheduled: z.boolean(),
    expired: z.boolean(),
    withdrawnAt: z.string().nullable(),
    targets: z.array(TargetSchema),
    attachmentCount: z.number().int(),
    readCount: z.number().int(),
    createdBy: z.uuid(),
    createdByName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('NoticeListItem');
const NoticeSchema = NoticeItemSchema.extend({
  body: z.string(),
  publishedByName: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  attachments: z.array(AttachmentSchema),
}).openapi('Notice');

const ResidentNoticeItemSchema = z
  .object({
    id: z.uuid(),
    estateId: z.uuid(),
    estateName: z.string(),
    title: z.string(),
    excerpt: z.string(),
    pinned: z.boolean(),
    publishAt: z.string(),
    expiresAt: z.string().nullable(),
    read: z.boolean(),
    attachmentCount: z.number().int(),
  })
  .openapi('ResidentNoticeItem');
const ResidentNoticeSchema = ResidentNoticeItemSchema.extend({ body: z.string(), attachments: z.array(AttachmentSchema) }).openapi('ResidentNotice');
const ResidentReminderSchema = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    estateName: z.string(),
    buildingName: z.string(),
    unitNumber: z.string(),
    kind: z.enum(['phone', 'notice', 'visit', 'sms']),
    at: z.string(),
    owedAtTime: z.string(),
  })
  .openapi('ResidentReminder');

const AttachmentParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  attachmentId: z.uuid().openapi({ param: { name: 'attachmentId', in: 'path' } }),
});
const binary = z.string().openapi({ format: 'binary' });
const fileContent = {
  'application/pdf': { schema: binary },
  'image/jpeg': { schema: binary },
  'image/png': { schema: binary },
  'image/webp': { schema: binary },
  'application/octet-stream': { schema: binary },
};
const fileResponse = { 200: { description: 'the file (PDF or image)', content: fileContent }, ...errorResponses };

const staffTags = ['notices'];
const residentTags = ['resident'];

// ---- staff ----------------------------------------------------------------------------------------------------

const staffRoutes = {
  list: createRoute({
    method: 'get',
    path: '/notices',
    tags: staffTags,
    summary: 'Notices I may see, newest change first (drafts and withdrawn ones only with notice:write)',
    middleware: requireStaff,
    request: { query: PageQuery.extend({ estateId: z.uuid().optional(), status: Status.optional() }) },
    responses: jsonOk(paged(NoticeItemSchema)),
  }),
  create: createRoute({
    method: 'post',
    path: '/notices',
    tags: staffTags,
    summary: 'Write a notice as a draft (notice:write on the estate); the same client id again answers the stored one',
    middleware: requireStaff,
    request: jsonBody(
      z.object({
        id: z.uuid().optional(),
        estateId: z.uuid(),
        title: Text(100),
        body: NoticeBody,
        pinned: z.boolean().optional(),
        expiresAt: IsoTime.nullable().optional(),
        targets: TargetsIn.optional(),
      }),
    ),
    responses: jsonOk(NoticeSchema),
  }),
  get: createRoute({
    method: 'get',
    path: '/notices/{id}',
    tags: staffTags,
    middleware: requireStaff,
    request: { params: IdParam },
    responses: jsonOk(NoticeSchema),
  }),
  update: createRoute({
    method: 'patch',
    path: '/notices/{id}',
    tags: staffTags,
    summary: 'Edit a draft (anything) or a published notice (pinned, expiresAt only)',
    middleware: requireStaff,
    request: {
      params: IdParam,
      ...jsonBody(
        z.object({
          title: Text(100).optional(),
          body: NoticeBody.optional(),
          pinned: z.boolean().optional(),
          expiresAt: IsoTime.nullable().optional(),
          targets: TargetsIn.optional(),
        }),
      ),
    },
    responses: jsonOk(NoticeSchema),
  }),
  publish: createRoute({
    method: 'post',
    path: '/notices/{id}/publish',
    tags: staffTags,
    summary: 'Publish a draft now or at publishAt; again: nothing changes. 422 notice_no_targets without an audience',
    middleware: requireStaff,
    request: { params: IdParam, ...jsonBody(z.object({ publishAt: IsoTime.optional() })) },
    responses: jsonOk(NoticeSchema),
  }),
  withdraw: createRoute({
    method: 'post',
    path: '/notices/{id}/withdraw',
    tags: staffTags,
    summary: 'Withdraw a published notice (residents no longer see it); again: nothing changes',
    middleware: requireStaff,
    request: { params: IdParam, ...jsonBody(z.object({ reason: OptionalText(200).optional() })) },
    responses: jsonOk(NoticeSchema),
  }),
  upload: createRoute({
    method: 'put',
    path: '/notices/{id}/attachments/{attachmentId}',
    tags: staffTags,
    summary: 'Attach a PDF or image (≤ 5 MB, type read from the bytes) to a draft; the same id again changes nothing',
    middleware: requireStaff,
    request: {
      params: AttachmentParams,
      query: z.object({ name: z.string().max(255).optional() }),
      body: { content: fileContent, required: true },
    },
    responses: jsonOk(AttachmentSchema.extend({ noticeId: z.uuid() })),
  }),
  download: createRoute({
    method: 'get',
    path: '/notices/{id}/attachments/{attachmentId}',
    tags: staffTags,
    middleware: requireStaff,
    request: { params: AttachmentParams },
    responses: fileResponse,
  }),
  remove: createRoute({
    method: 'delete',
    path: '/notices/{id}/attachments/{attachmentId}',
    tags: staffTags,
    summary: 'Remove a file from a draft',
    middleware: requireStaff,
    request: { params: AttachmentParams },
    responses: jsonOk(z.object({ ok: z.literal(true) })),
  }),
};

// ---- resident -------------------------------------------------------------------------------------------------

const residentRoutes = {
  list: createRoute({
    method: 'get',
    path: '/resident/notices',
    tags: residentTags,
    summary: 'Notices for my bound units’ estates, buildings and units: published, not expired, pinned first, with unread marks',
    middleware: requireResident,
    request: { query: PageQuery.omit({ q: true }) },
    responses: jsonOk(paged(ResidentNoticeItemSchema).extend({ unread: z.number().int() })),
  }),
  unread: createRoute({
    method: 'get',
    path: '/resident/notices/unread-count',
    tags: residentTags,
    summary: 'How many of my notices are unread (the badge on 首页)',
    middleware: requireResident,
    responses: jsonOk(z.object({ unread: z.number().int() })),
  }),
  reminders: createRoute({
    method: 'get',
    path: '/resident/notices/reminders',
    tags: residentTags,
    summary: 'Payment reminders 催缴 recorded on my bound units in the last 90 days (without the staff’s notes)',
    middleware: requireResident,
    responses: jsonOk(z.object({ days: z.number().int(), items: z.array(ResidentReminderSchema) })),
  }),
  readAll: createRoute({
    method: 'post',
    path: '/resident/notices/read-all',
    tags: residentTags,
    summary: 'Mark every notice I see as read',
    middleware: requireResident,
    responses: jsonOk(z.object({ marked: z.number().int(), unread: z.number().int() })),
  }),
  get: createRoute({
    method: 'get',
    path: '/resident/notices/{id}',
    tags: residentTags,
    summary: 'One of my notices (marks it read); a notice not aimed at my units → 404',
    middleware: requireResident,
    request: { params: IdParam },
    responses: jsonOk(ResidentNoticeSchema),
  }),
  download: createRoute({
    method: 'get',
    path: '/resident/notices/{id}/attachments/{attachmentId}',
    tags: residentTags,
    middleware: requireResident,
    request: { params: AttachmentParams },
    responses: fileResponse,
  }),
};

export const noticesRouter = createRouter()
  .openapi(staffRoutes.list, async (c) => c.json(await listNotices({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(staffRoutes.create, async (c) => c.json(await createNotice({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(staffRoutes.get, async (c) => c.json(await getNotice({ ctx: staffCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(staffRoutes.update, async (c) => c.json(await updateNotice({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(staffRoutes.publish, async (c) => c.json(await publishNotice({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(staffRoutes.withdraw, async (c) => c.json(await withdrawNotice({ ctx: staffCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200))
  .openapi(staffRoutes.upload, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await uploadAttachment({ ctx: staffCtx(c), input: { noticeId: id, attachmentId, name: c.req.valid('query').name, bytes } }), 200);
  })
  .openapi(staffRoutes.download, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await downloadAttachment({ ctx: staffCtx(c), noticeId: id, attachmentId });
    return c.body(new Uint8Array(file.bytes), 200, downloadHeaders(file));
  })
  .openapi(staffRoutes.remove, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    return c.json(await deleteAttachment({ ctx: staffCtx(c), noticeId: id, attachmentId }), 200);
  })
  .openapi(residentRoutes.list, async (c) => c.json(await listResidentNotices({ ctx: residentCtx(c), input: c.req.valid('query') }), 200))
  .openapi(residentRoutes.unread, async (c) => c.json(await unreadCount({ ctx: residentCtx(c) }), 200))
  .openapi(residentRoutes.reminders, async (c) => c.json(await listResidentReminders({ ctx: residentCtx(c) }), 200))
  .openapi(residentRoutes.readAll, async (c) => c.json(await markAllRead({ ctx: residentCtx(c) }), 200))
  .openapi(residentRoutes.get, async (c) => c.json(await getResidentNotice({ ctx: residentCtx(c), id: c.req.valid('param').id }), 200))
  .openapi(residentRoutes.download, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await downloadResidentAttachment({ ctx: residentCtx(c), noticeId: id, attachmentId });
    return c.body(new Uint8Array(file.bytes), 200, downloadHeaders(file));
  });
