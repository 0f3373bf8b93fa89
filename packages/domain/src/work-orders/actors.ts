/**
 * Who acts on a work order. Staff permissions (roles on the organisation tree) map onto these kinds in
 * the API; here the rules only need the kind and two facts the API knows: is this person the order's
 * assignee (the technician or complaint handler it is assigned to), is this person its reporter (the
 * resident who filed it, or a resident of its unit — the API decides which counts).
 */
export const ACTOR_KINDS = ['resident', 'customer_service', 'technician', 'manager', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, { zh: string; en: string }>> = {
  resident: { zh: '住户', en: 'Resident' },
  customer_service: { zh: '客服', en: 'Customer service' },
  technician: { zh: '维修工', en: 'Technician' },
  manager: { zh: '项目经理', en: 'Manager' },
  system: { zh: '系统', en: 'System' },
};

export interface WorkOrderActor {
  kind: ActorKind;
  /** The person's id (party id for residents, staff id for staff; 'system' for timers). Written as the assignee when a technician grabs an order. */
  id: string;
  /** The order is assigned to this person. */
  isAssignee?: boolean;
  /** This person reported the order (or lives in its unit, if the API says so). */
  isReporter?: boolean;
}

/** Staff kinds (a survey they record came by phone; a resident's came from the app). */
export const STAFF_ACTOR_KINDS: readonly ActorKind[] = ['customer_service', 'technician', 'manager'];

export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === 'string' && (ACTOR_KINDS as readonly string[]).includes(value);
}
