import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, roundToFen } from '../money';
import { areaCharge } from './areaCharge';
import type { AreaFeeStandard } from './feeStandard';
import { billingReason } from './test-helpers';

const monthly: AreaFeeStandard = { kind: 'area', unitPrice: '2.35', areaBasis: 'building_area', cycle: 'monthly' };

describe('areaCharge 按面积计费', () => {
  it('golden: 89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02', () => {
    const line = areaCharge(monthly, { period: '2025-03', buildingArea: '89.37' });
    expect(line.amount).toBe('210.02');
    expect(line.explanation).toBe('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    expect(line).toMatchObject({ kind: 'area', area: '89.37', areaBasis: 'building_area' });
  });

  it('bills a quarter and a year as 3 and 12 months, rounded once on the whole line', () => {
    const quarterly = areaCharge({ ...monthly, cycle: 'quarterly' }, { period: '2025-01', buildingArea: '89.37' });
    // 630.0585 exactly, not 3 × 210.02 = 630.06 by accident: both round to 630.06 here
    expect(quarterly.explanation).toBe('89.37 m² × ¥2.35/m²·月 × 3 月 = ¥630.06');
    const yearly = areaCharge({ ...monthly, cycle: 'yearly' }, { period: '2025-01', buildingArea: '89.37' });
    // 2520.234 exactly → 2520.23, whereas 12 rounded months would be 2520.24
    expect(yearly.amount).toBe('2520.23');
  });

  it('golden: a start on the 18th of a 31-day month bills 14/31 of the month, rounded once', () => {
    const line = areaCharge(monthly, { period: '2025-03', startDate: '2025-03-18', buildingArea: '89.37' });
    // 89.37 × 2.35 × 14 / 31 = 94.8475…
    expect(line.amount).toBe('94.85');
    expect(line.explanation).toBe('89.37 m² × ¥2.35/m²·月 × 14/31 月 = ¥94.85（2025-03-18 起计费，2025-03 按 14/31 天折算）');
    const quarter = areaCharge({ ...monthly, cycle: 'quarterly' }, { period: '2025-03', startDate: '2025-03-18', buildingArea: '89.37' });
    // 210.0195 × 76/31 = 514.8865…
    expect(quarter.explanation).toBe('89.37 m² × ¥2.35/m²·月 × (14/31 + 2) 月 = ¥514.89（2025-03-18 起计费，2025-03 按 14/31 天折算）');
  });

  it('rounds the exact line, not the rounded monthly amount', () => {
    // 0.5 m² × ¥0.01 = 0.005 a month (¥0.01 if rounded first, and 0.01 × 16/31 → ¥0.01);
    // the exact line 0.005 × 16/31 = 0.00258… → ¥0.00
    const line = areaCharge({ ...monthly, unitPrice: '0.01' }, { period: '2025-03', startDate: '2025-03-16', buildingArea: '0.5' });
    expect(line.amount).toBe('0.00');
  });

  it('uses the inside area when the standard says so', () => {
    const line = areaCharge({ ...monthly, unitPrice: '3', areaBasis: 'inside_area' }, { period: '2025-03', buildingArea: '89.37', insideArea: '65.20' });
    expect(line.explanation).toBe('套内 65.2 m² × ¥3.00/m²·月 × 1 月 = ¥195.60');
    expect(line.area).toBe('65.20');
  });

  it('honours the standard’s rounding rule', () => {
    expect(areaCharge({ ...monthly, rounding: 'ROUND_DOWN' }, { period: '2025-03', buildingArea: '89.37' }).amount).toBe('210.01');
    expect(areaCharge({ ...monthly, roundingUnit: 'jiao' }, { period: '2025-03', buildingArea: '89.37' }).amount).toBe('210.00');
  });

  it('refuses bad prices, areas and standards', () => {
    expect(billingReason(() => areaCharge({ ...monthly, unitPrice: 'abc' }, { period: '2025-03', buildingArea: '1' }))).toBe('INVALID_PRICE');
    expect(billingReason(() => areaCharge({ ...monthly, unitPrice: '-1' }, { period: '2025-03', buildingArea: '1' }))).toBe('INVALID_PRICE');
    expect(billingReason(() => areaCharge(monthly, { period: '2025-03', buildingArea: '1.23456' }))).toBe('INVALID_QUANTITY');
    expect(billingReason(() => areaCharge(monthly, { period: '2025-03', insideArea: '80' }))).toBe('MISSING_AREA');
    expect(billingReason(() => areaCharge({ ...monthly, areaBasis: 'land' as never }, { period: '2025-03', buildingArea: '1' }))).toBe('INVALID_STANDARD');
  });

  it('property: a whole month is area × price rounded once; a pro-rated one never exceeds it', () => {
    const area = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(100).toFixed());
    const price = fc.integer({ min: 0, max: 100_000 }).map((n) => new MoneyDecimal(n).dividedBy(10_000).toFixed());
    fc.assert(
      fc.property(area, price, fc.integer({ min: 1, max: 31 }), (a, p, day) => {
        const standard = { ...monthly, unitPrice: p };
        const whole = areaCharge(standard, { period: '2025-03', buildingArea: a });
        expect(whole.amount).toBe(roundToFen(new MoneyDecimal(a).times(p)));
        const part = areaCharge(standard, { period: '2025-03', startDate: `2025-03-${String(day).padStart(2, '0')}`, buildingArea: a });
        expect(new MoneyDecimal(part.amount).lessThanOrEqualTo(whole.amount)).toBe(true);
        expect(part.explanation.endsWith('天折算）')).toBe(day !== 1);
      }),
    );
  });
});
