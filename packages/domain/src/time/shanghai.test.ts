import { describe, expect, it } from 'vitest';
import { formatDateTime, hourInShanghai, todayInShanghai } from './shanghai';

describe('Beijing time', () => {
  it('formats a UTC instant in Beijing time', () => {
    expect(formatDateTime('2026-11-27T21:45:00Z')).toBe('2026-11-28 05:45');
    expect(formatDateTime('2026-11-27T16:00:00Z')).toBe('2026-11-28 00:00');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime(null)).toBe('');
  });
  it('knows the Beijing date and hour across the UTC day boundary', () => {
    const late = new Date('2026-12-31T17:30:00Z');
    expect(todayInShanghai(late)).toBe('2027-01-01');
    expect(hourInShanghai(late)).toBe(1);
    expect(hourInShanghai(new Date('2026-06-01T04:00:00Z'))).toBe(12);
  });
});
