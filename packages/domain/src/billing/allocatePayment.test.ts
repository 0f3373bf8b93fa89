import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, MoneyDecimal, sum } from '../money';
import { allocatePayment } from './allocatePayment';
import type { OpenCharge } from './settleOldestFirst';
import { billingReason } from './test-helpers';

const open: OpenCharge[] = [
  { chargeId: 'c2', owed: '210.02', dueDate: '2025-02-28', label: '2025-02 物业费' },
  { chargeId: 'c1', owed: '210.02', dueDate: '2025-01-31', label: '2025-01 物业费' },
  { chargeId: 'c3', owed: '210.02', dueDate: '2025-03-31', label: '2025-03 物业费' },
];

describe('allocatePayment: oldest due first, surplus to prepayment', () => {
  it('settles the oldest due charges first and never beyond what they owe', () => {
    const result = allocatePayment('500', open);
    expect(result.settlements).toEqual([
      { chargeId: 'c1', amount: '210.02', owedBefore: '210.02', owedAfter: '0.00' },
      { chargeId: 'c2', amount: '210.02', owedBefore: '210.02', owedAfter: '0.00' },
      { chargeId: 'c3', amount: '79.96', owedBefore: '210.02', owedAfter: '130.06' },
    ]);
    expect(result.surplus).toBe('0.00');
    expect(result.explanation).toBe(
      '收款 ¥500.00：按到期先后冲抵 2025-01 物业费 ¥210.02（结清）、2025-02 物业费 ¥210.02（结清）、2025-03 物业费 ¥79.96（尚欠 ¥130.06）',
    );
  });

  it('puts what no charge owes on the prepaid balance', () => {
    const result = allocatePayment('1000', open);
    expect(result.surplus).toBe('369.94');
    expect(result.explanation.endsWith('；余 ¥369.94 转入预存')).toBe(true);
    expect(allocatePayment('100', []).explanation).toBe('收款 ¥100.00：无欠费，全部转入预存');
    expect(allocatePayment('100', [{ chargeId: 'c', owed: '0', dueDate: '2025-01-31' }]).settlements).toEqual([]);
  });

  it('splits charges due the same day in proportion to what they owe (民法典 art. 560)', () => {
    const sameDay: OpenCharge[] = [
      { chargeId: 'water', owed: '100.00', dueDate: '2025-01-31' },
      { chargeId: 'fee', owed: '300.00', dueDate: '2025-01-31' },
    ];
    const result = allocatePayment('100', sameDay);
    expect(result.settlements.map((s) => [s.chargeId, s.amount])).toEqual([
      ['fee', '75.00'],
      ['water', '25.00'],
    ]);
    expect(result.explanation).toContain('（同日到期的按欠费比例分配）');
    // 0.01 over two equal debts: the last fen to the smaller chargeId
    expect(allocatePayment('0.01', sameDay.map((c) => ({ ...c, owed: '1' }))).settlements).toEqual([
      { chargeId: 'fee', amount: '0.01', owedBefore: '1.00', owedAfter: '0.99' },
    ]);
  });

  it('refuses bad input', () => {
    expect(billingReason(() => allocatePayment('-1', open))).toBe('INVALID_AMOUNT');
    expect(billingReason(() => allocatePayment('1', [...open, open[0]!]))).toBe('INVALID_CHARGES');
    expect(billingReason(() => allocatePayment('1', [{ chargeId: 'a', owed: '1', dueDate: 'soon' }]))).toBe('INVALID_CHARGES');
    expect(billingReason(() => allocatePayment('1', [{ chargeId: 'a', owed: '-1', dueDate: '2025-01-31' }]))).toBe('INVALID_AMOUNT');
  });

  const fen = (max: bigint) => fc.bigInt({ min: 0n, max }).map((n) => new MoneyDecimal(n.toString()).dividedBy(100).toFixed(2));
  const charges = fc.uniqueArray(
    fc.record({ chargeId: fc.string({ minLength: 1, maxLength: 4 }), owed: fen(100_000n), dueDate: fc.constantFrom('2025-01-31', '2025-02-28', '2025-03-31') }),
    { selector: (c) => c.chargeId, maxLength: 12 },
  );

  it('property: settlements + surplus = the payment; each within what it owes; oldest first', () => {
    fc.assert(
      fc.property(fen(500_000n), charges, (amount, list) => {
        const { settlements, surplus } = allocatePayment(amount, list);
        expect(add(sum(settlements.map((s) => s.amount)), surplus).equals(amount)).toBe(true);
        const byId = new Map(list.map((c) => [c.chargeId, c]));
        for (const s of settlements) {
          const c = byId.get(s.chargeId)!;
          expect(new MoneyDecimal(s.amount).greaterThan(0)).toBe(true);
          expect(new MoneyDecimal(s.amount).lessThanOrEqualTo(c.owed)).toBe(true);
        }
        const paid = (id: string) => settlements.find((s) => s.chargeId === id)?.amount ?? '0';
        const full = (c: OpenCharge) => new MoneyDecimal(paid(c.chargeId)).equals(c.owed);
        // anything paid on a later due date means every earlier one is settled in full
        for (const later of settlements) {
          const due = byId.get(later.chargeId)!.dueDate;
          for (const c of list) if (c.dueDate < due) expect(full(c)).toBe(true);
        }
        if (new MoneyDecimal(surplus).greaterThan(0)) for (const c of list) expect(full(c)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
