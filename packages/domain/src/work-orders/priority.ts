/** Priorities 紧急程度, most urgent first. Each has an SLA (see sla.ts). */
export const WORK_ORDER_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_PRIORITY_LABELS: Readonly<Record<WorkOrderPriority, { zh: string; en: string }>> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  high: { zh: '高', en: 'High' },
  normal: { zh: '普通', en: 'Normal' },
  low: { zh: '低', en: 'Low' },
};

export function isWorkOrderPriority(value: unknown): value is WorkOrderPriority {
  return typeof value === 'string' && (WORK_ORDER_PRIORITIES as readonly string[]).includes(value);
}
