/** The large-estate seed (benchmarks) makes the same units and sort keys the application would. */
import { unitSortKey } from '@pm/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { seedLargeEstate } from '../src/seed/large';
import { COUNT_CAP } from '../src/services/units';
import { type Suite, setupSuite } from './harness';

let s: Suite;
beforeAll(async () => {
  s = await setupSuite();
});
afterAll(async () => s?.close());

describe('large-estate seed', () => {
  it('adds N units with owners under the demo manager’s office, keyed like unitSortKey', async () => {
    const { estateId } = await seedLargeEstate(s.db, 250, '大型测试小区');
    const rows = await s.db
      .select({ number: units.number, floor: units.floor, sortKey: units.sortKey, buildingId: units.buildingId })
      .from(units)
      .where(eq(units.estateId, estateId));
    expect(rows).toHaveLength(250);
    for (const r of rows.slice(0, 50)) {
      const building = `${r.number.split('-')[0]}号楼`;
      expect(r.sortKey).toBe(unitSortKey({ estateName: '大型测试小区', buildingName: building, floor: r.floor, number: r.number }));
    }
    const manager = await s.loginStaff('manager');
    const page = await s.call('GET', `/units?estateId=${estateId}&pageSize=5&page=24`, { cookie: manager });
    expect(page.data.total).toBe(250);
    expect(page.data.items.map((u: any) => u.number)).toEqual(['1-2904', '1-3001', '1-3002', '1-3003', '1-3004']);
    expect(page.data.items[0].owners).toHaveLength(1);
  });

  it('caps the unit count at 10,000 and says so', async () => {
    await seedLargeEstate(s.db, COUNT_CAP + 5, '超大小区');
    const manager = await s.loginStaff('manager');
    const all = await s.call('GET', '/units?pageSize=1', { cookie: manager });
    expect(all.data).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const last = await s.call('GET', `/units?q=${encodeURIComponent('%')}&pageSize=1`, { cookie: manager });
    expect(last.data.totalCapped).toBe(false);
  });
});
