import { describe, expect, it } from 'vitest';
import {
  chargesTotal,
  groupByPeriod,
  isPickable,
  isPrepaymentValid,
  olderLeftOut,
  outstanding,
  payTotal,
  prepaymentAmount,
} from './picking';
import { charge, makeAccount } from './test-data';

const charges = outstanding(makeAccount().charges);

describe('picking arithmetic', () => {
  it('keeps what is still owed, locked charges included but never pickable', () => {
    expect(charges.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(charges.filter(isPickable).map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(outstanding([charge('z', { owed: '0.00' })])).toEqual([]);
  });

  it('sums exactly on decimal strings (0.10 + 0.20 is 0.30) and ignores a locked charge even if picked', () => {
    expect(chargesTotal(charges, new Set(['c-2', 'c-3']))).toBe('0.30');
    expect(chargesTotal(charges, new Set(['c-1', 'c-2', 'c-3', 'c-4']))).toBe('210.32');
    expect(payTotal(charges, new Set(['c-1', 'c-2', 'c-3']), '100')).toBe('310.32');
    expect(payTotal(charges, new Set(), '0.1')).toBe('0.10');
    expect(payTotal(charges, new Set(), '')).toBe('0.00');
    // an invalid prepayment adds nothing (the form refuses it anyway)
    expect(payTotal(charges, new Set(['c-2']), '1.234')).toBe('0.10');
  });

  it('accepts a prepayment of a positive amount with at most two decimals', () => {
    for (const ok of ['', ' ', '1', '0.01', '100.5', '99999.99']) expect(isPrepaymentValid(ok)).toBe(true);
    for (const bad of ['0', '0.00', '-1', '1.234', 'abc', '1e3', '.5', '1.']) expect(isPrepaymentValid(bad)).toBe(false);
    expect(prepaymentAmount(' 100.5 ')).toBe('100.50');
    expect(prepaymentAmount('')).toBeUndefined();
    expect(prepaymentAmount('0')).toBeUndefined();
  });

  it('groups by period, oldest first, with what each period owes and what a tap on it picks', () => {
    const groups = groupByPeriod(charges);
    expect(groups.map((g) => [g.period, g.owed, g.pickableIds])).toEqual([
      ['2025-05', '210.12', ['c-1', 'c-2']],
      ['2025-06', '50.20', ['c-3']],
    ]);
  });

  it('names the older pickable charges left out when a newer one is picked', () => {
    expect(olderLeftOut(charges, new Set(['c-1', 'c-2', 'c-3']))).toEqual([]);
    expect(olderLeftOut(charges, new Set(['c-3'])).map((c) => c.id)).toEqual(['c-1', 'c-2']);
    // the locked 2025-06 charge is newer than nothing picked here, and never counts as left out
    expect(olderLeftOut(charges, new Set(['c-1'])).map((c) => c.id)).toEqual([]);
    expect(olderLeftOut(charges, new Set())).toEqual([]);
  });
});
