import { allocate, type Decimal, formatYuan, MoneyDecimal, multiply, sum } from '../money';
import { areaFor } from './areaCharge';
import { BillingError, preview } from './errors';
import { type AreaBasis, type ChargeLine, SHARE_BASES, SHARE_BASIS_LABELS, type SharedChargeInput, type SharedFeeStandard } from './feeStandard';
import { formatPrice, formatQuantity } from './format';
import { roundLine } from './roundLine';
import { amountOf, priceOf, quantityOf } from './values';

/** One unit's share of a 公摊 amount. */
export interface ChargeShare extends ChargeLine {
  unitId: string;
  /** The unit's weight: its area in m² ("89.37") or "1" household. */
  weight: string;
}

/** The shared total (rounded once when it comes from usage × price) and every unit's share of it. */
export interface SharedCharge extends ChargeLine {
  kind: 'shared';
  shares: ChargeShare[];
}

function totalOf(standard: SharedFeeStandard, input: SharedChargeInput): { amount: string; text: string } {
  if ((input.total === undefined) === (input.usage === undefined)) {
    throw new BillingError('INVALID_INPUT', 'a shared charge needs either a total or a usage', {});
  }
  if (input.total !== undefined) {
    const amount = amountOf(input.total, 'total').toFixed(2);
    return { amount, text: `公摊总额 ${formatYuan(amount)}` };
  }
  if (standard.price === undefined) {
    throw new BillingError('INVALID_STANDARD', 'sharing a usage needs the standard’s price', {});
  }
  const usage = quantityOf(input.usage, 'usage');
  const price = priceOf(standard.price, 'price');
  const amount = roundLine(multiply(usage, price), 1n, standard);
  return { amount, text: `公摊 ${formatQuantity(usage)} × ${formatPrice(price)} = ${formatYuan(amount)}` };
}

/**
 * 公摊: split a total over units by area (building or inside) or equally per household, by the largest
 * remainder, so the shares sum exactly to the total (money/allocate). Ties for the last fen go to the
 * smaller unitId (code-unit order), so the order units are listed in changes nobody's share. A total
 * given as usage × price is itself rounded once (by the standard's rule) before it is split; the split
 * never rounds again. Each share says its weight and the total:
 * `¥1,000.00 × 89.37 m² / 274.87 m² = ¥325.14（公摊总额 ¥1,000.00 按建筑面积分摊，尾差按最大余数法，各户合计等于总额）`.
 */
export function sharedCharges(standard: SharedFeeStandard, input: SharedChargeInput): SharedCharge {
  if (!(SHARE_BASES as readonly unknown[]).includes(standard.basis)) {
    throw new BillingError('INVALID_STANDARD', `basis must be one of ${SHARE_BASES.join(', ')}`, { value: preview(standard.basis) });
  }
  const units = input.units;
  if (!Array.isArray(units) || units.length === 0) throw new BillingError('INVALID_UNITS', 'a shared charge needs at least one unit', {});
  const ids = new Set<string>();
  for (const unit of units) {
    if (typeof unit?.unitId !== 'string' || unit.unitId === '' || ids.has(unit.unitId)) {
      throw new BillingError('INVALID_UNITS', 'every unit needs its own non-empty unitId', { unitId: preview(unit?.unitId) });
    }
    ids.add(unit.unitId);
  }
  const byArea = standard.basis !== 'household';
  const weights: Decimal[] = units.map((unit, i) =>
    byArea ? areaFor(standard.basis as AreaBasis, unit, `units[${i}]`).value : new MoneyDecimal(1),
  );
  const weightSum = sum(weights);
  if (weightSum.isZero()) throw new BillingError('INVALID_UNITS', 'every unit has a zero area: nothing to share by', {});

  const total = totalOf(standard, input);
  const order = units.map((_, i) => i).sort((a, b) => ((units[a]?.unitId ?? '') < (units[b]?.unitId ?? '') ? -1 : 1));
  const sorted = allocate(total.amount, order.map((i) => weights[i] as Decimal));
  const parts: string[] = [];
  order.forEach((unitIndex, k) => {
    parts[unitIndex] = sorted[k] as string;
  });

  const label = SHARE_BASIS_LABELS[standard.basis];
  const of = (w: Decimal) => (byArea ? `${formatQuantity(w)} m²` : `${formatQuantity(w)} 户`);
  const note = `（公摊总额 ${formatYuan(total.amount)} 按${label}分摊，尾差按最大余数法，各户合计等于总额）`;
  const shares = units.map((unit, i) => {
    const weight = weights[i] as Decimal;
    const amount = parts[i] as string;
    const explanation = `${formatYuan(total.amount)} × ${of(weight)} / ${of(weightSum)} = ${formatYuan(amount)}${note}`;
    return { unitId: unit.unitId, weight: weight.toFixed(), amount, explanation };
  });
  return { kind: 'shared', amount: total.amount, explanation: `${total.text}，按${label}分摊给 ${units.length} 户`, shares };
}
