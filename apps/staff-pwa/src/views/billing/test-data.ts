// Shapes the billing API answers with, for the manager's component tests beside this file.
import type { BillingRun, FeeItem, FeeStandard, RunSummary } from '../../api/billing';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: 'office-1', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 12, unitCount: 1008 };
export const MANAGER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'fee:read', 'fee:write', 'billing:run', 'charge:read', 'payment:collect', 'ledger:adjust'] as const;

export const FEE_ITEMS: FeeItem[] = [
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', nodeId: 'office-1', nodeName: '西湖管理处', name: '物业费', category: 'service', active: true },
  { id: 'aaaaaaaa-0000-4000-8000-000000000002', nodeId: ESTATE.id, nodeName: '翠湖花园', name: '水费', category: 'utility', active: true },
];

export const STANDARDS: FeeStandard[] = [
  {
    id: 'bbbbbbbb-0000-4000-8000-000000000001',
    estateId: ESTATE.id,
    feeItemId: FEE_ITEMS[0]!.id,
    feeItemName: '物业费',
    name: '住宅物业费',
    kind: 'area',
    params: { unitPrice: '2.35', areaBasis: 'building_area' },
    cycle: 'monthly',
    chargeStart: null,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    dueDays: 30,
    previousId: null,
    assignments: [{ targetKind: 'estate', targetId: ESTATE.id, targetName: '翠湖花园' }],
  },
  {
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    estateId: ESTATE.id,
    feeItemId: FEE_ITEMS[1]!.id,
    feeItemName: '水费',
    name: '居民水费',
    kind: 'metered',
    params: { meterType: 'cold_water', tiers: [{ upTo: '180', price: '5.00' }, { upTo: '260', price: '7.00' }, { upTo: null, price: '9.00' }] },
    cycle: 'monthly',
    chargeStart: null,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    dueDays: 15,
    previousId: null,
    assignments: [
      { targetKind: 'building', targetId: 'cccccccc-0000-4000-8000-000000000001', targetName: '1栋' },
      { targetKind: 'building', targetId: 'cccccccc-0000-4000-8000-000000000002', targetName: '2栋' },
    ],
  },
];

export function makeSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    estateId: ESTATE.id,
    period: '2025-06',
    lines: 3,
    total: '630.06',
    alreadyPosted: 0,
    byFeeItem: [{ feeItemId: FEE_ITEMS[0]!.id, feeItemName: '物业费', count: 3, total: '630.06' }],
    byBuilding: [{ buildingId: 'cccccccc-0000-4000-8000-000000000001', buildingName: '1栋', count: 3, total: '630.06' }],
    samples: [{ unitNumber: '1-101', buildingName: '1栋', feeItemName: '物业费', amount: '210.02', explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02' }],
    skipped: [
      { standardName: '居民水费', reason: 'missing_approved_reading', count: 7, examples: ['1栋 1-102 W-0002', '1栋 1-103 W-0003'] },
      { standardName: '住宅物业费', reason: 'no_inside_area', count: 1, examples: ['2栋 2-101'] },
      { standardName: '住宅物业费', reason: 'something_new', count: 1, examples: [] },
    ],
    ...overrides,
  };
}

export const RUNS: BillingRun[] = [
  { id: 'dddddddd-0000-4000-8000-000000000001', period: '2025-05', inserted: 1008, existing: 0, total: '211702.35', createdByName: '王经理', createdAt: '2025-05-01T01:00:00.000Z' },
];

/** Vant's fixed nav bar measures itself on a timer after mounting: let it run before the DOM goes. */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
