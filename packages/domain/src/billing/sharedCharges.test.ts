import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, sum } from '../money';
import type { SharedFeeStandard, SharedUnit } from './feeStandard';
import { sharedCharges } from './sharedCharges';
import { billingReason } from './test-helpers';

const byArea: SharedFeeStandard = { kind: 'shared', basis: 'building_area', price: '3.5' };
const perHousehold: SharedFeeStandard = { kind: 'shared', basis: 'household' };
const units = (...areas: string[]): SharedUnit[] => areas.map((a, i) => ({ unitId: `u${i + 1}`, buildingArea: a }));

describe('sharedCharges 公摊', () => {
  it('splits a total by area, shares summing exactly to the total', () => {
    const charge = sharedCharges(byArea, { total: '1000', units: units('89.37', '120.5', '65') });
    expect(charge.amount).toBe('1000.00');
    expect(charge.shares.map((s) => s.amount)).toEqual(['325.14', '438.39', '236.47']);
    expect(charge.explanation).toBe('公摊总额 ¥1,000.00，按建筑面积分摊给 3 户');
    expect(charge.shares[0]).toEqual({
      unitId: 'u1',
      weight: '89.37',
      amount: '325.14',
      explanation: '¥1,000.00 × 89.37 m² / 274.87 m² = ¥325.14（公摊总额 ¥1,000.00 按建筑面积分摊，尾差按最大余数法，各户合计等于总额）',
    });
  });

  it('splits per household, the leftover fen to the smaller unitId', () => {
    const charge = sharedCharges(perHousehold, { total: '100', units: [{ unitId: 'b' }, { unitId: 'a' }, { unitId: 'c' }] });
    expect(charge.shares.map((s) => [s.unitId, s.amount])).toEqual([
      ['b', '33.33'],
      ['a', '33.34'],
      ['c', '33.33'],
    ]);
    expect(charge.shares[1]?.explanation).toBe('¥100.00 × 1 户 / 3 户 = ¥33.34（公摊总额 ¥100.00 按户数分摊，尾差按最大余数法，各户合计等于总额）');
  });

  it('prices a shared usage first (rounded once), then splits it without rounding again', () => {
    const charge = sharedCharges(byArea, { usage: '12.345', units: units('50', '50', '50') });
    // 12.345 × 3.5 = 43.2075 → 43.21
    expect(charge.explanation).toBe('公摊 12.345 × ¥3.50 = ¥43.21，按建筑面积分摊给 3 户');
    expect(charge.shares.map((s) => s.amount)).toEqual(['14.41', '14.40', '14.40']);
  });

  it('shares by inside area, giving a zero-area unit nothing', () => {
    const charge = sharedCharges({ kind: 'shared', basis: 'inside_area' }, {
      total: '10',
      units: [
        { unitId: 'a', insideArea: '0' },
        { unitId: 'b', insideArea: '40' },
      ],
    });
    expect(charge.shares.map((s) => s.amount)).toEqual(['0.00', '10.00']);
  });

  it('refuses what cannot be shared', () => {
    expect(billingReason(() => sharedCharges(byArea, { total: '1', units: [] }))).toBe('INVALID_UNITS');
    expect(billingReason(() => sharedCharges(byArea, { total: '1', units: [...units('1'), ...units('2')] }))).toBe('INVALID_UNITS');
    expect(billingReason(() => sharedCharges(byArea, { total: '1', units: units('0', '0') }))).toBe('INVALID_UNITS');
    expect(billingReason(() => sharedCharges(byArea, { total: '1', units: [{ unitId: 'a', insideArea: '3' }] }))).toBe('MISSING_AREA');
    expect(billingReason(() => sharedCharges(byArea, { total: '1.001', units: units('1') }))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => sharedCharges(perHousehold, { usage: '1', units: units('1') }))).toBe('INVALID_STANDARD');
    expect(billingReason(() => sharedCharges(byArea, { units: units('1') } as never))).toBe('INVALID_INPUT');
    expect(billingReason(() => sharedCharges(byArea, { total: '1', usage: '1', units: units('1') } as never))).toBe('INVALID_INPUT');
    expect(billingReason(() => sharedCharges({ ...byArea, basis: 'floor' as never }, { total: '1', units: units('1') }))).toBe('INVALID_STANDARD');
  });

  const total = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((fen) => new MoneyDecimal(fen.toString()).dividedBy(100).toFixed(2));
  const areas = fc
    .array(fc.integer({ min: 0, max: 10_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(100).toFixed()), { minLength: 1, maxLength: 20 })
    .filter((list) => list.some((a) => a !== '0'));

  it('property: shares sum exactly to the total, each within a fen of its exact share', () => {
    fc.assert(
      fc.property(total, areas, (t, list) => {
        const charge = sharedCharges(byArea, { total: t, units: units(...list) });
        expect(sum(charge.shares.map((s) => s.amount)).equals(t)).toBe(true);
        const weightSum = sum(list);
        charge.shares.forEach((s, i) => {
          const exact = new MoneyDecimal(t).times(list[i] as string).dividedBy(weightSum);
          expect(exact.minus(s.amount).abs().lessThan('0.01')).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('property: listing the units in another order changes nobody’s share', () => {
    fc.assert(
      fc.property(total, areas, (t, list) => {
        const forward = sharedCharges(byArea, { total: t, units: units(...list) });
        const backward = sharedCharges(byArea, { total: t, units: units(...list).reverse() });
        const byId = (c: typeof forward) => Object.fromEntries(c.shares.map((s) => [s.unitId, s.amount]));
        expect(byId(backward)).toEqual(byId(forward));
      }),
      { numRuns: 200 },
    );
  });
});
