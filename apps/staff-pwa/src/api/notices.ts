/**
 * Notices 公告 through the API's typed client: list, write (draft), edit, publish, withdraw, and the draft's
 * files. Shapes are inferred from apps/api/src/routes/notices/notices.routes.ts (docs/api-notices.md).
 * Files go up as the raw request body (the API reads the type from the bytes) under an id made here, so a
 * retried upload stores nothing twice; they come down as plain links (the browser sends the cookie).
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, ok, query } from './client';

type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;
type N = ApiClient['notices'];

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export type Notice = InferResponseType<N[':id']['$get'], 200>;
export type NoticeItem = InferResponseType<N['$get'], 200>['items'][number];
export type NoticeTarget = Notice['targets'][number];
export type NoticeAttachment = Notice['attachments'][number];
export type NoticeInput = Json<N['$post']>;
export type NoticePatch = Json<N[':id']['$patch']>;
export type TargetInput = NonNullable<NoticeInput['targets']>[number];

/** What the API takes: PDF and images up to 5 MB each, at most 10 per notice. */
export const ATTACHMENT_ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export const listNotices = (q: { estateId?: string; status?: NoticeStatus; q?: string; page?: number; pageSize?: number }) => ok(api.notices.$get({ query: query(q) }));
export const getNotice = (id: string) => ok(api.notices[':id'].$get({ param: { id } }));
export const createNotice = (input: NoticeInput) => ok(api.notices.$post({ json: input }));
export const updateNotice = (id: string, patch: NoticePatch) => ok(api.notices[':id'].$patch({ param: { id }, json: patch }));
/** Now, or at `publishAt` (ISO time) to schedule it. */
export const publishNotice = (id: string, publishAt?: string) => ok(api.notices[':id'].publish.$post({ param: { id }, json: publishAt ? { publishAt } : {} }));
export const withdrawNotice = (id: string, reason?: string) => ok(api.notices[':id'].withdraw.$post({ param: { id }, json: reason ? { reason } : {} }));

export const uploadAttachment = (noticeId: string, attachmentId: string, file: File) =>
  ok(
    api.notices[':id'].attachments[':attachmentId'].$put(
      { param: { id: noticeId, attachmentId }, query: { name: file.name } },
      { init: { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } } },
    ),
  );
export const removeAttachment = (noticeId: string, attachmentId: string) => ok(api.notices[':id'].attachments[':attachmentId'].$delete({ param: { id: noticeId, attachmentId } }));
