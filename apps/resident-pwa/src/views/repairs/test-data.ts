/** Test data for the work-order screens: the API's shapes (inferred in api/work-orders) with sensible defaults and overrides. */
import type {
  ResidentWorkOrderSettings,
  WorkOrderDetail,
  WorkOrderEventView,
  WorkOrderListItem,
  WorkOrderNotification,
} from '../../api/work-orders';
import { json, type mockFetch } from '../../test/fetch-mock';

export const ORDER_ID = '3f6c1a52-8d0e-4c3b-9a57-0a1b2c3d4e5f';
const HOUR = 3_600_000;

/** An instant `hours` from now (negative: ago), as the API writes them. */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * HOUR).toISOString();
}

export function listItem(over: Partial<WorkOrderListItem> = {}): WorkOrderListItem {
  return {
    id: ORDER_ID,
    number: 'GD2503050001',
    estateId: 'e0000000-0000-4000-8000-000000000001',
    estateName: '阳光花园',
    kind: 'repair',
    category: 'water_electric',
    categoryName: '水电',
    priority: 'normal',
    state: 'submitted',
    location: 'unit',
    unitId: 'u-1',
    unitLabel: '3栋 1201',
    description: '卫生间洗手盆下水管漏水',
    assigneeId: null,
    assigneeName: null,
    submittedAt: hoursFromNow(-0.5),
    // 1 h 30 min left (+ a little, so rounding up reads "2 小时" whatever the test's pace)
    responseDueAt: hoursFromNow(1.6),
    completeDueAt: hoursFromNow(47.5),
    respondedAt: null,
    completedAt: null,
    sla: { response: 'on_track', completion: 'on_track' },
    escalationLevel: 0,
    reopenCount: 0,
    photoCount: 0,
    ...over,
  };
}

export function event(over: Partial<WorkOrderEventView> = {}): WorkOrderEventView {
  return {
    id: `ev-${Math.random().toString(36).slice(2)}`,
    command: 'submit',
    fromState: null,
    toState: 'submitted',
    actorKind: 'resident',
    actorName: '王女士',
    at: hoursFromNow(-0.5),
    receivedAt: hoursFromNow(-0.5),
    note: null,
    data: null,
    ...over,
  };
}

export function detail(over: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  return {
    ...listItem(),
    reportPhotos: [],
    contactName: '王女士',
    contactPhone: '13800138000',
    appointmentAt: null,
    reporterId: 'b0000000-0000-4000-8000-000000000001',
    reportedBy: 'resident',
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
    reporterName: '王女士',
    anonymous: false,
    chargeId: null,
    chargeOwed: null,
    allowed: ['cancel', 'edit'],
    forms: {},
    events: [event({ id: 'ev-open' })],
    photos: { report: [], completion: [] },
    ...over,
  };
}

/** A repair completed by 张师傅, waiting for the resident's survey. */
export function completedRepair(over: Partial<WorkOrderDetail> = {}): WorkOrderDetail {
  return detail({
    state: 'completed',
    assigneeName: '张师傅',
    respondedAt: hoursFromNow(-20),
    completedAt: hoursFromNow(-1),
    completionNotes: '更换下水管密封圈，试水无渗漏',
    sla: { response: 'met', completion: 'met' },
    allowed: ['answer_survey', 'reopen'],
    events: [
      event({ id: 'ev-open', at: hoursFromNow(-22) }),
      event({ id: 'ev-dispatch', command: 'dispatch', fromState: 'submitted', toState: 'assigned', actorKind: 'customer_service', actorName: '李客服', at: hoursFromNow(-21) }),
      event({ id: 'ev-accept', command: 'accept', fromState: 'assigned', toState: 'accepted', actorKind: 'technician', actorName: '张师傅', at: hoursFromNow(-20) }),
      event({
        id: 'ev-complete',
        command: 'complete',
        fromState: 'in_progress',
        toState: 'completed',
        actorKind: 'technician',
        actorName: '张师傅',
        at: hoursFromNow(-1),
        note: '更换下水管密封圈，试水无渗漏',
      }),
    ],
    ...over,
  });
}

export function settings(over: Partial<ResidentWorkOrderSettings> = {}): ResidentWorkOrderSettings {
  return {
    categories: [
      { code: 'water_electric', zh: '水电', en: 'Water & electricity', kinds: ['repair', 'paid_service'], priority: 'normal', responseMinutes: null, completeMinutes: null, active: true },
      { code: 'elevator', zh: '电梯', en: 'Elevator', kinds: ['repair', 'complaint'], priority: 'high', responseMinutes: 15, completeMinutes: 120, active: true },
      { code: 'noise', zh: '噪音', en: 'Noise', kinds: ['complaint'], priority: 'normal', responseMinutes: null, completeMinutes: null, active: true },
      { code: 'greenery', zh: '绿化', en: 'Landscaping', kinds: ['complaint'], priority: 'low', responseMinutes: null, completeMinutes: null, active: false },
      { code: 'appliance', zh: '家电维修', en: 'Appliance repair', kinds: ['paid_service'], priority: 'normal', responseMinutes: null, completeMinutes: null, active: true },
    ],
    priceList: [
      { code: 'visit', name: '上门费', price: '30', unit: '次' },
      { code: 'tap', name: '水龙头更换', price: '35.5', unit: '个' },
    ],
    slas: {
      urgent: { responseMinutes: 30, completeMinutes: 240 },
      high: { responseMinutes: 60, completeMinutes: 1440 },
      normal: { responseMinutes: 120, completeMinutes: 2880 },
      low: { responseMinutes: 480, completeMinutes: 4320 },
    },
    ...over,
  };
}

export function notification(over: Partial<WorkOrderNotification> = {}): WorkOrderNotification {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    kind: 'status',
    workOrderId: ORDER_ID,
    title: '师傅已接单',
    body: '您的报修（水电）已由张师傅接单',
    createdAt: hoursFromNow(-0.2),
    readAt: null,
    ...over,
  };
}

/** A picked camera photo (happy-dom cannot decode images, so the helper keeps it as it is). */
export function jpeg(name = 'IMG_0001.jpg', bytes = 2048): File {
  return new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });
}

/** Puts files into a file input and fires `change`, as a phone's picker does. */
export function pickFiles(input: HTMLInputElement, files: File[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
}

/** A fetch that never got an answer (lift, tunnel): what `fetch` does offline. */
export function noAnswer(): never {
  throw new TypeError('Failed to fetch');
}

type Answer = { status?: number; body?: unknown };

/**
 * Photo ids are made on the phone, so their paths cannot be scripted up front: the handler set with the
 * returned function answers (or throws for "no answer") what it recognises; everything else falls back to
 * the routes given to mockFetch. Every call is still recorded in `api.calls`.
 */
export function withDynamicRoutes(api: ReturnType<typeof mockFetch>) {
  const fallback = api.fn.getMockImplementation()!;
  let handler: (method: string, path: string) => Answer | null = () => null;
  api.fn.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, path: url.pathname, query: url.searchParams, body };
    let reply: Answer | null;
    try {
      reply = handler(method, url.pathname);
    } catch (e) {
      api.calls.push(call);
      throw e;
    }
    if (!reply) return fallback(input, init);
    api.calls.push(call);
    return json(reply.status ?? 200, reply.body ?? {});
  });
  return (h: typeof handler) => {
    handler = h;
  };
}
