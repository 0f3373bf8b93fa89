import { describe, expect, it } from 'vitest';
import { formatRate, rateWidth, shareOf, windowDays } from './figures';

describe('report figures', () => {
  it('formats a rate, and a missing base as a dash', () => {
    expect(formatRate('85.23')).toBe('85.23%');
    expect(formatRate('0.00')).toBe('0.00%');
    expect(formatRate(null)).toBe('—');
  });

  it('gives a share of a whole as an exact, clamped CSS width', () => {
    expect(shareOf('0.10', '0.30')).toBe('33.33%');
    expect(shareOf('210.02', '210.02')).toBe('100%');
    expect(shareOf('5.00', '0.00')).toBe('0%');
    expect(shareOf('0.00', '10.00')).toBe('0%');
    expect(shareOf('12.00', '10.00')).toBe('100%');
  });

  it('clamps a rate to the bar', () => {
    expect(rateWidth('37.50')).toBe('37.50%');
    expect(rateWidth('112.00')).toBe('100%');
    expect(rateWidth('-3.00')).toBe('0%');
    expect(rateWidth(null)).toBe('0%');
  });

  it('gives the collection window as the Beijing days it covers', () => {
    expect(windowDays({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    // cut short by asOf (the end of 10-15 in Beijing)
    expect(windowDays({ from: '2026-09-30T16:00:00.000Z', to: '2026-10-15T16:00:00.000Z' })).toEqual({ from: '2026-10-01', to: '2026-10-15' });
  });
});
