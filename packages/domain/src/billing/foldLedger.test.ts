import { describe, expect, it } from 'vitest';
import { foldLedger, ledgerBalance, owedByCharge, prepaidBalance } from './foldLedger';
import type { LedgerEntry } from './ledgerEntry';
import { ledgerReason } from './test-helpers';

const charge = (id: string, amount: string, dueDate = '2025-01-31'): LedgerEntry => ({ id, type: 'charge', amount, dueDate, label: `${id} 物业费` });
const base: LedgerEntry[] = [charge('c1', '210.02'), charge('c2', '110.00', '2025-02-28')];

describe('foldLedger: the account of one unit', () => {
  it('derives balance, owed per charge and prepaid balance', () => {
    const entries: LedgerEntry[] = [
      ...base,
      { id: 'p1', type: 'payment', amount: '100', chargeId: 'c1' },
      { id: 'pp1', type: 'prepayment', amount: '50' },
      { id: 'o1', type: 'offset', amount: '50', chargeId: 'c1' },
      { id: 'd1', type: 'discount', amount: '10', chargeId: 'c2' },
    ];
    const state = foldLedger(entries);
    expect(state.balance).toBe('160.02');
    expect(state.prepaid).toBe('0.00');
    expect(state.owed).toBe('160.02');
    expect(state.entryCount).toBe(6);
    expect(state.charges[0]).toEqual({
      chargeId: 'c1',
      type: 'charge',
      dueDate: '2025-01-31',
      label: 'c1 物业费',
      amount: '210.02',
      paid: '100.00',
      offset: '50.00',
      discounted: '0.00',
      waived: '0.00',
      settled: '150.00',
      owed: '60.02',
      reversed: false,
    });
    expect(ledgerBalance(entries)).toBe('160.02');
    expect(owedByCharge(entries).map((c) => c.owed)).toEqual(['60.02', '100.00']);
    expect(prepaidBalance(entries)).toBe('0.00');
  });

  it('an empty ledger owes nothing', () => {
    expect(foldLedger([])).toEqual({ balance: '0.00', prepaid: '0.00', owed: '0.00', charges: [], entryCount: 0 });
  });

  it('is in credit with prepayments, and refunds come out of the prepaid balance', () => {
    const entries: LedgerEntry[] = [{ id: 'pp', type: 'prepayment', amount: '300' }, { id: 'r', type: 'refund', amount: '100' }];
    expect(foldLedger(entries)).toMatchObject({ balance: '-200.00', prepaid: '200.00' });
  });

  it('penalties are receivables of their own, waived (not discounted)', () => {
    const entries: LedgerEntry[] = [
      ...base,
      { id: 'f1', type: 'penalty', amount: '1.26', chargeId: 'c1', dueDate: '2025-03-02' },
      { id: 'w1', type: 'waiver', amount: '1.26', chargeId: 'f1' },
    ];
    const state = foldLedger(entries);
    expect(state.charges[2]).toMatchObject({ chargeId: 'f1', type: 'penalty', onChargeId: 'c1', waived: '1.26', owed: '0.00' });
    expect(state.balance).toBe('320.02');
    expect(ledgerReason(() => foldLedger([...entries, { id: 'w2', type: 'waiver', amount: '1', chargeId: 'c1' }]))).toBe('WRONG_TARGET');
    expect(ledgerReason(() => foldLedger([...entries, { id: 'd2', type: 'discount', amount: '0', chargeId: 'f1' }]))).toBe('WRONG_TARGET');
    expect(ledgerReason(() => foldLedger([...entries, { id: 'f2', type: 'penalty', amount: '1', chargeId: 'f1', dueDate: '2025-03-02' }]))).toBe('WRONG_TARGET');
  });

  it('adjusts a charge up or down, never below what is settled', () => {
    const paid: LedgerEntry[] = [...base, { id: 'p1', type: 'payment', amount: '200', chargeId: 'c1' }];
    expect(foldLedger([...paid, { id: 'a1', type: 'adjustment', amount: '-10.02', chargeId: 'c1' }]).charges[0]).toMatchObject({ amount: '200.00', owed: '0.00' });
    expect(foldLedger([...paid, { id: 'a1', type: 'adjustment', amount: '5', chargeId: 'c1' }]).charges[0]).toMatchObject({ amount: '215.02', owed: '15.02' });
    expect(ledgerReason(() => foldLedger([...paid, { id: 'a1', type: 'adjustment', amount: '-10.03', chargeId: 'c1' }]))).toBe('BELOW_SETTLED');
  });

  it('never pays a charge beyond what it owes, nor offsets or refunds more than is prepaid', () => {
    expect(ledgerReason(() => foldLedger([...base, { id: 'p', type: 'payment', amount: '210.03', chargeId: 'c1' }]))).toBe('OVERSETTLED');
    expect(ledgerReason(() => foldLedger([...base, { id: 'd', type: 'discount', amount: '110.01', chargeId: 'c2' }]))).toBe('OVERSETTLED');
    expect(ledgerReason(() => foldLedger([...base, { id: 'pp', type: 'prepayment', amount: '10' }, { id: 'o', type: 'offset', amount: '10.01', chargeId: 'c1' }]))).toBe(
      'INSUFFICIENT_PREPAID',
    );
    expect(ledgerReason(() => foldLedger([{ id: 'r', type: 'refund', amount: '0.01' }]))).toBe('INSUFFICIENT_PREPAID');
    expect(ledgerReason(() => foldLedger([{ id: 'p', type: 'payment', amount: '1', chargeId: 'nope' }]))).toBe('UNKNOWN_CHARGE');
    expect(ledgerReason(() => foldLedger([{ id: 'pp', type: 'prepayment', amount: '1' }, { id: 'p', type: 'payment', amount: '1', chargeId: 'pp' }]))).toBe('UNKNOWN_CHARGE');
  });

  it('reverses entries: a payment owes again, an offset goes back to prepaid, a charge disappears', () => {
    const entries: LedgerEntry[] = [
      ...base,
      { id: 'pp', type: 'prepayment', amount: '100' },
      { id: 'o', type: 'offset', amount: '100', chargeId: 'c1' },
      { id: 'p', type: 'payment', amount: '110', chargeId: 'c2' },
      { id: 'xo', type: 'reversal', amount: '100', reversesId: 'o' },
      { id: 'xp', type: 'reversal', amount: '110', reversesId: 'p' },
      { id: 'xc2', type: 'reversal', amount: '110', reversesId: 'c2' },
    ];
    const state = foldLedger(entries);
    expect(state).toMatchObject({ balance: '110.02', prepaid: '100.00', owed: '210.02' });
    expect(state.charges[1]).toMatchObject({ chargeId: 'c2', amount: '0.00', owed: '0.00', reversed: true });
    expect(ledgerReason(() => foldLedger([...entries, { id: 'p2', type: 'payment', amount: '0', chargeId: 'c2' }]))).toBe('CHARGE_REVERSED');
  });

  it('refuses reversals that do not make sense', () => {
    const paid: LedgerEntry[] = [...base, { id: 'p', type: 'payment', amount: '10', chargeId: 'c1' }];
    expect(ledgerReason(() => foldLedger([...paid, { id: 'x', type: 'reversal', amount: '210.02', reversesId: 'c1' }]))).toBe('CHARGE_HAS_SETTLEMENTS');
    expect(ledgerReason(() => foldLedger([...paid, { id: 'x', type: 'reversal', amount: '10', reversesId: 'zz' }]))).toBe('UNKNOWN_ENTRY');
    expect(ledgerReason(() => foldLedger([...paid, { id: 'x', type: 'reversal', amount: '9', reversesId: 'p' }]))).toBe('REVERSAL_MISMATCH');
    const reversed: LedgerEntry[] = [...paid, { id: 'x', type: 'reversal', amount: '10', reversesId: 'p' }];
    expect(ledgerReason(() => foldLedger([...reversed, { id: 'x2', type: 'reversal', amount: '10', reversesId: 'p' }]))).toBe('ALREADY_REVERSED');
    expect(ledgerReason(() => foldLedger([...reversed, { id: 'x2', type: 'reversal', amount: '10', reversesId: 'x' }]))).toBe('WRONG_TARGET');
    const used: LedgerEntry[] = [...base, { id: 'pp', type: 'prepayment', amount: '50' }, { id: 'o', type: 'offset', amount: '30', chargeId: 'c1' }];
    expect(ledgerReason(() => foldLedger([...used, { id: 'x', type: 'reversal', amount: '50', reversesId: 'pp' }]))).toBe('INSUFFICIENT_PREPAID');
    const adjusted: LedgerEntry[] = [...base, { id: 'a', type: 'adjustment', amount: '10', chargeId: 'c1' }];
    expect(ledgerReason(() => foldLedger([...adjusted, { id: 'x', type: 'reversal', amount: '210.02', reversesId: 'c1' }]))).toBe('CHARGE_HAS_SETTLEMENTS');
    const lowered: LedgerEntry[] = [...base, { id: 'a', type: 'adjustment', amount: '-10', chargeId: 'c1' }, { id: 'p', type: 'payment', amount: '200.02', chargeId: 'c1' }];
    expect(ledgerReason(() => foldLedger([...lowered, { id: 'x', type: 'reversal', amount: '-10', reversesId: 'a' }]))).toBeUndefined();
    expect(foldLedger([...lowered, { id: 'x', type: 'reversal', amount: '-10', reversesId: 'a' }]).charges[0]?.owed).toBe('10.00');
  });

  it('ignores a replayed id, whatever the replay carries', () => {
    const entries: LedgerEntry[] = [...base, { id: 'p', type: 'payment', amount: '10', chargeId: 'c1' }];
    const once = foldLedger(entries);
    expect(foldLedger([...entries, entries[2]!])).toEqual(once);
    expect(foldLedger([...entries, { id: 'p', type: 'payment', amount: '99', chargeId: 'c2' }])).toEqual(once);
    expect(foldLedger([...entries, { id: 'c1', type: 'charge', amount: '1', dueDate: '2025-01-31' }])).toEqual(once);
  });

  it('refuses malformed entries', () => {
    const bad = (entry: unknown) => ledgerReason(() => foldLedger([entry as LedgerEntry]));
    expect(bad({ id: '', type: 'charge', amount: '1', dueDate: '2025-01-31' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'bonus', amount: '1' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'charge', amount: '-1', dueDate: '2025-01-31' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'charge', amount: '1.001', dueDate: '2025-01-31' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'charge', amount: 1, dueDate: '2025-01-31' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'charge', amount: '1', dueDate: '2025-02-30' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'payment', amount: '1' })).toBe('INVALID_ENTRY');
    expect(bad({ id: 'a', type: 'reversal', amount: '1' })).toBe('INVALID_ENTRY');
    expect(bad(null)).toBe('INVALID_ENTRY');
  });
});
