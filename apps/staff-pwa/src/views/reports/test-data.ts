// Shapes the reports API answers with, for the component tests beside this file.
import type { Reconciliation, ReconciliationMismatch, ReconciliationRun } from '../../api/payments';
import type { ArrearsReport, ArrearsRow, CollectionReport, ReceivablesReport, ReminderNotice, ReminderNotices, UnitReminders } from '../../api/reports';
import type { OrgNode } from '../../api/types';

export const OFFICE: OrgNode = { id: '99999999-0000-4000-8000-000000000001', parentId: null, kind: 'office', name: '西湖管理处', path: ['西湖管理处'] };
export const ESTATE: OrgNode = { id: '11111111-1111-4111-8111-111111111111', parentId: OFFICE.id, kind: 'estate', name: '翠湖花园', path: ['西湖管理处', '翠湖花园'] };
export const ESTATE_2 = { id: '22222222-2222-4222-8222-222222222222', name: '锦绣家园' };
export const BUILDING = { id: 'cccccccc-0000-4000-8000-000000000001', name: '1栋' };
export const UNIT_ID = '33333333-3333-4333-8333-333333333333';
export const UNIT_2 = '33333333-3333-4333-8333-333333333334';

const PROPERTY = ['org:read', 'estate:read', 'unit:read', 'party:read'];
export const MANAGER_PERMISSIONS = [...PROPERTY, 'fee:read', 'charge:read', 'payment:collect', 'report:read'] as const;
export const SERVICE_PERMISSIONS = [...PROPERTY, 'fee:read', 'charge:read'] as const;

const buckets = (b0: string, b1: string, b2 = '0.00', b3 = '0.00', b4 = '0.00') => ({ '0-30': b0, '31-90': b1, '91-180': b2, '181-365': b3, '365+': b4 });

export function arrearsRow(overrides: Partial<ArrearsRow> = {}): ArrearsRow {
  return { key: ESTATE.id, estateId: ESTATE.id, estateName: '翠湖花园', owed: '630.36', buckets: buckets('210.12', '420.24'), charges: 3, oldestDueDate: '2026-08-31', ...overrides };
}

/** Per estate: two estates; amounts whose float sums go wrong (0.1 + 0.2). */
export function makeArrears(overrides: Partial<ArrearsReport> = {}): ArrearsReport {
  return {
    asOf: '2026-10-31',
    groupBy: 'estate',
    nodeId: null,
    nodeName: null,
    total: '630.66',
    buckets: buckets('210.42', '420.24'),
    rows: [arrearsRow(), arrearsRow({ key: ESTATE_2.id, estateId: ESTATE_2.id, estateName: ESTATE_2.name, owed: '0.30', buckets: buckets('0.30', '0.00'), charges: 2, oldestDueDate: '2026-10-15' })],
    page: 1,
    pageSize: 20,
    totalRows: 2,
    ...overrides,
  };
}

export function buildingArrears(): ArrearsReport {
  return makeArrears({
    groupBy: 'building',
    nodeId: ESTATE.id,
    nodeName: '翠湖花园',
    total: '630.36',
    buckets: buckets('210.12', '420.24'),
    rows: [arrearsRow({ key: BUILDING.id, buildingId: BUILDING.id, buildingName: '1栋' })],
    totalRows: 1,
  });
}

export function unitArrears(): ArrearsReport {
  return makeArrears({
    groupBy: 'unit',
    nodeId: ESTATE.id,
    nodeName: '翠湖花园',
    total: '630.36',
    buckets: buckets('210.12', '420.24'),
    rows: [
      arrearsRow({ key: UNIT_ID, buildingId: BUILDING.id, buildingName: '1栋', unitId: UNIT_ID, unitNumber: '1-101', ownerName: '张伟', owed: '420.24', buckets: buckets('0.00', '420.24'), charges: 2 }),
      arrearsRow({ key: UNIT_2, buildingId: BUILDING.id, buildingName: '1栋', unitId: UNIT_2, unitNumber: '1-102', ownerName: null, owed: '210.12', buckets: buckets('210.12', '0.00'), charges: 1, oldestDueDate: '2026-10-31' }),
    ],
    totalRows: 2,
  });
}

const current = (over: Partial<CollectionReport['total']['current']> = {}) => ({
  charges: 10,
  billed: '2100.20',
  reduced: '100.00',
  adjusted: '0.10',
  receivable: '2000.30',
  collected: '1500.20',
  outstanding: '500.10',
  rate: '75.00',
  ...over,
});
const back = (over: Partial<CollectionReport['total']['backArrears']> = {}) => ({ charges: 4, opening: '800.00', collected: '200.00', outstanding: '600.00', rate: '25.00', ...over });

export function makeCollection(overrides: Partial<CollectionReport> = {}): CollectionReport {
  return {
    period: '2026-10',
    asOf: '2026-10-31',
    nodeId: OFFICE.id,
    nodeName: '西湖管理处',
    window: { from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' },
    rows: [
      { estateId: ESTATE.id, estateName: '翠湖花园', current: current({ rate: '80.00' }), backArrears: back({ rate: '30.00' }) },
      { estateId: ESTATE_2.id, estateName: ESTATE_2.name, current: current({ charges: 0, billed: '0.00', reduced: '0.00', adjusted: '0.00', receivable: '0.00', collected: '0.00', outstanding: '0.00', rate: null }), backArrears: back({ rate: null }) },
    ],
    total: { current: current(), backArrears: back() },
    ...overrides,
  };
}

export function makeReceivables(overrides: Partial<ReceivablesReport> = {}): ReceivablesReport {
  const row = { feeItemId: 'aaaaaaaa-0000-4000-8000-000000000001', feeItemName: '物业费', category: 'service', charges: 12, billed: '2520.24', reduced: '20.00', adjusted: '0.00', settled: '2000.10', outstanding: '500.14' };
  return {
    from: '2026-01',
    to: '2026-11',
    nodeId: null,
    nodeName: null,
    rows: [row, { ...row, feeItemId: 'aaaaaaaa-0000-4000-8000-000000000002', feeItemName: '水费', category: 'utility', charges: 3, billed: '0.30', reduced: '0.00', adjusted: '0.00', settled: '0.10', outstanding: '0.20' }],
    totals: { charges: 15, billed: '2520.54', reduced: '20.00', adjusted: '0.00', settled: '2000.20', outstanding: '500.34' },
    ...overrides,
  };
}

const NOTICE_TEXT = (unit: string, owed: string) =>
  [
    '尊敬的张伟 业主/住户：',
    `　　您好！截至2026年10月31日，您名下翠湖花园1栋${unit}房屋尚有物业费共 2 笔逾期未缴，合计人民币 ${owed}，明细见下表。`,
    '　　特别说明：依照《中华人民共和国民法典》第九百四十四条，物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。我们不会以停水停电方式催缴，请您放心。',
    '　　感谢您对我们工作的理解与支持！',
    '翠湖花园物业服务中心',
    '2026年10月31日',
  ].join('\n');

export function notice(unitId: string, unitNumber: string, overrides: Partial<ReminderNotice> = {}): ReminderNotice {
  return {
    unitId,
    estateName: '翠湖花园',
    buildingName: '1栋',
    unitNumber,
    ownerName: '张伟',
    owed: '420.24',
    charges: [
      { feeItemName: '物业费', period: '2026-08', owed: '210.12', dueDate: '2026-08-31' },
      { feeItemName: '物业费', period: '2026-09', owed: '210.12', dueDate: '2026-09-30' },
    ],
    text: NOTICE_TEXT(unitNumber, '¥420.24'),
    ...overrides,
  };
}

export function makeNotices(overrides: Partial<ReminderNotices> = {}): ReminderNotices {
  return {
    asOf: '2026-10-31',
    payBy: '2026-11-15',
    issued: '2026-10-31',
    page: 1,
    pageSize: 50,
    total: 2,
    items: [notice(UNIT_ID, '1-101'), notice(UNIT_2, '1-102', { ownerName: null, owed: '0.30', charges: [{ feeItemName: '水费', period: '2026-10', owed: '0.30', dueDate: '2026-10-31' }] })],
    ...overrides,
  };
}

export function reminder(id: string, overrides: Partial<UnitReminders['items'][number]> = {}): UnitReminders['items'][number] {
  return {
    id,
    unitId: UNIT_ID,
    estateId: ESTATE.id,
    kind: 'phone',
    note: '业主答应月底缴清',
    owedAtTime: '420.24',
    at: '2026-11-20T02:00:00.000Z',
    createdBy: '00000000-0000-4000-8000-000000000001',
    createdByName: '李客服',
    createdAt: '2026-11-20T02:00:00.000Z',
    ...overrides,
  };
}

// ---- 线上对账 ------------------------------------------------------------------------------------------------

export const WECHAT_RUN = 'dddddddd-0000-4000-8000-000000000001';
export const ALIPAY_RUN = 'dddddddd-0000-4000-8000-000000000002';

export function reconciliationRun(overrides: Partial<ReconciliationRun> = {}): ReconciliationRun {
  return {
    id: WECHAT_RUN,
    provider: 'wechatpay',
    day: '2026-10-31',
    source: 'bill',
    status: 'done',
    summary: { providerPayments: 128, providerRefunds: 2, paidHere: 127, matched: 126, mismatches: 4, openQueried: 1, appliedFromQuery: 1, appliedNow: 0 },
    error: null,
    startedAt: '2026-11-01T02:05:00.000Z',
    finishedAt: '2026-11-01T02:05:12.000Z',
    ...overrides,
  };
}

let mismatchSeq = 0;
export function mismatch(kind: string, overrides: Partial<ReconciliationMismatch> = {}): ReconciliationMismatch {
  return {
    id: `eeeeeeee-0000-4000-8000-${String(++mismatchSeq).padStart(12, '0')}`,
    runId: WECHAT_RUN,
    kind,
    estateId: ESTATE.id,
    estateName: '翠湖花园',
    orderId: 'ffffffff-0000-4000-8000-000000000001',
    refundId: null,
    outTradeNo: 'PM20261031ABCDEF123456',
    transactionId: '4200002718202610318812345678',
    providerAmount: '210.12',
    ledgerAmount: '210.12',
    details: null,
    ...overrides,
  };
}

/**
 * A day as the API answers it: WeChat Pay reconciled against its bill with four mismatches (sorted by kind, as
 * the API sorts them), Alipay still waiting for its bill.
 */
export function makeReconciliation(overrides: Partial<Reconciliation> = {}): Reconciliation {
  return {
    day: '2026-10-31',
    runs: [
      reconciliationRun({
        id: ALIPAY_RUN,
        provider: 'alipay',
        status: 'waiting',
        summary: { openQueried: 0, appliedFromQuery: 0 },
        error: 'bill not ready: 账单尚未生成',
        finishedAt: '2026-11-01T02:05:03.000Z',
      }),
      reconciliationRun(),
    ],
    mismatches: [
      mismatch('amount_mismatch', { providerAmount: '210.12', ledgerAmount: '210.02' }),
      mismatch('ledger_mismatch', {
        estateId: ESTATE_2.id,
        estateName: ESTATE_2.name,
        outTradeNo: 'PM20261031LEDGER000001',
        providerAmount: '1234.50',
        ledgerAmount: '0.00',
        details: { receiptTotal: null },
      }),
      mismatch('missing_order', { estateId: null, estateName: null, orderId: null, outTradeNo: 'PM20261031UNKNOWN00001', providerAmount: '3353.94', ledgerAmount: null }),
      mismatch('refund_unknown', {
        outTradeNo: 'PM20261030REFUND000001',
        transactionId: null,
        providerAmount: '50.00',
        ledgerAmount: null,
        details: { outRefundNo: 'RF20261031000001' },
      }),
    ],
    ...overrides,
  };
}

export const xlsxResponse = (asciiName: string, utf8Name: string) =>
  new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
    status: 200,
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`,
    },
  });

/** Vant's fixed nav bar measures itself on a timer after mounting: let it run before the DOM goes. */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));
