import { describe, expect, it } from 'vitest';
import { computeCharge } from './computeCharge';
import type { FeeStandard } from './feeStandard';
import { billingReason } from './test-helpers';

describe('computeCharge', () => {
  it('dispatches on the standard’s kind, typed by it', () => {
    const area = computeCharge({ kind: 'area', unitPrice: '2.35', areaBasis: 'building_area', cycle: 'monthly' }, { period: '2025-03', buildingArea: '89.37' });
    expect(area.explanation).toBe('89.37 m² × ¥2.35/m²·月 × 1 月 = ¥210.02');
    expect(area.months.fullMonths).toBe(1);
    const fixed = computeCharge({ kind: 'fixed', amount: '150', cycle: 'monthly' }, { period: '2025-03' });
    expect(fixed.amount).toBe('150.00');
    const metered = computeCharge({ kind: 'metered', price: '5' }, { usage: '22', previous: '1263', current: '1285', multiplier: '1' });
    expect(metered.explanation).toBe('(1,285 − 1,263) × 1 × ¥5.00 = ¥110.00');
    const shared = computeCharge({ kind: 'shared', basis: 'household' }, { total: '0.02', units: [{ unitId: 'a' }, { unitId: 'b' }, { unitId: 'c' }] });
    expect(shared.shares.map((s) => s.amount)).toEqual(['0.01', '0.01', '0.00']);
  });

  it('accepts a standard only known as FeeStandard (input checked at run time)', () => {
    const standards: FeeStandard[] = [
      { kind: 'area', unitPrice: '2', areaBasis: 'building_area', cycle: 'monthly' },
      { kind: 'fixed', amount: '10', cycle: 'monthly' },
    ];
    expect(standards.map((s) => computeCharge(s, { period: '2025-03', buildingArea: '10' }).amount)).toEqual(['20.00', '10.00']);
  });

  it('refuses an unknown kind', () => {
    expect(billingReason(() => computeCharge({ kind: 'per_person' } as never, {} as never))).toBe('INVALID_STANDARD');
    expect(billingReason(() => computeCharge(null as never, {} as never))).toBe('INVALID_STANDARD');
  });
});
