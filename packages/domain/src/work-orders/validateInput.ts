/**
 * Checks the values a command carries and normalises them (text trimmed, amounts to two decimals,
 * instants to UTC ISO). Never throws for what a person typed: each problem is `{ field, reason }` for
 * the phone to show; the caller turns a non-empty list into an `invalid_fields` refusal.
 */
import { isMoneyString, toDecimal } from '../money';
import { COMMAND_INPUT_FIELDS, INPUT_FIELDS, type InputField, type TransitionInput, type WorkOrderCommand } from './commands';
import { toIso, toMillis } from './instant';
import { WORK_ORDER_LOCATIONS, type WorkOrderKind, type WorkOrderLocation } from './kinds';
import { categoryAppliesTo, type WorkOrderPolicy } from './policy';
import { isWorkOrderPriority, type WorkOrderPriority } from './priority';
import type { MaterialUsed } from './workOrder';

export const MAX_TEXT_LENGTH = 2000;
export const MAX_NAME_LENGTH = 100;
export const MAX_ID_LENGTH = 100;
export const MAX_PHOTOS = 20;
export const MAX_MATERIALS = 50;
/** Two weeks of labour on one order is already a typo. */
export const MAX_LABOUR_MINUTES = 14 * 24 * 60;

export const FIELD_PROBLEMS = [
  'unexpected',
  'not_a_string',
  'empty',
  'too_long',
  'not_a_list',
  'too_many',
  'bad_item',
  'not_whole_minutes',
  'not_an_amount',
  'not_chargeable',
  'out_of_range',
  'not_a_boolean',
  'unknown_category',
  'unknown_priority',
  'unknown_location',
  'unit_required',
  'bad_phone',
  'not_an_instant',
  'before_submitted',
] as const;
export type FieldProblemReason = (typeof FIELD_PROBLEMS)[number];

export interface FieldProblem {
  field: InputField | 'at';
  reason: FieldProblemReason;
}

/** Input fields a command may set to null to clear them (edit: no appointment any more). */
export const CLEARABLE_FIELDS: readonly InputField[] = ['contactName', 'contactPhone', 'appointmentAt'];

/** The input after checking: same fields, normalised values (null only for a cleared field). */
export type NormalizedInput = {
  -readonly [K in InputField]?: K extends 'contactName' | 'contactPhone' | 'appointmentAt' ? TransitionInput[K] | null : TransitionInput[K];
};

/** Is the field given? null counts only where it means "clear it". */
export function isGiven(input: Readonly<Record<string, unknown>>, field: InputField): boolean {
  const value = input[field];
  if (value === undefined) return false;
  return value !== null || CLEARABLE_FIELDS.includes(field);
}

export type Check<T> = { ok: true; value: T } | { ok: false; reason: FieldProblemReason };
const good = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(reason: FieldProblemReason): Check<T> => ({ ok: false, reason });

function text(value: unknown, max: number): Check<string> {
  if (typeof value !== 'string') return bad('not_a_string');
  const trimmed = value.trim();
  if (trimmed === '') return bad('empty');
  return trimmed.length > max ? bad('too_long') : good(trimmed);
}

function photos(value: unknown): Check<readonly string[]> {
  if (!Array.isArray(value)) return bad('not_a_list');
  if (value.length > MAX_PHOTOS) return bad('too_many');
  const ids: string[] = [];
  for (const item of value) {
    const id = text(item, MAX_ID_LENGTH);
    if (!id.ok) return bad('bad_item');
    if (!ids.includes(id.value)) ids.push(id.value);
  }
  return good(ids);
}

/** A positive quantity with at most 4 decimals ("2", "1.5"). */
function quantity(value: unknown): string | null {
  if (!isMoneyString(value, { maxScale: 4, allowNegative: false })) return null;
  const q = toDecimal(value);
  return q.isZero() ? null : q.toFixed();
}

function materials(value: unknown): Check<readonly MaterialUsed[]> {
  if (!Array.isArray(value)) return bad('not_a_list');
  if (value.length > MAX_MATERIALS) return bad('too_many');
  const out: MaterialUsed[] = [];
  for (const item of value as unknown[]) {
    if (item === null || typeof item !== 'object') return bad('bad_item');
    const m = item as Record<string, unknown>;
    const name = text(m.name, MAX_NAME_LENGTH);
    const q = quantity(m.quantity);
    if (!name.ok || q === null) return bad('bad_item');
    const material: MaterialUsed = { name: name.value, quantity: q };
    if (m.unit !== undefined && m.unit !== null) {
      const unit = text(m.unit, 10);
      if (!unit.ok) return bad('bad_item');
      material.unit = unit.value;
    }
    out.push(material);
  }
  return good(out);
}

/** One field's value checked and normalised for an order of `kind` (also used when an order is opened). */
export function checkInputField(field: InputField, value: unknown, kind: WorkOrderKind, policy: WorkOrderPolicy): Check<unknown> {
  if (value === null) return good(null); // only reached for CLEARABLE_FIELDS
  switch (field) {
    case 'assigneeId':
    case 'unitId':
      return text(value, MAX_ID_LENGTH);
    case 'reason':
    case 'completionNotes':
    case 'replyText':
    case 'description':
    case 'comment':
      return text(value, MAX_TEXT_LENGTH);
    case 'contactName':
      return text(value, MAX_NAME_LENGTH);
    case 'contactPhone': {
      const t = text(value, 20);
      if (!t.ok) return t;
      return /^\+?[0-9][0-9\- ()]{2,19}$/.test(t.value) ? t : bad('bad_phone');
    }
    case 'completionPhotos':
    case 'reportPhotos':
      return photos(value);
    case 'materials':
      return materials(value);
    case 'labourMinutes':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LABOUR_MINUTES ? good(value) : bad('not_whole_minutes');
    case 'chargeAmount':
      // An internal job is the company's own work: there is nobody to charge.
      if (kind === 'internal') return bad('not_chargeable');
      return isMoneyString(value, { allowNegative: false }) ? good(toDecimal(value).toFixed(2)) : bad('not_an_amount');
    case 'satisfaction':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? good(value) : bad('out_of_range');
    case 'fixed':
      return typeof value === 'boolean' ? good(value) : bad('not_a_boolean');
    case 'category':
      if (typeof value !== 'string' || !policy.categories.some((c) => c.code === value)) return bad('unknown_category');
      return categoryAppliesTo(value, kind, policy) ? good(value) : bad('unknown_category');
    case 'priority':
      return isWorkOrderPriority(value) ? good<WorkOrderPriority>(value) : bad('unknown_priority');
    case 'location':
      if (!(WORK_ORDER_LOCATIONS as readonly unknown[]).includes(value)) return bad('unknown_location');
      // A paid service is always done in the resident's home.
      return kind === 'paid_service' && value !== 'unit' ? bad('unknown_location') : good(value as WorkOrderLocation);
    case 'appointmentAt': {
      const ms = toMillis(value);
      return ms === null ? bad('not_an_instant') : good(toIso(ms));
    }
  }
}

export interface CheckedInput {
  input: NormalizedInput;
  problems: FieldProblem[];
}

/**
 * Checks every input field the command takes; a known input field it does not take is `unexpected`
 * (unknown keys are ignored: they are not ours). `current` gives the order's unitId/location so a
 * location "unit" without any unit is caught.
 */
export function validateInput(
  command: WorkOrderCommand,
  raw: Readonly<Record<string, unknown>>,
  kind: WorkOrderKind,
  policy: WorkOrderPolicy,
  current: { location: WorkOrderLocation | null; unitId: string | null },
): CheckedInput {
  const accepted = COMMAND_INPUT_FIELDS[command];
  const input: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of INPUT_FIELDS) {
    if (!isGiven(raw, field)) continue;
    if (!accepted.includes(field)) {
      problems.push({ field, reason: 'unexpected' });
      continue;
    }
    const checked = checkInputField(field, raw[field], kind, policy);
    if (checked.ok) input[field] = checked.value;
    else problems.push({ field, reason: checked.reason });
  }
  const location = 'location' in input ? input.location : current.location;
  const unitId = 'unitId' in input ? input.unitId : current.unitId;
  if (command === 'edit' && 'location' in input && location === 'unit' && (unitId === null || unitId === undefined) && !problems.some((p) => p.field === 'unitId')) {
    problems.push({ field: 'unitId', reason: 'unit_required' });
  }
  return { input: input as NormalizedInput, problems };
}
