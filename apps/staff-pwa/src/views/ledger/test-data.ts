// Shapes the ledger API answers with, for the component tests beside this file.
import type { AccountCharge, UnitAccount } from '../../api/billing';
import type { LedgerCorrection, OpeningPreview, OpeningRow, PenaltyPreview } from '../../api/ledger';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: 'office-1', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 12, unitCount: 1008 };
export const UNIT_ID = '33333333-3333-4333-8333-333333333333';
/** The signed-in manager's id (makeMe's). */
export const ME_ID = '00000000-0000-4000-8000-000000000001';
export const OTHER_ID = '00000000-0000-4000-8000-000000000002';
export const MANAGER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'fee:read', 'fee:write', 'billing:run', 'charge:read', 'ledger:adjust', 'ledger:approve'] as const;
/** Someone who may request corrections but not approve them, nor run billing. */
export const REQUESTER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'fee:read', 'charge:read', 'ledger:adjust'] as const;

export const LEGAL_NOTE =
  '违约金须依据物业服务合同或管理规约（业主公约）的约定计收；物业服务人不得采取停止供水、供电、供热、供燃气等方式催交费用（《民法典》第九百四十四条）。' +
  'Late fees may only be charged as the property-service contract or the owners’ rules (规约) provide; water and electricity are never cut off for arrears.';

export const CHARGE_ID = 'cccccccc-0000-4000-8000-000000000001';
export const PENALTY_CHARGE_ID = 'cccccccc-0000-4000-8000-000000000002';
export const SETTLED_CHARGE_ID = 'cccccccc-0000-4000-8000-000000000003';

export function charge(id: string, overrides: Partial<AccountCharge> = {}): AccountCharge {
  return {
    id,
    feeItemId: 'aaaaaaaa-0000-4000-8000-000000000001',
    feeItemName: '物业费',
    period: '2025-05',
    amount: '210.02',
    owed: '210.02',
    paid: '0.00',
    dueDate: '2025-05-31',
    explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02',
    source: 'billing',
    status: 'open',
    ...overrides,
  };
}

/** An open charge, an open late fee on it, a settled charge; ¥300 prepaid. */
export function makeAccount(overrides: Partial<UnitAccount> = {}): UnitAccount {
  return {
    unit: { id: UNIT_ID, number: '1-101', buildingName: '1栋', estateId: ESTATE.id, estateName: '翠湖花园', ownerName: '张伟' },
    owed: '216.32',
    prepaid: '300.00',
    charges: [
      charge(SETTLED_CHARGE_ID, { period: '2025-04', owed: '0.00', paid: '210.02', dueDate: '2025-04-30', status: 'settled' }),
      charge(CHARGE_ID),
      charge(PENALTY_CHARGE_ID, {
        period: '2025-07',
        amount: '6.30',
        owed: '6.30',
        dueDate: '2025-07-20',
        explanation: '违约金（2025-05 物业费）¥210.02 × 0.0003/天 × 100 天 = ¥6.30',
        source: 'penalty',
      }),
    ],
    receipts: [],
    ...overrides,
  };
}

export function makeCorrection(overrides: Partial<LedgerCorrection> = {}): LedgerCorrection {
  return {
    id: 'dddddddd-0000-4000-8000-000000000001',
    kind: 'adjustment',
    status: 'posted',
    estateId: ESTATE.id,
    unitId: UNIT_ID,
    unitNumber: '1-101',
    buildingName: '1栋',
    chargeId: CHARGE_ID,
    chargeLabel: '2025-05 物业费',
    amount: '-20.00',
    method: null,
    reason: '面积测量有误',
    threshold: null,
    requestedBy: ME_ID,
    requestedByName: '王经理',
    requestedAt: '2025-06-12T06:05:00.000Z',
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    decisionReason: null,
    entryId: 'eeeeeeee-0000-4000-8000-000000000001',
    ...overrides,
  };
}

export function makePenaltyPreview(overrides: Partial<PenaltyPreview> = {}): PenaltyPreview {
  return {
    estateId: ESTATE.id,
    asOf: '2025-07-20',
    period: '2025-07',
    enabled: true,
    policy: { dailyRate: '0.0003', graceDays: 10, cap: { kind: 'percent', percent: '100' } },
    legalNote: LEGAL_NOTE,
    lines: 2,
    total: '6.40',
    alreadyPosted: 1,
    nothingDue: 0,
    items: [
      {
        baseChargeId: CHARGE_ID,
        unitId: UNIT_ID,
        unitNumber: '1-101',
        buildingName: '1栋',
        feeItemId: 'aaaaaaaa-0000-4000-8000-000000000001',
        feeItemName: '物业费',
        period: '2025-05',
        dueDate: '2025-05-31',
        principal: '210.02',
        daysOverdue: 50,
        daysCharged: 40,
        capped: false,
        previous: '0.00',
        amount: '2.52',
        explanation: '¥210.02 × 0.0003/天 × 40 天 = ¥2.52',
      },
      {
        baseChargeId: 'cccccccc-0000-4000-8000-000000000009',
        unitId: 'ffffffff-0000-4000-8000-000000000002',
        unitNumber: '1-102',
        buildingName: '1栋',
        feeItemId: 'aaaaaaaa-0000-4000-8000-000000000001',
        feeItemName: '物业费',
        period: '2025-04',
        dueDate: '2025-04-30',
        principal: '3.88',
        daysOverdue: 81,
        daysCharged: 71,
        capped: true,
        previous: '0.00',
        amount: '3.88',
        explanation: '¥3.88 × 0.0003/天 × 71 天，以本金为上限 = ¥3.88',
      },
    ],
    itemsTruncated: false,
    ...overrides,
  };
}

export const GOOD_ROW: OpeningRow = { row: 2, building: '1栋', number: '1-101', feeItem: '物业费', period: '2025-01', amount: '120.00', dueDate: '2025-01-31', note: '系统上线前欠费', errors: [] };
export const BAD_ROW: OpeningRow = { row: 3, building: '1栋', number: '9-999', feeItem: '物业费', period: '2025-01', amount: '88.5', dueDate: '2025-01-31', note: '', errors: ['本项目没有该房屋'] };

export function makeOpeningPreview(rows: OpeningRow[], overrides: Partial<OpeningPreview> = {}): OpeningPreview {
  const invalid = rows.filter((r) => r.errors.length).length;
  return {
    ok: invalid === 0,
    alreadyImported: false,
    importId: null,
    importedAt: null,
    summary: { rows: rows.length, valid: rows.length - invalid, invalid, total: '120.00', units: 1 },
    rows,
    ...overrides,
  };
}

/** Vant's fixed nav bar measures itself on a timer after mounting: let it run before the DOM goes. */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
