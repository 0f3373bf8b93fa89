// Work orders as the API sends them (WorkOrderDetail), for the technician's tests.
import type { MyWorkOrdersDownload, WorkOrderDetail, WorkOrderEventView } from './types';

export const TECH = 'tech-0000-4000-8000-000000000001';
export const OTHER_TECH = 'tech-0000-4000-8000-000000000002';
/** 2026-11-28 09:00 Beijing: the orders below were submitted then. */
export const SUBMITTED = '2026-11-28T01:00:00.000Z';

export function event(overrides: Partial<WorkOrderEventView> = {}): WorkOrderEventView {
  return {
    id: 'ev-submit',
    command: 'submit',
    fromState: null,
    toState: 'submitted',
    actorKind: 'resident',
    actorName: '张伟',
    at: SUBMITTED,
    receivedAt: SUBMITTED,
    note: null,
    data: null,
    ...overrides,
  };
}

/** A normal-priority repair in 1-101: respond by 11:00, complete by 11-30 09:00 (Beijing). */
export function detail(overrides: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  return {
    id: 'wo-1',
    number: 'GD2611280001',
    estateId: 'e1',
    estateName: '翠湖花园',
    kind: 'repair',
    category: 'water_electric',
    categoryName: '水电',
    priority: 'normal',
    state: 'assigned',
    location: 'unit',
    unitId: 'u1',
    unitLabel: '1栋 1-101',
    description: '厨房水龙头漏水',
    reportPhotos: [],
    contactName: '张伟',
    contactPhone: '13800138000',
    appointmentAt: null,
    reporterId: 'party-1',
    reportedBy: 'resident',
    submittedAt: SUBMITTED,
    responseDueAt: '2026-11-28T03:00:00.000Z',
    completeDueAt: '2026-11-30T01:00:00.000Z',
    respondedAt: null,
    assigneeId: TECH,
    assigneeName: '李师傅',
    assignedAt: '2026-11-28T01:10:00.000Z',
    assignedVia: 'dispatch',
    acceptedAt: null,
    startedAt: null,
    holdReason: null,
    heldAt: null,
    completedAt: null,
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
    reopenCount: 0,
    reopenedAt: null,
    reopenReason: null,
    escalationLevel: 0,
    escalatedAt: null,
    sla: { response: 'on_track', completion: 'on_track' },
    photoCount: 0,
    reporterName: '张伟',
    anonymous: false,
    chargeId: null,
    chargeOwed: null,
    allowed: ['accept', 'decline'],
    forms: {},
    events: [
      event(),
      event({ id: 'ev-dispatch', command: 'dispatch', fromState: 'submitted', toState: 'assigned', actorKind: 'customer_service', actorName: '客服小王', at: '2026-11-28T01:10:00.000Z', receivedAt: '2026-11-28T01:10:00.000Z' }),
    ],
    photos: { report: [], completion: [] },
    ...overrides,
  };
}

/** A paid service 特约服务 waiting in the pool (submitted, nobody assigned). */
export function poolOrder(overrides: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  return detail({
    id: 'wo-2',
    number: 'GD2611280002',
    kind: 'paid_service',
    category: 'appliance',
    categoryName: '家电维修',
    state: 'submitted',
    unitId: 'u2',
    unitLabel: '1栋 1-102',
    description: '空调不制冷',
    assigneeId: null,
    assigneeName: null,
    assignedAt: null,
    assignedVia: null,
    allowed: ['grab'],
    events: [event({ id: 'ev-submit-2' })],
    ...overrides,
  });
}

export function download(jobs: WorkOrderDetail[] = [detail()], pool: WorkOrderDetail[] = [poolOrder()]): MyWorkOrdersDownload {
  return { serverTime: '2026-11-28T02:00:00.000Z', jobs, pool };
}

/** The order as the server would hold it after `command`: a later event, so it is the newer copy. */
export function moved(order: WorkOrderDetail, patch: Partial<WorkOrderDetail>, ev: Partial<WorkOrderEventView>): WorkOrderDetail {
  return { ...order, ...patch, events: [...order.events, event(ev)] };
}
