/**
 * Notices 公告 and payment reminders 催缴 for the resident (docs/api-notices.md), through the typed client.
 * Files are plain links (`url`): the browser sends the session cookie with them.
 */
import { json } from '@pm/web/api';
import type { InferResponseType } from 'hono/client';
import { api } from './client';

const n = api.resident.notices;

export type NoticePage = InferResponseType<(typeof n)['$get'], 200>;
export type NoticeItem = NoticePage['items'][number];
export type Notice = InferResponseType<(typeof n)[':id']['$get'], 200>;
export type NoticeFile = Notice['attachments'][number];
export type Reminders = InferResponseType<(typeof n)['reminders']['$get'], 200>;
export type Reminder = Reminders['items'][number];

export const noticesApi = {
  list: (page = 1, pageSize = 20): Promise<NoticePage> => json(n.$get({ query: { page: String(page), pageSize: String(pageSize) } })),
  /** Opening a notice marks it read. */
  get: (id: string): Promise<Notice> => json(n[':id'].$get({ param: { id } })),
  unreadCount: (): Promise<{ unread: number }> => json(n['unread-count'].$get()),
  readAll: (): Promise<{ marked: number; unread: number }> => json(n['read-all'].$post()),
  reminders: (): Promise<Reminders> => json(n.reminders.$get()),
};
