import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPeriod, periodOf, shiftPeriod } from './period';
import { reasonOf } from './test-helpers';


afterEach(() => {
  vi.unstubAllEnvs();
});

describe('periodOf', () => {
  it('is the month in Beijing time by default', () => {
    expect(periodOf('2025-01-31T15:59:59.999Z')).toBe('2025-01');
    expect(periodOf('2025-01-31T16:00:00Z')).toBe('2025-02');
    expect(periodOf('2025-03-01T00:00:00+08:00')).toBe('2025-03');
    expect(periodOf('2025-02-28T23:59:59+08:00')).toBe('2025-02');
    expect(periodOf('2024-12-31T16:00:00Z')).toBe('2025-01');
    expect(periodOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
  });

  it('takes another zone when asked', () => {
    expect(periodOf('2025-01-31T16:00:00Z', 'UTC')).toBe('2025-01');
    expect(periodOf('2025-03-01T03:00:00Z', 'America/New_York')).toBe('2025-02');
    expect(periodOf('2025-03-01T03:00:00Z', 'Asia/Shanghai')).toBe('2025-03');
  });

  it('does not depend on the zone the process runs in', () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    // the stub took effect: the process now thinks in Pacific time (UTC−8 in January)
    expect(new Date('2025-01-31T16:00:00Z').getTimezoneOffset()).toBe(480);
    expect(periodOf('2025-01-31T16:00:00Z')).toBe('2025-02');
    expect(periodOf(new Date('2025-01-31T16:00:00Z'))).toBe('2025-02');
    vi.stubEnv('TZ', 'Pacific/Kiritimati');
    expect(new Date('2025-01-31T16:00:00Z').getTimezoneOffset()).toBe(-840);
    expect(periodOf('2025-01-31T15:00:00Z')).toBe('2025-01');
  });

  it('refuses invalid dates, strings without an offset and unknown zones', () => {
    expect(reasonOf(() => periodOf('2025-01-31'))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf('2025-01-31T10:00:00'))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf('nonsense'))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf(new Date(Number.NaN)))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf(new Date('0999-06-01T00:00:00Z')))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf(new Date('+010000-01-01T00:00:00Z')))).toBe('INVALID_TIMESTAMP');
    expect(reasonOf(() => periodOf('2025-01-31T16:00:00Z', 'Mars/Olympus_Mons'))).toBe('INVALID_TIME_ZONE');
    expect(reasonOf(() => periodOf('2025-01-31T16:00:00Z', ''))).toBe('INVALID_TIME_ZONE');
  });

  it('property: equals the UTC month of the instant shifted by +8 h (Shanghai has had no DST since 1991)', () => {
    const instants = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instants, (ms) => {
        const expected = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);
        expect(periodOf(new Date(ms))).toBe(expected);
        expect(periodOf(new Date(ms).toISOString())).toBe(expected);
        expect(isPeriod(expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isPeriod', () => {
  it.each(['2025-01', '2025-12', '1000-01', '9999-12'])('accepts %s', (value) => {
    expect(isPeriod(value)).toBe(true);
  });

  it.each(['2025-13', '2025-00', '2025-1', '25-01', '0999-01', '2025-01-01', '2025/01', ' 2025-01', 202501, null])('refuses %j', (value) => {
    expect(isPeriod(value)).toBe(false);
  });
});

describe('shiftPeriod', () => {
  it('moves across year ends both ways', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
    expect(shiftPeriod('2026-11', -14)).toBe('2025-09');
    expect(shiftPeriod('2026-11', 0)).toBe('2026-11');
  });
  it('is undone by the opposite shift', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -600, max: 600 }), (y, m, k) => {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      return shiftPeriod(shiftPeriod(p, k), -k) === p;
    }));
  });
});
