import { describe, expect, it } from 'vitest';
import { groupByPeriod, isPrepaymentValid, newIdempotencyKey, olderLeftOut, payTotal, prepaymentAmount } from './pay';
import { charge } from './test-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the cashier arithmetic', () => {
  const list = [
    charge('a', { owed: '0.10', dueDate: '2025-01-31', period: '2025-01' }),
    charge('b', { owed: '0.20', dueDate: '2025-01-31', period: '2025-01' }),
    charge('c', { owed: '99999999999.99', dueDate: '2025-02-28', period: '2025-02' }),
  ];

  it('sums owed amounts exactly, with the prepayment, in the API form', () => {
    expect(payTotal(list, new Set(['a', 'b']), '')).toBe('0.30');
    expect(payTotal(list, new Set(['a', 'b', 'c']), '0.01')).toBe('100000000000.30');
    expect(payTotal(list, new Set(), '')).toBe('0.00');
    expect(payTotal(list, new Set(['a']), '5')).toBe('5.10');
    // an invalid prepayment counts as none
    expect(payTotal(list, new Set(['a']), '1.234')).toBe('0.10');
  });

  it('takes a prepayment on the fen, above zero', () => {
    expect(isPrepaymentValid('')).toBe(true);
    expect(isPrepaymentValid('100')).toBe(true);
    expect(isPrepaymentValid('0.01')).toBe(true);
    for (const bad of ['0', '0.00', '-1', '1.234', '1e3', 'abc', '1.', '.5', '1234567890123']) expect(isPrepaymentValid(bad), bad).toBe(false);
    expect(prepaymentAmount(' 100 ')).toBe('100.00');
    expect(prepaymentAmount('')).toBeUndefined();
  });

  it('groups by period and warns when an older charge is left out', () => {
    const groups = groupByPeriod([list[2]!, ...list.slice(0, 2)]);
    expect(groups.map((g) => [g.period, g.owed, g.charges.length])).toEqual([
      ['2025-01', '0.30', 2],
      ['2025-02', '99999999999.99', 1],
    ]);
    expect(olderLeftOut(list, new Set(['c'])).map((c) => c.id)).toEqual(['a', 'b']);
    expect(olderLeftOut(list, new Set(['a', 'b']))).toEqual([]);
    // the same due date is not "older"
    expect(olderLeftOut(list, new Set(['b']))).toEqual([]);
  });

  it('makes v4 UUIDs, also without crypto.randomUUID', () => {
    expect(newIdempotencyKey()).toMatch(UUID);
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
      expect(keys.size).toBe(50);
      for (const k of keys) expect(k).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
