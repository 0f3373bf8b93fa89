// Shapes the meter-admin API answers with, for the component tests beside this file.
import { periodOf } from '@pm/domain';
import type { AdminReading, Meter, MeteringProgress } from '../../api/metering-admin';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: 'office-1', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 2, unitCount: 40 };
export const PERIOD = periodOf(new Date());
export const MANAGER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'staff:read', 'meter:read', 'meter:write', 'reading:review'] as const;

export function makeProgress(overrides: Partial<MeteringProgress['totals']> = {}): MeteringProgress {
  return {
    estateId: ESTATE.id,
    period: PERIOD,
    totals: { meters: 80, read: 52, approved: 40, pending: 9, sentBack: 3, flagged: 4, missing: 28, ...overrides },
    routes: [{ id: 'route-1', name: '1栋', readerId: 'reader-1', readerName: '赵抄表', meterCount: 40, read: 30, approved: 20, pending: 7, sentBack: 3, flagged: 4 }],
    readers: [{ readerId: 'reader-1', readerName: '赵抄表', routes: 1, meterCount: 40, read: 30, flagged: 4 }],
    missing: [{ meterId: 'm-9', serial: 'W-0009', type: 'cold_water', unitNumber: '2-101', buildingName: '2栋', routeId: null, routeName: null }],
    missingTotal: 28,
  };
}

export function makeReading(overrides: Partial<AdminReading> = {}): AdminReading {
  return {
    id: 'aaaaaaaa-0000-4000-8000-000000000001',
    meterId: 'm-1',
    serial: 'W-0001',
    type: 'cold_water',
    scope: 'unit',
    multiplier: '1',
    estateId: ESTATE.id,
    unitId: 'u-1',
    unitNumber: '1-101',
    buildingName: '1栋',
    routeId: 'route-1',
    routeName: '1栋',
    period: PERIOD,
    value: '1350.5',
    previous: '1230.5',
    usage: '120',
    kind: 'normal',
    flags: ['spike'],
    explanation: null,
    status: 'pending_review',
    note: null,
    readerId: 'reader-1',
    readerName: '赵抄表',
    takenAt: '2025-06-12T02:30:00.000Z',
    receivedAt: '2025-06-12T02:31:00.000Z',
    supersedesId: null,
    reviewNote: null,
    reviewedBy: null,
    reviewedByName: null,
    reviewedAt: null,
    sentBackReason: null,
    isCurrent: true,
    photoIds: ['p-1'],
    history: [
      { period: '2025-03', usage: '10' },
      { period: '2025-05', usage: '12' },
      { period: '2025-04', usage: '14' },
    ],
    ...overrides,
  };
}

export const METER: Meter = {
  id: '22222222-2222-4222-8222-222222222222',
  estateId: ESTATE.id,
  estateName: ESTATE.name,
  unitId: 'u-1',
  unitNumber: '1-101',
  buildingName: '1栋',
  scope: 'unit',
  type: 'electricity',
  serial: 'E-0001',
  code: 'QR-E-0001',
  multiplier: '1',
  digits: 6,
  installDate: '2024-01-01',
  initialReading: '0',
  state: 'active',
};

export const paged = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });

/**
 * A fixed nav bar with the safe-area inset measures itself up to 300 ms after mounting (Vant's useHeight):
 * let those timers run before the file's DOM environment goes (the shared setup waits only 250 ms).
 */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
