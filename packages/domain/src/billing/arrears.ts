import { formatYuan, sum } from '../money';
import { daysBetween, isCalendarDate, toBeijingDate } from './calendarDate';
import { BillingError, preview } from './errors';
import type { OpenCharge } from './settleOldestFirst';
import { amountOf } from './values';

/** Aging buckets 账龄 by days past due: 1–30, 31–90, 91–180, 181–365, over 365. */
export const AGING_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '365+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const AGING_BUCKET_LABELS: Readonly<Record<AgingBucket, string>> = {
  '0-30': '30 天以内',
  '31-90': '31–90 天',
  '91-180': '91–180 天',
  '181-365': '181–365 天',
  '365+': '一年以上',
};

/** The bucket for a number of days past due (≥ 1). */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 30) return '0-30';
  if (daysPastDue <= 90) return '31-90';
  if (daysPastDue <= 180) return '91-180';
  if (daysPastDue <= 365) return '181-365';
  return '365+';
}

export interface ArrearsItem {
  chargeId: string;
  label?: string;
  dueDate: string;
  owed: string;
  daysPastDue: number;
  bucket: AgingBucket;
}

export interface Arrears {
  asOf: string;
  /** Σ owed past due; equals the sum of the buckets. */
  total: string;
  buckets: Record<AgingBucket, string>;
  /** Past-due receivables, oldest due first. */
  items: ArrearsItem[];
  explanation: string;
}

/**
 * 欠费: what is owed past due as of a day. A receivable is past due from the day after its due date
 * (Beijing calendar days); a receivable owing 0, or not yet past due, is not in arrears. Give it the
 * open receivables, e.g. `arrears(owedByCharge(entries), '2025-06-30')`.
 * `截至 2025-06-30 欠费 ¥630.06：30 天以内 ¥210.02，31–90 天 ¥420.04`.
 */
export function arrears(charges: readonly OpenCharge[], asOf: string | Date): Arrears {
  const day = toBeijingDate(asOf, 'asOf');
  if (!Array.isArray(charges)) throw new BillingError('INVALID_CHARGES', 'the charges must be a list', {});
  const items: ArrearsItem[] = [];
  charges.forEach((c, i) => {
    if (!isCalendarDate(c?.dueDate)) {
      throw new BillingError('INVALID_CHARGES', 'dueDate must be a calendar date YYYY-MM-DD', { index: i, dueDate: preview(c?.dueDate) });
    }
    const owed = amountOf(c.owed, `charges[${i}].owed`);
    const daysPastDue = daysBetween(c.dueDate, day);
    if (owed.isZero() || daysPastDue < 1) return;
    const item: ArrearsItem = { chargeId: c.chargeId, dueDate: c.dueDate, owed: owed.toFixed(2), daysPastDue, bucket: agingBucket(daysPastDue) };
    if (c.label !== undefined) item.label = c.label;
    items.push(item);
  });
  items.sort((a, b) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.chargeId < b.chargeId ? -1 : a.chargeId > b.chargeId ? 1 : 0));
  const buckets = Object.fromEntries(
    AGING_BUCKETS.map((b) => [b, sum(items.filter((it) => it.bucket === b).map((it) => it.owed)).toFixed(2)]),
  ) as Record<AgingBucket, string>;
  const total = sum(items.map((it) => it.owed)).toFixed(2);
  const parts = AGING_BUCKETS.filter((b) => buckets[b] !== '0.00').map((b) => `${AGING_BUCKET_LABELS[b]} ${formatYuan(buckets[b])}`);
  const explanation = items.length === 0 ? `截至 ${day} 无欠费` : `截至 ${day} 欠费 ${formatYuan(total)}：${parts.join('，')}`;
  return { asOf: day, total, buckets, items, explanation };
}
