/**
 * The order people expect for estates, buildings and units: "2栋" before "10栋", "1-201" after "1-102",
 * basement floors first. A unit's sort key is computed once when it is written and stored (indexed, byte
 * collation), so a page of 100,000 units is an index range scan instead of a sort.
 */
export const SORT_KEY_SEPARATOR = '\u001f';
const DIGIT_WIDTH = 10;

/** Pads every run of digits to a fixed width so that byte order equals natural order. */
export function naturalKey(text: string): string {
  return text.replace(/\d+/g, (run) => (run.length >= DIGIT_WIDTH ? run : run.padStart(DIGIT_WIDTH, '0')));
}

/** Floors from −999 up, as fixed-width digits (basements sort first). */
export function floorKey(floor: number): string {
  return String(floor + 1000).padStart(5, '0');
}

export interface UnitSortParts {
  estateName: string;
  buildingName: string;
  floor: number;
  number: string;
}

export function unitSortKey(p: UnitSortParts): string {
  return [naturalKey(p.estateName), naturalKey(p.buildingName), floorKey(p.floor), naturalKey(p.number)].join(SORT_KEY_SEPARATOR);
}
