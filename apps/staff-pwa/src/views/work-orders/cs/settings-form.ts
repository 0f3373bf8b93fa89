/**
 * The estate's work-order settings as a form (text fields hold what was typed) and back: checked here with
 * the domain's limits (`workOrderPolicy`: whole minutes from 1 to a year, a response window no longer than
 * the completion window, survey days 1–365, reopen window 0–365, "at risk" share strictly between 0 and
 * 1), so the manager sees the mistake beside the field; the server checks everything again. Prices are
 * decimal strings on the fen, never numbers.
 */
import { isMoneyString, MAX_SLA_MINUTES, toDecimal, WORK_ORDER_PRIORITIES, type WorkOrderPriority } from '@pm/domain';
import type { CategorySetting, PriceListItem, WorkOrderSettings, WorkOrderSettingsInput } from '../../../api/work-orders';

export interface WindowRow {
  responseMinutes: string;
  completeMinutes: string;
}

/** A category with its own windows as typed ('' and '': the priority's). */
export type CategoryRow = Omit<CategorySetting, 'responseMinutes' | 'completeMinutes'> & WindowRow;

export type PriceRow = PriceListItem;

export interface SettingsForm {
  categories: CategoryRow[];
  slas: Record<WorkOrderPriority, WindowRow>;
  /** Percent of the window, whole 1–99 ("25"). */
  atRiskPct: string;
  surveyDays: string;
  reopenWindowDays: string;
  allowGrab: boolean;
  completionPhotosRequired: boolean;
  priceList: PriceRow[];
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function toForm(s: WorkOrderSettings): SettingsForm {
  const slas = {} as Record<WorkOrderPriority, WindowRow>;
  for (const p of WORK_ORDER_PRIORITIES) slas[p] = { responseMinutes: text(s.slas[p]?.responseMinutes), completeMinutes: text(s.slas[p]?.completeMinutes) };
  return {
    categories: s.categories.map((c) => ({ ...c, kinds: [...c.kinds], responseMinutes: text(c.responseMinutes), completeMinutes: text(c.completeMinutes) })),
    slas,
    // 0.25 → "25": a share is a setting, not money; two decimals of a percent are more than anyone sets.
    atRiskPct: String(Math.round(s.atRiskShare * 10000) / 100),
    surveyDays: String(s.surveyDays),
    reopenWindowDays: String(s.reopenWindowDays),
    allowGrab: s.allowGrab,
    completionPhotosRequired: s.completionPhotosRequired,
    priceList: s.priceList.map((p) => ({ ...p })),
  };
}

export type SettingsProblem = 'minutes' | 'order' | 'pair' | 'percent' | 'days' | 'name' | 'price' | 'unit';

const whole = (v: string, min: number, max: number) => /^\d{1,7}$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
const minutes = (v: string) => whole(v, 1, MAX_SLA_MINUTES);

function windowProblem(w: WindowRow, optional: boolean): SettingsProblem | null {
  const r = w.responseMinutes.trim();
  const c = w.completeMinutes.trim();
  if (optional && r === '' && c === '') return null;
  if (optional && (r === '' || c === '')) return 'pair';
  if (!minutes(r) || !minutes(c)) return 'minutes';
  return Number(r) > Number(c) ? 'order' : null;
}

/** Problems by field: `sla.<priority>`, `category.<code>`, `atRisk`, `surveyDays`, `reopenWindowDays`, `price.<index>`. */
export function settingsProblems(f: SettingsForm): Record<string, SettingsProblem> {
  const p: Record<string, SettingsProblem> = {};
  for (const priority of WORK_ORDER_PRIORITIES) {
    const problem = windowProblem(f.slas[priority], false);
    if (problem) p[`sla.${priority}`] = problem;
  }
  for (const c of f.categories) {
    const problem = windowProblem(c, true);
    if (problem) p[`category.${c.code}`] = problem;
  }
  const pct = f.atRiskPct.trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(pct) || !(Number(pct) > 0 && Number(pct) < 100)) p.atRisk = 'percent';
  if (!whole(f.surveyDays, 1, 365)) p.surveyDays = 'days';
  if (!whole(f.reopenWindowDays, 0, 365)) p.reopenWindowDays = 'days';
  f.priceList.forEach((row, i) => {
    if (!row.name.trim() || row.name.trim().length > 40) p[`price.${i}`] = 'name';
    else if (!isMoneyString(row.price.trim(), { allowNegative: false })) p[`price.${i}`] = 'price';
    else if (!row.unit.trim() || row.unit.trim().length > 10) p[`price.${i}`] = 'unit';
  });
  return p;
}

/** A code for a new price-list line, unique in the list ("p3"). */
export function newPriceCode(list: readonly Pick<PriceListItem, 'code'>[]): string {
  let n = list.length + 1;
  while (list.some((x) => x.code === `p${n}`)) n += 1;
  return `p${n}`;
}

/** The body of `PUT /api/work-order-settings/:estateId` (call only when there are no problems). */
export function toInput(f: SettingsForm): WorkOrderSettingsInput {
  const slas = {} as WorkOrderSettingsInput['slas'];
  for (const p of WORK_ORDER_PRIORITIES) slas[p] = { responseMinutes: Number(f.slas[p].responseMinutes), completeMinutes: Number(f.slas[p].completeMinutes) };
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  return {
    categories: f.categories.map((c) => ({
      code: c.code,
      zh: c.zh,
      en: c.en,
      kinds: [...c.kinds],
      priority: c.priority,
      responseMinutes: num(c.responseMinutes),
      completeMinutes: num(c.completeMinutes),
      active: c.active,
    })),
    slas,
    atRiskShare: Number(f.atRiskPct) / 100,
    surveyDays: Number(f.surveyDays),
    reopenWindowDays: Number(f.reopenWindowDays),
    allowGrab: f.allowGrab,
    completionPhotosRequired: f.completionPhotosRequired,
    priceList: f.priceList.map((p) => ({ code: p.code, name: p.name.trim(), price: toDecimal(p.price.trim()).toFixed(2), unit: p.unit.trim() })),
  };
}
