// Parties 客户 and their occupancies of units.
import { api, ok, query } from './client';
import type { OccupancyInput, PageQuery, PartyInput } from './types';

export const listParties = (q: PageQuery = {}) => ok(api.parties.$get({ query: query(q) }));
export const createParty = (input: PartyInput) => ok(api.parties.$post({ json: input }));

export const listOccupancies = (q: { unitId?: string; partyId?: string }) => ok(api.occupancies.$get({ query: query(q) }));
export const createOccupancy = (input: OccupancyInput) => ok(api.occupancies.$post({ json: input }));
export const endOccupancy = (id: string, endDate: string) => ok(api.occupancies[':id'].$patch({ param: { id }, json: { endDate } }));
