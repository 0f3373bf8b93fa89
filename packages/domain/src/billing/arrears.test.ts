import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyDecimal, sum } from '../money';
import { agingBucket, arrears } from './arrears';
import { addDays } from './calendarDate';
import type { OpenCharge } from './settleOldestFirst';
import { billingReason } from './test-helpers';

const charges: OpenCharge[] = [
  { chargeId: 'c3', owed: '210.02', dueDate: '2025-06-15', label: '2025-06 物业费' },
  { chargeId: 'c1', owed: '210.02', dueDate: '2025-04-30' },
  { chargeId: 'c2', owed: '210.02', dueDate: '2025-05-31' },
  { chargeId: 'paid', owed: '0.00', dueDate: '2024-01-31' },
  { chargeId: 'future', owed: '99.00', dueDate: '2025-06-30' },
];

describe('arrears 欠费 and aging 账龄', () => {
  it('counts what is owed past due, by age', () => {
    const result = arrears(charges, '2025-06-30');
    expect(result.total).toBe('630.06');
    expect(result.items.map((i) => [i.chargeId, i.daysPastDue, i.bucket])).toEqual([
      ['c1', 61, '31-90'],
      ['c2', 30, '0-30'],
      ['c3', 15, '0-30'],
    ]);
    expect(result.buckets).toEqual({ '0-30': '420.04', '31-90': '210.02', '91-180': '0.00', '181-365': '0.00', '365+': '0.00' });
    expect(result.explanation).toBe('截至 2025-06-30 欠费 ¥630.06：30 天以内 ¥420.04，31–90 天 ¥210.02');
    expect(result.items[2]?.label).toBe('2025-06 物业费');
  });

  it('is past due from the day after the due date (Beijing)', () => {
    expect(arrears(charges, '2025-07-01').items.map((i) => i.chargeId)).toContain('future');
    expect(arrears(charges, '2025-06-30T15:59:00Z').items.map((i) => i.chargeId)).not.toContain('future');
    expect(arrears(charges, '2025-06-30T16:00:00Z').items.map((i) => i.chargeId)).toContain('future');
    expect(arrears(charges, '2025-04-30').explanation).toBe('截至 2025-04-30 无欠费');
  });

  it('puts the bucket bounds where the names say', () => {
    expect([1, 30, 31, 90, 91, 180, 181, 365, 366].map(agingBucket)).toEqual(['0-30', '0-30', '31-90', '31-90', '91-180', '91-180', '181-365', '181-365', '365+']);
  });

  it('refuses bad charges and dates', () => {
    expect(billingReason(() => arrears([{ chargeId: 'a', owed: '1', dueDate: '31/01/2025' }], '2025-06-30'))).toBe('INVALID_CHARGES');
    expect(billingReason(() => arrears(charges, 'today'))).toBe('INVALID_DATE');
  });

  it('property: the buckets sum exactly to the total, which is Σ owed past due', () => {
    const charge = fc.record({
      chargeId: fc.uuid(),
      owed: fc.bigInt({ min: 0n, max: 10_000_000n }).map((n) => new MoneyDecimal(n.toString()).dividedBy(100).toFixed(2)),
      dueDate: fc.integer({ min: -800, max: 100 }).map((d) => addDays('2025-06-30', d)),
    });
    fc.assert(
      fc.property(fc.uniqueArray(charge, { selector: (c) => c.chargeId, maxLength: 20 }), (list) => {
        const result = arrears(list, '2025-06-30');
        expect(sum(Object.values(result.buckets)).equals(result.total)).toBe(true);
        const expected = sum(list.filter((c) => c.dueDate < '2025-06-30').map((c) => c.owed));
        expect(expected.equals(result.total)).toBe(true);
      }),
    );
  });
});
