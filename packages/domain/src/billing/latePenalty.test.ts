import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal } from '../money';
import { addDays } from './calendarDate';
import { latePenalty, PENALTY_OFF, type PenaltyPolicy } from './latePenalty';
import { billingReason } from './test-helpers';

const policy: PenaltyPolicy = { enabled: true, dailyRate: '0.0003', graceDays: 10, cap: { kind: 'percent', percent: '100' } };

describe('latePenalty 违约金', () => {
  it('is off by default', () => {
    expect(latePenalty({ principal: '210.02', dueDate: '2025-01-31', asOf: '2026-01-31' })).toEqual({
      amount: '0.00',
      explanation: '未启用违约金',
      daysOverdue: 365,
      daysCharged: 0,
      capped: false,
    });
    expect(latePenalty({ principal: '210.02', dueDate: '2025-01-31', asOf: '2026-01-31', policy: PENALTY_OFF }).amount).toBe('0.00');
  });

  it('charges principal × daily rate × days after the grace period, rounded once', () => {
    const penalty = latePenalty({ principal: '210.02', dueDate: '2025-01-31', asOf: '2025-03-02', policy });
    // 30 days overdue, 10 of grace: 210.02 × 0.0003 × 20 = 1.26012
    expect(penalty).toMatchObject({ amount: '1.26', daysOverdue: 30, daysCharged: 20, capped: false });
    expect(penalty.explanation).toBe('¥210.02 × 0.0003/天 × 20 天 = ¥1.26（2025-01-31 到期，宽限 10 天，自 2025-02-11 起计至 2025-03-02）');
    const noGrace = latePenalty({ principal: '1000', dueDate: '2025-01-31', asOf: '2025-02-01', policy: { ...policy, graceDays: 0 } });
    expect(noGrace.explanation).toBe('¥1,000.00 × 0.0003/天 × 1 天 = ¥0.30（2025-01-31 到期，自 2025-02-01 起计至 2025-02-01）');
  });

  it('charges nothing on the due date or within the grace days', () => {
    expect(latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-01-31', policy }).explanation).toBe(
      '2025-01-31 到期，截至 2025-01-31 未逾期，不计违约金',
    );
    expect(latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-01-15', policy }).daysOverdue).toBe(0);
    const inGrace = latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-02-10', policy });
    expect(inGrace).toMatchObject({ amount: '0.00', daysOverdue: 10, daysCharged: 0 });
    expect(inGrace.explanation).toBe('2025-01-31 到期，逾期 10 天，在宽限期 10 天内，不计违约金');
    expect(latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-02-11', policy }).daysCharged).toBe(1);
  });

  it('counts Beijing calendar days for instants', () => {
    // 2025-02-10T16:30Z is 2025-02-11 00:30 in Beijing: the first charged day
    expect(latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-02-10T16:30:00Z', policy }).daysCharged).toBe(1);
    expect(latePenalty({ principal: '100', dueDate: '2025-01-31', asOf: '2025-02-10T15:30:00Z', policy }).daysCharged).toBe(0);
    expect(latePenalty({ principal: '100', dueDate: new Date('2025-01-30T17:00:00Z'), asOf: '2025-02-11', policy }).daysOverdue).toBe(11);
  });

  it('stops at the cap, as an amount or a percentage of the principal', () => {
    const byAmount = latePenalty({ principal: '1000', dueDate: '2024-01-31', asOf: '2025-03-06', policy: { ...policy, cap: { kind: 'amount', amount: '100' } } });
    // 400 days overdue, 390 charged: 1000 × 0.0003 × 390 = 117 > 100
    expect(byAmount).toMatchObject({ amount: '100.00', capped: true, daysCharged: 390 });
    expect(byAmount.explanation).toBe('¥1,000.00 × 0.0003/天 × 390 天 = ¥117.00，超过上限 ¥100.00，按上限计（2024-01-31 到期，宽限 10 天，自 2024-02-11 起计至 2025-03-06）');
    const byPercent = latePenalty({ principal: '210.02', dueDate: '2024-01-31', asOf: '2025-03-06', policy: { ...policy, cap: { kind: 'percent', percent: '10' } } });
    // cap 21.002 exactly → rounded once to 21.00
    expect(byPercent).toMatchObject({ amount: '21.00', capped: true });
    expect(byPercent.explanation).toContain('= ¥24.57，超过上限 ¥21.00（本金的 10%），按上限计');
  });

  it('refuses incomplete policies and bad dates', () => {
    const base = { principal: '100', dueDate: '2025-01-31', asOf: '2025-03-01' };
    expect(billingReason(() => latePenalty({ ...base, policy: { ...policy, dailyRate: '-0.1' } }))).toBe('INVALID_RATE');
    expect(billingReason(() => latePenalty({ ...base, policy: { ...policy, graceDays: -1 } }))).toBe('INVALID_DAYS');
    expect(billingReason(() => latePenalty({ ...base, policy: { ...policy, cap: undefined as never } }))).toBe('INVALID_INPUT');
    expect(billingReason(() => latePenalty({ ...base, policy: { ...policy, cap: { kind: 'percent', percent: '120' } } }))).toBe('INVALID_PERCENT');
    expect(billingReason(() => latePenalty({ ...base, dueDate: '2025-02-30', policy }))).toBe('INVALID_DATE');
    expect(billingReason(() => latePenalty({ ...base, asOf: '2025-03-01T08:00:00', policy }))).toBe('INVALID_DATE');
  });

  it('property: never above the cap, zero within grace, never decreasing as days pass', () => {
    const fen = fc.bigInt({ min: 0n, max: 10n ** 10n }).map((n) => new MoneyDecimal(n.toString()).dividedBy(100).toFixed(2));
    fc.assert(
      fc.property(fen, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 100 }), (principal, grace, days, pct) => {
        const p: PenaltyPolicy = { ...policy, graceDays: grace, cap: { kind: 'percent', percent: String(pct) } };
        const today = latePenalty({ principal, dueDate: '2025-01-31', asOf: addDays('2025-01-31', days), policy: p });
        const tomorrow = latePenalty({ principal, dueDate: '2025-01-31', asOf: addDays('2025-01-31', days + 1), policy: p });
        const cap = new MoneyDecimal(principal).times(pct).dividedBy(100);
        expect(new MoneyDecimal(today.amount).lessThanOrEqualTo(cap.toDecimalPlaces(2, MoneyDecimal.ROUND_HALF_UP))).toBe(true);
        if (days <= grace) expect(today.amount).toBe('0.00');
        expect(new MoneyDecimal(tomorrow.amount).greaterThanOrEqualTo(today.amount)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
