import { describe, expect, it } from 'vitest';
import type { FixedFeeStandard } from './feeStandard';
import { fixedCharge } from './fixedCharge';
import { billingReason } from './test-helpers';

const parking: FixedFeeStandard = { kind: 'fixed', amount: '300', cycle: 'monthly' };

describe('fixedCharge 定额计费', () => {
  it('bills the amount per cycle', () => {
    expect(fixedCharge(parking, { period: '2025-03' })).toMatchObject({ amount: '300.00', explanation: '¥300.00/月 × 1 月 = ¥300.00' });
    expect(fixedCharge({ ...parking, amount: '900', cycle: 'quarterly' }, { period: '2025-01' }).explanation).toBe('¥900.00/季 × 1 季 = ¥900.00');
    expect(fixedCharge({ ...parking, amount: '3600', cycle: 'yearly' }, { period: '2025-01', startDate: '2024-06-18' }).amount).toBe('3600.00');
  });

  it('pro-rates a first month by days, as a share of the cycle', () => {
    // 300 × 14/31 = 135.4838…
    expect(fixedCharge(parking, { period: '2025-03', startDate: '2025-03-18' }).explanation).toBe(
      '¥300.00/月 × 14/31 月 = ¥135.48（2025-03-18 起计费，2025-03 按 14/31 天折算）',
    );
    // 900 × (14/31 + 2) / 3 = 735.4838…
    expect(fixedCharge({ ...parking, amount: '900', cycle: 'quarterly' }, { period: '2025-03', startDate: '2025-03-18' }).explanation).toBe(
      '¥900.00/季 × (14/31 + 2)/3 季 = ¥735.48（2025-03-18 起计费，2025-03 按 14/31 天折算）',
    );
    // a start on the 1st of the cycle's third month: 1/3 of the quarter
    expect(fixedCharge({ ...parking, amount: '900', cycle: 'quarterly' }, { period: '2025-01', startDate: '2025-03-01' }).explanation).toBe(
      '¥900.00/季 × 1/3 季 = ¥300.00（2025-03-01 起计费）',
    );
  });

  it('refuses an amount that is not on the fen', () => {
    expect(billingReason(() => fixedCharge({ ...parking, amount: '300.005' }, { period: '2025-03' }))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => fixedCharge({ ...parking, cycle: 'daily' as never }, { period: '2025-03' }))).toBe('INVALID_CYCLE');
  });
});
