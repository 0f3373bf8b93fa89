// Shapes the notices API answers with, for the component tests beside this file.
import type { Notice } from '../../api/notices';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: 'office-1', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 2, unitCount: 40 };
export const BUILDINGS = [
  { id: 'b0000000-0000-4000-8000-000000000001', estateId: ESTATE.id, estateName: ESTATE.name, name: '1栋', floors: 6, unitCount: 24 },
  { id: 'b0000000-0000-4000-8000-000000000002', estateId: ESTATE.id, estateName: ESTATE.name, name: '2栋', floors: 6, unitCount: 16 },
];
/** Customer service: writes notices. */
export const WRITER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'notice:write'] as const;
/** A cashier: reads published notices only. */
export const READER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'charge:read'] as const;

export function makeNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 'cccccccc-0000-4000-8000-000000000001',
    estateId: ESTATE.id,
    estateName: ESTATE.name,
    title: '关于12月5日停水的通知',
    excerpt: '各位业主： 12月5日 9:00–12:00 停水检修。',
    status: 'draft',
    pinned: false,
    publishAt: null,
    expiresAt: null,
    scheduled: false,
    expired: false,
    withdrawnAt: null,
    targets: [{ kind: 'estate', id: ESTATE.id, name: ESTATE.name }],
    attachmentCount: 0,
    readCount: 0,
    createdBy: '00000000-0000-4000-8000-000000000001',
    createdByName: '客服小李',
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:00:00.000Z',
    body: '各位业主：\n12月5日 9:00–12:00 停水检修，请提前储水。\n物业服务中心',
    publishedByName: null,
    withdrawnByName: null,
    attachments: [],
    ...overrides,
  };
}

export const paged = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
