/**
 * The shapes the staff app works with, inferred from the API's routes through the typed client: when
 * a route's schema changes, vue-tsc points at every screen that has to follow. Only the client-side
 * helpers (Paged, the enum lists) are written by hand.
 */
import type { ApiClient } from '@pm/api/client';
import type { InferRequestType, InferResponseType } from 'hono/client';

type Ok<T> = InferResponseType<T, 200>;
type Json<T> = InferRequestType<T> extends { json: infer J } ? J : never;

export interface Paged<T> {
  items: T[];
  total: number;
  /** true: there are more than `total` (the API caps big counts). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  q?: string;
}

export type Me = Ok<ApiClient['me']['$get']>;
export type MeGrant = Me['grants'][number];

export type OrgNode = Ok<ApiClient['org']['nodes'][':id']['$get']>;
export type NodeKind = OrgNode['kind'];
export type Estate = Ok<ApiClient['estates'][':id']['$get']>;
export type Building = Ok<ApiClient['buildings'][':id']['$get']>;

export type UnitDetail = Ok<ApiClient['units'][':id']['$get']>;
export type Unit = Ok<ApiClient['units']['$get']>['items'][number];
export type UnitType = Unit['type'];
export type UnitState = Unit['state'];
export type UnitPatch = Json<ApiClient['units'][':id']['$patch']>;
export type Occupancy = UnitDetail['occupancies'][number];
export type Relation = Occupancy['relation'];
export type OccupancyInput = Json<ApiClient['occupancies']['$post']>;
export type Invite = Ok<ApiClient['units'][':id']['invites']['$post']>;
export type Binding = Ok<ApiClient['units'][':id']['bindings']['$get']>['items'][number];

export type Party = Ok<ApiClient['parties'][':id']['$get']>;
export type PartyKind = Party['kind'];
export type PartyInput = Json<ApiClient['parties']['$post']>;

export type Staff = Ok<ApiClient['staff'][':id']['$get']>;
export type Grant = Staff['grants'][number];
export type StaffInput = Json<ApiClient['staff']['$post']>;
export type StaffPatch = Json<ApiClient['staff'][':id']['$patch']>;
export type GrantInput = Json<ApiClient['grants']['$post']>;

export type ImportPreview = Ok<ApiClient['imports']['units']['preview']['$post']>;
export type ImportRow = ImportPreview['rows'][number];
export type ImportSummary = ImportPreview['summary'];

export const UNIT_TYPES = ['residential', 'shop', 'office', 'parking', 'storage'] as const satisfies readonly UnitType[];
export const UNIT_STATES = ['vacant', 'occupied', 'renovating'] as const satisfies readonly UnitState[];
export const RELATIONS = ['owner', 'tenant', 'family'] as const satisfies readonly Relation[];
