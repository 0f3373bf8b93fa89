/**
 * Progressive tiers 阶梯 on cumulative annual usage.
 *
 * Tier k covers cumulative usage in (upTo of tier k−1, upTo of tier k] — the lower bound excluded, the
 * upper bound included — starting from 0; the last tier has no upper bound. With tiers "0–180 ¥5,
 * 181–260 ¥7, >260 ¥9" ({ upTo: '180' }, { upTo: '260' }, { upTo: null }) the 180th m³ is billed at ¥5
 * and everything above 180 (the 181st m³, and equally 180.5) at ¥7. Tariff tables write "181–260" because
 * they count whole m³; fractional usage is split exactly at the bound.
 *
 * A bill's usage is placed after what was already billed this year (`usedBefore`): the portion in each
 * tier is |(usedBefore, usedBefore + usage] ∩ tier|. So billing 25 at once or 10 then 15 puts the same
 * quantities in the same tiers.
 */
import { add, type Decimal, MoneyDecimal, subtract } from '../money';
import { BillingError } from './errors';
import type { FeeTier } from './feeStandard';
import { priceOf, quantityOf } from './values';

interface Tier {
  upTo: Decimal | null;
  price: Decimal;
}

/** The portion of one bill's usage that falls in one tier. */
export interface TierPortion {
  /** 1-based tier number (第1档). */
  tier: number;
  /** The tier's bounds on cumulative usage: (from, upTo]; upTo null = unbounded. */
  from: string;
  upTo: string | null;
  /** Usage billed in this tier by this bill. */
  usage: string;
  price: string;
}

/** The tiers checked: at least one, `upTo` positive and strictly increasing, only the last unbounded. */
export function checkTiers(tiers: readonly FeeTier[]): Tier[] {
  if (!Array.isArray(tiers) || tiers.length === 0) {
    throw new BillingError('INVALID_TIERS', 'a tiered standard needs at least one tier');
  }
  let previous = new MoneyDecimal(0);
  return tiers.map((tier, i) => {
    const price = priceOf(tier?.price, `tiers[${i}].price`);
    const last = i === tiers.length - 1;
    if (tier.upTo === null || tier.upTo === undefined) {
      if (!last) throw new BillingError('INVALID_TIERS', 'only the last tier may be unbounded', { index: i });
      return { upTo: null, price };
    }
    if (last) throw new BillingError('INVALID_TIERS', 'the last tier must be unbounded (upTo: null)', { index: i });
    const upTo = quantityOf(tier.upTo, `tiers[${i}].upTo`);
    if (!upTo.greaterThan(previous)) {
      throw new BillingError('INVALID_TIERS', 'tier bounds must be positive and strictly increasing', { index: i, upTo: tier.upTo });
    }
    previous = upTo;
    return { upTo, price };
  });
}

/**
 * Split `usage` over the tiers, placed after `usedBefore`: one portion per tier it touches (a zero usage
 * gives no portions). Exact; the portions sum to `usage`.
 */
export function splitTiers(tiers: readonly FeeTier[], usedBefore: string, usage: string): TierPortion[] {
  const checked = checkTiers(tiers);
  const before = quantityOf(usedBefore, 'usedBefore');
  const after = add(before, quantityOf(usage, 'usage'));
  const portions: TierPortion[] = [];
  let from = new MoneyDecimal(0);
  checked.forEach((tier, i) => {
    const low = MoneyDecimal.max(from, before);
    const high = tier.upTo === null ? after : MoneyDecimal.min(tier.upTo, after);
    if (high.greaterThan(low)) {
      portions.push({
        tier: i + 1,
        from: from.toFixed(),
        upTo: tier.upTo === null ? null : tier.upTo.toFixed(),
        usage: subtract(high, low).toFixed(),
        price: tier.price.toFixed(),
      });
    }
    if (tier.upTo !== null) from = tier.upTo;
  });
  return portions;
}

/** The 1-based tier the next unit of usage after `usedBefore` falls in (for a zero-usage explanation). */
export function tierAt(tiers: readonly FeeTier[], usedBefore: string): { tier: number; price: string } {
  const checked = checkTiers(tiers);
  const before = quantityOf(usedBefore, 'usedBefore');
  const index = checked.findIndex((t) => t.upTo === null || before.lessThan(t.upTo));
  const found = checked[index] as Tier;
  return { tier: index + 1, price: found.price.toFixed() };
}
