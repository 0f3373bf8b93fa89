import { describe, expect, it } from 'vitest';
import { isProcessing, POLL_TRIES, pollDelay, refundFigures } from './online-refund';

describe('refundFigures', () => {
  it('counts succeeded refunds as refunded, processing ones as on their way, failed ones not at all — to the fen', () => {
    const f = refundFigures({
      amount: '0.30',
      refunds: [
        { amount: '0.10', state: 'succeeded' },
        { amount: '0.10', state: 'failed' },
        { amount: '0.02', state: 'processing' },
      ],
    });
    // 0.30 − 0.10 − 0.02 is 0.18 exactly (a float would say 0.17999999999999997)
    expect(f).toEqual({ paid: '0.30', refunded: '0.10', processing: '0.02', refundable: '0.18' });
  });

  it('has everything refundable without refunds, and nothing below zero when fully refunded', () => {
    expect(refundFigures({ amount: '310.32', refunds: [] })).toEqual({ paid: '310.32', refunded: '0.00', processing: '0.00', refundable: '310.32' });
    expect(
      refundFigures({
        amount: '310.32',
        refunds: [
          { amount: '300.00', state: 'succeeded' },
          { amount: '10.32', state: 'processing' },
        ],
      }).refundable,
    ).toBe('0.00');
  });

  it('tells whether a refund is still processing', () => {
    expect(isProcessing([{ state: 'succeeded' }, { state: 'processing' }])).toBe(true);
    expect(isProcessing([{ state: 'succeeded' }, { state: 'failed' }])).toBe(false);
    expect(isProcessing([])).toBe(false);
  });
});

describe('pollDelay', () => {
  it('asks quickly at first, then slower (×2 every five tries up to ×8), and stops after POLL_TRIES', () => {
    const waits = Array.from({ length: POLL_TRIES }, (_, i) => pollDelay(i, 3000));
    expect(waits.slice(0, 5)).toEqual([3000, 3000, 3000, 3000, 3000]);
    expect(waits[5]).toBe(6000);
    expect(waits[10]).toBe(12000);
    expect(waits[15]).toBe(24000);
    expect(waits.at(-1)).toBe(24000);
    expect(pollDelay(POLL_TRIES, 3000)).toBeNull();
    expect(pollDelay(-1, 3000)).toBeNull();
    // about four minutes in all with the 3 s base
    const total = waits.reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(total).toBe(225_000);
  });
});
