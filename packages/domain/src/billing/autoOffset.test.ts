import { describe, expect, it } from 'vitest';
import { autoOffset } from './autoOffset';
import type { OpenCharge } from './settleOldestFirst';
import { billingReason } from './test-helpers';

const open: OpenCharge[] = [
  { chargeId: 'c2', owed: '210.02', dueDate: '2025-02-28', label: '2025-02 物业费' },
  { chargeId: 'c1', owed: '210.02', dueDate: '2025-01-31', label: '2025-01 物业费' },
];

describe('autoOffset 预存自动冲抵', () => {
  it('offsets the oldest due charge first', () => {
    const result = autoOffset('300', open);
    expect(result.offsets).toEqual([
      { chargeId: 'c1', amount: '210.02', owedBefore: '210.02', owedAfter: '0.00' },
      { chargeId: 'c2', amount: '89.98', owedBefore: '210.02', owedAfter: '120.04' },
    ]);
    expect(result.remainingPrepaid).toBe('0.00');
    expect(result.explanation).toBe('预存 ¥300.00 冲抵 2025-01 物业费 ¥210.02（结清）、2025-02 物业费 ¥89.98（尚欠 ¥120.04）；剩余预存 ¥0.00');
  });

  it('keeps what is not needed', () => {
    expect(autoOffset('500', open)).toMatchObject({ remainingPrepaid: '79.96' });
    expect(autoOffset('500', [])).toEqual({ offsets: [], remainingPrepaid: '500.00', explanation: '无可冲抵的应收，预存余额 ¥500.00' });
    expect(autoOffset('0', open).offsets).toEqual([]);
  });

  it('refuses a negative prepaid balance', () => {
    expect(billingReason(() => autoOffset('-1', open))).toBe('INVALID_AMOUNT');
  });
});
