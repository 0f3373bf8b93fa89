// Units 房屋, invite codes for residents and resident bindings.
import { api, ok, query } from './client';
import type { PageQuery, Relation, Unit, UnitPatch, UnitState, UnitType } from './types';

export interface UnitQuery extends PageQuery {
  estateId?: string;
  buildingId?: string;
  type?: UnitType;
  state?: UnitState;
}

export const listUnits = (q: UnitQuery = {}) => ok(api.units.$get({ query: query(q) }));

/** Every unit of a building, following the pages (a tower can hold hundreds). */
export async function listAllUnitsOfBuilding(buildingId: string): Promise<Unit[]> {
  const pageSize = 200;
  const all: Unit[] = [];
  for (let page = 1; ; page++) {
    const res = await listUnits({ buildingId, page, pageSize });
    all.push(...res.items);
    if (res.items.length < pageSize || (!res.totalCapped && all.length >= res.total)) return all;
  }
}

export const getUnit = (id: string) => ok(api.units[':id'].$get({ param: { id } }));
export const updateUnit = (id: string, patch: UnitPatch) => ok(api.units[':id'].$patch({ param: { id }, json: patch }));

export const createInvite = (unitId: string, relation: Relation) =>
  ok(api.units[':id'].invites.$post({ param: { id: unitId }, json: { relation } }));

export const listBindings = (unitId: string) => ok(api.units[':id'].bindings.$get({ param: { id: unitId } }));
export const revokeBinding = (bindingId: string) => ok(api.bindings[':id'].revoke.$post({ param: { id: bindingId } }));
