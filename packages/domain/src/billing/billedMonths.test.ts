import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billedMonths, monthsFraction, monthsText, prorationNote } from './billedMonths';
import { billingReason } from './test-helpers';

describe('billedMonths: the partial first period rule', () => {
  it('bills the whole cycle without a start date or with one before it', () => {
    expect(billedMonths('monthly', '2025-03')).toEqual({ cycleMonths: 1, period: '2025-03', fullMonths: 1, partial: null });
    expect(billedMonths('quarterly', '2025-01', '2024-12-31').fullMonths).toBe(3);
    expect(billedMonths('yearly', '2025-01', '2020-05-18').fullMonths).toBe(12);
  });

  it('golden: a start on the 18th of a 31-day month bills 14/31 of it', () => {
    const months = billedMonths('monthly', '2025-03', '2025-03-18');
    expect(months.partial).toEqual({ month: '2025-03', startDate: '2025-03-18', days: 14, daysInMonth: 31 });
    expect(months.fullMonths).toBe(0);
    expect(monthsFraction(months)).toEqual([14n, 31n]);
    expect(monthsText(months)).toBe('14/31');
    expect(prorationNote(months)).toBe('（2025-03-18 起计费，2025-03 按 14/31 天折算）');
  });

  it('counts both the start day and the last day of the month', () => {
    expect(billedMonths('monthly', '2025-03', '2025-03-31').partial?.days).toBe(1);
    expect(billedMonths('monthly', '2025-03', '2025-03-02').partial?.days).toBe(30);
    expect(billedMonths('monthly', '2024-02', '2024-02-15').partial).toMatchObject({ days: 15, daysInMonth: 29 });
    expect(billedMonths('monthly', '2025-02', '2025-02-15').partial).toMatchObject({ days: 14, daysInMonth: 28 });
  });

  it('treats a start on the 1st as a whole month', () => {
    const months = billedMonths('monthly', '2025-03', '2025-03-01');
    expect(months).toEqual({ cycleMonths: 1, period: '2025-03', fullMonths: 1, partial: null });
    expect(prorationNote(months)).toBe('');
  });

  it('pro-rates the first month of a longer cycle and bills the rest in full', () => {
    const months = billedMonths('quarterly', '2025-03', '2025-03-18');
    expect(months.fullMonths).toBe(2);
    expect(monthsFraction(months)).toEqual([76n, 31n]);
    expect(monthsText(months)).toBe('(14/31 + 2)');
  });

  it('skips the months of the cycle before a later start month', () => {
    const months = billedMonths('quarterly', '2025-01', '2025-02-18');
    expect(months.fullMonths).toBe(1);
    expect(months.partial).toMatchObject({ month: '2025-02', days: 11, daysInMonth: 28 });
    const fromMarch = billedMonths('quarterly', '2025-01', '2025-03-01');
    expect(fromMarch).toMatchObject({ fullMonths: 1, partial: null });
    expect(prorationNote(fromMarch)).toBe('（2025-03-01 起计费）');
    expect(billedMonths('yearly', '2024-07', '2025-06-30').partial).toMatchObject({ month: '2025-06', days: 1 });
  });

  it('refuses a start after the cycle, bad periods, dates and cycles', () => {
    expect(billingReason(() => billedMonths('monthly', '2025-03', '2025-04-01'))).toBe('START_AFTER_PERIOD');
    expect(billingReason(() => billedMonths('quarterly', '2025-01', '2025-04-01'))).toBe('START_AFTER_PERIOD');
    expect(billingReason(() => billedMonths('monthly', '2025-13'))).toBe('INVALID_PERIOD');
    expect(billingReason(() => billedMonths('monthly', '2025-03', '2025-03-32'))).toBe('INVALID_DATE');
    expect(billingReason(() => billedMonths('weekly' as never, '2025-03'))).toBe('INVALID_CYCLE');
  });

  it('property: the billed fraction is between 1/31 and the whole cycle, whole only from the 1st of the first month', () => {
    const cycle = fc.constantFrom('monthly', 'quarterly', 'yearly') as fc.Arbitrary<'monthly' | 'quarterly' | 'yearly'>;
    fc.assert(
      fc.property(cycle, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (c, offset, day) => {
        const months = { monthly: 1, quarterly: 3, yearly: 12 }[c];
        const monthIndex = offset % months;
        const month = String(1 + monthIndex).padStart(2, '0');
        const dim = new Date(Date.UTC(2025, monthIndex + 1, 0)).getUTCDate();
        const start = `2025-${month}-${String(Math.min(day, dim)).padStart(2, '0')}`;
        const [num, den] = monthsFraction(billedMonths(c, '2025-01', start));
        expect(num * 31n).toBeGreaterThanOrEqual(den);
        expect(num).toBeLessThanOrEqual(BigInt(months) * den);
        expect(num === BigInt(months) * den).toBe(start === '2025-01-01');
      }),
    );
  });
});
