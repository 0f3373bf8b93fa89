import { ROLE_PERMISSIONS } from '@pm/domain';
import { describe, expect, it } from 'vitest';
import { TILES, tilesFor } from './tiles';

const keys = (perms: Parameters<typeof tilesFor>[0]) => tilesFor(perms).map((t) => t.key);

describe('home tiles', () => {
  it('follow the role table of @pm/domain', () => {
    expect(keys(ROLE_PERMISSIONS.office_manager)).toEqual(['property', 'unit-search', 'reading', 'meter-admin', 'cashier', 'billing', 'reports', 'reminders', 'notices', 'ledger', 'wo-board', 'wo-new', 'wo-tech', 'wo-kpi', 'wo-settings', 'staff', 'import']);
    expect(keys(ROLE_PERMISSIONS.customer_service)).toEqual(['property', 'unit-search', 'meter-admin', 'reminders', 'notices', 'wo-board', 'wo-new']);
    expect(keys(ROLE_PERMISSIONS.technician)).toEqual(['property', 'unit-search', 'reading', 'wo-tech']);
    expect(keys(ROLE_PERMISSIONS.meter_reader)).toEqual(['property', 'unit-search', 'reading']);
    expect(keys(ROLE_PERMISSIONS.cashier)).toEqual(['property', 'unit-search', 'cashier', 'reminders']);
  });

  it('deny by default: no permissions, no tiles', () => {
    expect(keys([])).toEqual([]);
    expect(keys(new Set())).toEqual([]);
  });

  it('accept a Set as well as a list', () => {
    expect(keys(new Set(['import:write'] as const))).toEqual(['import']);
  });

  it('every tile names a permission and a unique key', () => {
    expect(new Set(TILES.map((t) => t.key)).size).toBe(TILES.length);
    for (const t of TILES) expect(t.anyOf.length).toBeGreaterThan(0);
  });
});
