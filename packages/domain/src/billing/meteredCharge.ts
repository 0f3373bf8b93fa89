import { add, type Decimal, formatYuan, multiply, subtract, sum } from '../money';
import { BillingError } from './errors';
import type { ChargeLine, MeteredChargeInput, MeteredFeeStandard } from './feeStandard';
import { formatPrice, formatQuantity } from './format';
import { roundLine } from './roundLine';
import { splitTiers, type TierPortion, tierAt } from './tiers';
import { priceOf, quantityOf, rateOf } from './values';

export interface MeteredCharge extends ChargeLine {
  kind: 'metered';
  /** The usage billed, as given. */
  usage: string;
  /** How the usage was priced: one portion for a flat price, one per tier touched for tiers. */
  portions: TierPortion[];
}

/**
 * How the readings explain the usage: '(1,285 − 1,263) × 1' when (current − previous) × multiplier is
 * exactly the usage; otherwise (a rollover, a replaced meter, a rounded multiplier) null, and the
 * explanation names the readings without pretending they multiply out.
 */
function readingsText(input: MeteredChargeInput, usage: Decimal): { formula: string | null; note: string } {
  if (input.previous === undefined && input.current === undefined) return { formula: null, note: '' };
  if (input.previous === undefined || input.current === undefined) {
    throw new BillingError('INVALID_INPUT', 'previous and current readings go together', {});
  }
  const previous = quantityOf(input.previous, 'previous');
  const current = quantityOf(input.current, 'current');
  const multiplier = rateOf(input.multiplier ?? '1', 'multiplier');
  if (current.greaterThanOrEqualTo(previous) && multiply(subtract(current, previous), multiplier).equals(usage)) {
    return { formula: `(${formatQuantity(current)} − ${formatQuantity(previous)}) × ${formatQuantity(multiplier)}`, note: '' };
  }
  return {
    formula: null,
    note: `（上次读数 ${formatQuantity(previous)}，本次读数 ${formatQuantity(current)}，倍率 ${formatQuantity(multiplier)}，用量按翻表或换表核定）`,
  };
}

/**
 * 按用量计费: usage × price, or the usage split over progressive tiers on cumulative annual usage (see
 * tiers.ts), computed exactly and rounded once for the whole line.
 * - flat: `(1,285 − 1,263) × 1 × ¥5.00 = ¥110.00` (readings given) or `22 × ¥5.00 = ¥110.00`;
 * - tiered: `第1档 10 × ¥5.00 + 第2档 15 × ¥7.00 = ¥155.00（年累计 170 → 195）`, preceded by
 *   `(1,285 − 1,260) × 1 = 25；` when readings are given.
 */
export function meteredCharge(standard: MeteredFeeStandard, input: MeteredChargeInput): MeteredCharge {
  const usage = quantityOf(input.usage, 'usage');
  const readings = readingsText(input, usage);
  if (standard.tiers === undefined) {
    if (standard.price === undefined) {
      throw new BillingError('INVALID_STANDARD', 'a metered standard needs a price or tiers', {});
    }
    const price = priceOf(standard.price, 'price');
    const amount = roundLine(multiply(usage, price), 1n, standard);
    const portion: TierPortion = { tier: 1, from: '0', upTo: null, usage: usage.toFixed(), price: price.toFixed() };
    const explanation = `${readings.formula ?? formatQuantity(usage)} × ${formatPrice(price)} = ${formatYuan(amount)}${readings.note}`;
    return { kind: 'metered', amount, explanation, usage: input.usage, portions: [portion] };
  }
  if (standard.price !== undefined) {
    throw new BillingError('INVALID_STANDARD', 'a metered standard has either a price or tiers, not both', {});
  }
  const usedBefore = input.usedBefore ?? '0';
  const portions = splitTiers(standard.tiers, usedBefore, input.usage);
  const amount = roundLine(sum(portions.map((p) => multiply(p.usage, p.price))), 1n, standard);
  const shown = portions.length > 0 ? portions : [{ ...tierAt(standard.tiers, usedBefore), usage: '0' }];
  const terms = shown.map((p) => `第${p.tier}档 ${formatQuantity(quantityOf(p.usage, 'usage'))} × ${formatPrice(priceOf(p.price, 'price'))}`);
  const before = quantityOf(usedBefore, 'usedBefore');
  const lead = readings.formula === null ? '' : `${readings.formula} = ${formatQuantity(usage)}；`;
  const explanation =
    `${lead}${terms.join(' + ')} = ${formatYuan(amount)}` +
    `（年累计 ${formatQuantity(before)} → ${formatQuantity(add(before, usage))}）${readings.note}`;
  return { kind: 'metered', amount, explanation, usage: input.usage, portions };
}
