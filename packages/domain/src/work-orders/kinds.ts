/**
 * Work-order kinds 工单类型. Repairs, paid services and internal jobs share one workflow (dispatch → accept →
 * work → complete); complaints have their own (acknowledge → handle → reply). Inspection 巡检 and
 * maintenance 保养 come later as kinds of the work workflow.
 */
export const WORK_ORDER_KINDS = ['repair', 'complaint', 'paid_service', 'internal'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const WORK_ORDER_KIND_LABELS: Readonly<Record<WorkOrderKind, { zh: string; en: string }>> = {
  repair: { zh: '报修', en: 'Repair' },
  complaint: { zh: '投诉', en: 'Complaint' },
  paid_service: { zh: '特约服务', en: 'Paid service' },
  internal: { zh: '内部工单', en: 'Internal job' },
};

/** Kinds that go through the work workflow (dispatch, accept, start, complete). */
export const WORK_KINDS: readonly WorkOrderKind[] = ['repair', 'paid_service', 'internal'];

/** Kinds whose resident is asked the follow-up survey 回访 (an internal job has no resident to ask). */
export const SURVEYED_KINDS: readonly WorkOrderKind[] = ['repair', 'paid_service', 'complaint'];

export function isWorkOrderKind(value: unknown): value is WorkOrderKind {
  return typeof value === 'string' && (WORK_ORDER_KINDS as readonly string[]).includes(value);
}

/** Where a repair is: inside a unit 户内 or in a common area 公区 (lobby, lift, garage…). */
export const WORK_ORDER_LOCATIONS = ['unit', 'common_area'] as const;
export type WorkOrderLocation = (typeof WORK_ORDER_LOCATIONS)[number];

export const WORK_ORDER_LOCATION_LABELS: Readonly<Record<WorkOrderLocation, { zh: string; en: string }>> = {
  unit: { zh: '户内', en: 'In the unit' },
  common_area: { zh: '公区', en: 'Common area' },
};
