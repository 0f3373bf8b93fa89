// Shapes the billing API answers with, for the cashier component tests beside this file.
import { todayInShanghai } from '@pm/domain';
import type { AccountCharge, CashierDay, Receipt, UnitAccount } from '../../api/billing';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: 'office-1', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 12, unitCount: 1008 };
export const UNIT_ID = '33333333-3333-4333-8333-333333333333';
export const CASHIER_PERMISSIONS = ['org:read', 'estate:read', 'unit:read', 'fee:read', 'charge:read', 'payment:collect'] as const;

export function charge(id: string, overrides: Partial<AccountCharge> = {}): AccountCharge {
  return {
    id,
    feeItemId: 'fee-1',
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

/** Three open charges whose owed amounts float arithmetic gets wrong (0.1 + 0.2), one settled. */
export function makeAccount(overrides: Partial<UnitAccount> = {}): UnitAccount {
  return {
    unit: { id: UNIT_ID, number: '1-101', buildingName: '1栋', estateId: ESTATE.id, estateName: '翠湖花园', ownerName: '张伟' },
    owed: '210.32',
    prepaid: '0.00',
    charges: [
      charge('c-1'),
      charge('c-2', { feeItemName: '垃圾清运费', amount: '0.10', owed: '0.10', explanation: '固定 ¥0.10/户·月', dueDate: '2025-05-31' }),
      charge('c-3', { feeItemName: '水费', period: '2025-06', amount: '0.20', owed: '0.20', dueDate: '2025-06-30', explanation: '0.04 m³ × ¥5.00/m³ = ¥0.20' }),
      charge('c-0', { period: '2025-04', status: 'settled', owed: '0.00', paid: '210.02', dueDate: '2025-04-30' }),
    ],
    receipts: [{ id: 'r-0', number: 'SK2025-000001', total: '210.02', method: 'wechat', status: 'posted', createdAt: '2025-05-02T02:00:00.000Z' }],
    ...overrides,
  };
}

export function makeReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    number: 'SK2025-000123',
    estateId: ESTATE.id,
    estateName: '翠湖花园',
    unitId: UNIT_ID,
    unitNumber: '1-101',
    buildingName: '1栋',
    method: 'cash',
    total: '310.32',
    totalInWords: '叁佰壹拾元叁角贰分',
    payer: '张伟',
    cashierName: '吴收银',
    createdAt: '2025-06-12T06:05:00.000Z',
    businessDate: todayInShanghai(),
    status: 'posted',
    voidReason: null,
    lines: [
      { chargeId: 'c-1', feeItemName: '物业费', period: '2025-05', explanation: '89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02', amount: '210.02', kind: 'payment' },
      { chargeId: 'c-2', feeItemName: '垃圾清运费', period: '2025-05', explanation: '固定 ¥0.10/户·月', amount: '0.10', kind: 'payment' },
      { chargeId: 'c-3', feeItemName: '水费', period: '2025-06', explanation: '0.04 m³ × ¥5.00/m³ = ¥0.20', amount: '0.20', kind: 'payment' },
      { chargeId: null, feeItemName: '预存款', period: null, explanation: '', amount: '100.00', kind: 'prepayment' },
    ],
    offsets: [],
    discounts: [],
    ...overrides,
  };
}

export function makeDay(overrides: Partial<CashierDay> = {}): CashierDay {
  return {
    estateId: ESTATE.id,
    estateName: '翠湖花园',
    date: todayInShanghai(),
    cashierId: '00000000-0000-4000-8000-000000000001',
    cashierName: '吴收银',
    closed: false,
    closedAt: null,
    totals: {
      count: 2,
      total: '520.34',
      byMethod: [
        { method: 'cash', count: 1, total: '310.32' },
        { method: 'wechat', count: 1, total: '210.02' },
      ],
      byFeeItem: [
        { feeItemName: '物业费', total: '420.04' },
        { feeItemName: '垃圾清运费', total: '0.10' },
        { feeItemName: '水费', total: '0.20' },
      ],
    },
    receipts: [
      { id: '44444444-4444-4444-8444-444444444444', number: 'SK2025-000123', unitNumber: '1-101', buildingName: '1栋', total: '310.32', method: 'cash', status: 'posted', createdAt: '2025-06-12T06:05:00.000Z' },
      { id: '55555555-5555-4555-8555-555555555555', number: 'SK2025-000124', unitNumber: '1-102', buildingName: '1栋', total: '210.02', method: 'wechat', status: 'posted', createdAt: '2025-06-12T07:05:00.000Z' },
    ],
    ...overrides,
  };
}

/** Vant's fixed nav bar measures itself on a timer after mounting: let it run before the DOM goes. */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
