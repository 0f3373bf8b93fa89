/**
 * An estate's work-order settings: SLA per priority, categories, how early the dispatch board warns,
 * how long a survey waits for an answer, how long a closed order may be reopened, whether technicians
 * may grab orders from the pool. `workOrderPolicy(overrides)` fills the rest from the defaults and checks
 * everything once, so the rules can trust it.
 */
import { DEFAULT_CATEGORIES, findCategory, type WorkOrderCategory } from './categories';
import { preview, WorkOrderError } from './errors';
import { isWorkOrderKind, type WorkOrderKind } from './kinds';
import { isWorkOrderPriority, WORK_ORDER_PRIORITIES, type WorkOrderPriority } from './priority';
import { assertSla, assertSlaTable, DEFAULT_SLAS, type SlaMinutes } from './sla';

export interface WorkOrderPolicy {
  slas: Readonly<Record<WorkOrderPriority, SlaMinutes>>;
  categories: readonly WorkOrderCategory[];
  /** A running deadline is "at risk" when less than this share of its window is left (0 < share < 1). */
  atRiskShare: number;
  /** A follow-up survey unanswered this many days after completion closes the order as `no_response`. */
  surveyDays: number;
  /** A closed order may be reopened ("not fixed") for this many days after it closed; 0: never. */
  reopenWindowDays: number;
  /** Technicians may grab 抢单 submitted orders from the estate's pool. */
  allowGrab: boolean;
  /** Completing work needs at least one photo. */
  completionPhotosRequired: boolean;
}

export const DEFAULT_WORK_ORDER_POLICY: WorkOrderPolicy = Object.freeze({
  slas: DEFAULT_SLAS,
  categories: DEFAULT_CATEGORIES,
  atRiskShare: 0.25,
  surveyDays: 7,
  reopenWindowDays: 7,
  allowGrab: true,
  completionPhotosRequired: false,
});

function invalid(message: string, details: Record<string, unknown>): never {
  throw new WorkOrderError('INVALID_POLICY', message, details);
}

function assertCategories(categories: unknown): asserts categories is WorkOrderCategory[] {
  if (!Array.isArray(categories) || categories.length === 0) invalid('categories must be a non-empty list', {});
  const seen = new Set<string>();
  categories.forEach((c: Partial<WorkOrderCategory> | null, i) => {
    const at = `categories[${i}]`;
    if (c === null || typeof c !== 'object' || typeof c.code !== 'string' || !/^[a-z0-9_]{1,40}$/.test(c.code)) {
      throw new WorkOrderError('INVALID_CATEGORY', `${at}.code must be 1–40 of a–z, 0–9, _`, { index: i, code: preview(c?.code) });
    }
    if (seen.has(c.code)) throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code} is listed twice`, { code: c.code });
    seen.add(c.code);
    if (typeof c.zh !== 'string' || c.zh.trim() === '' || typeof c.en !== 'string' || c.en.trim() === '') {
      throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code} needs a zh and an en name`, { code: c.code });
    }
    if (!Array.isArray(c.kinds) || c.kinds.length === 0 || !c.kinds.every(isWorkOrderKind)) {
      throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code} needs a non-empty list of kinds`, { code: c.code });
    }
    if (!isWorkOrderPriority(c.defaultPriority)) {
      throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code} needs a default priority`, { code: c.code });
    }
    if (c.sla !== undefined) {
      if (c.sla === null || typeof c.sla !== 'object') throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code}: sla must be an object`, { code: c.code });
      for (const [p, sla] of Object.entries(c.sla)) {
        if (!isWorkOrderPriority(p)) throw new WorkOrderError('INVALID_CATEGORY', `category ${c.code}: unknown priority ${preview(p)}`, { code: c.code });
        assertSla(sla, `categories.${c.code}.sla.${p}`);
      }
    }
  });
}

/**
 * The defaults with `overrides` laid over them, checked: `WorkOrderError` INVALID_POLICY / INVALID_SLA /
 * INVALID_CATEGORY when a setting is unusable. `slas` may be given for some priorities only.
 */
export function workOrderPolicy(
  overrides: Partial<Omit<WorkOrderPolicy, 'slas'>> & { slas?: Partial<Record<WorkOrderPriority, SlaMinutes>> } = {},
): WorkOrderPolicy {
  const policy: WorkOrderPolicy = {
    ...DEFAULT_WORK_ORDER_POLICY,
    ...overrides,
    slas: { ...DEFAULT_SLAS, ...overrides.slas },
  };
  assertSlaTable(policy.slas);
  assertCategories(policy.categories);
  const share = policy.atRiskShare;
  if (typeof share !== 'number' || !(share > 0 && share < 1)) invalid('atRiskShare must be a number between 0 and 1', { value: preview(share) });
  const days = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 365;
  if (!days(policy.surveyDays, 1)) invalid('surveyDays must be whole days from 1 to 365', { value: preview(policy.surveyDays) });
  if (!days(policy.reopenWindowDays, 0)) invalid('reopenWindowDays must be whole days from 0 to 365', { value: preview(policy.reopenWindowDays) });
  if (typeof policy.allowGrab !== 'boolean' || typeof policy.completionPhotosRequired !== 'boolean') {
    invalid('allowGrab and completionPhotosRequired must be true or false', {});
  }
  return Object.freeze(policy);
}

/**
 * The windows for an order of `categoryCode` at `priority`: the category's own for that priority if it
 * has one, else the policy's. An unknown category is `WorkOrderError` INVALID_CATEGORY.
 */
export function slaFor(categoryCode: string, priority: WorkOrderPriority, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): SlaMinutes {
  const category = findCategory(categoryCode, policy.categories);
  if (!category) throw new WorkOrderError('INVALID_CATEGORY', `unknown category ${preview(categoryCode)}`, { code: preview(categoryCode) });
  if (!WORK_ORDER_PRIORITIES.includes(priority)) throw new WorkOrderError('INVALID_SLA', `unknown priority ${preview(priority)}`, {});
  return category.sla?.[priority] ?? policy.slas[priority];
}

/** Does `categoryCode` exist in the policy and apply to `kind`? */
export function categoryAppliesTo(categoryCode: unknown, kind: WorkOrderKind, policy: WorkOrderPolicy = DEFAULT_WORK_ORDER_POLICY): boolean {
  if (typeof categoryCode !== 'string') return false;
  return findCategory(categoryCode, policy.categories)?.kinds.includes(kind) ?? false;
}
