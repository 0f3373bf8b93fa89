import { describe, expect, it } from 'vitest';
import type { Occupancy } from '../api/types';
import { formatArea, formatDateTime, groupByFloor, isPositiveDecimal, plainDecimal, splitOccupancies, todayInShanghai } from './format';

const occ = (o: Partial<Occupancy>): Occupancy => ({
  id: 'o',
  unitId: 'u',
  partyId: 'p',
  partyName: 'x',
  partyPhone: null,
  relation: 'owner',
  startDate: '2020-01-01',
  endDate: null,
  ...o,
});

describe('format', () => {
  it('keeps areas as the decimal strings the API sent', () => {
    expect(formatArea('89.37')).toBe('89.37 m²');
    expect(formatArea('120.00')).toBe('120.00 m²');
    expect(formatArea(null)).toBe('');
  });

  it('shows timestamps and "today" in Beijing time', () => {
    expect(formatDateTime('2025-03-01T16:30:00Z')).toBe('2025-03-02 00:30');
    expect(formatDateTime('2025-03-01T06:05:00Z')).toBe('2025-03-01 14:05');
    expect(todayInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(todayInShanghai(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
  });

  it('splits occupancies into current (end date today or later) and past', () => {
    const list = [
      occ({ id: 'a', relation: 'family' }),
      occ({ id: 'b', relation: 'owner' }),
      occ({ id: 'c', endDate: '2024-12-31' }),
      occ({ id: 'd', endDate: '2025-06-01' }),
      occ({ id: 'e', relation: 'tenant', endDate: '2023-05-01' }),
    ];
    const { current, past } = splitOccupancies(list, '2025-06-01');
    expect(current.map((o) => o.id)).toEqual(['b', 'd', 'a']);
    expect(past.map((o) => o.id)).toEqual(['c', 'e']);
  });

  it('groups units by floor, top floor first, numbers in natural order', () => {
    const units = [
      { floor: 1, number: '102' },
      { floor: 10, number: '1002' },
      { floor: 1, number: '101' },
      { floor: 10, number: '1001' },
      { floor: -1, number: 'B1-2' },
      { floor: 1, number: '110' },
      { floor: 1, number: '109' },
    ];
    const groups = groupByFloor(units);
    expect(groups.map((g) => g.floor)).toEqual([10, 1, -1]);
    expect(groups[1]?.units.map((u) => u.number)).toEqual(['101', '102', '109', '110']);
  });

  it('accepts only positive areas with at most two decimals', () => {
    expect(isPositiveDecimal('89.37')).toBe(true);
    expect(isPositiveDecimal('120')).toBe(true);
    expect(isPositiveDecimal('0.5')).toBe(true);
    expect(isPositiveDecimal('0')).toBe(false);
    expect(isPositiveDecimal('0.00')).toBe(false);
    expect(isPositiveDecimal('1.234')).toBe(false);
    expect(isPositiveDecimal('-3')).toBe(false);
    expect(isPositiveDecimal('1e3')).toBe(false);
    expect(isPositiveDecimal('')).toBe(false);
  });

  it('shows a decimal without insignificant trailing zeros, as a string', () => {
    expect(plainDecimal('2719.000')).toBe('2719');
    expect(plainDecimal('1500.0000')).toBe('1500');
    expect(plainDecimal('12.500')).toBe('12.5');
    expect(plainDecimal('0.0005')).toBe('0.0005');
    expect(plainDecimal('100')).toBe('100');
    expect(plainDecimal('0.000')).toBe('0');
    expect(plainDecimal('12345678901234567890.120')).toBe('12345678901234567890.12');
    expect(plainDecimal(null)).toBe('');
    expect(plainDecimal(undefined)).toBe('');
    expect(plainDecimal('n/a')).toBe('n/a');
  });
});
