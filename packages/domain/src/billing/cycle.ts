import { BillingError, preview } from './errors';

/**
 * How often a fee is billed 收费周期. A charge covers one cycle: 1, 3 or 12 calendar months starting with
 * the period the billing run names ("2025-01" for the first quarter of 2025).
 */
export const BILLING_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** Calendar months in one cycle. */
export const CYCLE_MONTHS: Readonly<Record<BillingCycle, number>> = { monthly: 1, quarterly: 3, yearly: 12 };

/** Names for screens, and the unit an explanation writes after a per-cycle amount ("¥900.00/季"). */
export const CYCLE_LABELS: Readonly<Record<BillingCycle, { zh: string; en: string; unit: string }>> = {
  monthly: { zh: '按月', en: 'Monthly', unit: '月' },
  quarterly: { zh: '按季', en: 'Quarterly', unit: '季' },
  yearly: { zh: '按年', en: 'Yearly', unit: '年' },
};

export function isBillingCycle(value: unknown): value is BillingCycle {
  return typeof value === 'string' && (BILLING_CYCLES as readonly string[]).includes(value);
}

/** The cycle checked, or `BillingError` INVALID_CYCLE. */
export function requireCycle(value: unknown): BillingCycle {
  if (!isBillingCycle(value)) {
    throw new BillingError('INVALID_CYCLE', `the cycle must be one of ${BILLING_CYCLES.join(', ')}`, { value: preview(value) });
  }
  return value;
}
