// Shapes the work-order API answers with (docs/api.md "Work orders"), for the component tests of the
// customer-service and KPI screens.
import { DEFAULT_CATEGORIES, DEFAULT_SLAS } from '@pm/domain';
import { KPI_RATES } from '../../../api/work-orders';
import type {
  CommandFormSpec,
  KpiRate,
  KpiReport,
  Kpis,
  WorkOrderBoard,
  WorkOrderDetail,
  WorkOrderEventView,
  WorkOrderListItem,
  WorkOrderSettings,
} from '../../../api/work-orders';

export const ESTATE = { id: '11111111-1111-4111-8111-111111111111', officeId: '99999999-0000-4000-8000-000000000001', officeName: '西湖管理处', name: '翠湖花园', kind: 'residential', address: '', buildingCount: 2, unitCount: 40 };
export const UNIT_ID = '33333333-3333-4333-8333-333333333333';
export const ORDER_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const ORDER_2 = 'aaaaaaaa-0000-4000-8000-000000000002';
export const TECH_A = { id: 'bbbbbbbb-0000-4000-8000-00000000000a', name: '李师傅', open: 1, overdue: 0 };
export const TECH_B = { id: 'bbbbbbbb-0000-4000-8000-00000000000b', name: '王师傅', open: 4, overdue: 2 };

const PROPERTY = ['org:read', 'estate:read', 'unit:read', 'party:read'];
export const CS_PERMISSIONS = [...PROPERTY, 'work_order:read', 'work_order:dispatch'] as const;
export const MANAGER_PERMISSIONS = [...CS_PERMISSIONS, 'work_order:config', 'report:read'] as const;

export const paged = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });

/** Fixed nav bars measure themselves up to 300 ms after mounting: let those timers run before the DOM goes. */
export const letVantSettle = () => new Promise<void>((resolve) => setTimeout(resolve, 400));

/** An hour from now and a day from now, so running clocks are on track whatever day the tests run. */
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export function makeOrder(overrides: Partial<WorkOrderListItem> = {}): WorkOrderListItem {
  return {
    id: ORDER_ID,
    number: 'GD2503010001',
    estateId: ESTATE.id,
    estateName: '翠湖花园',
    kind: 'repair',
    category: 'water_electric',
    categoryName: '水电',
    priority: 'normal',
    state: 'submitted',
    location: 'unit',
    unitId: UNIT_ID,
    unitLabel: '1栋 1-101',
    description: '厨房水龙头漏水',
    assigneeId: null,
    assigneeName: null,
    submittedAt: inMinutes(-30),
    responseDueAt: inMinutes(90),
    completeDueAt: inMinutes(2850),
    respondedAt: null,
    completedAt: null,
    sla: { response: 'on_track', completion: 'on_track' },
    escalationLevel: 0,
    reopenCount: 0,
    photoCount: 1,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<WorkOrderEventView> = {}): WorkOrderEventView {
  return {
    id: 'eeeeeeee-0000-4000-8000-000000000001',
    command: 'submit',
    fromState: null,
    toState: 'submitted',
    actorKind: 'customer_service',
    actorName: '张客服',
    at: '2025-03-01T01:00:00.000Z',
    receivedAt: '2025-03-01T01:00:00.000Z',
    note: null,
    data: null,
    ...overrides,
  };
}

const form = (requires: CommandFormSpec['requires'] = [], accepts: CommandFormSpec['accepts'] = requires, requiresAnyOf: CommandFormSpec['requiresAnyOf'] = []): CommandFormSpec => ({
  requires,
  requiresAnyOf,
  accepts,
});

/** The forms the server gives customer service for the commands used in the tests. */
export const FORMS = {
  dispatch: form(['assigneeId']),
  reassign: form(['assigneeId', 'reason']),
  cancel: form(['reason']),
  escalate: form(['reason']),
  reclassify: form([], ['category', 'priority'], ['category', 'priority']),
  edit: form([], ['description', 'reportPhotos', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt'], ['description', 'reportPhotos', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt']),
  answer_survey: form(['satisfaction', 'fixed'], ['satisfaction', 'fixed', 'comment']),
  reopen: form(['reason']),
  acknowledge: form([], ['assigneeId']),
  start_handling: form(),
  reply: form(['replyText']),
} satisfies Partial<Record<string, CommandFormSpec>>;

export function makeDetail(overrides: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  const base = makeOrder();
  return {
    ...base,
    reportPhotos: ['f0000000-0000-4000-8000-000000000001'],
    contactName: '张伟',
    contactPhone: '13800001111',
    appointmentAt: null,
    reporterId: 'cccccccc-0000-4000-8000-000000000001',
    reportedBy: 'customer_service',
    assignedAt: null,
    assignedVia: null,
    acceptedAt: null,
    startedAt: null,
    holdReason: null,
    heldAt: null,
    completionNotes: null,
    completionPhotos: [],
    materials: [],
    labourMinutes: null,
    chargeAmount: null,
    replyText: null,
    survey: null,
    closedAt: null,
    closeReason: null,
    cancelledAt: null,
    cancelReason: null,
    cancelledBy: null,
    reopenedAt: null,
    reopenReason: null,
    escalatedAt: null,
    escalationLevel: 0,
    reporterName: '张伟',
    anonymous: false,
    chargeId: null,
    chargeOwed: null,
    allowed: ['dispatch', 'cancel', 'escalate', 'reclassify', 'edit'],
    forms: { dispatch: FORMS.dispatch, cancel: FORMS.cancel, escalate: FORMS.escalate, reclassify: FORMS.reclassify, edit: FORMS.edit },
    events: [makeEvent()],
    photos: { report: [{ id: 'f0000000-0000-4000-8000-000000000001', url: '/api/work-order-photos/f0000000-0000-4000-8000-000000000001' }], completion: [] },
    ...overrides,
  };
}

export function makeBoard(overrides: Partial<WorkOrderBoard> = {}): WorkOrderBoard {
  return {
    estateId: ESTATE.id,
    counts: { open: 12, unassigned: 3, overdue: 2, atRisk: 1, onHold: 1, awaitingFollowUp: 4 },
    technicians: [TECH_B, TECH_A],
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<WorkOrderSettings> = {}): WorkOrderSettings {
  return {
    estateId: ESTATE.id,
    categories: DEFAULT_CATEGORIES.map((c) => ({
      code: c.code,
      zh: c.zh,
      en: c.en,
      kinds: [...c.kinds],
      priority: c.defaultPriority,
      responseMinutes: c.code === 'elevator' ? 15 : null,
      completeMinutes: c.code === 'elevator' ? 120 : null,
      active: c.code !== 'greenery',
    })),
    slas: {
      urgent: { ...DEFAULT_SLAS.urgent },
      high: { ...DEFAULT_SLAS.high },
      normal: { ...DEFAULT_SLAS.normal },
      low: { ...DEFAULT_SLAS.low },
    },
    atRiskShare: 0.25,
    surveyDays: 7,
    reopenWindowDays: 7,
    allowGrab: true,
    completionPhotosRequired: false,
    priceList: [
      { code: 'p1', name: '上门费', price: '30.00', unit: '次' },
      { code: 'p2', name: '水龙头更换', price: '35.50', unit: '个' },
    ],
    ...overrides,
  };
}

const rate = (num: number, den: number): KpiRate => ({ num, den, pct: den ? ((num * 100) / den).toFixed(2) : null });

export function makeKpis(overrides: Partial<Kpis> = {}): Kpis {
  return {
    orders: 14,
    responseOnTime: rate(8, 11),
    completionOnTime: rate(9, 10),
    followUp: rate(6, 8),
    satisfaction: rate(4, 5),
    complaintSatisfaction: rate(0, 1),
    reopen: rate(1, 9),
    avgResponseMinutes: '45.50',
    avgCompletionMinutes: '1530.00',
    unanswered: 2,
    ...overrides,
  };
}

export function makeKpiReport(overrides: Partial<KpiReport> = {}): KpiReport {
  return {
    from: '2025-03-01',
    to: '2025-03-31',
    groupBy: 'estate',
    nodeId: null,
    nodeName: null,
    total: makeKpis(),
    rows: [
      { key: ESTATE.id, label: '翠湖花园', ...makeKpis({ orders: 10 }) },
      { key: '22222222-2222-4222-8222-222222222222', label: '锦绣家园', ...makeKpis({ orders: 4, completionOnTime: rate(0, 0), unanswered: 0 }) },
    ],
    ...overrides,
  };
}

/** The same report as the API sends it (the domain's names: `{ count, base, rate }`, `submitted`, `noResponse`…). */
export function apiKpiReport(r: KpiReport) {
  const kpis = (k: KpiReport['total']) => ({
    submitted: k.orders,
    cancelled: 0,
    noResponse: k.unanswered,
    averageResponseMinutes: k.avgResponseMinutes,
    averageCompletionMinutes: k.avgCompletionMinutes,
    ...Object.fromEntries(KPI_RATES.map((m) => [m, { count: k[m].num, base: k[m].den, rate: k[m].pct }])),
  });
  return { ...r, groupBy: 'estate', total: kpis(r.total), rows: r.rows.map((row) => ({ key: row.key, label: row.label, ...kpis(row) })) };
}
