import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canGrantRole,
  isRole,
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLE_RANK,
  ROLES,
  type Role,
  roleHas,
} from './roles';

const role = fc.constantFrom<Role>(...ROLES);

describe('roles table', () => {
  it('every role has permissions, a rank and labels, all from the known lists', () => {
    for (const r of ROLES) {
      expect(ROLE_RANK[r]).toBeGreaterThan(0);
      expect(ROLE_LABELS[r].zh).toBeTruthy();
      expect(ROLE_LABELS[r].en).toBeTruthy();
      for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
    }
  });
  it('managers outrank front-line roles; front-line roles are peers', () => {
    expect(ROLE_RANK.group_admin).toBeGreaterThan(ROLE_RANK.company_manager);
    expect(ROLE_RANK.company_manager).toBeGreaterThan(ROLE_RANK.office_manager);
    expect(ROLE_RANK.office_manager).toBeGreaterThan(ROLE_RANK.cashier);
    expect(ROLE_RANK.cashier).toBe(ROLE_RANK.technician);
  });
});

describe('isRole', () => {
  it('accepts only known role names', () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole('')).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(isRole(1)).toBe(false);
  });
});

describe('roleHas (deny by default)', () => {
  it('managers have everything', () => {
    for (const p of PERMISSIONS) expect(roleHas('group_admin', p)).toBe(true);
  });
  it('front-line roles have only what is listed', () => {
    expect(roleHas('cashier', 'unit:read')).toBe(true);
    expect(roleHas('cashier', 'unit:write')).toBe(false);
    expect(roleHas('technician', 'party:read')).toBe(false);
    expect(roleHas('meter_reader', 'grant:write')).toBe(false);
    expect(roleHas('customer_service', 'binding:write')).toBe(true);
    expect(roleHas('customer_service', 'grant:write')).toBe(false);
  });
});

describe('canGrantRole', () => {
  it('managers grant roles of equal or lower rank', () => {
    expect(canGrantRole('group_admin', 'group_admin')).toBe(true);
    expect(canGrantRole('group_admin', 'company_manager')).toBe(true);
    expect(canGrantRole('company_manager', 'office_manager')).toBe(true);
    expect(canGrantRole('office_manager', 'office_manager')).toBe(true);
    expect(canGrantRole('office_manager', 'cashier')).toBe(true);
  });
  it('nobody grants a higher-ranked role', () => {
    expect(canGrantRole('company_manager', 'group_admin')).toBe(false);
    expect(canGrantRole('office_manager', 'company_manager')).toBe(false);
    expect(canGrantRole('office_manager', 'group_admin')).toBe(false);
  });
  it('roles without grant:write grant nothing, not even peers', () => {
    for (const granter of ['customer_service', 'cashier', 'technician', 'meter_reader'] as const) {
      for (const target of ROLES) expect(canGrantRole(granter, target)).toBe(false);
    }
  });
  it('property: no role can grant a higher-ranked role, and granting needs grant:write', () => {
    fc.assert(
      fc.property(role, role, (granter, target) => {
        if (canGrantRole(granter, target)) {
          expect(ROLE_RANK[target]).toBeLessThanOrEqual(ROLE_RANK[granter]);
          expect(roleHas(granter, 'grant:write')).toBe(true);
        }
        if (ROLE_RANK[target] > ROLE_RANK[granter]) expect(canGrantRole(granter, target)).toBe(false);
      }),
    );
  });
  it('property: exhaustively, for every pair, grant ⇔ (grant:write ∧ rank(target) ≤ rank(granter))', () => {
    for (const granter of ROLES) {
      for (const target of ROLES) {
        expect(canGrantRole(granter, target)).toBe(
          roleHas(granter, 'grant:write') && ROLE_RANK[target] <= ROLE_RANK[granter],
        );
      }
    }
  });
});
