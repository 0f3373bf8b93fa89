// Shapes the notices API answers with, for the component tests beside this file.
import type { Notice, NoticeItem, Reminder } from '../../api/notices';

export function noticeItem(over: Partial<NoticeItem> = {}): NoticeItem {
  return {
    id: 'cccccccc-0000-4000-8000-000000000001',
    estateId: 'e-1',
    estateName: '阳光花园',
    title: '关于12月5日停水的通知',
    excerpt: '各位业主： 12月5日 9:00–12:00 停水检修。',
    pinned: false,
    publishAt: '2026-11-27T02:00:00.000Z',
    expiresAt: null,
    read: false,
    attachmentCount: 0,
    ...over,
  };
}

export function notice(over: Partial<Notice> = {}): Notice {
  return {
    ...noticeItem(),
    read: true,
    body: '各位业主：\n12月5日 9:00–12:00 停水检修，请提前储水。\n阳光花园物业服务中心',
    attachments: [],
    ...over,
  };
}

export function reminder(over: Partial<Reminder> = {}): Reminder {
  return {
    id: 'rrrrrrrr-0000-4000-8000-000000000001',
    unitId: 'u-1',
    estateName: '阳光花园',
    buildingName: '3栋',
    unitNumber: '1201',
    kind: 'notice',
    at: '2026-11-25T02:00:00.000Z',
    owedAtTime: '1234.50',
    ...over,
  };
}

export const page = (items: NoticeItem[], unread = items.filter((n) => !n.read).length) => ({ items, total: items.length, page: 1, pageSize: 20, unread });
