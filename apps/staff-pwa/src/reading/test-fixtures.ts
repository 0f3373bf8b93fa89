// A route download as the API sends it, for the reading tests.
import type { RouteDownload } from '../api/reading';

export function download(routeId = 'r1', period = '2026-11', meterCount = 2): RouteDownload {
  return {
    route: { id: routeId, estateId: 'e1', period, name: '1栋 水电表', readerId: 'reader-1' },
    meters: Array.from({ length: meterCount }, (_, i) => ({
      id: `m${i + 1}`,
      estateId: 'e1',
      estateName: '翠湖花园',
      unitId: `u${i + 1}`,
      unitNumber: `10${i + 1}`,
      buildingName: '1栋',
      scope: 'unit' as const,
      type: 'cold_water' as const,
      serial: `W-10${i + 1}`,
      code: `PM-W-1-10${i + 1}`,
      multiplier: '1',
      digits: 5,
      installDate: null,
      initialReading: '0',
      state: 'active' as const,
      position: i + 1,
      floor: 1,
      previous: '100',
      history: [{ period: '2026-10', usage: '10' }],
    })),
    readings: [{ id: 'srv-1', meterId: 'm1', value: '111', status: 'approved', flags: [], takenAt: '2026-11-02T01:00:00.000Z' }],
  };
}
