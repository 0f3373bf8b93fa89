/**
 * 受理登记 intake on behalf of a resident (phone or counter): what the form must say before it is sent, and
 * the body of `POST /api/work-orders`. The rules are the domain's `openWorkOrder` (checked again by the
 * server): a category that applies to the kind and is active in the estate; a location for repairs and
 * internal jobs; a unit whenever the location is a unit and for every paid service (done in the home);
 * complaints may leave the location out and may be anonymous. The priority is the category's default
 * unless customer service chose another (staff may triage).
 */
import type { WorkOrderKind, WorkOrderLocation, WorkOrderPriority } from '@pm/domain';
import type { CategorySetting, SlaSetting, WorkOrderCreate, WorkOrderSettings } from '../../../api/work-orders';
import { NAME_MAX, TEXT_MAX } from './command-form';

/** Kinds customer service files (internal jobs too: a broken lamp reported by a guard). */
export const INTAKE_KINDS = ['repair', 'complaint', 'paid_service', 'internal'] as const satisfies readonly WorkOrderKind[];
/** A resident's photos of the problem (the resident app allows as many). */
export const INTAKE_MAX_PHOTOS = 6;
const PHONE = /^\+?[0-9][0-9\- ()]{2,19}$/;

export interface IntakeDraft {
  kind: WorkOrderKind;
  location: WorkOrderLocation | null;
  unitId: string | null;
  category: string;
  /** '' : the category's default. */
  priority: WorkOrderPriority | '';
  description: string;
  reportPhotos: string[];
  contactName: string;
  contactPhone: string;
  appointmentAt: string;
  anonymous: boolean;
  partyId: string | null;
}

export function emptyIntake(): IntakeDraft {
  return {
    kind: 'repair',
    location: 'unit',
    unitId: null,
    category: '',
    priority: '',
    description: '',
    reportPhotos: [],
    contactName: '',
    contactPhone: '',
    appointmentAt: '',
    anonymous: false,
    partyId: null,
  };
}

/** Does this kind take a location, and must it? */
export const locationRule = (kind: WorkOrderKind): 'required' | 'optional' | 'unit_only' =>
  kind === 'paid_service' ? 'unit_only' : kind === 'complaint' ? 'optional' : 'required';

/** The unit is asked for when the order is in a unit (always for a paid service). */
export const needsUnit = (d: Pick<IntakeDraft, 'kind' | 'location'>) => d.kind === 'paid_service' || d.location === 'unit';

/** The estate's active categories for a kind, in the estate's order. */
export function categoriesFor(settings: Pick<WorkOrderSettings, 'categories'> | null, kind: WorkOrderKind): CategorySetting[] {
  return (settings?.categories ?? []).filter((c) => c.active && c.kinds.includes(kind));
}

/** The priority the order will get: the one chosen, else the category's default. */
export function effectivePriority(d: Pick<IntakeDraft, 'priority' | 'category'>, settings: Pick<WorkOrderSettings, 'categories'> | null): WorkOrderPriority | null {
  if (d.priority) return d.priority;
  return settings?.categories.find((c) => c.code === d.category)?.priority ?? null;
}

/** The deadlines the order will get: the category's own windows, else its priority's. */
export function slaPreview(d: Pick<IntakeDraft, 'priority' | 'category'>, settings: WorkOrderSettings | null): SlaSetting | null {
  const priority = effectivePriority(d, settings);
  if (!settings || !priority) return null;
  const category = settings.categories.find((c) => c.code === d.category);
  const base = settings.slas[priority];
  if (!base) return null;
  return { responseMinutes: category?.responseMinutes ?? base.responseMinutes, completeMinutes: category?.completeMinutes ?? base.completeMinutes };
}

export type IntakeProblem = 'required' | 'too_long' | 'bad_phone' | 'inactive';
export type IntakeField = 'category' | 'location' | 'unitId' | 'description' | 'contactName' | 'contactPhone';

export function intakeProblems(d: IntakeDraft, settings: Pick<WorkOrderSettings, 'categories'> | null): Partial<Record<IntakeField, IntakeProblem>> {
  const p: Partial<Record<IntakeField, IntakeProblem>> = {};
  if (!d.category) p.category = 'required';
  else if (!categoriesFor(settings, d.kind).some((c) => c.code === d.category)) p.category = 'inactive';
  if (locationRule(d.kind) === 'required' && !d.location) p.location = 'required';
  if (needsUnit(d) && !d.unitId) p.unitId = 'required';
  const description = d.description.trim();
  if (!description) p.description = 'required';
  else if (description.length > TEXT_MAX) p.description = 'too_long';
  if (d.contactName.trim().length > NAME_MAX) p.contactName = 'too_long';
  const phone = d.contactPhone.trim();
  if (phone && !PHONE.test(phone)) p.contactPhone = 'bad_phone';
  return p;
}

/** The request body (`id` is the form's idempotency key, made once and kept for every retry). */
export function intakeBody(id: string, estateId: string, d: IntakeDraft): WorkOrderCreate {
  const location: WorkOrderLocation | undefined = d.kind === 'paid_service' ? 'unit' : (d.location ?? undefined);
  const body: WorkOrderCreate = { id, estateId, kind: d.kind, category: d.category, description: d.description.trim() };
  if (d.priority) body.priority = d.priority;
  if (location) body.location = location;
  if (needsUnit({ kind: d.kind, location: location ?? null }) && d.unitId) body.unitId = d.unitId;
  // A complaint about a common area may still say whose it is (the unit of the resident who called).
  else if (d.kind === 'complaint' && d.unitId) body.unitId = d.unitId;
  if (d.reportPhotos.length) body.reportPhotos = [...d.reportPhotos];
  if (d.contactName.trim()) body.contactName = d.contactName.trim();
  if (d.contactPhone.trim()) body.contactPhone = d.contactPhone.trim();
  if (d.appointmentAt) body.appointmentAt = d.appointmentAt;
  if (d.kind === 'complaint' && d.anonymous) body.anonymous = true;
  if (d.partyId && d.kind !== 'internal') body.partyId = d.partyId;
  return body;
}
