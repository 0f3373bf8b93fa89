import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalKey, unitSortKey } from './sort-key';

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('natural sort keys', () => {
  it('orders numbers inside names naturally', () => {
    const names = ['10栋', '2栋', '1栋', '1-1201', '1-201', '1-102', 'B1-003', 'B1-010'];
    expect([...names].sort((a, b) => byteCompare(naturalKey(a), naturalKey(b)))).toEqual([
      '1-102',
      '1-201',
      '1-1201',
      '1栋',
      '2栋',
      '10栋',
      'B1-003',
      'B1-010',
    ]);
  });

  it('orders units by estate, building, floor (basements first), then number', () => {
    const units = [
      { estateName: '翠湖花园', buildingName: '10栋', floor: 1, number: '10-101' },
      { estateName: '翠湖花园', buildingName: '2栋', floor: 3, number: '2-301' },
      { estateName: '翠湖花园', buildingName: '2栋', floor: -1, number: 'B1-001' },
      { estateName: '翠湖花园', buildingName: '2栋', floor: 3, number: '2-302' },
    ];
    const sorted = [...units].sort((a, b) => byteCompare(unitSortKey(a), unitSortKey(b))).map((u) => u.number);
    expect(sorted).toEqual(['B1-001', '2-301', '2-302', '10-101']);
  });

  it('agrees with numeric order for any two numbers in the same template', () => {
    fc.assert(
      fc.property(fc.nat(999_999_999), fc.nat(999_999_999), (a, b) => {
        const ka = naturalKey(`${a}栋`);
        const kb = naturalKey(`${b}栋`);
        return Math.sign(a - b) === byteCompare(ka, kb);
      }),
    );
  });
});
