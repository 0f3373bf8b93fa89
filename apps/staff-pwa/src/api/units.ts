// Units 房屋, invite codes for residents and resident bindings.
import { get, patch, post, type Query, seg } from './http';
import type { Binding, Invite, PageQuery, Paged, Relation, Unit, UnitDetail, UnitInput, UnitState, UnitType } from './types';

export interface UnitQuery extends PageQuery {
  estateId?: string;
  buildingId?: string;
  type?: UnitType;
  state?: UnitState;
}

export const listUnits = (query: UnitQuery = {}) => get<Paged<Unit>>('/api/units', query as Query);

/** Every unit of a building, following the pages (a tower can hold hundreds). */
export async function listAllUnitsOfBuilding(buildingId: string): Promise<Unit[]> {
  const pageSize = 100;
  const all: Unit[] = [];
  for (let page = 1; ; page++) {
    const res = await listUnits({ buildingId, page, pageSize });
    all.push(...res.items);
    if (res.items.length === 0 || all.length >= res.total || page * res.pageSize >= res.total) return all;
  }
}

export const getUnit = (id: string) => get<UnitDetail>(`/api/units/${seg(id)}`);
export const updateUnit = (id: string, input: Partial<Omit<UnitInput, 'buildingId'>>) =>
  patch<Unit>(`/api/units/${seg(id)}`, input);

export const createInvite = (unitId: string, relation: Relation) =>
  post<Invite>(`/api/units/${seg(unitId)}/invites`, { relation });

export const listBindings = (unitId: string) => get<{ items: Binding[] }>(`/api/units/${seg(unitId)}/bindings`);
export const revokeBinding = (bindingId: string) => post<Binding>(`/api/bindings/${seg(bindingId)}/revoke`);
