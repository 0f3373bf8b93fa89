/** Property browsing as staff see it: search, unit detail with history, occupancies, staff and grants. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Suite, setupSuite } from './harness';

let s: Suite;
let manager: string;
beforeAll(async () => {
  s = await setupSuite();
  manager = await s.loginStaff('manager');
});
afterAll(async () => s?.close());

describe('property browsing', () => {
  it('pages through units in a stable natural order with the total', async () => {
    const p1 = await s.call('GET', `/units?estateId=${s.ids.estate1}&pageSize=5`, { cookie: manager });
    expect(p1.data.total).toBe(1008);
    expect(p1.data.totalCapped).toBe(false);
    expect(p1.data.items.map((u: any) => u.number)).toEqual(['1-101', '1-102', '1-103', '1-104', '1-201']);
    const p2 = await s.call('GET', `/units?estateId=${s.ids.estate1}&pageSize=5&page=2`, { cookie: manager });
    expect(p2.data.items[0].number).toBe('1-202');
  });

  it('keeps natural order through new units and renames of the building and the estate', async () => {
    const basement = await s.call('POST', '/units', {
      cookie: manager,
      json: { buildingId: s.ids.building1, number: 'B1-001', floor: -1, buildingArea: '12.50', type: 'storage' },
    });
    expect(basement.status).toBe(200);
    const first = async () =>
      (await s.call('GET', `/units?buildingId=${s.ids.building1}&pageSize=3`, { cookie: manager })).data.items.map((u: any) => u.number);
    expect(await first()).toEqual(['B1-001', '1-101', '1-102']);
    expect((await s.call('PATCH', `/buildings/${s.ids.building1}`, { cookie: manager, json: { name: '1幢' } })).status).toBe(200);
    expect((await s.call('PATCH', `/estates/${s.ids.estate1}`, { cookie: manager, json: { name: '翠湖花园一期' } })).status).toBe(200);
    expect(await first()).toEqual(['B1-001', '1-101', '1-102']);
    const page = await s.call('GET', `/units?estateId=${s.ids.estate1}&pageSize=2&page=2`, { cookie: manager });
    expect(page.data.items.map((u: any) => u.number)).toEqual(['1-102', '1-103']);
    expect(page.data.items[0]).toMatchObject({ estateName: '翠湖花园一期', buildingName: '1幢' });
    // 2栋 comes before 10栋 across the whole estate.
    const b2 = await s.call('GET', `/units?estateId=${s.ids.estate1}&pageSize=1&page=${1 + 1 + 84}`, { cookie: manager });
    expect(b2.data.items[0].number).toBe('2-101');
    await s.call('PATCH', `/estates/${s.ids.estate1}`, { cookie: manager, json: { name: '翠湖花园' } });
    await s.call('PATCH', `/buildings/${s.ids.building1}`, { cookie: manager, json: { name: '1栋' } });
  });

  it('finds a unit by owner name, owner phone or number; areas are decimal strings', async () => {
    for (const q of ['张伟', '13800138000', '1-101']) {
      const res = await s.call('GET', `/units?q=${encodeURIComponent(q)}&estateId=${s.ids.estate1}`, { cookie: manager });
      const unit = res.data.items.find((u: any) => u.number === '1-101');
      expect(unit, q).toBeTruthy();
      expect(typeof unit.buildingArea).toBe('string');
    }
  });

  it('shows current and past occupants on the unit', async () => {
    const res = await s.call('GET', `/units/${s.ids.unitZhang}`, { cookie: manager });
    expect(res.status).toBe(200);
    expect(res.data.owners.map((o: any) => o.name)).toContain('张伟');
    const past = res.data.occupancies.filter((o: any) => o.endDate);
    expect(past).toEqual([expect.objectContaining({ partyName: '钱建国', relation: 'owner', startDate: '2012-05-01', endDate: '2019-06-30' })]);
  });

  it('adds a tenant, then ends the tenancy; history keeps both dates', async () => {
    const party = await s.call('POST', '/parties', { cookie: manager, json: { name: '租客甲', phone: '13500000001', orgNodeId: s.ids.office1 } });
    const occ = await s.call('POST', '/occupancies', {
      cookie: manager,
      json: { unitId: s.ids.unitOther, partyId: party.data.id, relation: 'tenant', startDate: '2026-01-01' },
    });
    expect(occ.status).toBe(200);
    const ended = await s.call('PATCH', `/occupancies/${occ.data.id}`, { cookie: manager, json: { endDate: '2026-10-31' } });
    expect(ended.data).toMatchObject({ startDate: '2026-01-01', endDate: '2026-10-31', partyName: '租客甲' });
    const unit = await s.call('GET', `/units/${s.ids.unitOther}`, { cookie: manager });
    expect(unit.data.occupancies.find((o: any) => o.id === occ.data.id).endDate).toBe('2026-10-31');
  });

  it('creates a staff account, grants a role, the account logs in with exactly that scope, and the grant can be removed', async () => {
    const created = await s.call('POST', '/staff', {
      cookie: manager,
      json: { username: 'Tech2', name: '李师傅', password: 'longenough1', homeNodeId: s.ids.office1 },
    });
    expect(created.status).toBe(200);
    expect(created.data.username).toBe('tech2');
    const grant = await s.call('POST', '/grants', { cookie: manager, json: { staffId: created.data.id, role: 'technician', nodeId: s.ids.estate1 } });
    expect(grant.status).toBe(200);
    const tech2 = await s.loginStaff('tech2', 'longenough1');
    const me = await s.call('GET', '/me', { cookie: tech2 });
    expect(me.data.permissions).toEqual(['org:read', 'estate:read', 'unit:read', 'meter:read', 'reading:write', 'work_order:work']);
    expect((await s.call('GET', `/units/${s.ids.unitZhang}`, { cookie: tech2 })).status).toBe(200);
    expect((await s.call('GET', `/units/${s.ids.unitTower}`, { cookie: tech2 })).status).toBe(404);
    expect((await s.call('DELETE', `/grants/${grant.data.id}`, { cookie: manager })).status).toBe(200);
    expect((await s.call('GET', `/units/${s.ids.unitZhang}`, { cookie: tech2 })).status).toBe(404);
  });
});
