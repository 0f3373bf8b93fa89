/**
 * The form of a command on the order screen, driven by what the server says (`forms[command]`: requires,
 * requiresAnyOf, accepts — the domain's `commandForm` for this person now). This module only knows how to
 * ask for each field and how to turn what was typed into the command's input: the rules (who, when, which
 * fields are frozen) stay on the server, which checks everything again.
 *
 * - Fields the staff screen can ask for are listed in FORM_FIELDS, in the order they are shown. A command
 *   that requires another field (a technician's `complete` needs photos taken on site) is not offered here.
 * - edit / reclassify send only what changed (a field sent unchanged could hit a frozen field for nothing);
 *   a contact or appointment emptied is sent as null, which clears it (the domain's rule; the API's schema
 *   does not take that null yet — see CommandInput in api/work-orders.ts).
 * - Text is trimmed; limits follow the domain (2000 characters, 100 for a name, phone digits).
 */
import type { InputField, WorkOrderCommand, WorkOrderLocation, WorkOrderPriority } from '@pm/domain';
import type { CommandFormSpec, CommandInput, WorkOrderDetail } from '../../../api/work-orders';

export const FORM_FIELDS = [
  'assigneeId',
  'satisfaction',
  'fixed',
  'comment',
  'replyText',
  'reason',
  'category',
  'priority',
  'description',
  'location',
  'unitId',
  'contactName',
  'contactPhone',
  'appointmentAt',
  'reportPhotos',
] as const satisfies readonly InputField[];
export type FormField = (typeof FORM_FIELDS)[number];

export const TEXT_MAX = 2000;
export const NAME_MAX = 100;
const PHONE = /^\+?[0-9][0-9\- ()]{2,19}$/;

export interface CommandDraft {
  assigneeId: string | null;
  /** For the picker's field only. */
  assigneeName: string;
  satisfaction: number;
  /** null: not answered. */
  fixed: boolean | null;
  comment: string;
  replyText: string;
  reason: string;
  category: string;
  priority: WorkOrderPriority | '';
  description: string;
  location: WorkOrderLocation | null;
  unitId: string | null;
  unitLabel: string;
  contactName: string;
  contactPhone: string;
  /** ISO instant, '' for none. */
  appointmentAt: string;
  reportPhotos: string[];
}

/** Commands whose form starts from the order's current values (they change fields). */
const EDITS: readonly WorkOrderCommand[] = ['edit', 'reclassify'];

type OrderValues = Pick<
  WorkOrderDetail,
  | 'assigneeId'
  | 'assigneeName'
  | 'category'
  | 'priority'
  | 'description'
  | 'location'
  | 'unitId'
  | 'unitLabel'
  | 'contactName'
  | 'contactPhone'
  | 'appointmentAt'
  | 'reportPhotos'
>;

export function emptyDraft(): CommandDraft {
  return {
    assigneeId: null,
    assigneeName: '',
    satisfaction: 0,
    fixed: null,
    comment: '',
    replyText: '',
    reason: '',
    category: '',
    priority: '',
    description: '',
    location: null,
    unitId: null,
    unitLabel: '',
    contactName: '',
    contactPhone: '',
    appointmentAt: '',
    reportPhotos: [],
  };
}

/** A fresh draft for `command`: the order's values for edit and reclassify, empty otherwise. */
export function draftFor(order: OrderValues, command: WorkOrderCommand): CommandDraft {
  const draft = emptyDraft();
  if (!EDITS.includes(command)) return draft;
  return {
    ...draft,
    category: order.category,
    priority: order.priority,
    description: order.description,
    location: order.location,
    unitId: order.unitId,
    unitLabel: order.unitLabel ?? '',
    contactName: order.contactName ?? '',
    contactPhone: order.contactPhone ?? '',
    appointmentAt: order.appointmentAt ?? '',
    reportPhotos: [...order.reportPhotos],
  };
}

/**
 * Optional fields this screen leaves to their default: a complaint acknowledged by customer service is
 * handled by whoever acknowledges it (reassign it afterwards to hand it on).
 */
const LEFT_OUT: Partial<Record<WorkOrderCommand, readonly FormField[]>> = { acknowledge: ['assigneeId'] };

/** The fields to show for this form, in FORM_FIELDS order. */
export function fieldsShown(spec: CommandFormSpec, command: WorkOrderCommand): FormField[] {
  const leftOut = LEFT_OUT[command] ?? [];
  return FORM_FIELDS.filter((f) => spec.requires.includes(f) || (spec.accepts.includes(f) && !leftOut.includes(f)));
}

/** Can this screen fill every field the command requires? */
export function canFill(spec: CommandFormSpec): boolean {
  return spec.requires.every((f) => (FORM_FIELDS as readonly string[]).includes(f));
}

export type FieldProblem = 'required' | 'too_long' | 'bad_phone' | 'unit_required' | 'out_of_range';

export interface BuiltInput {
  input: CommandInput;
  /** Per field; `_anyOf` when edit/reclassify changed nothing. */
  problems: Partial<Record<FormField | '_anyOf', FieldProblem | 'nothing_changed'>>;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Each field's value as the command sends it; undefined: left out. */
type SentValues = { [F in FormField]: CommandInput[F] | undefined };

function sentValues(draft: CommandDraft): SentValues {
  const text = (value: string) => value.trim() || undefined;
  return {
    assigneeId: draft.assigneeId ?? undefined,
    satisfaction: draft.satisfaction >= 1 ? draft.satisfaction : undefined,
    fixed: draft.fixed ?? undefined,
    comment: text(draft.comment),
    replyText: text(draft.replyText),
    reason: text(draft.reason),
    category: draft.category || undefined,
    priority: draft.priority || undefined,
    description: text(draft.description),
    location: draft.location ?? undefined,
    unitId: draft.unitId ?? undefined,
    contactName: text(draft.contactName),
    contactPhone: text(draft.contactPhone),
    appointmentAt: draft.appointmentAt || undefined,
    reportPhotos: draft.reportPhotos,
  };
}

/**
 * Sets one field of the input. `value` is the field's own (from SentValues, or null for a clearable field):
 * TypeScript cannot follow that through a loop over a union of fields, hence the generic.
 */
function put<F extends FormField>(input: CommandInput, field: F, value: CommandInput[F]): void {
  input[field] = value;
}

/** The order's current value of a field edit/reclassify may change, as the command would send it. */
function currentOf(field: FormField, order: OrderValues): unknown {
  const EDITABLE: readonly FormField[] = ['category', 'priority', 'description', 'location', 'unitId', 'contactName', 'contactPhone', 'appointmentAt', 'reportPhotos'];
  return EDITABLE.includes(field) ? (order[field as keyof OrderValues] ?? undefined) : undefined;
}

function changed(field: FormField, value: unknown, order: OrderValues): boolean {
  const now = currentOf(field, order);
  if (field === 'reportPhotos') return !sameList(value as string[], now as string[]);
  if (field === 'appointmentAt' && typeof value === 'string' && typeof now === 'string') return Date.parse(value) !== Date.parse(now);
  return value !== now;
}

const CLEARABLE: readonly FormField[] = ['contactName', 'contactPhone', 'appointmentAt'];

/** The input to send and what is wrong with the draft (nothing: send it). */
export function buildInput(order: OrderValues, command: WorkOrderCommand, spec: CommandFormSpec, draft: CommandDraft): BuiltInput {
  const input: CommandInput = {};
  const problems: BuiltInput['problems'] = {};
  const isEdit = EDITS.includes(command);
  const values = sentValues(draft);

  for (const field of fieldsShown(spec, command)) {
    let value: CommandInput[FormField] = values[field];
    if (isEdit) {
      if (value === undefined && CLEARABLE.includes(field) && currentOf(field, order) !== undefined) value = null;
      if (value === undefined || !changed(field, value, order)) continue;
    }
    if (value === undefined) {
      if (spec.requires.includes(field)) problems[field] = 'required';
      continue;
    }
    if (typeof value === 'string') {
      const max = field === 'contactName' ? NAME_MAX : field === 'contactPhone' ? 20 : TEXT_MAX;
      if (value.length > max) problems[field] = 'too_long';
      else if (field === 'contactPhone' && !PHONE.test(value)) problems[field] = 'bad_phone';
    }
    if (field === 'satisfaction' && (typeof value !== 'number' || value < 1 || value > 5)) problems[field] = 'out_of_range';
    put(input, field, value);
  }

  // A unit repair needs its unit.
  if (isEdit && spec.accepts.includes('location') && (input.location ?? order.location) === 'unit' && !(input.unitId ?? order.unitId)) {
    problems.unitId = 'unit_required';
  }
  if (spec.requiresAnyOf.length > 0 && !spec.requiresAnyOf.some((f) => f in input)) problems._anyOf = 'nothing_changed';
  return { input, problems };
}
