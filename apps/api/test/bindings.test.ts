/** Residents binding to units: invite codes (single use, expiring), owner match, revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Suite, setupSuite } from './harness';

let s: Suite;
beforeAll(async () => {
  s = await setupSuite();
});
afterAll(async () => s?.close());

describe('binding a resident to a unit', () => {
  it('binds with an invite code once; the code cannot be used again; staff see and revoke the binding', async () => {
    const cs = await s.loginStaff('cs');
    const invite = await s.call('POST', `/units/${s.ids.unitOther}/invites`, { cookie: cs, json: { relation: 'tenant' } });
    expect(invite.status).toBe(200);
    expect(invite.data.code).toMatch(/^[A-Z2-9]{8}$/);

    const resident = await s.loginResident('13700000001');
    const bound = await s.call('POST', '/resident/bindings/invite', { cookie: resident, json: { code: invite.data.code.toLowerCase() } });
    expect(bound.status).toBe(200);
    expect(bound.data).toMatchObject({ number: '1-102', relation: 'tenant', estateName: '翠湖花园' });

    const other = await s.loginResident('13700000002');
    const reuse = await s.call('POST', '/resident/bindings/invite', { cookie: other, json: { code: invite.data.code } });
    expect(reuse.status).toBe(422);
    expect(reuse.data.error.code).toBe('invalid_invite');

    const list = await s.call('GET', `/units/${s.ids.unitOther}/bindings`, { cookie: cs });
    const binding = list.data.items.find((b: any) => b.phone === '13700000001');
    expect(binding).toMatchObject({ relation: 'tenant', via: 'invite', revokedAt: null });

    const revoked = await s.call('POST', `/bindings/${binding.id}/revoke`, { cookie: cs });
    expect(revoked.status).toBe(200);
    expect(revoked.data.revokedAt).not.toBeNull();
    const units = await s.call('GET', '/resident/units', { cookie: resident });
    expect(units.data.items).toEqual([]);
  });

  it('refuses an expired invite code', async () => {
    const cs = await s.loginStaff('cs');
    const invite = await s.call('POST', `/units/${s.ids.unitOther}/invites`, { cookie: cs, json: { relation: 'family' } });
    const resident = await s.loginResident('13700000003');
    s.clock.advance(7 * 86400 + 1);
    const r = await s.call('POST', '/resident/bindings/invite', { cookie: resident, json: { code: invite.data.code } });
    expect(r.status).toBe(422);
  });

  it('binds the owner on record by name and phone, and refuses everyone else with one message', async () => {
    const li = await s.loginResident('13800138001');
    const estates = await s.call('GET', '/resident/estates?q=翠湖', { cookie: li });
    const estateId = estates.data.items[0].id;
    const wrongName = await s.call('POST', '/resident/bindings/match', {
      cookie: li,
      json: { estateId, buildingName: '2栋', unitNumber: '2-101', ownerName: '王五' },
    });
    expect(wrongName.status).toBe(422);
    const ok = await s.call('POST', '/resident/bindings/match', {
      cookie: li,
      json: { estateId, buildingName: '2栋', unitNumber: '2-101', ownerName: '李娜' },
    });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ number: '2-101', relation: 'owner' });
    const twice = await s.call('POST', '/resident/bindings/match', {
      cookie: li,
      json: { estateId, buildingName: '2栋', unitNumber: '2-101', ownerName: '李娜' },
    });
    expect(twice.status).toBe(409);

    // Someone else who knows the owner's name but not her phone gets the same refusal as a typo.
    const stranger = await s.loginResident('13700000004');
    const r = await s.call('POST', '/resident/bindings/match', {
      cookie: stranger,
      json: { estateId, buildingName: '2栋', unitNumber: '2-101', ownerName: '李娜' },
    });
    expect(r.status).toBe(422);
    expect(r.data.error).toEqual(wrongName.data.error);
  });

  it('limits binding attempts (guessing codes)', async () => {
    const resident = await s.loginResident('13700000005');
    for (let i = 0; i < 10; i++) {
      expect((await s.call('POST', '/resident/bindings/invite', { cookie: resident, json: { code: `WRONG${i}XX` } })).status).toBe(422);
    }
    expect((await s.call('POST', '/resident/bindings/invite', { cookie: resident, json: { code: 'WRONGXXX' } })).status).toBe(429);
  });
});
