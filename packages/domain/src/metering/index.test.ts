import { describe, expect, it } from 'vitest';
import * as metering from './index';

describe('metering public surface', () => {
  it('exports the rules', () => {
    for (const name of [
      'parseReading',
      'isReadingString',
      'usage',
      'checkReading',
      'exceedsRecentAverage',
      'recentAverage',
      'supersedes',
      'compareReadings',
      'currentReading',
      'periodOf',
      'isPeriod',
      'sharedUsageShares',
      'assertMeter',
      'isMeterType',
      'MeteringError',
    ]) {
      expect(typeof (metering as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(metering.METER_TYPES).toHaveLength(4);
    expect(metering.READING_FLAGS).toContain('spike');
  });

  it('works end to end: a reading, its usage, the effective one, the period', () => {
    const meter: metering.Meter = { id: 'm1', type: 'electricity', digits: 6, multiplier: '40', initialReading: '0' };
    const check = metering.checkReading({ meter, previous: '1200', current: '1212.5', history: ['480', '520', '510'] });
    expect(check).toMatchObject({ ok: true, usage: '500', flags: [] });
    const readings: metering.Reading[] = [
      { id: 'r1', meterId: 'm1', value: '1212', takenAt: '2025-03-01T09:00:00+08:00' },
      { id: 'r2', meterId: 'm1', value: '1212.5', takenAt: '2025-03-01T09:05:00+08:00' },
    ];
    expect(metering.currentReading(readings)?.id).toBe('r2');
    expect(metering.periodOf(readings[1]?.takenAt ?? '')).toBe('2025-03');
  });
});
