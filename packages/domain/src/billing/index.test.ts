import { describe, expect, it } from 'vitest';
import * as domain from '../index';
import * as billing from './index';

describe('billing public surface', () => {
  it('exports the rules, also from @pm/domain', () => {
    for (const name of [
      'computeCharge',
      'areaCharge',
      'fixedCharge',
      'meteredCharge',
      'sharedCharges',
      'splitTiers',
      'billedMonths',
      'roundLine',
      'vacancyDiscount',
      'prepaymentDiscount',
      'latePenalty',
      'foldLedger',
      'ledgerBalance',
      'owedByCharge',
      'prepaidBalance',
      'arrears',
      'agingBucket',
      'allocatePayment',
      'autoOffset',
      'checkLedgerEntry',
      'daysBetween',
      'toBeijingDate',
      'BillingError',
      'LedgerError',
    ]) {
      expect(typeof (billing as Record<string, unknown>)[name], name).toBe('function');
      expect((domain as Record<string, unknown>)[name], name).toBe((billing as Record<string, unknown>)[name]);
    }
    expect(billing.LEDGER_ENTRY_TYPES).toHaveLength(10);
    expect(billing.PENALTY_OFF).toEqual({ enabled: false });
  });

  it('works end to end: bill, pay, offset, fall into arrears, add a late fee', () => {
    const line = billing.computeCharge(
      { kind: 'area', unitPrice: '2.35', areaBasis: 'building_area', cycle: 'monthly' },
      { period: '2025-03', startDate: '2025-03-18', buildingArea: '89.37' },
    );
    const april = billing.computeCharge(
      { kind: 'area', unitPrice: '2.35', areaBasis: 'building_area', cycle: 'monthly' },
      { period: '2025-04', buildingArea: '89.37' },
    );
    const entries: billing.LedgerEntry[] = [
      { id: 'c-03', type: 'charge', amount: line.amount, dueDate: '2025-03-31', label: '2025-03 物业费' },
      { id: 'c-04', type: 'charge', amount: april.amount, dueDate: '2025-04-30', label: '2025-04 物业费' },
    ];
    const payment = billing.allocatePayment('100', billing.owedByCharge(entries));
    expect(payment.explanation).toBe('收款 ¥100.00：按到期先后冲抵 2025-03 物业费 ¥94.85（结清）、2025-04 物业费 ¥5.15（尚欠 ¥204.87）');
    for (const [i, s] of payment.settlements.entries()) {
      entries.push({ id: `pay-${i}`, type: 'payment', amount: s.amount, chargeId: s.chargeId });
    }
    const state = billing.foldLedger(entries);
    expect(state).toMatchObject({ balance: '204.87', prepaid: '0.00', owed: '204.87' });
    const late = billing.arrears(state.charges, '2025-06-15');
    expect(late.explanation).toBe('截至 2025-06-15 欠费 ¥204.87：31–90 天 ¥204.87');
    const fee = billing.latePenalty({
      principal: '204.87',
      dueDate: '2025-04-30',
      asOf: '2025-06-15',
      policy: { enabled: true, dailyRate: '0.0003', graceDays: 15, cap: { kind: 'percent', percent: '100' } },
    });
    // 46 days overdue, 31 charged: 204.87 × 0.0003 × 31 = 1.905291
    expect(fee.amount).toBe('1.91');
    entries.push({ id: 'f-04', type: 'penalty', amount: fee.amount, chargeId: 'c-04', dueDate: '2025-06-15' });
    entries.push({ id: 'w-04', type: 'waiver', amount: fee.amount, chargeId: 'f-04' });
    expect(billing.ledgerBalance(entries)).toBe('204.87');
  });
});
