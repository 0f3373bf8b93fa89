import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentReading } from './currentReading';
import type { Reading } from './reading';
import { compareReadings, supersedes } from './supersedes';
import { reasonOf } from './test-helpers';


const reading = (id: string, takenAt: string, value = '100'): Reading => ({ id, meterId: 'm1', value, takenAt });

/** The same instant written with a UTC offset of `offsetMinutes` (and optionally extra fraction digits). */
function withOffset(ms: number, offsetMinutes: number, extraNanos = ''): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}${extraNanos}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${extraNanos}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('supersedes', () => {
  it('the newer reading supersedes the older', () => {
    const older = reading('b', '2025-03-01T02:00:00Z');
    const newer = reading('a', '2025-03-01T02:00:01Z');
    expect(supersedes(newer, older)).toBe(true);
    expect(supersedes(older, newer)).toBe(false);
    expect(compareReadings(older, newer)).toBe(-1);
  });

  it('compares instants, not strings: offsets are honoured', () => {
    // 09:00+08:00 is 01:00Z, earlier than 02:00Z although the string sorts later
    const beijing = reading('a', '2025-03-01T09:00:00+08:00');
    const utc = reading('b', '2025-03-01T02:00:00Z');
    expect(supersedes(utc, beijing)).toBe(true);
    // fractions beyond the millisecond count
    expect(supersedes(reading('a', '2025-03-01T02:00:00.0000002Z'), reading('b', '2025-03-01T02:00:00.0000001Z'))).toBe(true);
    expect(supersedes(reading('a', '2025-03-01T02:00:00.5Z'), reading('b', '2025-03-01T02:00:00.499999999Z'))).toBe(true);
  });

  it('for the same instant, the larger id wins (code-unit order, not locale)', () => {
    const a = reading('0b7c', '2025-03-01T10:00:00+08:00');
    const b = reading('0b7d', '2025-03-01T02:00:00.000Z');
    expect(supersedes(b, a)).toBe(true);
    expect(supersedes(a, b)).toBe(false);
    expect(supersedes(reading('a', '2025-03-01T02:00:00Z'), reading('B', '2025-03-01T02:00:00Z'))).toBe(true);
  });

  it('a reading does not supersede itself (nor its own re-sent copy)', () => {
    const a = reading('x', '2025-03-01T02:00:00Z');
    expect(supersedes(a, a)).toBe(false);
    expect(supersedes(a, { ...a, takenAt: '2025-03-01T10:00:00+08:00' })).toBe(false);
    expect(compareReadings(a, { ...a })).toBe(0);
  });

  it('refuses readings of different meters and timestamps without an offset', () => {
    const a = reading('a', '2025-03-01T02:00:00Z');
    expect(reasonOf(() => supersedes(a, { ...a, id: 'b', meterId: 'm2' }))).toBe('MIXED_METERS');
    for (const takenAt of [
      '2025-03-01T10:00:00',
      '2025-03-01',
      '2025-02-30T10:00:00Z',
      '2025-03-01T24:00:00Z',
      '2025-03-01T10:00:60Z',
      '2025-03-01 10:00:00Z',
      '2025-03-01T10:00:00+0800',
      '2025-03-01T10:00:00.1234567890Z',
      'yesterday',
    ]) {
      expect(reasonOf(() => supersedes(a, reading('b', takenAt))), takenAt).toBe('INVALID_TIMESTAMP');
    }
    expect(reasonOf(() => supersedes(a, reading('', '2025-03-01T02:00:00Z')))).toBe('INVALID_READING');
  });

  const key = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'A', '0b7c', '0b7d'),
    ms: fc.oneof(fc.constantFrom(1_740_794_400_000, 1_740_794_400_001), fc.integer({ min: 0, max: 4_000_000_000_000 })),
    offset: fc.constantFrom(0, 480, -300, 345),
    nanos: fc.constantFrom('', '', '1', '999999'),
  });
  const toReading = (k: { id: string; ms: number; offset: number; nanos: string }): Reading => reading(k.id, withOffset(k.ms, k.offset, k.nanos));

  it('property: supersedes is a strict total order (irreflexive, antisymmetric, transitive, total)', () => {
    fc.assert(
      fc.property(key, key, key, (ka, kb, kc) => {
        const [a, b, c] = [toReading(ka), toReading(kb), toReading(kc)];
        expect(supersedes(a, a)).toBe(false);
        if (supersedes(a, b)) expect(supersedes(b, a)).toBe(false);
        if (supersedes(a, b) && supersedes(b, c)) expect(supersedes(a, c)).toBe(true);
        const same = ka.id === kb.id && ka.ms === kb.ms && ka.nanos === kb.nanos;
        expect(supersedes(a, b) || supersedes(b, a)).toBe(!same);
        expect(compareReadings(a, b)).toBe(-compareReadings(b, a) || 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('currentReading', () => {
  it('picks the newest; null for none', () => {
    const first = reading('a', '2025-03-01T02:00:00Z', '100');
    const correction = reading('b', '2025-03-01T03:00:00Z', '101');
    expect(currentReading([])).toBeNull();
    expect(currentReading([first])).toBe(first);
    expect(currentReading([first, correction])).toBe(correction);
    expect(currentReading([correction, first])).toBe(correction);
  });

  it('keeps the caller’s row type', () => {
    const rows = [
      { ...reading('a', '2025-03-01T02:00:00Z'), status: 'approved' as const },
      { ...reading('b', '2025-03-02T02:00:00Z'), status: 'pending' as const },
    ];
    expect(currentReading(rows)?.status).toBe('pending');
  });

  it('refuses readings of different meters or invalid timestamps', () => {
    const a = reading('a', '2025-03-01T02:00:00Z');
    expect(reasonOf(() => currentReading([a, { ...a, id: 'b', meterId: 'm2' }]))).toBe('MIXED_METERS');
    expect(reasonOf(() => currentReading([reading('a', 'not a date')]))).toBe('INVALID_TIMESTAMP');
  });

  it('property: the result supersedes every other reading and does not depend on the order', () => {
    const keys = fc.array(
      fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), ms: fc.integer({ min: 0, max: 5 }), offset: fc.constantFrom(0, 480) }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(keys, fc.integer(), (list, seed) => {
        const readings = list.map((k) => reading(k.id, withOffset(1_740_794_400_000 + k.ms, k.offset)));
        const best = currentReading(readings);
        expect(best).not.toBeNull();
        if (best === null) return;
        for (const other of readings) expect(compareReadings(best, other)).toBeGreaterThanOrEqual(0);
        const shuffled = [...readings].sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7));
        const again = currentReading(shuffled);
        expect(again && compareReadings(again, best)).toBe(0);
      }),
    );
  });
});
