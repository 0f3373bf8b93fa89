import type { ResidentUnit } from '../api/types';

/** 阳光花园 · 3栋 · 1201 */
export function unitLabel(u: Pick<ResidentUnit, 'estateName' | 'buildingName' | 'number'>): string {
  return [u.estateName, u.buildingName, u.number].filter(Boolean).join(' · ');
}
