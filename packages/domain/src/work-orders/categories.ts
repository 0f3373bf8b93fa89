/**
 * Categories 工单分类: what the order is about. Each says which kinds it applies to (noise is a complaint,
 * never a repair) and its default priority; an estate may replace the list and give a category its own
 * SLA per priority (e.g. elevator entrapment 困人 answered in 15 minutes).
 */
import type { WorkOrderKind } from './kinds';
import type { WorkOrderPriority } from './priority';
import type { SlaMinutes } from './sla';

export interface WorkOrderCategory {
  /** Stable code stored on the order ("water_electric"). */
  code: string;
  zh: string;
  en: string;
  /** Kinds an order of this category may be. */
  kinds: readonly WorkOrderKind[];
  /** The priority an order gets unless staff choose another. */
  defaultPriority: WorkOrderPriority;
  /** This category's own windows for some priorities; the policy's `slas` cover the rest. */
  sla?: Partial<Record<WorkOrderPriority, SlaMinutes>>;
}

export const DEFAULT_CATEGORIES: readonly WorkOrderCategory[] = [
  { code: 'water_electric', zh: '水电', en: 'Water & electricity', kinds: ['repair', 'paid_service', 'internal'], defaultPriority: 'normal' },
  { code: 'pipes', zh: '管道疏通', en: 'Blocked pipes', kinds: ['repair', 'paid_service', 'internal'], defaultPriority: 'high' },
  { code: 'doors_windows', zh: '门窗', en: 'Doors & windows', kinds: ['repair', 'paid_service', 'internal'], defaultPriority: 'normal' },
  { code: 'elevator', zh: '电梯', en: 'Elevator', kinds: ['repair', 'complaint', 'internal'], defaultPriority: 'high' },
  { code: 'public_facilities', zh: '公共设施', en: 'Public facilities', kinds: ['repair', 'complaint', 'internal'], defaultPriority: 'normal' },
  { code: 'safety', zh: '安全', en: 'Safety', kinds: ['repair', 'complaint', 'internal'], defaultPriority: 'urgent' },
  { code: 'sanitation', zh: '环境卫生', en: 'Cleanliness', kinds: ['complaint', 'internal'], defaultPriority: 'normal' },
  { code: 'greenery', zh: '绿化', en: 'Landscaping', kinds: ['complaint', 'internal'], defaultPriority: 'low' },
  { code: 'noise', zh: '噪音', en: 'Noise', kinds: ['complaint'], defaultPriority: 'normal' },
  { code: 'parking', zh: '停车', en: 'Parking', kinds: ['complaint', 'internal'], defaultPriority: 'normal' },
  { code: 'staff_conduct', zh: '服务态度', en: 'Staff conduct', kinds: ['complaint'], defaultPriority: 'normal' },
  { code: 'housekeeping', zh: '家政保洁', en: 'Housekeeping', kinds: ['paid_service'], defaultPriority: 'low' },
  { code: 'appliance', zh: '家电维修', en: 'Appliance repair', kinds: ['paid_service'], defaultPriority: 'normal' },
  { code: 'other', zh: '其他', en: 'Other', kinds: ['repair', 'complaint', 'paid_service', 'internal'], defaultPriority: 'normal' },
];

/** The category with this code, or undefined. */
export function findCategory(code: string, categories: readonly WorkOrderCategory[] = DEFAULT_CATEGORIES): WorkOrderCategory | undefined {
  return categories.find((c) => c.code === code);
}

/** Categories an order of `kind` may have, in list order (the picker in the apps). */
export function categoriesForKind(kind: WorkOrderKind, categories: readonly WorkOrderCategory[] = DEFAULT_CATEGORIES): WorkOrderCategory[] {
  return categories.filter((c) => c.kinds.includes(kind));
}
