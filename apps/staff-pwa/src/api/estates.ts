// Estates 项目/小区 and their buildings 楼栋.
import { get, type Query, seg } from './http';
import type { Building, Estate, PageQuery, Paged } from './types';

export const listEstates = (query: PageQuery & { officeId?: string } = {}) =>
  get<Paged<Estate>>('/api/estates', query as Query);
export const getEstate = (id: string) => get<Estate>(`/api/estates/${seg(id)}`);

export const listBuildings = (query: PageQuery & { estateId?: string } = {}) =>
  get<Paged<Building>>('/api/buildings', query as Query);
export const getBuilding = (id: string) => get<Building>(`/api/buildings/${seg(id)}`);
