import type { ResidentMe, ResidentUnit } from '../api/types';

export function unit(over: Partial<ResidentUnit> = {}): ResidentUnit {
  return {
    bindingId: 'b-1',
    unitId: 'u-1',
    relation: 'owner',
    estateName: '阳光花园',
    buildingName: '3栋',
    number: '1201',
    buildingArea: '89.37',
    type: 'residential',
    ...over,
  };
}

export function residentMe(over: Partial<ResidentMe> = {}): ResidentMe {
  return { id: 'r-1', phone: '13800138000', name: '', units: [unit()], ...over };
}
