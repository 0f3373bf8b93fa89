/**
 * The response shapes of docs/api.md. When `@pm/api/client` (hc over the API's AppType) lands, these are
 * replaced by types inferred from the client (see ./http.ts); until then they are the contract.
 */
import type { Permission, Role } from '@pm/domain';

export type NodeKind = 'group' | 'company' | 'office' | 'estate';
export type EstateKind = 'residential' | 'commercial' | 'mixed';
export type UnitType = 'residential' | 'shop' | 'office' | 'parking' | 'storage';
export type UnitState = 'vacant' | 'occupied' | 'renovating';
export type Relation = 'owner' | 'tenant' | 'family';
export type PartyKind = 'person' | 'company';

export const UNIT_TYPES: readonly UnitType[] = ['residential', 'shop', 'office', 'parking', 'storage'];
export const UNIT_STATES: readonly UnitState[] = ['vacant', 'occupied', 'renovating'];
export const RELATIONS: readonly Relation[] = ['owner', 'tenant', 'family'];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  q?: string;
}

export interface Grant {
  id: string;
  staffId?: string;
  role: Role;
  nodeId: string;
  nodeName: string;
  nodeKind: NodeKind;
}

export interface Me {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  homeNodeId: string;
  grants: Grant[];
  permissions: Permission[];
}

export interface OrgNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  name: string;
  path: string[];
}

export interface Estate {
  id: string;
  officeId: string;
  officeName: string;
  name: string;
  kind: EstateKind;
  address: string;
  buildingCount: number;
  unitCount: number;
}

export interface Building {
  id: string;
  estateId: string;
  estateName: string;
  name: string;
  floors: number;
  unitCount: number;
}

export interface Unit {
  id: string;
  estateId: string;
  estateName: string;
  buildingId: string;
  buildingName: string;
  number: string;
  floor: number;
  /** Decimal string, m². */
  buildingArea: string;
  insideArea: string | null;
  type: UnitType;
  state: UnitState;
  owners: { partyId: string; name: string }[];
}

export interface Occupancy {
  id: string;
  unitId: string;
  partyId: string;
  partyName: string;
  partyPhone: string | null;
  relation: Relation;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
}

export interface UnitDetail extends Unit {
  occupancies: Occupancy[];
}

export interface UnitInput {
  buildingId: string;
  number: string;
  floor: number;
  buildingArea: string;
  insideArea?: string | null;
  type: UnitType;
  state: UnitState;
}

export interface Invite {
  code: string;
  expiresAt: string;
  unitId: string;
  relation: Relation;
}

export interface Binding {
  id: string;
  residentId: string;
  phone: string;
  relation: Relation;
  via: 'invite' | 'match' | 'seed';
  createdAt: string;
  revokedAt: string | null;
}

export interface Party {
  id: string;
  kind: PartyKind;
  name: string;
  phone: string | null;
  /** Masked by the API: '110***********1234'. */
  idNumber: string | null;
  orgNodeId: string;
}

export interface PartyInput {
  kind: PartyKind;
  name: string;
  phone?: string;
  idNumber?: string;
  orgNodeId: string;
}

export interface OccupancyInput {
  unitId: string;
  partyId: string;
  relation: Relation;
  startDate: string;
  endDate?: string;
}

export interface Staff {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  homeNodeId: string;
  active: boolean;
  grants: Grant[];
}

export interface StaffInput {
  username: string;
  name: string;
  phone?: string;
  password: string;
  homeNodeId: string;
}

export interface ImportSummary {
  rows: number;
  valid: number;
  invalid: number;
  newEstates: number;
  newBuildings: number;
  newUnits: number;
  newParties: number;
}

export interface ImportRow {
  row: number;
  estate?: string;
  building?: string;
  number?: string;
  errors: string[];
  [field: string]: unknown;
}

export interface ImportPreview {
  ok: boolean;
  summary: ImportSummary;
  rows: ImportRow[];
}
