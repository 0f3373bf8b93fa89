import { describe, expect, it } from 'vitest';
import { exceedsRecentAverage, recentAverage } from './recentAverage';
import { reasonOf } from './test-helpers';


describe('recent average and spikes', () => {
  it('averages the newest n usages, or fewer when fewer exist', () => {
    expect(recentAverage(['10', '20', '30', '1000'])).toBe('20');
    expect(recentAverage(['10', '20', '30', '1000'], 4)).toBe('265');
    expect(recentAverage(['10', '20'])).toBe('15');
    expect(recentAverage(['10'])).toBe('10');
    expect(recentAverage(['1', '1', '2'])).toBe('1.3333');
    expect(recentAverage([])).toBeNull();
  });

  it('is a spike strictly above k × average, compared exactly', () => {
    expect(exceedsRecentAverage('30', ['10', '10', '10'])).toBe(false);
    expect(exceedsRecentAverage('30.0001', ['10', '10', '10'])).toBe(true);
    // average 4/3: 3 × 4/3 = 4 exactly, no rounding of the average on the way
    expect(exceedsRecentAverage('4', ['1', '1', '2'])).toBe(false);
    expect(exceedsRecentAverage('4.0001', ['1', '1', '2'])).toBe(true);
    expect(exceedsRecentAverage('25', ['10'], { k: 2.5 })).toBe(false);
    expect(exceedsRecentAverage('25.1', ['10'], { k: '2.5' })).toBe(true);
  });

  it('is never a spike without history; any usage over an all-zero history is', () => {
    expect(exceedsRecentAverage('1000000', [])).toBe(false);
    expect(exceedsRecentAverage('0.001', ['0', '0'])).toBe(true);
    expect(exceedsRecentAverage('0', ['0', '0'])).toBe(false);
  });

  it('refuses malformed history, k and n', () => {
    expect(reasonOf(() => recentAverage(['10', '-1']))).toBe('INVALID_HISTORY');
    expect(reasonOf(() => recentAverage(['10', 'x']))).toBe('INVALID_HISTORY');
    expect(reasonOf(() => recentAverage([10 as unknown as string]))).toBe('INVALID_HISTORY');
    expect(reasonOf(() => recentAverage('10' as unknown as string[]))).toBe('INVALID_HISTORY');
    // entries beyond n are not looked at
    expect(recentAverage(['10', '10', '10', 'x'])).toBe('10');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { k: 0 }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { k: -3 }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { k: Number.NaN }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { k: 'three' }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { n: 0 }))).toBe('INVALID_THRESHOLD');
    expect(reasonOf(() => exceedsRecentAverage('1', ['1'], { n: 1.5 }))).toBe('INVALID_THRESHOLD');
  });
});
