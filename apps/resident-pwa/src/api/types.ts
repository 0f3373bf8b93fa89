/**
 * The resident API's shapes, inferred from the API's own route types through the typed client, so a
 * change in apps/api shows up here as a type error rather than at run time.
 */
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api } from './client';

type R = typeof api.resident;

export type ResidentMe = InferResponseType<R['me']['$get'], 200>;
export type ResidentUnit = ResidentMe['units'][number];
export type Relation = ResidentUnit['relation'];
export type UnitType = ResidentUnit['type'];
export type SendCodeResult = InferResponseType<R['auth']['code']['$post'], 200>;
export type EstateOption = InferResponseType<R['estates']['$get'], 200>['items'][number];
export type MatchInput = InferRequestType<R['bindings']['match']['$post']>['json'];

export interface Items<T> {
  items: T[];
}
