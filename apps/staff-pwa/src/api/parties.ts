// Parties 客户 and their occupancies of units.
import { get, patch, post, type Query, seg } from './http';
import type { Occupancy, OccupancyInput, PageQuery, Paged, Party, PartyInput } from './types';

export const listParties = (query: PageQuery = {}) => get<Paged<Party>>('/api/parties', query as Query);
export const createParty = (input: PartyInput) => post<Party>('/api/parties', input);

export const listOccupancies = (query: { unitId?: string; partyId?: string }) =>
  get<{ items: Occupancy[] }>('/api/occupancies', query);
export const createOccupancy = (input: OccupancyInput) => post<Occupancy>('/api/occupancies', input);
export const endOccupancy = (id: string, endDate: string) => patch<Occupancy>(`/api/occupancies/${seg(id)}`, { endDate });
