import { formatYuan, multiply } from '../money';
import { type BilledMonths, billedMonths, monthsFraction, monthsText, prorationNote } from './billedMonths';
import { BillingError, preview } from './errors';
import { AREA_BASES, type AreaBasis, type AreaChargeInput, type AreaFeeStandard, type ChargeLine } from './feeStandard';
import { formatPrice, formatQuantity } from './format';
import { roundLine } from './roundLine';
import { priceOf, quantityOf } from './values';

export interface AreaCharge extends ChargeLine {
  kind: 'area';
  areaBasis: AreaBasis;
  /** The area used, as given. */
  area: string;
  months: BilledMonths;
}

/** The area the standard names, checked; `BillingError` MISSING_AREA when the unit lacks it. */
export function areaFor(basis: AreaBasis, unit: { buildingArea?: string; insideArea?: string }, field = 'area') {
  if (!(AREA_BASES as readonly unknown[]).includes(basis)) {
    throw new BillingError('INVALID_STANDARD', 'areaBasis must be building_area or inside_area', { value: preview(basis) });
  }
  const [name, value] = basis === 'building_area' ? ['buildingArea', unit.buildingArea] : ['insideArea', unit.insideArea];
  if (value === undefined) {
    throw new BillingError('MISSING_AREA', `the standard bills by ${name}, which the unit does not have`, { field: `${field}.${name}` });
  }
  return { text: value, value: quantityOf(value, name) };
}

/**
 * 按面积计费: area × unit price per m² per month × months billed, computed exactly and rounded once.
 * `89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02` (210.0195 exactly). A pro-rated first month stays a fraction
 * until the one rounding: `89.37 m² × ¥2.35/m²·月 × 14/31 月 = ¥94.85（2025-03-18 起计费，2025-03 按 14/31 天折算）`.
 * An inside-area standard says so: `套内 65.2 m² × …`.
 */
export function areaCharge(standard: AreaFeeStandard, input: AreaChargeInput): AreaCharge {
  const price = priceOf(standard.unitPrice, 'unitPrice');
  const area = areaFor(standard.areaBasis, input);
  const months = billedMonths(standard.cycle, input.period, input.startDate);
  const [num, den] = monthsFraction(months);
  const amount = roundLine(multiply(multiply(area.value, price), num.toString()), den, standard);
  const prefix = standard.areaBasis === 'inside_area' ? '套内 ' : '';
  const explanation =
    `${prefix}${formatQuantity(area.value)} m² × ${formatPrice(price)}/m²·月 × ${monthsText(months)} 月 = ` +
    `${formatYuan(amount)}${prorationNote(months)}`;
  return { kind: 'area', amount, explanation, areaBasis: standard.areaBasis, area: area.text, months };
}
