import { describe, expect, it } from 'vitest';
import { WorkOrderError } from './errors';
import { paidServiceCharge } from './paidServiceCharge';

describe('paidServiceCharge', () => {
  it('sums the price-list lines and explains them', () => {
    expect(
      paidServiceCharge([
        { name: '上门费', unitPrice: '30', quantity: '1' },
        { name: '水龙头更换', unitPrice: '35.50', quantity: '2' },
      ]),
    ).toEqual({ amount: '101.00', explanation: '上门费 ¥30.00 × 1 + 水龙头更换 ¥35.50 × 2 = ¥101.00' });
  });

  it('rounds once, on the total, half up', () => {
    // 0.0015 × 3 + 0.0005 × 1 = 0.005 exactly → ¥0.01; rounding each line first would give ¥0.00 + ¥0.00
    expect(paidServiceCharge([{ name: '材料', unitPrice: '0.0015', quantity: '3' }, { name: '辅料', unitPrice: '0.0005', quantity: '1' }]).amount).toBe('0.01');
    expect(paidServiceCharge([{ name: '按小时', unitPrice: '45', quantity: '1.5' }])).toEqual({ amount: '67.50', explanation: '按小时 ¥45.00 × 1.5 = ¥67.50' });
  });

  it('refuses empty lists, negative prices, zero quantities', () => {
    expect(() => paidServiceCharge([])).toThrow(WorkOrderError);
    expect(() => paidServiceCharge([{ name: 'x', unitPrice: '-1', quantity: '1' }])).toThrow(/unitPrice/);
    expect(() => paidServiceCharge([{ name: 'x', unitPrice: '1', quantity: '0' }])).toThrow(/quantity/);
    expect(() => paidServiceCharge([{ name: ' ', unitPrice: '1', quantity: '1' }])).toThrow(/name/);
  });
});
