/**
 * The resident API's shapes, as docs/api.md describes them. When `@pm/api/client` (hc<AppType>) is
 * available these are what its responses infer to; until then the screens and stores use these.
 */
export type Relation = 'owner' | 'tenant' | 'family';
export type UnitType = 'residential' | 'shop' | 'office' | 'parking' | 'storage';

export interface ResidentUnit {
  bindingId: string;
  unitId: string;
  relation: Relation;
  estateName: string;
  buildingName: string;
  number: string;
  /** Decimal string in m², e.g. "89.37". */
  buildingArea: string;
  type: UnitType;
}

export interface ResidentMe {
  id: string;
  phone: string;
  /** Empty until the resident has a name on record. */
  name: string;
  units: ResidentUnit[];
}

export interface SendCodeResult {
  sent: true;
  expiresInSeconds: number;
}

export interface EstateOption {
  id: string;
  name: string;
}

export interface MatchInput {
  estateId: string;
  buildingName: string;
  unitNumber: string;
  ownerName: string;
}

export interface Items<T> {
  items: T[];
}
