// Estates 项目/小区 and their buildings 楼栋.
import { api, ok, query } from './client';
import type { PageQuery } from './types';

export const listEstates = (q: PageQuery & { officeId?: string } = {}) => ok(api.estates.$get({ query: query(q) }));
export const getEstate = (id: string) => ok(api.estates[':id'].$get({ param: { id } }));

export const listBuildings = (q: PageQuery & { estateId?: string } = {}) => ok(api.buildings.$get({ query: query(q) }));
export const getBuilding = (id: string) => ok(api.buildings[':id'].$get({ param: { id } }));
