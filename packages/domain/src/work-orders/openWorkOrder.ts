/**
 * Opening an order 提交工单: who may raise which kind, what it must say, and its deadlines. A resident
 * files repairs, paid services and complaints from the app; customer service files any kind for a
 * resident at the counter or on the phone; technicians and managers raise internal jobs (a broken lamp
 * seen on a round). The category must apply to the kind; the priority is the category's default unless
 * staff choose one (a resident cannot: triage is staff's job); the deadlines count from submission.
 */
import type { ActorKind, WorkOrderActor } from './actors';
import type { WorkOrderEvent } from './decision';
import { toIso, toMillis } from './instant';
import { isWorkOrderKind, type WorkOrderKind, type WorkOrderLocation } from './kinds';
import { DEFAULT_WORK_ORDER_POLICY, slaFor, type WorkOrderPolicy } from './policy';
import type { WorkOrderPriority } from './priority';
import { computeDueDates } from './sla';
import { checkInputField, type FieldProblemReason, MAX_ID_LENGTH } from './validateInput';
import type { WorkOrder } from './workOrder';
import { findCategory } from './categories';

export interface OpenWorkOrderInput {
  /** Client-made UUID (also the idempotency key of the submission). */
  id: string;
  kind: WorkOrderKind;
  category: string;
  /** Staff only; default: the category's default priority. */
  priority?: WorkOrderPriority;
  /** Required for repairs and internal jobs; a paid service is always in a unit; optional for a complaint. */
  location?: WorkOrderLocation | null;
  /** Required when the location is a unit (and for every paid service). */
  unitId?: string | null;
  description: string;
  reportPhotos?: readonly string[];
  contactName?: string | null;
  contactPhone?: string | null;
  appointmentAt?: string | null;
  /** ISO 8601 with an offset. */
  submittedAt: string;
}

export type OpenField = keyof OpenWorkOrderInput;

/** Who may open which kind. */
export const OPENERS: Readonly<Record<WorkOrderKind, readonly ActorKind[]>> = {
  repair: ['resident', 'customer_service', 'manager'],
  complaint: ['resident', 'customer_service', 'manager'],
  paid_service: ['resident', 'customer_service', 'manager'],
  internal: ['customer_service', 'technician', 'manager'],
};

export type OpenDecision =
  | { ok: true; order: WorkOrder; event: WorkOrderEvent }
  | { ok: false; code: 'not_allowed'; message: string; details: { kind: WorkOrderKind; actor: ActorKind; allowed: readonly ActorKind[] } }
  | { ok: false; code: 'missing_fields'; message: string; details: { fields: readonly OpenField[] } }
  | { ok: false; code: 'invalid_fields'; message: string; details: { fields: readonly { field: OpenField; reason: FieldProblemReason | 'unknown_kind' }[] } };

const given = (v: unknown) => v !== undefined && v !== null;

export function openWorkOrder(input: OpenWorkOrderInput, actor: WorkOrderActor, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): OpenDecision {
  const raw = (input ?? {}) as unknown as Readonly<Record<string, unknown>>;
  const kind = raw.kind;
  if (!isWorkOrderKind(kind)) {
    return given(kind)
      ? { ok: false, code: 'invalid_fields', message: 'unknown kind', details: { fields: [{ field: 'kind', reason: 'unknown_kind' }] } }
      : { ok: false, code: 'missing_fields', message: 'kind is required', details: { fields: ['kind'] } };
  }
  if (!OPENERS[kind].includes(actor.kind)) {
    return { ok: false, code: 'not_allowed', message: `a ${actor.kind} may not open a ${kind} order`, details: { kind, actor: actor.kind, allowed: OPENERS[kind] } };
  }

  const required: OpenField[] = ['id', 'submittedAt', 'category', 'description'];
  if (kind === 'repair' || kind === 'internal') required.push('location');
  if (kind === 'paid_service' || raw.location === 'unit') required.push('unitId');
  const missing = required.filter((f) => !given(raw[f]));
  if (missing.length > 0) return { ok: false, code: 'missing_fields', message: `missing ${missing.join(', ')}`, details: { fields: missing } };

  const problems: { field: OpenField; reason: FieldProblemReason }[] = [];
  const value = <T>(field: OpenField & Parameters<typeof checkInputField>[0], fallback: T): T => {
    if (!given(raw[field])) return fallback;
    const checked = checkInputField(field, raw[field], kind, policy);
    if (checked.ok) return checked.value as T;
    problems.push({ field, reason: checked.reason });
    return fallback;
  };
  const id = typeof raw.id === 'string' && raw.id.trim() !== '' && raw.id.length <= MAX_ID_LENGTH ? raw.id.trim() : null;
  if (id === null) problems.push({ field: 'id', reason: 'not_a_string' });
  const submittedMs = toMillis(raw.submittedAt);
  if (submittedMs === null) problems.push({ field: 'submittedAt', reason: 'not_an_instant' });
  const category = value<string>('category', '');
  if (given(raw.priority) && actor.kind === 'resident') problems.push({ field: 'priority', reason: 'unexpected' });
  const priority = actor.kind === 'resident' ? undefined : value<WorkOrderPriority | undefined>('priority', undefined);
  const location = value<WorkOrderLocation | null>('location', kind === 'paid_service' ? 'unit' : null);
  const unitId = value<string | null>('unitId', null);
  const description = value<string>('description', '');
  const reportPhotos = value<readonly string[]>('reportPhotos', []);
  const contactName = value<string | null>('contactName', null);
  const contactPhone = value<string | null>('contactPhone', null);
  const appointmentAt = value<string | null>('appointmentAt', null);
  if (problems.length > 0 || id === null || submittedMs === null) {
    return { ok: false, code: 'invalid_fields', message: `invalid ${problems.map((p) => `${p.field} (${p.reason})`).join(', ')}`, details: { fields: problems } };
  }

  const finalPriority = priority ?? (findCategory(category, policy.categories)?.defaultPriority as WorkOrderPriority);
  const submittedAt = toIso(submittedMs);
  const order: WorkOrder = {
    id,
    kind,
    state: 'submitted',
    category,
    priority: finalPriority,
    location,
    unitId,
    description,
    reportPhotos,
    contactName,
    contactPhone,
    appointmentAt,
    reporterId: actor.id,
    reportedBy: actor.kind,
    submittedAt,
    ...computeDueDates(submittedAt, slaFor(category, finalPriority, policy)),
    respondedAt: null,
    assigneeId: null,
    assignedAt: null,
    assignedVia: null,
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
  };
  const data = { category, priority: finalPriority, description, ...(location ? { location } : {}), ...(unitId ? { unitId } : {}) };
  return { ok: true, order, event: { command: 'submit', from: null, to: 'submitted', at: submittedAt, actor: { kind: actor.kind, id: actor.id }, data } };
}
